/**
 * The parent PIN: optional; once set, changing settings, pausing a site and
 * clearing Schild's data ask for it (the popup and the options page check).
 *
 * Only a salted PBKDF2-SHA-256 hash is stored (storage.local), never the PIN.
 * Wrong attempts are rate-limited: after MAX_FREE_FAILURES, each further
 * wrong PIN doubles the wait, up to MAX_WAIT_MS. A forgotten PIN is reset by
 * removing and reinstalling Schild (which also resets its settings).
 *
 * What a PIN cannot do: stop someone who can open the browser's extensions
 * page and remove Schild, or edit its storage with developer tools. For that,
 * schools and parents use browser policy (see docs/policy.md).
 */
import { ext } from './browser-api.js';

const PIN_KEY = 'pin';
const ATTEMPTS_KEY = 'pinAttempts';

/** OWASP's 2023 figure for PBKDF2-SHA-256; about 0.3 s on a slow laptop. */
const ITERATIONS = 600_000;
export const MIN_PIN_LENGTH = 4;
const MAX_FREE_FAILURES = 3;
const FIRST_WAIT_MS = 30_000;
const MAX_WAIT_MS = 15 * 60_000;

export async function hasPin() {
  const { [PIN_KEY]: stored } = await ext.storage.local.get(PIN_KEY);
  return Boolean(stored?.hash);
}

/**
 * Sets a new PIN. The caller has checked the old one (if any).
 * Throws when the PIN is too short.
 */
export async function setPin(pin) {
  if (typeof pin !== 'string' || pin.length < MIN_PIN_LENGTH) throw new Error('PIN too short');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(pin, salt, ITERATIONS);
  await ext.storage.local.set({
    [PIN_KEY]: { salt: toHex(salt), hash: toHex(hash), iterations: ITERATIONS },
    [ATTEMPTS_KEY]: { failures: 0, lockedUntil: 0 },
  });
}

/** Removes the PIN. The caller has checked it. */
export async function removePin() {
  await ext.storage.local.remove([PIN_KEY, ATTEMPTS_KEY]);
}

/**
 * Checks a PIN.
 * @returns {Promise<{ ok: true } | { ok: false, waitMs: number }>}
 *   `waitMs` > 0: too many wrong attempts; no PIN is checked until then
 */
export async function verifyPin(pin) {
  const { [PIN_KEY]: stored, [ATTEMPTS_KEY]: attempts = { failures: 0, lockedUntil: 0 } } =
    await ext.storage.local.get([PIN_KEY, ATTEMPTS_KEY]);
  if (!stored?.hash) return { ok: true };
  const now = Date.now();
  if (attempts.lockedUntil > now) return { ok: false, waitMs: attempts.lockedUntil - now };

  const hash = await derive(String(pin), fromHex(stored.salt), stored.iterations);
  if (sameBytes(hash, fromHex(stored.hash))) {
    await ext.storage.local.set({ [ATTEMPTS_KEY]: { failures: 0, lockedUntil: 0 } });
    return { ok: true };
  }
  const failures = attempts.failures + 1;
  const waitMs = failures < MAX_FREE_FAILURES ? 0 : Math.min(FIRST_WAIT_MS * 2 ** (failures - MAX_FREE_FAILURES), MAX_WAIT_MS);
  await ext.storage.local.set({ [ATTEMPTS_KEY]: { failures, lockedUntil: now + waitMs } });
  return { ok: false, waitMs };
}

async function derive(pin, salt, iterations) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** Compares without stopping at the first difference. */
function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}

const toHex = (bytes) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
const fromHex = (hex) => new Uint8Array(hex.match(/../g).map((pair) => parseInt(pair, 16)));
