/**
 * A batch of comments crosses into the classifier's WebAssembly once: packed
 * into one string, answered with one typed array of scores, and verdicts for
 * the flagged comments only (src/wasm.rs, classifyPacked). Reading objects
 * field by field and building a verdict object per comment cost more than
 * classifying. No imports: the benchmarks load this file as it is.
 */
/** Ends each field of a packed batch (src/wasm.rs, SEPARATOR, says the format). */
const SEPARATOR = '\0';

const field = (value) => (value.includes(SEPARATOR) ? value.replaceAll(SEPARATOR, '\uFFFD') : value);

/**
 * A batch of comments ({ text, author, links, trusted }; site.js, Comment)
 * as one string for classifyPacked. A missing or non-string author is none,
 * links that are not an array are none, other values are read as strings.
 *
 * @param {object[]} comments
 */
export function packComments(comments) {
  let packed = '';
  for (const comment of comments) {
    const { text, author, links, trusted } = comment ?? {};
    const linkList = Array.isArray(links) ? links : [];
    const hasAuthor = typeof author === 'string';
    packed += `${trusted === true ? 't' : 'f'}${hasAuthor ? 'a' : '-'}${linkList.length}${SEPARATOR}${field(String(text ?? ''))}${SEPARATOR}`;
    if (hasAuthor) packed += field(author) + SEPARATOR;
    for (const link of linkList) packed += field(String(link)) + SEPARATOR;
  }
  return packed;
}

/**
 * The verdicts ({ score, sexspam, reasons }) of a batch from what the
 * classifier answered: classifyPacked's numbers (every score, then how many
 * were flagged) and takeFlagged's [index, verdict] pairs.
 *
 * @param {number} count
 * @param {{ scores: Float32Array, flagged: [number, object][] }} answer
 */
export function unpackVerdicts(count, { scores, flagged }) {
  const verdicts = new Array(count);
  for (const [index, verdict] of flagged) verdicts[index] = verdict;
  for (let i = 0; i < count; i++) verdicts[i] ??= { score: scores[i], sexspam: false, reasons: [] };
  return verdicts;
}

/**
 * What a PageClassifier answers for `count` packed comments, as
 * unpackVerdicts reads it: one call in, and a second only when a comment was
 * flagged. Throws what classifyPacked throws.
 *
 * @returns {{ scores: Float32Array, flagged: [number, object][] }}
 */
export function classifyPacked(classifier, packed, count) {
  const numbers = classifier.classifyPacked(packed, count);
  const flagged = numbers[count] > 0 ? classifier.takeFlagged() : [];
  return { scores: numbers.subarray(0, count), flagged };
}
