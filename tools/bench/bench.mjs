// All of Schild's performance evidence in one run, as one table (issues 9
// and 17): `tools/bench.sh` (builds, then runs this), or
// `node tools/bench/bench.mjs` after tools/build.sh and
// `cargo build --release --bin schild`.
//
//   - the classifier's throughput native (`schild bench`, release build),
//     in wasm in Node's V8 and in wasm inside Chromium (a page that loads the
//     same module the extension ships and runs the same loop,
//     tools/bench/wasm-loop.mjs), all on the same comments, and the ratio of
//     wasm in Chromium to native for the same work (page verdicts);
//   - the keyword-list baseline (src/baseline.rs), native;
//   - one 1 MB comment in each engine;
//   - what Schild costs a page, beside the same page with a do-nothing
//     extension (tools/bench/page.mjs): the bench page with 2,000 comments
//     and 500 chat messages; it read again after a settings change; and
//     50,000 comments inserted at once (how long until all are judged, and
//     the input delay meanwhile);
//   - the wasm's size, raw and gzipped;
//   - memory: Schild's wasm memory in the tab, the tab's renderer and JS
//     heap with and without Schild, the extension's own process.
//
// Options: --quick (a small page and fewer rounds: checks the command works,
// the figures mean little), --json (the report as JSON on the last line),
// --markdown FILE (also write the table into FILE, between the lines
// <!-- bench:start --> and <!-- bench:end -->, replacing what was there).
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
/** The lines in a Markdown file between which --markdown writes the table. */
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const args = process.argv.slice(2);
let markdownFile = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--markdown') markdownFile = args[++i];
  else if (!['--quick', '--json'].includes(args[i])) throw new Error(`unknown option ${args[i]}`);
}
if (args.includes('--markdown') && !markdownFile) throw new Error('--markdown needs a file');
if (markdownFile) checkMarkers(fs.readFileSync(markdownFile, 'utf8'), markdownFile);
const quick = args.includes('--quick');
const json = args.includes('--json');
const page = quick ? { comments: 60, messages: 10, flood: 1000 } : { comments: 2000, messages: 500, flood: 50_000 };
const rounds = quick ? { rounds: 3, warmup: 1 } : { rounds: 10, warmup: 5 };
const log = (message) => console.error(`bench: ${message}`);

for (const file of [SCHILD, GLUE, WASM]) {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run tools/bench.sh (it builds first)`);
}

const { comments, source } = benchComments();
const commentsFile = path.join(ROOT, 'target/bench/comments.jsonl');
fs.mkdirSync(path.dirname(commentsFile), { recursive: true });
fs.writeFileSync(commentsFile, comments.map((c) => JSON.stringify(c)).join('\n') + '\n');

// Native before and after the wasm runs, the mean of the two: the machine
// may be shared, and its load change in between.
const benchNative = async () => JSON.parse((await run(SCHILD, ['bench', '--json', commentsFile])).stdout);
log('native (schild bench)…');
const nativeRuns = [await benchNative()];

log("wasm in Node's V8…");
const node = await benchWasmInNode(comments, rounds);

log('wasm inside Chromium…');
const chromium = await wasmInChromium();

log('native again…');
nativeRuns.push(await benchNative());
const native = Object.fromEntries(
  Object.keys(nativeRuns[0]).map((key) => [key, Math.round(nativeRuns.reduce((sum, r) => sum + r[key], 0) / nativeRuns.length * 10) / 10]),
);

const benchPage = async (args) =>
  JSON.parse(
    (await run(process.execPath, [path.join(ROOT, 'tools/bench/page.mjs'), ...args, '--json'], { maxBuffer: 1 << 26 })).stdout.trim().split('\n').at(-1),
  );
const streamArgs = ['--comments', String(page.comments), '--messages', String(page.messages)];
log(`page: ${page.comments} comments and ${page.messages} chat messages, with Schild…`);
const stream = await benchPage(streamArgs);
log('…and without Schild');
const streamWithout = await benchPage([...streamArgs, '--without-schild']);
log(`page: ${page.flood} comments at once, with Schild…`);
const flood = await benchPage(['--flood', String(page.flood)]);
log('…and without Schild');
const floodWithout = await benchPage(['--flood', String(page.flood), '--without-schild']);

const wasmBytes = fs.readFileSync(WASM);
const report = {
  machine: `${os.cpus()[0]?.model.trim()} (${os.cpus().length} cores), ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.type()} ${os.release()}`,
  chromium: chromium.version,
  node: process.version,
  comments: { count: comments.length, averageBytes: native.average_bytes, source },
  native,
  wasmNode: node,
  wasmChromium: chromium.result,
  page: { stream, streamWithout, flood, floodWithout },
  wasmSize: { bytes: wasmBytes.length, gzippedBytes: zlib.gzipSync(wasmBytes, { level: 9 }).length },
  wasmToNative: Math.round((chromium.result.perSecond / native.page_verdicts_per_second) * 100) / 100,
};
const table = tableOf(report);
(json ? console.error : console.log)(textTable(table));
if (markdownFile) writeMarkdown(markdownFile, markdownTable(table));
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

/**
 * The table: a title, a line on the set-up, and rows of [figure, with
 * Schild, without Schild, how it was measured]. One shape for the terminal
 * and for Markdown.
 */
function tableOf(r) {
  const k = (perSecond) => `${Math.round(perSecond / 1000)}k comments/s`;
  const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;
  const ms = (value) => `${Math.round(value).toLocaleString('en')} ms`;
  const s = (value) => `${(value / 1000).toFixed(1)} s`;
  const { stream, streamWithout, flood, floodWithout } = r.page;
  const chromium = r.chromium.replace('Chrome/', 'Chromium ');
  const setup = stream.setup;
  const items = `${setup.comments.toLocaleString('en')} comments + ${setup.messages} chat messages`;
  const bots = (v) => `${v.page.botsBlurred + v.chat.botsBlurred} of ${v.page.bots + v.chat.bots} bots hidden, ${v.page.othersBlurred + v.chat.othersBlurred} others`;
  const delay = (d) => `${ms(d.median)} / ${ms(d.p95)} / ${ms(d.max)}`;
  const memory = [stream.memory, streamWithout.memory];
  const rows = [
    ['classifier, native: page verdicts with reasons', k(r.native.page_verdicts_per_second), '', "`schild bench`, release build: the extension's call (Page::classify); mean of a run before and after the wasm runs, each the median of 10 rounds"],
    ['classifier, native: score only', k(r.native.score_per_second), '', 'the same, the score without reasons'],
    [`classifier, wasm in ${chromium}`, k(r.wasmChromium.perSecond), '', `the extension's way (batches of 100 packed into one string, \`tools/bench/wasm-loop.mjs\`) in a page, the module the extension ships; through \`classifyBatch\` (objects): ${k(r.wasmChromium.objectsPerSecond)}`],
    ['wasm in Chromium ÷ native, same work', `${r.wasmToNative.toFixed(2)}×`, '', 'page verdicts with reasons, the two rows above'],
    ["classifier, wasm in Node's V8", k(r.wasmNode.perSecond), '', `the same loop in Node ${r.node}`],
    ['keyword-list baseline, native', k(r.native.baseline_per_second), '', 'src/baseline.rs (`schild eval --baseline` for its quality)'],
    ['one 1 MB comment: native / V8 / Chromium', `${(r.native.megabyte_comment_micros / 1000).toFixed(2)} / ${r.wasmNode.megabyteMs} / ${r.wasmChromium.megabyteMs} ms`, '', 'the core reads its first 4 KB; in wasm, copying the string in is most of it'],
    ["page: Schild's main-thread time", `${stream.schild.per100ItemsMs.toFixed(1)} ms per 100 items (${ms(stream.schild.cpuMs)})`, '', `${items} (\`tools/bench/page.mjs\`): Schild's share of each task's CPU time, by the CPU profiler's samples (100 µs); the page's own style and layout work is in the next row`],
    ['page: main thread, all work', s(stream.page.mainThreadTasksCpuMs), s(streamWithout.page.mainThreadTasksCpuMs), 'CPU time of every task on the page\'s main thread (the page\'s own work, style, layout, paint, Schild), trace'],
    ['page: tasks Schild pushed over 50 ms', `${stream.schild.tasksSchildPushedOver50MsCpu} (by wall time ${stream.schild.tasksSchildPushedOver50Ms}) of ${stream.schild.tasksWithSchild}`, '', `tasks over 50 ms of CPU with Schild's share, not without it; most of Schild in one task ${ms(stream.schild.mostSchildInOneTask.schildCpuMs)}`],
    ['page: tasks over 50 ms', `${stream.page.tasksOver50MsCpu} (by wall time ${stream.page.tasksOver50Ms})`, `${streamWithout.page.tasksOver50MsCpu} (${streamWithout.page.tasksOver50Ms})`, 'all tasks on the main thread, the page\'s own included'],
    ['page: read again after a settings change', stream.reread ? `${ms(stream.reread.schild.cpuMs)}, most in one task ${ms(stream.reread.schild.mostSchildInOneTask.schildCpuMs)}, ${stream.reread.schild.tasksSchildPushedOver50MsCpu} tasks pushed over 50 ms` : '–', '', `all ${stream.reread?.items ?? ''} items still shown judged again (sensitivity set to strict): what a page's first batch after loading costs too`],
    ['page: verdicts', bots(stream.verdicts), '', `painted before judged: ${stream.verdicts.page.paintedUnjudged + stream.verdicts.chat.paintedUnjudged} (the comments and messages a frame rendered without Schild's mark)`],
    [`${flood.flood.comments.toLocaleString('en')} comments at once: all judged`, s(flood.flood.judgedMs), `rendered: ${s(floodWithout.flood.renderedMs)}`, `from their insertion (\`page.mjs --flood\`); without Schild, until the page had rendered them; with Schild it rendered them after ${s(flood.flood.renderedMs)}`],
    [`${flood.flood.comments.toLocaleString('en')} at once: input delay, median / p95 / max`, delay(flood.flood.inputDelay), delay(floodWithout.flood.inputDelay), 'a key press every 100 ms meanwhile, from the browser receiving it to the page\'s handler'],
    [`${flood.flood.comments.toLocaleString('en')} at once: main thread, all work`, s(flood.page.mainThreadTasksCpuMs), s(floodWithout.page.mainThreadTasksCpuMs), `Schild's share ${ms(flood.schild.cpuMs)} (${flood.schild.per100ItemsMs.toFixed(1)} ms per 100); ${bots({ page: flood.verdicts.page, chat: flood.verdicts.chat })}`],
    ['wasm size', `${kb(r.wasmSize.bytes)}, ${kb(r.wasmSize.gzippedBytes)} gzipped`, '', 'target/wasm-bindgen/schild_bg.wasm = dist/*/wasm/, model included'],
    ["memory: Schild's wasm in the tab", mb(memory[0].schildWasmBytes), mb(memory[1].schildWasmBytes), `linear memory of ${memory[0].schildWorlds} classifiers (page and chat frame), CDP queryObjects`],
    ['memory: tab renderer (PSS)', mb(memory[0].tabRendererPssBytes), mb(memory[1].tabRendererPssBytes), '/proc/PID/smaps_rollup after the page above, after GC'],
    ['memory: tab JS heap', mb(memory[0].tabJsHeapUsedBytes), mb(memory[1].tabJsHeapUsedBytes), 'CDP Runtime.getHeapUsage: page, frames and content scripts'],
    ['memory: extension process (PSS)', mb(memory[0].extensionProcessPssBytes), mb(memory[1].extensionProcessPssBytes), 'its service worker (without Schild: an empty extension); the classifier is in the page here'],
  ];
  return {
    title: `Schild benchmark${quick ? ' (--quick: a small run, figures not representative)' : ''}`,
    setup: [
      `machine: ${r.machine}; ${chromium}; Node ${r.node}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} at the end`,
      `comments: ${r.comments.count} (${r.comments.source}), ${r.comments.averageBytes} bytes on average`,
    ],
    header: ['figure', 'Schild', 'without Schild', 'how'],
    rows,
  };
}

/** The table for a terminal: aligned columns. */
function textTable({ title, setup, header, rows }) {
  const all = [header, ...rows];
  const width = (i) => Math.max(...all.map((row) => row[i].length));
  const line = (row) => `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(width(i)))).join('  ')}`;
  return [`\n${title}`, ...setup.map((l) => `  ${l}`), '', line(header), ...rows.map(line)].join('\n');
}

/** The table in Markdown, with the set-up above it. */
function markdownTable({ setup, header, rows }) {
  const cell = (text) => text.replaceAll('|', '\\|');
  return [
    ...setup.map((l) => `${l.charAt(0).toUpperCase()}${l.slice(1)}.  `),
    '',
    `| ${header.map(cell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
    `Written by \`tools/bench.sh --markdown\` on ${new Date().toISOString().slice(0, 10)}.`,
  ].join('\n');
}

/** Throws unless `text` has the start marker and, after it, the end marker, once each. */
function checkMarkers(text, file) {
  const starts = text.split(START).length - 1;
  const ends = text.split(END).length - 1;
  if (starts !== 1 || ends !== 1 || text.indexOf(START) > text.indexOf(END)) {
    throw new Error(`${file}: needs one line ${START} and, after it, one line ${END}, for the table to go between`);
  }
}

/** Puts `markdown` between the markers in `file`, replacing what was there. */
function writeMarkdown(file, markdown) {
  const text = fs.readFileSync(file, 'utf8');
  checkMarkers(text, file);
  const before = text.slice(0, text.indexOf(START) + START.length);
  const after = text.slice(text.indexOf(END));
  fs.writeFileSync(file, `${before}\n${markdown}\n${after}`);
  log(`table written into ${file}`);
}
