// Throughput of the classifier compiled to WebAssembly, in Node's V8 (the
// engine of Chromium), on the same comments as `cargo bench --bench
// classify`: `node tools/bench-wasm.mjs` after tools/build.sh.
//
// It calls the extension's own entry point, PageClassifier.classifyBatch, in
// batches of 100, so the figure includes moving comments and verdicts
// between JavaScript and Rust.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { initSync, PageClassifier } = await import(path.join(ROOT, 'target/wasm-bindgen/schild.js'));
initSync({ module: fs.readFileSync(path.join(ROOT, 'target/wasm-bindgen/schild_bg.wasm')) });

function comments() {
  const shared = path.join(ROOT, '../shared/data/dev');
  const files = ['youtube_pt_kids_comments.jsonl', 'youtube2023.jsonl', 'youtube_fr_comments.jsonl', 'youtube_ko_comments.jsonl'];
  const read = (file) =>
    fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
      const { text, author, links } = JSON.parse(line);
      return { text, author: author ?? null, links: links ?? [] };
    });
  if (fs.existsSync(shared)) return files.flatMap((f) => read(path.join(shared, f)).slice(0, 500));
  console.error('../shared/data not found: benchmarking on tests/fixtures/comments.jsonl');
  return read(path.join(ROOT, 'tests/fixtures/comments.jsonl'));
}

const all = comments();
const batches = [];
for (let i = 0; i < all.length; i += 100) batches.push(all.slice(i, i + 100));
const page = new PageClassifier('balanced');

const run = () => {
  for (const batch of batches) page.classifyBatch(batch);
  page.reset();
};
for (let i = 0; i < 5; i++) run(); // warm up
const rounds = [];
for (let i = 0; i < 10; i++) {
  const start = process.hrtime.bigint();
  run();
  rounds.push(Number(process.hrtime.bigint() - start) / 1e9);
}
rounds.sort((a, b) => a - b);
const median = rounds[Math.floor(rounds.length / 2)];
const perSecond = all.length / median;
console.log(`wasm (V8, classifyBatch of 100): ${(perSecond / 1000).toFixed(0)}k comments/s over ${all.length} comments, median of ${rounds.length} rounds`);
console.log(JSON.stringify({ wasm_comments_per_second: Math.round(perSecond), comments: all.length }));
