// Which way the code's imports point: tests use tools (the browser and the
// fixture server in tools/lib) and the extension's modules, tools use the
// extension's, and the extension uses neither. A helper that tests and
// tools both need lives in tools/lib.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The JavaScript files under a folder of the repository. */
const sources = (folder) =>
  fs
    .readdirSync(path.join(ROOT, folder), { recursive: true })
    .filter((file) => /\.m?js$/.test(file))
    .map((file) => path.join(ROOT, folder, file));

/** The repository files a source imports (static, dynamic and re-exports), relative to the root. */
function importsOf(file) {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom|\bimport\s*\(?)\s*['"]([^'"]+)['"]/g)].map(([, specifier]) => specifier);
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => path.relative(ROOT, path.resolve(path.dirname(file), specifier)));
}

/** The imports from `folder` into any of `forbidden`, as "file → import" lines. */
function importsInto(folder, forbidden) {
  return sources(folder).flatMap((file) =>
    importsOf(file)
      .filter((target) => forbidden.some((prefix) => target.startsWith(`${prefix}/`)))
      .map((target) => `${path.relative(ROOT, file)} → ${target}`),
  );
}

test('tools/ imports nothing from tests/', () => {
  assert.ok(sources('tools').length >= 5, 'the tools were found');
  assert.deepEqual(importsInto('tools', ['tests']), []);
});

test('extension/ imports nothing from tools/ or tests/', () => {
  assert.deepEqual(importsInto('extension', ['tools', 'tests']), []);
});

test('the checks see imports at all', () => {
  const harness = importsOf(path.join(ROOT, 'tests/e2e/harness.mjs'));
  assert.ok(harness.includes('tools/lib/browser.mjs'), harness.join(', '));
});
