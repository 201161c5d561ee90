// The three catalogs in extension/_locales say the same things: English is
// the source, and Dutch and French have the same messages, each with the
// same placeholders standing for the same substitutions. A message missing
// in one language would show empty (or in English) there; a placeholder
// lost in translation would drop the number or name it stands for.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const LOCALES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../extension/_locales');
const catalog = (language) => JSON.parse(fs.readFileSync(path.join(LOCALES, language, 'messages.json'), 'utf8'));
const SOURCE = 'en';
const TRANSLATIONS = ['nl', 'fr'];
const en = catalog(SOURCE);

/**
 * What a message's substitutions are: its named placeholders with the
 * positional argument each stands for, and the positional arguments the
 * message uses directly.
 */
function substitutions({ message, placeholders = {} }) {
  const named = [...message.matchAll(/\$([\w@]+)\$/g)].map(([, name]) => name.toLowerCase());
  return {
    named: Object.fromEntries([...new Set(named)].sort().map((name) => [name, placeholders[name]?.content])),
    positional: [...message.replaceAll(/\$[\w@]+\$/g, '').matchAll(/\$(\d)/g)].map(([, n]) => n).sort(),
  };
}

test('the catalogs are the languages Schild speaks, English the default', () => {
  assert.deepEqual(fs.readdirSync(LOCALES).sort(), [SOURCE, ...TRANSLATIONS].sort());
  const manifest = JSON.parse(fs.readFileSync(path.join(LOCALES, '../../manifest.json'), 'utf8'));
  assert.equal(manifest.default_locale, SOURCE);
});

test('every message names only placeholders it defines, and uses every one it defines', () => {
  for (const language of [SOURCE, ...TRANSLATIONS]) {
    for (const [key, entry] of Object.entries(catalog(language))) {
      assert.ok(typeof entry.message === 'string' && entry.message.trim() !== '', `${language} ${key}: no message`);
      const { named } = substitutions(entry);
      for (const [name, content] of Object.entries(named)) {
        assert.match(content ?? '', /^\$\d$/, `${language} ${key}: $${name.toUpperCase()}$ is not defined as one of $1…$9`);
      }
      const defined = Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase());
      assert.deepEqual(defined.sort(), Object.keys(named), `${language} ${key}: placeholders defined but not used`);
    }
  }
});

for (const language of TRANSLATIONS) {
  test(`${language} has every English message, and no other`, () => {
    const translated = catalog(language);
    assert.deepEqual(
      Object.keys(en).filter((key) => !(key in translated)),
      [],
      `missing in ${language}`,
    );
    assert.deepEqual(
      Object.keys(translated).filter((key) => !(key in en)),
      [],
      `in ${language} but not in English`,
    );
  });

  test(`${language} messages have the same placeholders as the English, for the same substitutions`, () => {
    const translated = catalog(language);
    for (const [key, entry] of Object.entries(en)) {
      if (!(key in translated)) continue; // reported by the test above
      assert.deepEqual(substitutions(translated[key]), substitutions(entry), `${language} ${key}`);
    }
  });
}
