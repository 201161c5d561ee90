// Zips a folder reproducibly: entries sorted, one fixed timestamp, so the
// same sources always give the same bytes (store reviewers rebuild and compare).
import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';

const FIXED_TIME = new Date('2026-01-01T00:00:00Z');

function listFiles(dir, prefix = '') {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? listFiles(path.join(dir, entry.name), relative) : [relative];
    });
}

/** Writes every file under `dir` into the zip file `out`; resolves when written. */
export function zipDirectory(dir, out) {
  return writeZip(listFiles(dir).map((file) => [path.join(dir, file), file, 0o100644]), out);
}

/**
 * Writes the listed files (paths relative to `root`) into the zip file `out`,
 * each under `prefix`, keeping the executable bit; resolves when written.
 */
export function zipFiles(root, files, out, prefix = '') {
  const entries = [...files].sort().map((file) => {
    const executable = fs.statSync(path.join(root, file)).mode & 0o111;
    return [path.join(root, file), `${prefix}${file}`, executable ? 0o100755 : 0o100644];
  });
  return writeZip(entries, out);
}

/** @param {[source: string, name: string, mode: number][]} entries in the order they go in */
function writeZip(entries, out) {
  const zip = new yazl.ZipFile();
  for (const [source, name, mode] of entries) zip.addFile(source, name, { mtime: FIXED_TIME, mode });
  zip.end();
  return new Promise((resolve, reject) => {
    zip.outputStream
      .pipe(fs.createWriteStream(out))
      .on('close', () => resolve(out))
      .on('error', reject);
  });
}
