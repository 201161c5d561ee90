// Settings without a browser (extension/shared/settings.js): how the user's
// choices and an organisation's policy merge, what counts as valid, the
// policy schema, and which helplines a user gets before choosing a region.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  canChange,
  DEFAULTS,
  effectiveSettings,
  isProtected,
  managedSchema,
  POLICY_ONLY,
  regionFromLanguages,
  SETTINGS,
  SITE_SWITCHES,
  validSettings,
} from '../../extension/shared/settings.js';

test('defaults: balanced, for children, reveal after a question, every site protected', () => {
  const settings = effectiveSettings(undefined, {}, ['nl-BE']);
  assert.equal(settings.sensitivity, 'balanced');
  assert.equal(settings.audience, 'child');
  assert.equal(settings.revealPolicy, 'confirm');
  assert.equal(settings.region, 'be_nl', 'auto resolves from the languages');
  assert.equal(settings.chosen.region, 'auto');
  assert.deepEqual(settings.sites, Object.fromEntries(SITE_SWITCHES.map((name) => [name, true])));
  assert.ok(['youtube', 'youtubeShorts', 'instagram'].every((name) => SITE_SWITCHES.includes(name)));
  assert.deepEqual(settings.managed, []);
  assert.equal(settings.lockSettings, false);
});

test('policy overrides the user and says what it set', () => {
  const local = { sensitivity: 'relaxed', revealPolicy: 'always', sites: { instagram: false, youtubeShorts: false } };
  const policy = { sensitivity: 'strict', sites: { youtubeShorts: true }, disableReveal: true };
  const settings = effectiveSettings(local, policy, ['en-US']);
  assert.equal(settings.sensitivity, 'strict');
  assert.equal(settings.revealPolicy, 'never', 'disableReveal wins over the user');
  assert.equal(settings.sites.youtubeShorts, true);
  assert.equal(settings.sites.instagram, false, 'what policy did not set stays the user’s');
  assert.deepEqual(settings.managed.sort(), ['sensitivity', 'sites.youtubeShorts']);
  assert.equal(canChange(settings, 'sensitivity'), false);
  assert.equal(canChange(settings, 'sites.instagram'), true);
  assert.equal(canChange(effectiveSettings({}, { lockSettings: true }, []), 'audience'), false);
});

test('invalid values are dropped, never thrown on', () => {
  assert.deepEqual(validSettings({ sensitivity: 'paranoid', audience: 'teen', sites: { youtube: 'no', 'no-such-site': false }, extra: 1 }), {
    audience: 'teen',
  });
  assert.deepEqual(validSettings(null), {});
  assert.deepEqual(validSettings('strict'), {});
  assert.equal(validSettings({ region: null }).region, 'auto', 'settings from before "auto" stored null');
  const settings = effectiveSettings({ revealPolicy: 42 }, { lockSettings: 'yes', sensitivity: ['strict'] }, []);
  assert.equal(settings.revealPolicy, 'confirm');
  assert.equal(settings.sensitivity, 'balanced');
  assert.equal(settings.lockSettings, false);
});

test('a site’s parts are protected only while the site is', () => {
  const sites = (switches) => effectiveSettings({ sites: switches }, {}, []);
  assert.equal(isProtected(sites({}), 'youtube', 'youtubeShorts'), true);
  assert.equal(isProtected(sites({ youtubeShorts: false }), 'youtube', 'youtubeShorts'), false);
  assert.equal(isProtected(sites({ youtubeShorts: false }), 'youtube', null), true);
  assert.equal(isProtected(sites({ youtube: false }), 'youtube', 'youtubeLiveChat'), false);
  assert.equal(isProtected(sites({ youtube: false }), 'instagram', null), true);
});

test('the policy schema covers every setting and policy-only switch', () => {
  const schema = managedSchema();
  assert.deepEqual(Object.keys(schema.properties).sort(), [...Object.keys(SETTINGS), ...Object.keys(POLICY_ONLY)].sort());
  assert.deepEqual(schema.properties.sensitivity, { type: 'string', enum: ['relaxed', 'balanced', 'strict'] });
  assert.deepEqual(Object.keys(schema.properties.sites.properties), Object.keys(DEFAULTS.sites));
  assert.deepEqual(schema.properties.lockSettings, { type: 'boolean' });
});

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
