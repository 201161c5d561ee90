// Self-hosting (tools/deploy, docs/deploy.md) without a browser: the CRX3
// signer against Chromium's own packer and against tampering, what
// `tools/deploy.sh pack` writes for a school, the key command's refusals, and
// the policy examples of docs/deploy.md checked against the settings table.
// tests/e2e/self-hosted.test.mjs installs the result in Chromium for real.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { POLICY_ONLY, validSettings } from '../../extension/shared/settings.js';
import { zipDirectory } from '../../tools/build/zip.mjs';
import { extensionId, newSigningKey, packCrx, readCrx } from '../../tools/deploy/crx.mjs';
import { makeKey, pack } from '../../tools/deploy/deploy.mjs';
import { DEPLOY_DOC, fillPolicyDoc, PLACEHOLDERS, policyBlocks } from '../../tools/deploy/policy-doc.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROME_DIR = path.join(ROOT, 'dist', 'chrome');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const BASE_URL = 'https://ict.school.test/schild';

let tmp;
let key;
let zip;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'schild-deploy-test-'));
  key = newSigningKey();
  zip = path.join(tmp, 'chrome.zip');
  await zipDirectory(CHROME_DIR, zip);
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** { name → contents } of a zip (stored or deflated entries, as yazl and Chromium write them). */
function unzip(data) {
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let offset = data.readUInt32LE(end + 16);
  const files = {};
  for (let i = 0; i < data.readUInt16LE(end + 10); i++) {
    const [method, size, nameLength] = [data.readUInt16LE(offset + 10), data.readUInt32LE(offset + 20), data.readUInt16LE(offset + 28)];
    const name = data.toString('utf8', offset + 46, offset + 46 + nameLength);
    const local = data.readUInt32LE(offset + 42);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const raw = data.subarray(start, start + size);
    if (!name.endsWith('/')) files[name] = method === 8 ? zlib.inflateRawSync(raw) : raw;
    offset += 46 + nameLength + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
  }
  return files;
}

test('a CRX3 reads back with the key’s id and the zip it signed, and packs reproducibly', () => {
  const bytes = fs.readFileSync(zip);
  const crx = packCrx(bytes, key);
  const read = readCrx(crx);
  assert.match(read.id, /^[a-p]{32}$/);
  assert.equal(read.id, extensionId(key));
  assert.ok(read.zip.equals(bytes));
  assert.ok(packCrx(bytes, key).equals(crx), 'the same key and zip give the same bytes');
});

test('a changed CRX is refused: its zip, or the key it names', async () => {
  const { publicKeyDer } = await import('../../tools/deploy/crx.mjs');
  const crx = packCrx(fs.readFileSync(zip), key);
  const changedZip = Buffer.from(crx);
  changedZip[changedZip.length - 100] ^= 1;
  assert.throws(() => readCrx(changedZip), /signature does not verify/);
  // Another key in place of the signer's (2048-bit keys have DERs of one length).
  const ownKey = publicKeyDer(key);
  const at = crx.indexOf(ownKey);
  const otherKey = Buffer.concat([crx.subarray(0, at), publicKeyDer(newSigningKey()), crx.subarray(at + ownKey.length)]);
  assert.throws(() => readCrx(otherKey), /signature does not verify/);
  assert.throws(() => readCrx(Buffer.from('PK\x03\x04 not a crx')), /not a CRX/);
});

test('Chromium’s own packer writes what this reader accepts, with the same id', { skip: !fs.existsSync(CHROMIUM) && `${CHROMIUM} is not installed` }, () => {
  const dir = path.join(tmp, 'by-chromium');
  fs.cpSync(CHROME_DIR, dir, { recursive: true });
  fs.writeFileSync(path.join(tmp, 'key.pem'), key, { mode: 0o600 });
  execFileSync(CHROMIUM, ['--headless', '--no-sandbox', `--pack-extension=${dir}`, `--pack-extension-key=${path.join(tmp, 'key.pem')}`, '--no-message-box'], { stdio: 'ignore', timeout: 60_000 });
  const theirs = readCrx(fs.readFileSync(`${dir}.crx`));
  const ours = readCrx(packCrx(fs.readFileSync(zip), key));
  assert.equal(theirs.id, ours.id);
  assert.ok(theirs.publicKey.equals(ours.publicKey));
  assert.deepEqual(Object.keys(unzip(theirs.zip)).sort(), Object.keys(unzip(ours.zip)).sort(), 'the same files');
});

test('pack writes the CRX, both update manifests, the XPI, the id and POLICY.md for the school', async () => {
  const keyFile = path.join(tmp, 'school.pem');
  makeKey(keyFile);
  assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600, 'the key is readable by its owner only');
  const out = path.join(tmp, 'deploy');
  const result = await pack({ key: keyFile, baseUrl: `${BASE_URL}/`, out });
  const id = extensionId(fs.readFileSync(keyFile, 'utf8'));
  const { version } = JSON.parse(fs.readFileSync(path.join(CHROME_DIR, 'manifest.json'), 'utf8'));
  assert.equal(result.id, id);
  assert.deepEqual(fs.readdirSync(out).sort(), [`schild-${version}.crx`, 'POLICY.md', 'extension-id.txt', 'schild.xpi', 'updates.json', 'updates.xml'].sort());
  assert.equal(fs.readFileSync(path.join(out, 'extension-id.txt'), 'utf8'), `${id}\n`);

  const crx = readCrx(fs.readFileSync(path.join(out, `schild-${version}.crx`)));
  assert.equal(crx.id, id);
  const packed = unzip(crx.zip);
  const built = unzip(fs.readFileSync(zip));
  assert.deepEqual(Object.keys(packed).sort(), Object.keys(built).sort(), 'the CRX holds the build');
  for (const name of Object.keys(built).filter((file) => file !== 'manifest.json')) assert.ok(packed[name].equals(built[name]), name);
  const manifest = JSON.parse(packed['manifest.json']);
  assert.equal(manifest.update_url, `${BASE_URL}/updates.xml`, 'the trailing slash is dropped');
  assert.deepEqual({ ...manifest, update_url: undefined }, { ...JSON.parse(built['manifest.json']), update_url: undefined }, 'only update_url added');

  const xml = fs.readFileSync(path.join(out, 'updates.xml'), 'utf8');
  assert.match(xml, new RegExp(`<app appid='${id}'>`));
  assert.match(xml, new RegExp(`<updatecheck codebase='${BASE_URL}/schild-${version}\\.crx' version='${version}'`));
  const xpiManifest = JSON.parse(unzip(fs.readFileSync(path.join(out, 'schild.xpi')))['manifest.json']);
  assert.equal(xpiManifest.browser_specific_settings.gecko.update_url, `${BASE_URL}/updates.json`);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(out, 'updates.json'), 'utf8')), {
    addons: { 'schild@schild-extension.org': { updates: [{ version, update_link: `${BASE_URL}/schild.xpi` }] } },
  });

  const policyDoc = fs.readFileSync(path.join(out, 'POLICY.md'), 'utf8');
  assert.ok(!policyDoc.includes(PLACEHOLDERS.id) && !policyDoc.includes(PLACEHOLDERS.baseUrl), 'no placeholder left');
  assert.equal(JSON.parse(policyBlocks(policyDoc)['chromium-linux']).ExtensionSettings[id].update_url, `${BASE_URL}/updates.xml`);

  const overHttp = await pack({ key: keyFile, baseUrl: 'http://school.test/schild', out: path.join(tmp, 'http') });
  assert.equal(JSON.parse(unzip(fs.readFileSync(path.join(tmp, 'http', 'schild.xpi')))['manifest.json']).browser_specific_settings.gecko.update_url, undefined,
    'no http update address for Firefox');
  assert.equal(overHttp.warnings.length, 1);
});

test('the key command never overwrites a key or writes one where git would commit it', () => {
  const keyFile = path.join(tmp, 'once.pem');
  makeKey(keyFile);
  const before = fs.readFileSync(keyFile, 'utf8');
  assert.throws(() => makeKey(keyFile), /exists/);
  assert.equal(fs.readFileSync(keyFile, 'utf8'), before);
  assert.throws(() => makeKey(path.join(ROOT, 'tools', 'deploy', 'school-key')), /git would commit it/);
  assert.ok(!fs.existsSync(path.join(ROOT, 'tools', 'deploy', 'school-key')));
});

test('pack says what is wrong with its input', async () => {
  await assert.rejects(pack({ key: path.join(tmp, 'missing.pem'), baseUrl: BASE_URL, out: tmp }), /cannot read the key/);
  await assert.rejects(pack({ key: path.join(ROOT, 'README.md'), baseUrl: BASE_URL, out: tmp }), /not a PEM private key/);
  const keyFile = path.join(tmp, 'inputs.pem');
  makeKey(keyFile);
  await assert.rejects(pack({ key: keyFile, baseUrl: 'ftp://school.test/schild', out: tmp }), /http\(s\)/);
  await assert.rejects(pack({ key: keyFile, baseUrl: 'school.test/schild', out: tmp }), /not a URL/);
  await assert.rejects(pack({ key: keyFile, baseUrl: BASE_URL, chrome: path.join(tmp, 'nothing'), out: tmp }), /run tools\/build.sh/);
});

/** The settings of each policy example in docs/deploy.md, in plain values. */
function exampleSettings(blocks) {
  const chromium = JSON.parse(blocks['chromium-linux']);
  const registry = Object.fromEntries(
    blocks['windows-registry']
      .split(/\n\[/)
      .find((section) => section.includes('\\3rdparty\\extensions\\'))
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => /^"(\w+)"=(?:"(.*)"|dword:([0-9a-f]{8}))$/.exec(line))
      .map(([, name, text, dword]) => [name, text ?? Boolean(parseInt(dword, 16))]),
  );
  const console = Object.fromEntries(Object.entries(JSON.parse(blocks['admin-console'])).map(([name, { Value }]) => [name, Value]));
  return {
    chromium: chromium['3rdparty'].extensions[PLACEHOLDERS.id],
    registry,
    console,
    firefox: JSON.parse(blocks.firefox).policies['3rdparty'].Extensions['schild@schild-extension.org'],
  };
}

test('docs/deploy.md: its policy examples are valid, agree, and name the school’s files', () => {
  const doc = fs.readFileSync(DEPLOY_DOC, 'utf8');
  // The build writes this table from the settings table (tools/build/docs.mjs); tools/test.sh fails while it is stale.
  assert.match(doc, /<!-- generated by tools\/build\/docs.mjs: policy-keys -->\n\| key \|/, 'the keys a policy may set');
  const blocks = policyBlocks(doc);
  assert.deepEqual(Object.keys(blocks).sort(), ['admin-console', 'chromium-forcelist', 'chromium-linux', 'firefox', 'windows-registry']);
  const settings = exampleSettings(blocks);
  const policyOnly = (values) => Object.fromEntries(Object.keys(POLICY_ONLY).filter((name) => name in values).map((name) => [name, values[name]]));
  for (const [form, values] of Object.entries(settings)) {
    assert.deepEqual({ ...validSettings(values), ...policyOnly(values) }, values, `${form}: every setting is known and its value allowed`);
    assert.deepEqual(values, settings.chromium, `${form} sets what the Linux example sets`);
  }
  const updates = `${PLACEHOLDERS.baseUrl}/updates.xml`;
  const chromium = JSON.parse(blocks['chromium-linux']).ExtensionSettings[PLACEHOLDERS.id];
  assert.equal(chromium.installation_mode, 'force_installed');
  assert.equal(chromium.update_url, updates);
  assert.deepEqual(JSON.parse(blocks['chromium-forcelist']).ExtensionInstallForcelist, [`${PLACEHOLDERS.id};${updates}`]);
  assert.ok(blocks['windows-registry'].includes(`"1"="${PLACEHOLDERS.id};${updates}"`));
  assert.equal(JSON.parse(blocks.firefox).policies.ExtensionSettings['schild@schild-extension.org'].install_url, `${PLACEHOLDERS.baseUrl}/schild.xpi`);

  const filled = fillPolicyDoc({ id: 'a'.repeat(32), baseUrl: 'https://example.org/x' });
  assert.ok(filled.includes(`"${'a'.repeat(32)};https://example.org/x/updates.xml"`));
  assert.ok(!filled.includes('<!-- placeholders -->'), 'the note on placeholders is replaced');
});
