// Self-hosting Schild for schools, before (and besides) the stores:
//
//   node tools/deploy/deploy.mjs key PATH
//       a new signing key at PATH (never inside the repository unless git
//       ignores it); prints the extension id it gives
//   node tools/deploy/deploy.mjs pack --key PATH --base-url URL
//                                [--chrome DIR] [--firefox DIR] [--out DIR]
//       from the built extension (dist/chrome, dist/firefox) writes into OUT
//       (dist/deploy): schild-<version>.crx and updates.xml for Chromium
//       browsers, schild.xpi and updates.json for Firefox, extension-id.txt,
//       and POLICY.md: docs/deploy.md with this id and URL filled in.
//
// tools/deploy.sh runs this (and the build before `pack`). The folder OUT is
// what the school serves at URL; the files of a newer build, packed with the
// same key and copied to the same place, are how an update reaches every
// machine.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipDirectory } from '../build/zip.mjs';
import { extensionId, newSigningKey, packCrx, readCrx } from './crx.mjs';
import { fillPolicyDoc } from './policy-doc.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIREFOX_ID = 'schild@schild-extension.org';

/** A mistake the deployer can fix: printed without a stack trace. */
class UsageError extends Error {}

/** Refuses a key path git would commit: a key in the repository must be git-ignored. */
function assertNotCommittable(file) {
  const relative = path.relative(ROOT, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return;
  try {
    execFileSync('git', ['check-ignore', '-q', '--no-index', relative], { cwd: ROOT, stdio: 'ignore' });
  } catch {
    throw new UsageError(
      `${file} is inside the repository and git would commit it. Keep the key outside (e.g. ~/schild-deploy-key.pem) or under keys/, which git ignores.`,
    );
  }
}

/** `key PATH`: writes a new key (owner-only), never over an existing file. */
export function makeKey(file) {
  if (!file) throw new UsageError('usage: tools/deploy.sh key PATH');
  file = path.resolve(file);
  assertNotCommittable(file);
  if (fs.existsSync(file)) {
    throw new UsageError(`${file} exists. A new key means a new extension id, so it is never overwritten; choose another path.`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = newSigningKey();
  fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  return { file, id: extensionId(key) };
}

function readKey(file) {
  if (!file) throw new UsageError('pack needs --key PATH (make one with: tools/deploy.sh key PATH)');
  let key;
  try {
    key = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the key ${file}: ${error.code ?? error.message}`);
  }
  try {
    extensionId(key);
  } catch {
    throw new UsageError(`${file} is not a PEM private key (make one with: tools/deploy.sh key PATH)`);
  }
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(key)) {
    throw new UsageError(`${file} is not an RSA private key in PEM (make one with: tools/deploy.sh key PATH)`);
  }
  return key;
}

/** The base URL without a trailing slash; http(s) only. */
function parseBaseUrl(text) {
  if (!text) throw new UsageError('pack needs --base-url URL: where the school will serve the files, e.g. https://it.school.example/schild');
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--base-url ${text} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--base-url must be http(s), not ${url.protocol}`);
  if (url.search || url.hash) throw new UsageError('--base-url must not have a query or a fragment');
  return url.href.replace(/\/+$/, '');
}

function readManifest(dir, browser) {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) throw new UsageError(`no built ${browser} extension in ${dir}: run tools/build.sh first`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Zips a copy of the built extension whose manifest `change` edited: the
 * packages carry their update address so the browser finds updates there.
 */
async function zipWithManifest(dir, change) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'schild-pack-'));
  try {
    fs.cpSync(dir, copy, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(copy, 'manifest.json'), 'utf8'));
    change(manifest);
    fs.writeFileSync(path.join(copy, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const zip = `${copy}.zip`;
    await zipDirectory(copy, zip);
    const bytes = fs.readFileSync(zip);
    fs.rmSync(zip);
    return bytes;
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

const xmlEscape = (text) => text.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;');

/** Chromium's update manifest (the "gupdate" format every Chromium browser reads). */
export function updateManifestXml({ id, version, crxUrl, minimumChromeVersion }) {
  const minimum = minimumChromeVersion ? ` prodversionmin='${xmlEscape(minimumChromeVersion)}'` : '';
  return `<?xml version='1.0' encoding='UTF-8'?>
<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>
  <app appid='${id}'>
    <updatecheck codebase='${xmlEscape(crxUrl)}' version='${xmlEscape(version)}'${minimum} />
  </app>
</gupdate>
`;
}

/** Firefox's update manifest for a self-hosted add-on. */
export function firefoxUpdatesJson({ version, xpiUrl }) {
  return `${JSON.stringify({ addons: { [FIREFOX_ID]: { updates: [{ version, update_link: xpiUrl }] } } }, null, 2)}\n`;
}

/** `pack`: see the top of this file. Returns what it wrote. */
export async function pack({ key: keyFile, baseUrl, chrome = path.join(ROOT, 'dist', 'chrome'), firefox = path.join(ROOT, 'dist', 'firefox'), out = path.join(ROOT, 'dist', 'deploy') }) {
  const key = readKey(keyFile);
  const base = parseBaseUrl(baseUrl);
  const chromeManifest = readManifest(chrome, 'Chromium');
  const firefoxManifest = readManifest(firefox, 'Firefox');
  const id = extensionId(key);
  const { version } = chromeManifest;
  fs.mkdirSync(out, { recursive: true });

  const crxName = `schild-${version}.crx`;
  const crx = packCrx(await zipWithManifest(chrome, (m) => (m.update_url = `${base}/updates.xml`)), key);
  if (readCrx(crx).id !== id) throw new Error('the packed CRX does not verify');
  fs.writeFileSync(path.join(out, crxName), crx);
  fs.writeFileSync(
    path.join(out, 'updates.xml'),
    updateManifestXml({ id, version, crxUrl: `${base}/${crxName}`, minimumChromeVersion: chromeManifest.minimum_chrome_version }),
  );

  // Firefox refuses to install an unsigned add-on whose update address is
  // plain http (tried: Debian's firefox-esr 153), so over http it gets none.
  const firefoxUpdates = base.startsWith('https:');
  const xpi = await zipWithManifest(firefox, (m) => {
    if (firefoxUpdates) m.browser_specific_settings.gecko.update_url = `${base}/updates.json`;
  });
  fs.writeFileSync(path.join(out, 'schild.xpi'), xpi);
  fs.writeFileSync(
    path.join(out, 'updates.json'),
    firefoxUpdatesJson({ version: firefoxManifest.version, xpiUrl: `${base}/schild.xpi` }),
  );

  fs.writeFileSync(path.join(out, 'extension-id.txt'), `${id}\n`);
  fs.writeFileSync(path.join(out, 'POLICY.md'), fillPolicyDoc({ id, baseUrl: base }));
  const warnings = firefoxUpdates ? [] : ['The base URL is http: Firefox refuses an unsigned add-on with an http update address, so schild.xpi has none and Firefox will not update it by itself. Use https.'];
  return { id, version, base, out, warnings, files: [crxName, 'updates.xml', 'schild.xpi', 'updates.json', 'extension-id.txt', 'POLICY.md'] };
}

function parseOptions(args) {
  const options = {};
  for (let i = 0; i < args.length; i++) {
    const match = /^--(key|base-url|chrome|firefox|out)$/.exec(args[i]);
    if (!match || args[i + 1] === undefined) throw new UsageError(`unknown or incomplete option: ${args[i]}`);
    options[match[1].replace(/-(\w)/g, (_, letter) => letter.toUpperCase())] = args[++i];
  }
  return options;
}

async function main([command, ...args]) {
  if (command === 'key') {
    if (args.length !== 1) throw new UsageError('usage: tools/deploy.sh key PATH');
    const { file, id } = makeKey(args[0]);
    console.log(`Wrote the signing key ${file} (readable by you only).
Extension id: ${id}
Back it up and keep it private: every package signed with it installs as this id,
and a lost key means a new id (and new policies on every machine).`);
  } else if (command === 'pack') {
    const result = await pack(parseOptions(args));
    const shown = path.relative(process.cwd(), result.out);
    console.log(`Schild ${result.version}, extension id ${result.id}, packed into ${shown.startsWith('..') ? result.out : shown}/:
  ${result.files.join('\n  ')}
Serve that folder's files at ${result.base}/ and set the policies in POLICY.md.
For an update, pack the new version with the same key and copy the files to the same
place: browsers find it through updates.xml (Chromium, Edge) and updates.json (Firefox).`);
    for (const warning of result.warnings) console.warn(`deploy: ${warning}`);
  } else {
    throw new UsageError('usage: tools/deploy.sh key PATH\n       tools/deploy.sh pack --key PATH --base-url URL [--out DIR]');
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof UsageError ? `deploy: ${error.message}` : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}
