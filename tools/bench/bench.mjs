// All of Schild's performance evidence in one run, side by side (issue 9):
// `tools/bench.sh` (builds, then runs this), or `node tools/bench/bench.mjs` after
// tools/build.sh and `cargo build --release --bin schild`.
//
//   - the classifier's throughput native (`schild bench`, release build),
//     in wasm in Node's V8 and in wasm inside Chromium (a page that loads the
//     same module the extension ships and runs the same loop,
//     tools/bench/wasm-loop.mjs), all on the same comments;
//   - the keyword-list baseline (src/baseline.rs), native;
//   - one 1 MB comment in each engine;
//   - what Schild costs a page: tools/bench/page.mjs on the 2,000-comment
//     fixture with 500 chat messages (main-thread time from Chromium's CPU
//     profiler), and again without Schild for the memory;
//   - the wasm's size, raw and gzipped;
//   - memory: Schild's wasm memory in the tab, the tab's renderer and JS
//     heap with and without Schild, the extension's own process.
//
// Options: --quick (a small page and fewer rounds: checks the command works,
// the figures mean little), --json (the report as JSON on the last line).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { launchBrowser } from '../lib/browser.mjs';
import { benchComments, benchWasmInNode, GLUE, PACKING, WASM } from './wasm.mjs';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCHILD = path.join(ROOT, 'target/release/schild');
const args = process.argv.slice(2);
for (const arg of args) if (!['--quick', '--json'].includes(arg)) throw new Error(`unknown option ${arg}`);
const quick = args.includes('--quick');
const json = args.includes('--json');
const page = quick ? { comments: 60, messages: 10 } : { comments: 2000, messages: 500 };
const rounds = quick ? { rounds: 3, warmup: 1 } : { rounds: 10, warmup: 5 };
const log = (message) => console.error(`bench: ${message}`);

for (const file of [SCHILD, GLUE, WASM]) {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run tools/bench.sh (it builds first)`);
}

const { comments, source } = benchComments();
const commentsFile = path.join(ROOT, 'target/bench/comments.jsonl');
fs.mkdirSync(path.dirname(commentsFile), { recursive: true });
fs.writeFileSync(commentsFile, comments.map((c) => JSON.stringify(c)).join('\n') + '\n');

log('native (schild bench)…');
const native = JSON.parse((await run(SCHILD, ['bench', '--json', commentsFile])).stdout);

log("wasm in Node's V8…");
const node = await benchWasmInNode(comments, rounds);

log('wasm inside Chromium…');
const chromium = await wasmInChromium();

log(`page overhead: ${page.comments} comments and ${page.messages} chat messages, with Schild…`);
const pageArgs = ['--comments', String(page.comments), '--messages', String(page.messages), '--json'];
const benchPage = async (extra) =>
  JSON.parse((await run(process.execPath, [path.join(ROOT, 'tools/bench/page.mjs'), ...pageArgs, ...extra], { maxBuffer: 1 << 26 })).stdout.trim().split('\n').at(-1));
const withSchild = await benchPage([]);
log('…and without Schild (memory only)');
const withoutSchild = await benchPage(['--without-schild']);

const wasmBytes = fs.readFileSync(WASM);
const report = {
  machine: `${os.cpus()[0]?.model.trim()} (${os.cpus().length} cores), ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.type()} ${os.release()}`,
  chromium: chromium.version,
  node: process.version,
  comments: { count: comments.length, averageBytes: native.average_bytes, source },
  native,
  wasmNode: node,
  wasmChromium: chromium.result,
  page: { setup: withSchild.setup, verdicts: withSchild.verdicts, schild: withSchild.schild },
  memory: { withSchild: withSchild.memory, withoutSchild: withoutSchild.memory },
  wasmSize: { bytes: wasmBytes.length, gzippedBytes: zlib.gzipSync(wasmBytes, { level: 9 }).length },
};
printTable(report);
if (json) console.log(JSON.stringify(report));

/**
 * The wasm loop in a Chromium page: the same glue and module, served from
 * the build by Playwright's request interception (no server, no network).
 */
async function wasmInChromium() {
  const browser = await launchBrowser();
  try {
    const tab = await browser.context.newPage();
    const files = {
      '/schild.js': [GLUE, 'text/javascript'],
      '/schild_bg.wasm': [WASM, 'application/wasm'],
      '/bench-wasm-loop.mjs': [path.join(ROOT, 'tools/bench/wasm-loop.mjs'), 'text/javascript'],
      '/packing.js': [PACKING, 'text/javascript'],
    };
    // A host the extension does not run on, so only the benchmark runs there.
    await tab.route('https://schild-bench.test/**', (route) => {
      const { pathname } = new URL(route.request().url());
      const [file, contentType] = files[pathname] ?? [];
      if (file) route.fulfill({ body: fs.readFileSync(file), contentType });
      else route.fulfill({ body: '<!doctype html><title>Schild wasm benchmark</title>', contentType: 'text/html' });
    });
    await tab.goto('https://schild-bench.test/');
    const result = await tab.evaluate(
      async ({ comments, rounds }) => {
        const glue = await import('/schild.js');
        const { measureWasm } = await import('/bench-wasm-loop.mjs');
        glue.initSync({ module: await (await fetch('/schild_bg.wasm')).arrayBuffer() });
        return measureWasm(glue.PageClassifier, await import('/packing.js'), comments, rounds);
      },
      { comments, rounds },
    );
    const cdp = await browser.context.newCDPSession(tab);
    const version = (await cdp.send('Browser.getVersion')).product;
    return { result, version };
  } finally {
    await browser.close();
  }
}

function printTable(r) {
  const k = (perSecond) => `${Math.round(perSecond / 1000)}k comments/s`;
  const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;
  const { schild, setup, verdicts } = r.page;
  const [w, wo] = [r.memory.withSchild, r.memory.withoutSchild];
  const rows = [
    ['classifier, native: score only', k(r.native.score_per_second), '`schild bench`, release build, median of 10 rounds'],
    ['classifier, native: page verdicts with reasons', k(r.native.page_verdicts_per_second), "the extension's call (Page::classify)"],
    ["classifier, wasm in Node's V8", k(r.wasmNode.perSecond), `classifyBatch of 100, marshalling included, median of ${r.wasmNode.rounds} rounds`],
    [`classifier, wasm in ${r.chromium.replace('Chrome/', 'Chromium ')}`, k(r.wasmChromium.perSecond), 'the same loop in a page, the module the extension ships'],
    ['keyword-list baseline, native', k(r.native.baseline_per_second), 'src/baseline.rs (`schild eval --baseline` for its quality)'],
    ['normaliser alone, native', k(r.native.normalize_per_second), 'name and text folded, nothing else'],
    [
      'one 1 MB comment: native / V8 / Chromium',
      `${(r.native.megabyte_comment_micros / 1000).toFixed(2)} / ${r.wasmNode.megabyteMs} / ${r.wasmChromium.megabyteMs} ms`,
      'the core reads its first 4 KB; in wasm, copying the string in is most of it',
    ],
    [
      `page: Schild's main-thread time`,
      `${Math.round(schild.totalMs)} ms, ${schild.per100ItemsMs.toFixed(1)} ms per 100`,
      `${setup.comments} comments + ${setup.messages} chat messages, tools/bench/page.mjs (CPU profiler, 100 µs samples)`,
    ],
    [
      'page: most Schild time in one task',
      `${schild.mostSchildInOneTask.schildMs.toFixed(1)} ms`,
      `tasks pushed over 50 ms by Schild: ${schild.tasksSchildPushedOver50Ms} of ${schild.tasksWithSchild}`,
    ],
    [
      'page: verdicts',
      `${verdicts.page.botsBlurred + verdicts.chat.botsBlurred} of ${verdicts.page.bots + verdicts.chat.bots} bots`,
      `blurred; other items blurred: ${verdicts.page.othersBlurred + verdicts.chat.othersBlurred}`,
    ],
    ['wasm size', `${kb(r.wasmSize.bytes)}, ${kb(r.wasmSize.gzippedBytes)} gzipped`, 'target/wasm-bindgen/schild_bg.wasm = dist/*/wasm/, model included'],
    ["memory: Schild's wasm in the tab", mb(w.schildWasmBytes), `linear memory of ${w.schildWorlds} classifiers (page and chat frame), CDP queryObjects`],
    ['memory: tab renderer (PSS)', `${mb(w.tabRendererPssBytes)} (without Schild ${mb(wo.tabRendererPssBytes)})`, '/proc/PID/smaps_rollup after the page above, after GC'],
    ['memory: tab JS heap', `${mb(w.tabJsHeapUsedBytes)} (without Schild ${mb(wo.tabJsHeapUsedBytes)})`, 'CDP Runtime.getHeapUsage: page, frames and content scripts'],
    ['memory: extension process (PSS)', `${mb(w.extensionProcessPssBytes)} (an empty extension ${mb(wo.extensionProcessPssBytes)})`, 'its service worker; the classifier is in the page here'],
  ];
  const width = (i) => Math.max(...rows.map((row) => row[i].length));
  const out = json ? console.error : console.log;
  out(`\nSchild benchmark${quick ? ' (--quick: a small run, figures not representative)' : ''}`);
  out(`  machine: ${r.machine}; ${r.chromium.replace('Chrome/', 'Chromium ')}; Node ${r.node}`);
  out(`  comments: ${r.comments.count} (${r.comments.source}), ${r.comments.averageBytes} bytes on average\n`);
  for (const row of rows) out(`  ${row[0].padEnd(width(0))}  ${row[1].padEnd(width(1))}  ${row[2]}`);
}
