// The source zip addons.mozilla.org asks for when an add-on contains
// machine-generated code (the wasm, esbuild's bundles):
// dist/schild-source-<version>.zip, every file git tracks or would
// (untracked files not ignored), as they are in the working tree, under
// schild-<version>/. REVIEWERS.md says how to rebuild from it.
// Run by tools/build.sh after extension.mjs (which empties dist/ first).
// Outside a git checkout there is nothing to list: it says so and skips.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipFiles } from './zip.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { version } = JSON.parse(await fs.readFile(path.join(root, 'manifest.json'), 'utf8'));

let files = null;
try {
  files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
    .split('\0')
    .filter(Boolean);
} catch {
  console.log('source zip skipped: not a git checkout');
}
if (files) {
  // Deleted in the working tree but not yet in git: not part of the sources.
  const present = [];
  for (const file of files) if (await fs.stat(path.join(root, file)).catch(() => null)) present.push(file);
  const zip = path.join(root, 'dist', `schild-source-${version}.zip`);
  await fs.mkdir(path.dirname(zip), { recursive: true });
  await zipFiles(root, present, zip, `schild-${version}/`);
  console.log(`${path.relative(root, zip)}: ${((await fs.stat(zip)).size / 1024).toFixed(0)} KB`);
}
