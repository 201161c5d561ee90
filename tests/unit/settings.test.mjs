// Which helplines a user gets before choosing a region: from the browser's
// languages (extension/shared/settings.js). Plain Node, no browser needed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { regionFromLanguages } from '../../extension/shared/settings.js';

test('a language with a country decides the region', () => {
  assert.equal(regionFromLanguages(['nl-BE', 'nl', 'en']), 'be_nl');
  assert.equal(regionFromLanguages(['fr-BE']), 'be_fr');
  assert.equal(regionFromLanguages(['nl-NL']), 'nl');
  assert.equal(regionFromLanguages(['fr-FR', 'fr']), 'fr');
  assert.equal(regionFromLanguages(['en-GB']), 'uk');
  assert.equal(regionFromLanguages(['en-US']), 'us');
});

test("Chrome's plain UI language after the page's: the first language with a country wins", () => {
  // navigator.languages of a Flemish user, then chrome.i18n's "nl".
  assert.equal(regionFromLanguages(['nl', 'nl-BE', 'nl']), 'be_nl');
  assert.equal(regionFromLanguages(['de-BE', 'fr-BE']), 'be_fr', 'German in Belgium has no helplines of its own here');
});

test('without a country: Dutch and French go to their countries, the rest to international help', () => {
  assert.equal(regionFromLanguages(['nl']), 'nl');
  assert.equal(regionFromLanguages(['fr']), 'fr');
  assert.equal(regionFromLanguages(['de-DE', 'en']), 'intl');
  assert.equal(regionFromLanguages(['en']), 'intl');
  assert.equal(regionFromLanguages([]), 'intl');
  assert.equal(regionFromLanguages(['', undefined]), 'intl');
});
