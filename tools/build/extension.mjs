// Assembles the loadable extensions from extension/, manifest.json and the
// wasm that tools/build.sh has just built:
//
//   dist/chrome/   dist/schild-chrome-<version>.zip    (Chrome, Edge, Brave)
//   dist/firefox/  dist/schild-firefox-<version>.zip
//
// (The site: site.mjs. The source zip for addons.mozilla.org's reviewers:
// source-zip.mjs.)
//
// One manifest.json serves both browsers; each build drops the keys the other
// browser needs (Chromium's service worker, Firefox's background scripts and
// gecko settings), so neither shows warnings.
import { build } from 'esbuild';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { managedSchema } from '../../extension/shared/settings.js';
import { zipDirectory } from './zip.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
const wasmDir = path.join(root, 'target', 'wasm-bindgen');
const manifest = JSON.parse(await fs.readFile(path.join(root, 'manifest.json'), 'utf8'));

/** Script entry points, bundled into one classic script each. */
const ENTRIES = {
  'content.js': 'extension/content/main.js',
  'background.js': 'extension/background/service-worker.js',
  'popup.js': 'extension/popup/popup.js',
  'learn.js': 'extension/learn/learn.js',
  'options.js': 'extension/options/options.js',
};

/** Files copied as they are: destination → source. */
const STATIC_FILES = {
  'content.css': 'extension/content/content.css',
  'pages.css': 'extension/shared/pages.css',
  'popup.html': 'extension/popup/popup.html',
  'popup.css': 'extension/popup/popup.css',
  'learn.html': 'extension/learn/learn.html',
  'learn.css': 'extension/learn/learn.css',
  'options.html': 'extension/options/options.html',
  'options.css': 'extension/options/options.css',
  '_locales': 'extension/_locales',
  'icons': 'extension/icons',
  'wasm/schild_bg.wasm': 'target/wasm-bindgen/schild_bg.wasm',
};

const BROWSERS = {
  chrome(m) {
    delete m.background.scripts;
    delete m.browser_specific_settings;
    return m;
  },
  firefox(m) {
    delete m.background.service_worker;
    delete m.minimum_chrome_version;
    // Firefox takes policy for extensions without a schema (policies.json).
    delete m.storage;
    return m;
  },
};

/**
 * 'schild-locales': the _locales catalogs for the `uiLanguage` setting
 * (extension/shared/i18n.js), without the translators' descriptions, and
 * for the content script (which runs in every YouTube frame) only the
 * messages the card uses.
 */
function localesPlugin(wanted = () => true) {
  return {
    name: 'schild-locales',
    setup(builder) {
      builder.onResolve({ filter: /^schild-locales$/ }, () => ({ path: 'schild-locales', namespace: 'schild-locales' }));
      builder.onLoad({ filter: /.*/, namespace: 'schild-locales' }, async () => {
        const dir = path.join(root, 'extension', '_locales');
        const catalogs = {};
        for (const language of await fs.readdir(dir)) {
          const messages = JSON.parse(await fs.readFile(path.join(dir, language, 'messages.json'), 'utf8'));
          catalogs[language] = Object.fromEntries(
            Object.entries(messages)
              .filter(([key]) => wanted(key))
              .map(([key, { message, placeholders }]) => [key, placeholders ? { message, placeholders } : { message }]),
          );
        }
        return { contents: JSON.stringify(catalogs), loader: 'json' };
      });
    },
  };
}

/** The messages the content script's card shows (card.js, help-list.js). */
const CARD_MESSAGES = /^(card|reason|tip|help|region_|uiLanguage$)/;

/**
 * Bundles the scripts. package.json declares the sources free of side
 * effects on import ("sideEffects": false), so a page that imports SITES
 * alone (through settings.js) leaves out the site adapters that
 * extension/content/sites/site.js imports for the content script
 * (tests/build/package.test.mjs checks).
 */
async function bundle(outdir) {
  const common = {
    outdir,
    bundle: true,
    format: 'iife',
    target: ['chrome116', 'firefox140'],
    // The wasm-bindgen glue, imported by name so the sources need not know
    // where the build puts it.
    alias: { 'schild-wasm': path.join(wasmDir, 'schild.js') },
    // The glue's fallback location for the .wasm uses import.meta.url, which
    // classic scripts lack; Schild always passes the module explicitly.
    define: { 'import.meta.url': 'undefined' },
    legalComments: 'none',
    logLevel: 'warning',
  };
  const entryPoints = (entries) =>
    Object.fromEntries(entries.map(([out, src]) => [out.replace(/\.js$/, ''), path.join(root, src)]));
  const [content, pages] = [
    Object.entries(ENTRIES).filter(([out]) => out === 'content.js'),
    Object.entries(ENTRIES).filter(([out]) => out !== 'content.js'),
  ];
  await build({ ...common, entryPoints: entryPoints(content), plugins: [localesPlugin((key) => CARD_MESSAGES.test(key))] });
  // The store listing's texts (store*) are for tools/store, not for the pages.
  await build({ ...common, entryPoints: entryPoints(pages), plugins: [localesPlugin((key) => !key.startsWith('store'))] });
}

async function copy(destDir, files) {
  for (const [dest, src] of Object.entries(files)) {
    const target = path.join(destDir, dest);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.cp(path.join(root, src), target, { recursive: true });
  }
}

async function buildExtension(browser, specialise) {
  const outdir = path.join(dist, browser);
  await bundle(outdir);
  await copy(outdir, STATIC_FILES);
  const specific = specialise(structuredClone(manifest));
  if (specific.storage?.managed_schema) {
    await fs.writeFile(path.join(outdir, specific.storage.managed_schema), `${JSON.stringify(managedSchema(), null, 2)}\n`);
  }
  await fs.writeFile(path.join(outdir, 'manifest.json'), `${JSON.stringify(specific, null, 2)}\n`);
  const zip = path.join(dist, `schild-${browser}-${manifest.version}.zip`);
  await zipDirectory(outdir, zip);
  return zip;
}

await fs.rm(dist, { recursive: true, force: true });
const zips = [];
for (const [browser, specialise] of Object.entries(BROWSERS)) {
  zips.push(await buildExtension(browser, specialise));
}

const kb = async (file) => `${((await fs.stat(file)).size / 1024).toFixed(0)} KB`;
console.log(`wasm: ${await kb(path.join(wasmDir, 'schild_bg.wasm'))}`);
for (const zip of zips) console.log(`${path.relative(root, zip)}: ${await kb(zip)}`);
