// The store kit (tools/store.sh → dist/store/): runs the same builder into a
// folder of its own and checks what the Chrome Web Store and
// addons.mozilla.org will be given: every text in en, nl and fr (and not an
// English copy), the summaries within the stores' limits, 1280×800
// screenshots in each language that differ by language, the icons and the
// promo tile at the sizes the stores ask for, and that the extension's
// committed icons are still what extension/icons/schild.svg draws.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { EXTENSION_ICONS, extensionIconFile, iconDrift } from '../../tools/store/icons.mjs';
import { SCREENSHOTS, STORE_LANGUAGES, SUMMARY_LIMIT } from '../../tools/store/listing.mjs';
import { STORE_ICONS, writeStore } from '../../tools/store/store.mjs';
import { launchBrowser, ROOT } from './harness.mjs';

const STORES = ['chrome', 'firefox'];
let out;

before(async () => {
  out = await writeStore(fs.mkdtempSync(path.join(os.tmpdir(), 'schild-store-')));
});

after(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(file) {
  const data = fs.readFileSync(file);
  assert.equal(data.toString('latin1', 1, 4), 'PNG', `${file} is a PNG`);
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

const listingOf = (store, lang) => JSON.parse(fs.readFileSync(path.join(out, store, lang, 'listing.json'), 'utf8'));

test('every listing text exists in en, nl and fr, translated, within the stores’ limits', () => {
  for (const store of STORES) {
    const english = listingOf(store, 'en');
    for (const lang of STORE_LANGUAGES) {
      const text = listingOf(store, lang);
      for (const field of ['name', 'summary', 'description', 'singlePurpose', 'privacy', 'remoteCode']) {
        assert.ok(text[field]?.trim(), `${store} ${lang} ${field}`);
        if (lang !== 'en' && field !== 'name') assert.notEqual(text[field], english[field], `${store} ${lang} ${field} is not the English text`);
      }
      for (const list of ['permissions', 'hosts', 'exposedFiles']) {
        assert.deepEqual(text[list].map(({ item }) => item), english[list].map(({ item }) => item), `${store} ${lang} ${list}`);
        for (const { item, reason } of text[list]) {
          assert.ok(reason.trim(), `${store} ${lang}: why ${item}`);
          if (lang !== 'en') assert.notEqual(reason, english[list].find((entry) => entry.item === item).reason, `${lang}: why ${item} is translated`);
        }
      }
      assert.deepEqual(Object.keys(text.captions), Object.keys(SCREENSHOTS));
      assert.ok(text.summary.length <= SUMMARY_LIMIT[store], `${store} ${lang} summary: ${text.summary.length} characters`);
      const page = fs.readFileSync(path.join(out, store, lang, 'listing.md'), 'utf8');
      for (const part of [text.summary, text.description, text.privacy, ...Object.values(text.captions)]) assert.ok(page.includes(part), `${store} ${lang} listing.md`);
      if (store === 'chrome') assert.ok(page.includes(text.singlePurpose) && page.includes(text.remoteCode), 'the privacy tab’s answers');
    }
  }
});

test('1280×800 screenshots in each language, one per view, differing by language', () => {
  for (const store of STORES) {
    for (const name of Object.keys(SCREENSHOTS)) {
      const bytes = {};
      for (const lang of STORE_LANGUAGES) {
        const file = path.join(out, store, lang, 'screenshots', `${name}.png`);
        assert.deepEqual(pngSize(file), { width: 1280, height: 800 }, `${store} ${lang} ${name}`);
        bytes[lang] = fs.readFileSync(file);
      }
      assert.ok(!bytes.nl.equals(bytes.en) && !bytes.fr.equals(bytes.en) && !bytes.nl.equals(bytes.fr), `${name} shows each language`);
    }
  }
});

test('the stores’ icons and the Chrome promo tile at the sizes asked for', () => {
  for (const [store, icons] of Object.entries(STORE_ICONS)) {
    for (const [file, [size]] of Object.entries(icons)) assert.deepEqual(pngSize(path.join(out, store, file)), { width: size, height: size }, `${store}/${file}`);
  }
  assert.deepEqual(pngSize(path.join(out, 'chrome', 'promo-small-440x280.png')), { width: 440, height: 280 });
});

test('the extension’s icons are in its manifest and still what the SVG draws', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
  assert.deepEqual(Object.keys(manifest.icons).map(Number).sort((a, b) => a - b), Object.keys(EXTENSION_ICONS).map(Number));
  for (const [size, file] of [...Object.entries(manifest.icons), ...Object.entries(manifest.action.default_icon)]) {
    assert.equal(path.join(ROOT, 'extension', file), extensionIconFile(size));
    assert.deepEqual(pngSize(extensionIconFile(size)), { width: Number(size), height: Number(size) });
  }
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.setContent('<!doctype html><title>icons</title>');
    for (const [size, padding] of Object.entries(EXTENSION_ICONS)) {
      const drift = await iconDrift(page, fs.readFileSync(extensionIconFile(size)), Number(size), padding);
      assert.ok(drift <= 8, `extension/icons/schild-${size}.png differs from the SVG by ${drift}/255: run tools/store.sh icons`);
    }
  } finally {
    await browser.close();
  }
});
