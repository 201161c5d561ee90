// addons.mozilla.org runs the same linter on every upload: `web-ext lint` on
// the built Firefox extension must report no errors and no warnings (notices
// would be printed, not failed on: none are expected either).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('web-ext lint: dist/firefox has no errors or warnings', () => {
  const source = path.join(ROOT, 'dist', 'firefox');
  assert.ok(fs.existsSync(path.join(source, 'manifest.json')), 'dist/firefox is built');
  let output;
  try {
    output = execFileSync(path.join(ROOT, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', source, '--output', 'json'], {
      encoding: 'utf8',
      // web-ext checks npm for a newer version of itself unless told not to.
      env: { ...process.env, WEB_EXT_NO_CONFIG_DISCOVERY: 'true', NO_UPDATE_NOTIFIER: '1' },
    });
  } catch (error) {
    // web-ext exits non-zero when it finds errors; the JSON is still on stdout.
    output = error.stdout;
  }
  const report = JSON.parse(output);
  const describe = (items) => items.map((item) => `${item.code}: ${item.message} (${item.file ?? ''})`);
  for (const line of describe(report.notices)) console.log(`notice: ${line}`);
  assert.deepEqual(describe(report.errors), [], 'errors');
  assert.deepEqual(describe(report.warnings), [], 'warnings');
  assert.equal(report.metadata.id, 'schild@schild-extension.org');
  assert.equal(report.metadata.manifestVersion, 3);
});
