// CRX3, the signed package Chromium installs from an update URL (a school's
// own server): "Cr24", format version 3, a protobuf CrxFileHeader, then the
// zip. The header carries the public key and an RSA-SHA256 signature over
// "CRX3 SignedData\0" + the signed header's length + the signed header
// (which names the extension id) + the zip. The format is Chromium's
// components/crx_file/crx3.proto; Chromium verifies all of it on install.
//
// Written here rather than with `chromium --pack-extension` so that packing
// needs no browser and is reproducible: the zip is (tools/build/zip.mjs) and
// RSA PKCS#1 v1.5 signatures are deterministic, so one key and one build
// always give the same bytes. The tests install it in Chromium and compare
// it with Chromium's own packer.
import crypto from 'node:crypto';

const MAGIC = Buffer.from('Cr24');
const FORMAT_VERSION = 3;
const SIGNED_DATA_PREFIX = Buffer.from('CRX3 SignedData\x00', 'binary');

/** CrxFileHeader and SignedData field numbers (crx3.proto). */
const FIELD = { rsaProof: 2, ecdsaProof: 3, signedHeaderData: 10000, publicKey: 1, signature: 2, crxId: 1 };

/** A new RSA key for signing, as PKCS#8 PEM (what Chromium's packer also reads). */
export function newSigningKey() {
  return crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
}

/** The public key's SubjectPublicKeyInfo DER, which the CRX carries. */
export function publicKeyDer(privateKeyPem) {
  return crypto.createPublicKey(privateKeyPem).export({ type: 'spki', format: 'der' });
}

/** The 16 bytes of SHA-256 of the public key that make an extension's id. */
const idBytes = (publicKey) => crypto.createHash('sha256').update(publicKey).digest().subarray(0, 16);

/** Chromium's way to write those bytes: each hex digit 0–f as a letter a–p. */
const idLetters = (bytes) =>
  [...bytes.toString('hex')].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');

/** The extension id a key gives (32 letters a–p), in Chromium and every browser built on it. */
export const extensionId = (privateKeyPem) => idLetters(idBytes(publicKeyDer(privateKeyPem)));

function varint(value) {
  const bytes = [];
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return Buffer.from(bytes);
}

/** One length-delimited protobuf field (every field CRX3 uses is one). */
const field = (number, bytes) => Buffer.concat([varint(number * 8 + 2), varint(bytes.length), bytes]);

function uint32(value) {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
}

/** What the signature covers. */
const signedMessage = (signedHeaderData, zip) =>
  Buffer.concat([SIGNED_DATA_PREFIX, uint32(signedHeaderData.length), signedHeaderData, zip]);

/** The CRX3 file for a zip of the extension, signed with `privateKeyPem`. */
export function packCrx(zip, privateKeyPem) {
  const publicKey = publicKeyDer(privateKeyPem);
  const signedHeaderData = field(FIELD.crxId, idBytes(publicKey));
  const signature = crypto.sign('sha256', signedMessage(signedHeaderData, zip), privateKeyPem);
  const header = Buffer.concat([
    field(FIELD.rsaProof, Buffer.concat([field(FIELD.publicKey, publicKey), field(FIELD.signature, signature)])),
    field(FIELD.signedHeaderData, signedHeaderData),
  ]);
  return Buffer.concat([MAGIC, uint32(FORMAT_VERSION), uint32(header.length), header, zip]);
}

/** The fields of a protobuf message as [number, bytes] (length-delimited fields only, as in CRX3). */
function fields(message) {
  const found = [];
  let offset = 0;
  const readVarint = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (offset >= message.length) throw new Error('CRX header: truncated field');
      const byte = message[offset++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  while (offset < message.length) {
    const key = readVarint();
    if (key % 8 !== 2) throw new Error(`CRX header: field ${Math.floor(key / 8)} is not length-delimited`);
    const length = readVarint();
    if (offset + length > message.length) throw new Error('CRX header: field runs past the end');
    found.push([Math.floor(key / 8), message.subarray(offset, offset + length)]);
    offset += length;
  }
  return found;
}

/**
 * Reads a CRX3 file and checks it as Chromium does: the format, the id in
 * the signed header matches one RSA key, and every RSA signature is valid.
 * Returns { id, publicKey, zip }; throws with the reason otherwise.
 */
export function readCrx(crx) {
  if (crx.length < 12 || !crx.subarray(0, 4).equals(MAGIC)) throw new Error('not a CRX file (no "Cr24")');
  if (crx.readUInt32LE(4) !== FORMAT_VERSION) throw new Error(`CRX format ${crx.readUInt32LE(4)}, not 3`);
  const headerEnd = 12 + crx.readUInt32LE(8);
  if (headerEnd > crx.length) throw new Error('CRX header runs past the end of the file');
  const header = fields(crx.subarray(12, headerEnd));
  const zip = crx.subarray(headerEnd);
  const signedHeaderData = header.find(([number]) => number === FIELD.signedHeaderData)?.[1];
  if (!signedHeaderData) throw new Error('CRX header has no signed header data');
  const crxId = fields(signedHeaderData).find(([number]) => number === FIELD.crxId)?.[1];
  if (crxId?.length !== 16) throw new Error('CRX signed header has no 16-byte id');
  const proofs = header.filter(([number]) => number === FIELD.rsaProof).map(([, proof]) => Object.fromEntries(fields(proof)));
  if (proofs.length === 0) throw new Error('CRX has no RSA signature');
  const message = signedMessage(signedHeaderData, zip);
  for (const proof of proofs) {
    const publicKey = crypto.createPublicKey({ key: proof[FIELD.publicKey], format: 'der', type: 'spki' });
    if (!crypto.verify('sha256', message, publicKey, proof[FIELD.signature])) throw new Error('CRX signature does not verify');
  }
  const own = proofs.find((proof) => idBytes(proof[FIELD.publicKey]).equals(crxId));
  if (!own) throw new Error('no key in the CRX gives the id it declares');
  return { id: idLetters(crxId), publicKey: own[FIELD.publicKey], zip };
}
