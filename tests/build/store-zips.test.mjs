// The one build command leaves the store uploads in dist/: the Chrome Web
// Store zip, the addons.mozilla.org zip and the source zip AMO's reviewers
// rebuild from (REVIEWERS.md).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));

/** { name → unix mode } of a zip's entries, from its central directory. */
function zipEntries(file) {
  const data = fs.readFileSync(file);
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, `${file} is a zip`);
  let offset = data.readUInt32LE(end + 16);
  const entries = {};
  for (let i = 0; i < data.readUInt16LE(end + 10); i++) {
    assert.equal(data.readUInt32LE(offset), 0x02014b50, 'central directory entry');
    const nameLength = data.readUInt16LE(offset + 28);
    const name = data.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries[name] = data.readUInt32LE(offset + 38) >>> 16;
    offset += 46 + nameLength + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
  }
  return entries;
}

for (const browser of ['chrome', 'firefox']) {
  test(`dist/schild-${browser}-${version}.zip holds exactly dist/${browser}`, () => {
    const entries = Object.keys(zipEntries(path.join(ROOT, 'dist', `schild-${browser}-${version}.zip`)));
    const files = fs.readdirSync(path.join(ROOT, 'dist', browser), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(path.join(ROOT, 'dist', browser), path.join(entry.parentPath ?? entry.path, entry.name)));
    assert.deepEqual(entries.sort(), files.sort());
    assert.ok(entries.includes('manifest.json') && entries.includes('wasm/schild_bg.wasm'));
  });
}

test(`dist/schild-source-${version}.zip has what a reviewer needs to rebuild`, () => {
  const entries = zipEntries(path.join(ROOT, 'dist', `schild-source-${version}.zip`));
  const prefix = `schild-${version}/`;
  for (const file of ['REVIEWERS.md', 'README.md', 'Cargo.toml', 'Cargo.lock', 'package.json', 'package-lock.json',
    'manifest.json', 'src/lib.rs', 'src/wasm.rs', 'model/schild.model', 'tools/build.sh', 'tools/setup.sh',
    'tools/build/extension.mjs', 'extension/content/main.js']) {
    assert.ok(prefix + file in entries, `${file} is in the source zip`);
  }
  assert.ok(entries[`${prefix}tools/build.sh`] & 0o100, 'tools/build.sh stays executable');
  const names = Object.keys(entries);
  assert.deepEqual(names.filter((name) => !name.startsWith(prefix)), [], 'everything under one folder');
  assert.deepEqual(names.filter((name) => /\/(dist|target|node_modules)\//.test(name)), [], 'no build output');
});
