// The parent PIN (extension/shared/pin.js): only a salted PBKDF2-SHA-256
// hash is stored, checked against Node's own PBKDF2; wrong attempts are
// rate-limited. The production iteration count is used where a PIN is set
// (about 0.2 s each); the rate-limit tests use a record with few iterations,
// as an older record would have: the check reads the count from the record.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { beforeEach, test } from 'node:test';
import { installFakeExtension } from './fake-extension.mjs';

const stored = installFakeExtension();
const { hasPin, MIN_PIN_LENGTH, removePin, setPin, verifyPin } = await import('../../extension/shared/pin.js');

const pbkdf2 = (pin, saltHex, iterations) =>
  crypto.pbkdf2Sync(pin, Buffer.from(saltHex, 'hex'), iterations, 32, 'sha256').toString('hex');

/** Stores a PIN record made by Node's PBKDF2 with `iterations`. */
function storePin(pin, iterations) {
  const salt = crypto.randomBytes(16).toString('hex');
  stored.set('pin', { salt, hash: pbkdf2(pin, salt, iterations), iterations });
}

beforeEach(() => stored.clear());

test('no PIN: every check passes', async () => {
  assert.equal(await hasPin(), false);
  assert.deepEqual(await verifyPin('anything'), { ok: true });
});

test('a PIN is stored as a salted PBKDF2-SHA-256 hash at 600,000 iterations, never as itself', async () => {
  await setPin('4711');
  const record = stored.get('pin');
  assert.deepEqual(Object.keys(record).sort(), ['hash', 'iterations', 'salt']);
  assert.equal(record.iterations, 600_000, "OWASP's figure; tests must not lower it");
  assert.match(record.salt, /^[0-9a-f]{32}$/);
  assert.equal(record.hash, pbkdf2('4711', record.salt, 600_000));
  assert.ok(![...stored.values()].some((value) => JSON.stringify(value).includes('"4711"')));
  assert.equal(await hasPin(), true);
  assert.deepEqual(await verifyPin('4711'), { ok: true });
});

test('the same PIN set twice gets another salt and another hash', async () => {
  await setPin('4711');
  const first = stored.get('pin');
  await setPin('4711');
  assert.notEqual(stored.get('pin').salt, first.salt);
  assert.notEqual(stored.get('pin').hash, first.hash);
});

test(`a PIN shorter than ${MIN_PIN_LENGTH} characters is refused`, async () => {
  await assert.rejects(setPin('123'), /too short/);
  await assert.rejects(setPin(1234), /too short/, 'not a string');
  assert.equal(await hasPin(), false);
});

test('three wrong PINs are free; then each one doubles the wait, up to 15 minutes', async () => {
  storePin('2580', 1000);
  assert.deepEqual(await verifyPin('0000'), { ok: false, waitMs: 0 });
  assert.deepEqual(await verifyPin('1111'), { ok: false, waitMs: 0 });
  assert.deepEqual(await verifyPin('2222'), { ok: false, waitMs: 30_000 });
  // While waiting, not even the right PIN is checked.
  const waiting = await verifyPin('2580');
  assert.equal(waiting.ok, false);
  assert.ok(waiting.waitMs > 25_000 && waiting.waitMs <= 30_000, `${waiting.waitMs}`);
  const waitOver = () => stored.set('pinAttempts', { ...stored.get('pinAttempts'), lockedUntil: 0 });
  waitOver();
  assert.deepEqual(await verifyPin('3333'), { ok: false, waitMs: 60_000 });
  for (let failures = 5; failures <= 9; failures++) {
    waitOver();
    await verifyPin('4444');
  }
  waitOver();
  assert.deepEqual(await verifyPin('5555'), { ok: false, waitMs: 15 * 60_000 });
});

test('the right PIN after the wait clears the count of wrong ones', async () => {
  storePin('2580', 1000);
  for (const wrong of ['0000', '1111', '2222']) await verifyPin(wrong);
  stored.set('pinAttempts', { ...stored.get('pinAttempts'), lockedUntil: 0 });
  assert.deepEqual(await verifyPin('2580'), { ok: true });
  assert.deepEqual(await verifyPin('0000'), { ok: false, waitMs: 0 }, 'free again');
});

test('removing the PIN removes the attempts too', async () => {
  storePin('2580', 1000);
  await verifyPin('0000');
  await removePin();
  assert.deepEqual([...stored.keys()], []);
  assert.equal(await hasPin(), false);
});
