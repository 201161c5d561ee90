// The timing loop for the classifier in WebAssembly, the same code in Node
// (tools/bench/wasm.mjs) and in a Chromium page (tools/bench/bench.mjs): it only
// needs the PageClassifier class of the wasm-bindgen glue and the packing
// of extension/shared/packing.js.
//
// It classifies in batches of 100 the way the extension does (packed into
// one string, classifyPacked, verdicts unpacked), so the figure includes
// moving comments and verdicts between JavaScript and Rust; and, for
// comparison, through classifyBatch (an array of objects in, one verdict
// object per comment out).

/** A comment of just over 1 MB (UTF-8): a lure, then ordinary words. */
export function megabyteComment() {
  return { text: `Tap my profile for my hot video 🍓 ${'and so on '.repeat(1 << 17)}`, author: '@maria', links: [] };
}

/**
 * Comments per second packed (the extension's way) and through classifyBatch
 * (median of `rounds` runs over all comments, after `warmup` untimed runs),
 * and the milliseconds one 1 MB comment takes (median of 20), string
 * conversion included.
 */
export function measureWasm(PageClassifier, { classifyPacked, packComments, unpackVerdicts }, comments, { rounds = 10, warmup = 5 } = {}) {
  const batches = [];
  for (let i = 0; i < comments.length; i += 100) batches.push(comments.slice(i, i + 100));
  const page = new PageClassifier('balanced');
  const median = (times) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  const timed = (count, run) => {
    const times = [];
    for (let i = 0; i < count; i++) {
      const start = performance.now();
      run();
      times.push(performance.now() - start);
    }
    return median(times);
  };
  const packed = (batch) => unpackVerdicts(batch.length, classifyPacked(page, packComments(batch), batch.length));
  const objects = (batch) => page.classifyBatch(batch);
  const run = (classify) => () => {
    for (const batch of batches) classify(batch);
    page.reset();
  };
  for (let i = 0; i < warmup; i++) run(packed)();
  for (let i = 0; i < warmup; i++) run(objects)();
  const ms = timed(rounds, run(packed));
  const objectsMs = timed(rounds, run(objects));
  const huge = [megabyteComment()];
  packed(huge);
  const megabyteMs = timed(20, () => packed(huge));
  page.free();
  return {
    perSecond: Math.round(comments.length / (ms / 1000)),
    objectsPerSecond: Math.round(comments.length / (objectsMs / 1000)),
    comments: comments.length,
    rounds,
    megabyteMs: Math.round(megabyteMs * 100) / 100,
  };
}
