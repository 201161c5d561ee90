// Everything the two stores ask for besides the package, in dist/store/:
//
//   chrome/icon-128.png, chrome/promo-small-440x280.png
//   chrome/<lang>/listing.md, listing.json, screenshots/*.png     (en, nl, fr)
//   firefox/icon-{32,64,128}.png
//   firefox/<lang>/listing.md, listing.json, screenshots/*.png
//
// Texts come from the extension's messages (tools/store/listing.mjs), icons
// from extension/icons/schild.svg (tools/store/icons.mjs), screenshots from
// the fixture pages with the built extension (tools/store/screenshots.mjs).
//
//   node tools/store/store.mjs [--out DIR]   (tools/store.sh builds first)
//   node tools/store/store.mjs icons         draws extension/icons/*.png again
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './browser.mjs';
import { EXTENSION_ICONS, extensionIconFile, renderIcon, renderPromoTile, writeExtensionIcons } from './icons.mjs';
import { listing, listingMarkdown, STORE_LANGUAGES, SUMMARY_LIMIT } from './listing.mjs';
import { takeScreenshots } from './screenshots.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The icons each store takes: file → [size, padding]. */
export const STORE_ICONS = {
  chrome: { 'icon-128.png': [128, EXTENSION_ICONS[128]] },
  firefox: { 'icon-32.png': [32, 0], 'icon-64.png': [64, 0], 'icon-128.png': [128, EXTENSION_ICONS[128]] },
};

/** A page to draw in, from a browser the caller closes. */
async function drawingPage(browser) {
  const page = await browser.context.newPage();
  await page.setContent('<!doctype html><title>icons</title>');
  return page;
}

export async function writeStore(out = path.join(ROOT, 'dist', 'store')) {
  fs.rmSync(out, { recursive: true, force: true });
  const write = (file, bytes) => {
    fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    fs.writeFileSync(path.join(out, file), bytes);
  };

  for (const lang of STORE_LANGUAGES) {
    const text = listing(lang);
    for (const store of ['chrome', 'firefox']) {
      if (text.summary.length > SUMMARY_LIMIT[store]) {
        throw new Error(`extDescription (${lang}) has ${text.summary.length} characters; ${store} takes ${SUMMARY_LIMIT[store]}`);
      }
      write(`${store}/${lang}/listing.md`, listingMarkdown(store, lang, text));
      write(`${store}/${lang}/listing.json`, `${JSON.stringify(text, null, 2)}\n`);
    }
    for (const [name, png] of Object.entries(await takeScreenshots(lang))) {
      for (const store of ['chrome', 'firefox']) write(`${store}/${lang}/screenshots/${name}.png`, png);
    }
  }

  const browser = await launchBrowser();
  try {
    const page = await drawingPage(browser);
    for (const [store, icons] of Object.entries(STORE_ICONS)) {
      for (const [file, [size, padding]] of Object.entries(icons)) write(`${store}/${file}`, await renderIcon(page, size, padding));
    }
    write('chrome/promo-small-440x280.png', await renderPromoTile(page));
  } finally {
    await browser.close();
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'icons') {
    const browser = await launchBrowser();
    try {
      await writeExtensionIcons(await drawingPage(browser));
    } finally {
      await browser.close();
    }
    console.log(`extension/icons: ${Object.keys(EXTENSION_ICONS).map((size) => path.basename(extensionIconFile(size))).join(', ')}`);
  } else if (command === undefined || command === '--out') {
    const out = await writeStore(command === '--out' ? path.resolve(args[0]) : undefined);
    console.log(`store listings, screenshots and icons: ${path.relative(process.cwd(), out) || out}/`);
  } else {
    console.error('usage: node tools/store/store.mjs [--out DIR] | icons');
    process.exit(2);
  }
}
