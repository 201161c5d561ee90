// Checks on the built extension (dist/), run by tools/test.sh after the build:
// the size budget of the classifier, that no page text can become markup or
// code, that only the content script carries the site adapters, and least
// privilege.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { EXPLAINED } from '../../tools/store/permissions.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('the classifier fits its budget: 400 KB of wasm, 200 KB gzipped', () => {
  const wasm = fs.readFileSync(path.join(ROOT, 'dist/chrome/wasm/schild_bg.wasm'));
  const gzipped = zlib.gzipSync(wasm, { level: 9 }).length;
  console.log(`wasm ${(wasm.length / 1024).toFixed(0)} KB, gzipped ${(gzipped / 1024).toFixed(0)} KB`);
  assert.ok(wasm.length <= 400 * 1024, `${wasm.length} bytes`);
  assert.ok(gzipped <= 200 * 1024, `${gzipped} bytes gzipped`);
});

test('the extension never turns strings into markup or code', () => {
  const sources = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(js|mjs|html)$/.test(entry.name)) sources.push(file);
    }
  };
  walk(path.join(ROOT, 'extension'));
  const forbidden = /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setTimeout\(\s*['"`]/;
  for (const file of sources) {
    const text = fs.readFileSync(file, 'utf8');
    const line = text.split('\n').findIndex((l) => forbidden.test(l));
    assert.equal(line, -1, `${path.relative(ROOT, file)}:${line + 1} builds markup or code from a string`);
  }
  assert.ok(sources.length >= 8, 'the extension sources were found');
});

test('only the content script carries the site adapters; the other scripts take the site list alone', () => {
  // esbuild names each module it bundles in a comment: `// extension/content/sites/youtube.js`.
  const modules = (file) => [...fs.readFileSync(file, 'utf8').matchAll(/^ {2}\/\/ (extension\/\S+\.js)$/gm)].map(([, name]) => name);
  const adapters = (file) => modules(file).filter((name) => /^extension\/content\/sites\/(?!site\.js)/.test(name));
  for (const browser of ['chrome', 'firefox']) {
    const dir = path.join(ROOT, 'dist', browser);
    assert.ok(adapters(path.join(dir, 'content.js')).length >= 2, 'the content script has the adapters (and the check sees them)');
    for (const script of ['background.js', 'popup.js', 'options.js', 'learn.js']) {
      assert.ok(modules(path.join(dir, script)).includes('extension/content/sites/site.js'), `${browser}/${script} uses the site list`);
      assert.deepEqual(adapters(path.join(dir, script)), [], `${browser}/${script}`);
    }
  }
});

const LANGUAGES = ['en', 'nl', 'fr'];
const messages = Object.fromEntries(
  LANGUAGES.map((lang) => [lang, JSON.parse(fs.readFileSync(path.join(ROOT, 'extension', '_locales', lang, 'messages.json'), 'utf8'))]),
);

test('every permission, host and exposed file has its reason in nl, fr and en (tools/store/permissions.mjs)', () => {
  for (const [kind, reasons] of Object.entries(EXPLAINED)) {
    for (const [item, key] of Object.entries(reasons)) {
      for (const lang of LANGUAGES) assert.ok(messages[lang][key]?.message, `${kind} ${item}: ${key} in ${lang}`);
    }
  }
});

for (const browser of ['chrome', 'firefox']) {
  test(`${browser}: every permission, host and exposed file is explained`, () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', browser, 'manifest.json'), 'utf8'));
    const unexplained = (list, explained) => list.filter((item) => !(item in explained));
    assert.deepEqual(unexplained(manifest.permissions ?? [], EXPLAINED.permissions), [], 'permissions');
    assert.deepEqual(manifest.optional_permissions ?? [], [], 'optional permissions');
    assert.deepEqual(manifest.host_permissions ?? [], [], 'host permissions: content scripts need none of their own');
    const hosts = manifest.content_scripts.flatMap((script) => script.matches);
    assert.deepEqual(unexplained(hosts, EXPLAINED.hosts), [], 'content script hosts');
    for (const entry of manifest.web_accessible_resources ?? []) {
      assert.deepEqual(unexplained(entry.resources, EXPLAINED.exposedFiles), [], 'exposed files');
      assert.deepEqual(unexplained(entry.matches, EXPLAINED.hosts), [], 'sites the files are exposed to');
    }
    assert.equal(manifest.externally_connectable, undefined, 'no web page may message the extension');
    const csp = JSON.stringify(manifest.content_security_policy ?? {});
    assert.doesNotMatch(csp, /https?:|\*|'unsafe-eval'|'unsafe-inline'/, 'no remote or string-evaluated code');
  });
}
