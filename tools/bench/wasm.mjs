// Throughput of the classifier compiled to WebAssembly, in Node's V8 (the
// engine of Chromium), on the same comments as `cargo bench --bench
// classify`: `node tools/bench/wasm.mjs` after tools/build.sh.
// tools/bench/bench.mjs runs the same loop (tools/bench/wasm-loop.mjs) in Node
// and inside Chromium, next to the other figures.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureWasm } from './wasm-loop.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GLUE = path.join(ROOT, 'target/wasm-bindgen/schild.js');
export const WASM = path.join(ROOT, 'target/wasm-bindgen/schild_bg.wasm');
/** How the extension packs a batch (no imports, so it loads as it is in Node and in a page). */
export const PACKING = path.join(ROOT, 'extension/shared/packing.js');

const SHARED = path.join(ROOT, '../shared/data/dev');
const FILES = ['youtube_pt_kids_comments.jsonl', 'youtube2023.jsonl', 'youtube_fr_comments.jsonl', 'youtube_ko_comments.jsonl'];
const FIXTURES = path.join(ROOT, 'tests/fixtures/comments.jsonl');

/**
 * The benchmark's comments: the first 500 rows of four YouTube corpora in
 * ../shared/data when it is there (real lengths and languages), else the
 * project's fixtures. `source` says which.
 */
export function benchComments() {
  const read = (file) =>
    fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
      const { text, author, links } = JSON.parse(line);
      return { text, author: author ?? null, links: links ?? [] };
    });
  if (fs.existsSync(SHARED)) {
    return {
      comments: FILES.flatMap((f) => read(path.join(SHARED, f)).slice(0, 500)),
      source: `../shared/data/dev, first 500 rows of ${FILES.map((f) => f.replace('.jsonl', '')).join(', ')}`,
    };
  }
  return { comments: read(FIXTURES), source: 'tests/fixtures/comments.jsonl (../shared/data not found)' };
}

/** The classifier's throughput in this Node's V8 (see measureWasm). */
export async function benchWasmInNode(comments, options) {
  const { initSync, PageClassifier } = await import(GLUE);
  initSync({ module: fs.readFileSync(WASM) });
  return measureWasm(PageClassifier, await import(PACKING), comments, options);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { comments, source } = benchComments();
  const result = await benchWasmInNode(comments);
  console.log(
    `wasm (V8, batches of 100 packed): ${(result.perSecond / 1000).toFixed(0)}k comments/s (classifyBatch: ${(result.objectsPerSecond / 1000).toFixed(0)}k) over ${result.comments} comments (${source}), median of ${result.rounds} rounds; one 1 MB comment ${result.megabyteMs} ms`,
  );
  console.log(JSON.stringify({ wasm_comments_per_second: result.perSecond, comments: result.comments, megabyte_comment_ms: result.megabyteMs }));
}
