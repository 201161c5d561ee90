// The built classifier's JavaScript binding (src/wasm.rs) on bad input, in
// Node's V8, run by tools/test.sh after the build. Whatever it is given —
// lone surrogates, wrong types, missing fields, throwing getters, Proxies,
// huge strings and arrays, malformed packed batches — a call returns
// verdicts or {error} items, or throws a catchable Error, never hangs, and
// the classifier keeps working. The packed way in (what the extension uses,
// extension/shared/packing.js) answers as classifyBatch does.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { initSync, PageClassifier, classify, normalize } = await import(path.join(ROOT, 'target/wasm-bindgen/schild.js'));
const { classifyPacked, packComments, unpackVerdicts } = await import(path.join(ROOT, 'extension/shared/packing.js'));
initSync({ module: fs.readFileSync(path.join(ROOT, 'target/wasm-bindgen/schild_bg.wasm')) });

// The binding warns once per skipped item; the tests skip many on purpose.
console.warn = () => {};

const LURE = { text: 'hello', author: '🍓 𝐌𝐘 𝐇𝐎𝐓 𝐕𝐈𝐃𝐄𝐎 - SĘÉ NÓW !', links: [] };
const HAM = { text: 'Great video, thanks for the tutorial!', author: '@maria', links: [] };

/** A verdict as the extension expects it. */
function assertVerdict(verdict) {
  assert.equal(typeof verdict.score, 'number');
  assert.ok(verdict.score >= 0 && verdict.score <= 1, String(verdict.score));
  assert.equal(typeof verdict.sexspam, 'boolean');
  assert.ok(Array.isArray(verdict.reasons) && verdict.reasons.length <= 4);
  assert.equal(verdict.sexspam, verdict.reasons.length > 0);
  for (const reason of verdict.reasons) {
    for (const text of [reason.evidence, reason.message, reason.revealed ?? '']) assert.ok(text.isWellFormed(), text);
  }
}

/** The extension's way: a batch packed into one string, the verdicts unpacked. */
const packed = (page, comments) => unpackVerdicts(comments.length, classifyPacked(page, packComments(comments), comments.length));

/** The classifier still answers normally, both ways in. */
function assertStillWorks(page) {
  for (const [lure, ham] of [page.classifyBatch([LURE, HAM]), packed(page, [LURE, HAM])]) {
    assertVerdict(lure);
    assertVerdict(ham);
    assert.equal(lure.sexspam, true);
    assert.equal(ham.sexspam, false);
  }
}

describe('the wasm binding on bad input', { timeout: 60_000 }, () => {
  it('reads lone surrogates as replacement characters', () => {
    const page = new PageClassifier('balanced');
    const verdicts = page.classifyBatch([
      { text: '\uD800sex\uDFFF hot \uD83D', author: '\uDC00Hot Girl\uD800', links: ['https://\uD800.example/'] },
      { text: '\uD83D\uDE00'.repeat(10) + '\uD83D'.repeat(1000), author: '\uDFFF'.repeat(300) },
    ]);
    verdicts.forEach(assertVerdict);
    assert.ok(normalize('a\uD800b').isWellFormed());
    assertVerdict(classify({ text: '\uDBFF\uDBFF' }));
    assertStillWorks(page);
  });

  it('answers each item that is not a comment with {error}, and the others with verdicts', () => {
    const page = new PageClassifier();
    const items = [
      null, undefined, 5, 'text', true, Symbol('s'), 10n, () => {},
      { text: 5 }, { text: {} }, { author: 7 }, { links: 'https://x.example' }, { links: [1] }, { trusted: 'yes' },
      LURE,
      {}, { text: null, author: null, links: null, trusted: null }, { text: 'hi', unknown: [1, 2] }, [],
    ];
    const verdicts = page.classifyBatch(items);
    assert.equal(verdicts.length, items.length);
    for (const [i, verdict] of verdicts.entries()) {
      if (i < 14) assert.equal(typeof verdict.error, 'string', `item ${i}: ${JSON.stringify(verdict)}`);
      else assertVerdict(verdict);
    }
    assert.equal(verdicts[14].sexspam, true);
    // An error names the type, never the page's text.
    assert.doesNotMatch(JSON.stringify(verdicts), /https:\/\/x\.example/);
    assertStillWorks(page);
  });

  it('survives getters and Proxies that throw', () => {
    const page = new PageClassifier();
    const { proxy: revoked, revoke } = Proxy.revocable([], {});
    revoke();
    const throwing = new Proxy({}, { get() { throw new Error('trap'); } });
    const verdicts = page.classifyBatch([
      { get text() { throw new Error('getter'); } },
      { text: 'x', get links() { throw new Error('getter'); } },
      { links: revoked },
      { links: new Proxy(['a'], { get(target, key) { if (key === '0') throw new Error('trap'); return target[key]; } }) },
      throwing,
      revoked,
      LURE,
    ]);
    verdicts.slice(0, 6).forEach((v, i) => assert.equal(typeof v.error, 'string', `item ${i}`));
    assert.equal(verdicts[6].sexspam, true);
    const badBatch = new Proxy([LURE], { get(target, key) { if (key === '0') throw new Error('trap'); return target[key]; } });
    assert.equal(typeof page.classifyBatch(badBatch)[0].error, 'string');
    assert.throws(() => page.classifyBatch(revoked), Error);
    assertStillWorks(page);
  });

  it('throws a catchable Error for a call that is not a batch, and keeps working', () => {
    const page = new PageClassifier('strict');
    for (const notABatch of [undefined, null, 5, 'text', {}, { length: 1e9 }, { length: 2, 0: LURE, 1: HAM }, LURE]) {
      assert.throws(() => page.classifyBatch(notABatch), (error) => error instanceof Error && /array/.test(error.message));
    }
    assert.throws(() => page.classifyBatch(new Array(1001).fill(HAM)), /at most 1000/);
    assert.equal(page.classifyBatch(new Array(1000).fill(HAM)).length, 1000);
    assert.equal(page.classifyBatch(new Array(10)).length, 10); // holes are items that are not comments
    assertStillWorks(page);
  });

  it('rejects a sensitivity or a text that is not a string without harm', () => {
    for (const bad of [5, {}, true, 'max', ['strict']]) {
      assert.throws(() => new PageClassifier(bad), Error);
      assert.throws(() => classify(HAM, bad), Error);
    }
    for (const bad of [5, null, undefined, {}]) assert.throws(() => normalize(bad), Error);
    assertStillWorks(new PageClassifier(null));
  });

  it('reads only the first 4 KB of a 1 MB text, 256 bytes of a name and 16 links', () => {
    const page = new PageClassifier();
    const cases = [
      [{ text: 'x'.repeat(1 << 20) }, { text: 'x'.repeat(4096) }],
      [{ text: 'tap my profile for hot nudes ' + 'and so on '.repeat(1 << 17) }, { text: ('tap my profile for hot nudes ' + 'and so on '.repeat(500)).slice(0, 4096) }],
      [{ text: 'hi', author: 'HOTGIRL'.repeat(1 << 17) }, { text: 'hi', author: 'HOTGIRL'.repeat(40).slice(0, 256) }],
      [{ text: 'look', links: new Array(100_000).fill('https://hot-dates.example/x') }, { text: 'look', links: new Array(16).fill('https://hot-dates.example/x') }],
      [{ text: 'look', links: ['https://' + 'a-b.'.repeat(1 << 18)] }, { text: 'look', links: [('https://' + 'a-b.'.repeat(600)).slice(0, 2048)] }],
    ];
    for (const [huge, capped] of cases) {
      const [a, b] = page.classifyBatch([huge, capped]);
      assertVerdict(a);
      assert.deepEqual(a, b);
    }
    const chain = '👩🏽\u200D❤\uFE0F\u200D'.repeat(1 << 16);
    page.classifyBatch([{ text: chain, author: chain }]).forEach(assertVerdict);
    assertStillWorks(page);
  });

  it('answers a packed batch as classifyBatch answers the same comments', () => {
    const comments = [
      LURE,
      HAM,
      { text: 'see my pics', author: null, links: ['https://hot-dates.example/x', 'https://t.me/anna'], trusted: false },
      { text: 'Pinned: thanks all!', author: '@channel', links: [], trusted: true },
      { text: '', author: 'ʟᴏᴏᴋ ᴀᴛ ᴍʏ ᴘʀᴏꜰɪʟᴇ', links: [] },
      { text: 'a\u0000b\u0000', author: '\u0000@x', links: ['\u0000'] },
      { text: '\uD800 lone \uDFFF', author: '\uDC00', links: [] },
    ];
    // Two pages: the copy detector remembers what each has seen.
    const [a, b] = [new PageClassifier(), new PageClassifier()];
    const byObjects = a.classifyBatch(comments.map((c) => ({ ...c, text: c.text.replaceAll('\u0000', '\uFFFD'), author: c.author?.replaceAll('\u0000', '\uFFFD') ?? null, links: c.links.map((l) => l.replaceAll('\u0000', '\uFFFD')) })));
    const byPacking = packed(b, comments);
    byPacking.forEach(assertVerdict);
    assert.deepEqual(byPacking.map((v) => ({ ...v, score: Math.fround(v.score) })), byObjects.map((v) => ({ ...v, score: Math.fround(v.score) })));
    assert.equal(byPacking[0].sexspam, true);
    assert.equal(byPacking[1].sexspam, false);
    // The flagged verdicts are given once.
    b.classifyPacked(packComments([LURE]), 1);
    assert.equal(b.takeFlagged().length, 1);
    assert.equal(b.takeFlagged().length, 0);
    assertStillWorks(b);
  });

  it('packs anything it is given into something the classifier reads', () => {
    const page = new PageClassifier();
    const odd = [null, undefined, 5, 'text', true, {}, [], { text: 5, author: 7, links: 'x', trusted: 'yes' }, { links: [1, null, {}] }, LURE];
    const verdicts = packed(page, odd);
    assert.equal(verdicts.length, odd.length);
    verdicts.forEach(assertVerdict);
    assert.equal(verdicts.at(-1).sexspam, true);
    // A getter that throws makes the batch throw, catchably; nothing is half done.
    assert.throws(() => packed(page, [LURE, { get text() { throw new Error('getter'); } }]), /getter/);
    assertStillWorks(page);
  });

  it('throws a catchable Error for a packed batch that is not one, and keeps working', () => {
    const page = new PageClassifier();
    const good = packComments([LURE, HAM]);
    const notBatches = [
      [undefined, 0], [null, 0], [5, 1], [{}, 1], [['fa0\0x\0'], 1], [new String(good), 2], // not a string
      [good, undefined], [good, '2'], [good, 1.5], [good, -1], [good, 1001], [good, NaN], [good, Infinity], // not a count
      [good, 3], [good, 1], [good.slice(0, -1), 2], ['', 1], // too few or too many records
      ['xa0\0text\0author\0', 1], ['f\0text\0', 1], ['fq0\0text\0', 1], ['fa\0text\0author\0', 1], ['fa-1\0t\0a\0', 1],
      ['fa99999999999999999999\0t\0a\0', 1], ['fa5\0t\0a\0l\0', 1], ['f-0', 1], // bad headers, fields missing
    ];
    for (const [packedBatch, count] of notBatches) {
      assert.throws(() => page.classifyPacked(packedBatch, count), (error) => error instanceof Error && /classifyPacked/.test(error.message), `${JSON.stringify(packedBatch)?.slice(0, 40)}, ${count}`);
      assertStillWorks(page);
    }
    // A failed batch leaves no flagged verdicts behind for the next.
    assert.throws(() => page.classifyPacked(packComments([LURE]) + 'junk', 1));
    assert.equal(page.takeFlagged().length, 0);
    // The most a batch holds, and every link beyond the 16 read is skipped.
    assert.equal(page.classifyPacked(packComments(new Array(1000).fill(HAM)), 1000).length, 1001);
    const manyLinks = { text: 'look', links: new Array(100_000).fill('https://hot-dates.example/x') };
    const fewLinks = { text: 'look', links: new Array(16).fill('https://hot-dates.example/x') };
    const [a, b] = packed(page, [manyLinks, fewLinks]);
    assert.deepEqual(a, b);
    // A text of 1 MB, as classifyBatch reads it (its first 4 KB).
    const huge = { text: 'tap my profile for hot nudes ' + 'and so on '.repeat(1 << 17) };
    assert.deepEqual(packed(page, [huge])[0], page.classifyBatch([huge])[0]);
    assertStillWorks(page);
  });
});
