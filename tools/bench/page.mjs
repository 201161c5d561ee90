// What Schild costs a YouTube page, measured in Chromium with the extension
// loaded: `node tools/bench/page.mjs` after tools/build.sh.
//
// The page (tests/fixtures/youtube/bench.html) receives 2,000 comments in
// loads of 20 every 250 ms, while its live chat frame receives 500 messages
// at 20 a second. Chromium's CPU profiler samples the page's main thread
// every 100 µs, and its trace records every task on it. Reported:
//   - main-thread time in Schild's code: samples whose stack holds the
//     content script or the classifier (its JavaScript or WebAssembly);
//   - per 100 comments and messages;
//   - the task in which Schild spent the most time, and the longest task
//     Schild had any part in (with the page's own share of it).
// Style and paint work that Schild's attribute causes is not JavaScript and
// is not counted here.
//
// Memory, once every item has its verdict and after a garbage collection:
//   - Schild's WebAssembly memory in the tab: the linear memories found in
//     Schild's isolated worlds (the page and its chat frame each run one
//     classifier), through CDP Runtime.queryObjects;
//   - the tab's JavaScript heap (CDP Runtime.getHeapUsage: the page, its
//     frames and the content scripts share one V8 heap);
//   - the proportional set size (PSS, /proc/PID/smaps_rollup, Linux) of the
//     tab's renderer process and of the extension's own process (its
//     service worker).
// --without-schild loads the same page with a do-nothing extension instead
// (same flags, no content script) and reports only the memory, so the two
// runs show what Schild adds.
//
// Options: --comments N --messages N --rate PER_SECOND --csp none|strict
//          --without-schild --json (print the report as JSON only)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { activeTabStatus, launchBrowser } from '../lib/browser.mjs';
import { fixtureUrl } from '../lib/fixture-server.mjs';

const options = parseOptions(process.argv.slice(2));

function parseOptions(args) {
  const options = { comments: 2000, messages: 500, rate: 20, csp: 'none', json: false, withoutSchild: false };
  for (let i = 0; i < args.length; i++) {
    const name = args[i].replace(/^--/, '');
    if (name === 'json') options.json = true;
    else if (name === 'without-schild') options.withoutSchild = true;
    else if (name === 'csp') options.csp = args[++i];
    else if (['comments', 'messages', 'rate'].includes(name)) options[name] = Number(args[++i]);
    else throw new Error(`unknown option ${args[i]}`);
  }
  if (!['none', 'strict'].includes(options.csp)) throw new Error('--csp is none or strict');
  return options;
}

const log = (...parts) => options.json || console.error(...parts);

async function run({ context, extensionId, serviceWorker }, profileDir) {
  const page = await context.newPage();
  // Only the bench page: its renderer is then the one web page process.
  for (const other of context.pages()) if (other !== page) await other.close();
  const cdp = await context.newCDPSession(page);
  const worlds = await trackSchildWorlds(cdp, extensionId);
  await page.goto(fixtureUrl('bench', { csp: options.csp }));
  const chatElement = await page.waitForSelector('#chatframe');
  const chat = await chatElement.contentFrame();
  await chat.waitForFunction(() => window.bench !== undefined);
  await page.waitForFunction(() => window.bench !== undefined);

  if (options.withoutSchild) return runWithoutSchild(page, chat, cdp, worlds, profileDir);

  const traceEvents = [];
  cdp.on('Tracing.dataCollected', ({ value }) => traceEvents.push(...value));
  const traceDone = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');

  log(`bench: ${options.comments} comments and ${options.messages} chat messages at ${options.rate}/s, CSP ${options.csp}…`);
  const started = Date.now();
  const [comments, messages] = await Promise.all([
    page.evaluate((count) => window.bench.comments({ count }), options.comments),
    chat.evaluate(({ count, perSecond }) => window.bench.chat({ count, perSecond }), {
      count: options.messages,
      perSecond: options.rate,
    }),
  ]);
  // Every comment, and every message still on screen, has its verdict.
  const allJudged = () =>
    [...document.querySelectorAll('[data-bench]')].every((e) => ['blurred', 'clean'].includes(e.dataset.schild));
  await page.waitForFunction(allJudged, null, { polling: 100, timeout: 60_000 });
  await chat.waitForFunction(allJudged, null, { polling: 100, timeout: 60_000 });
  const seconds = (Date.now() - started) / 1000;

  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Tracing.end');
  await traceDone;

  const verdicts = {
    page: await page.evaluate(tally),
    chat: await chat.evaluate(tally),
  };
  const memory = await measureMemory(cdp, worlds, profileDir);
  const schild = schildFrames(profile, extensionId);
  const samples = sampleTimes(profile);
  const schildMs = sum(samples.filter((s) => schild.has(s.node)).map((s) => s.ms));
  const tasks = mainThreadTasks(traceEvents, page.url());
  const perTask = tasks.map((task) => ({
    ...task,
    schildMs: sum(samples.filter((s) => s.at >= task.start && s.at < task.end && schild.has(s.node)).map((s) => s.ms)),
  }));
  const withSchild = perTask.filter((t) => t.schildMs > 0);
  const mostSchild = withSchild.reduce((a, b) => (b.schildMs > a.schildMs ? b : a), { schildMs: 0, ms: 0 });
  const longest = withSchild.reduce((a, b) => (b.ms > a.ms ? b : a), { schildMs: 0, ms: 0 });
  const items = comments.comments + messages.messages;
  if (process.env.SCHILD_BENCH_FUNCTIONS) {
    printHotFunctions(profile, samples, schild);
    const sorted = withSchild.map((t) => t.schildMs).sort((a, b) => a - b);
    const at = (q) => sorted[Math.floor(q * (sorted.length - 1))]?.toFixed(2);
    console.error(`  Schild ms per task: median ${at(0.5)}, p90 ${at(0.9)}, p99 ${at(0.99)}, max ${at(1)}`);
    console.error(`  largest: ${sorted.slice(-10).map((v) => v.toFixed(1)).join(' ')}`);
  }

  return {
    setup: {
      ...options,
      seconds: round(seconds),
      chromium: (await cdp.send('Browser.getVersion')).product,
      engine: (await activeTabStatus(serviceWorker))?.engine,
    },
    verdicts,
    schild: {
      totalMs: round(schildMs),
      per100ItemsMs: round((schildMs / items) * 100),
      tasksWithSchild: withSchild.length,
      tasksWithSchildOver50Ms: withSchild.filter((t) => t.ms > 50).length,
      // Long tasks that would have stayed under 50 ms without Schild's share.
      tasksSchildPushedOver50Ms: withSchild.filter((t) => t.ms > 50 && t.ms - t.schildMs <= 50).length,
      mostSchildInOneTask: { schildMs: round(mostSchild.schildMs), taskMs: round(mostSchild.ms) },
      longestTaskWithSchild: { taskMs: round(longest.ms), schildMs: round(longest.schildMs) },
    },
    page: {
      mainThreadTasksMs: round(sum(tasks.map((t) => t.ms))),
      mainThreadTasksCpuMs: round(sum(tasks.map((t) => t.cpuMs))),
      profiledMs: round(sum(samples.map((s) => s.ms))),
    },
    memory,
  };
}

/** The same page without Schild: every item shown, then the memory. */
async function runWithoutSchild(page, chat, cdp, worlds, profileDir) {
  log(`bench: ${options.comments} comments and ${options.messages} chat messages without Schild…`);
  const started = Date.now();
  await Promise.all([
    page.evaluate((count) => window.bench.comments({ count }), options.comments),
    chat.evaluate(({ count, perSecond }) => window.bench.chat({ count, perSecond }), {
      count: options.messages,
      perSecond: options.rate,
    }),
  ]);
  return {
    setup: {
      ...options,
      seconds: round((Date.now() - started) / 1000),
      chromium: (await cdp.send('Browser.getVersion')).product,
      engine: 'none',
    },
    verdicts: { page: await page.evaluate(tally), chat: await chat.evaluate(tally) },
    memory: await measureMemory(cdp, worlds, profileDir),
  };
}

/**
 * Follows the execution contexts of the page and its same-process frames;
 * returns a Map of the live ones that are Schild's isolated worlds.
 */
async function trackSchildWorlds(cdp, extensionId) {
  const worlds = new Map();
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.origin === `chrome-extension://${extensionId}`) worlds.set(context.id, context);
  });
  cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => worlds.delete(executionContextId));
  cdp.on('Runtime.executionContextsCleared', () => worlds.clear());
  await cdp.send('Runtime.enable');
  return worlds;
}

/** The memory figures described at the top, in bytes. */
async function measureMemory(cdp, worlds, profileDir) {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  let schildWasmBytes = 0;
  for (const id of worlds.keys()) {
    // Every WebAssembly.Memory whose prototype is this world's: Schild's.
    const { result: prototype } = await cdp.send('Runtime.evaluate', {
      expression: 'WebAssembly.Memory.prototype',
      contextId: id,
    });
    const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: prototype.objectId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: objects.objectId,
      functionDeclaration: 'function () { return this.reduce((sum, memory) => sum + memory.buffer.byteLength, 0); }',
      returnByValue: true,
    });
    schildWasmBytes += result.value;
  }
  const processes = chromiumProcesses(profileDir);
  const renderers = processes.filter((p) => p.type === 'renderer' && !p.extension && !p.webui);
  return {
    schildWorlds: worlds.size,
    schildWasmBytes,
    tabJsHeapUsedBytes: heap.usedSize,
    // The tab's renderer: the bench page is the only web page, so its
    // renderer is the largest one left (Chromium may keep a spare).
    tabRendererPssBytes: Math.max(0, ...renderers.map((p) => p.pss)),
    extensionProcessPssBytes: sum(processes.filter((p) => p.extension).map((p) => p.pss)),
  };
}

/**
 * Chromium's processes for the browser using `profileDir` (each is started
 * with that --user-data-dir): { type, extension, pss }.
 */
function chromiumProcesses(profileDir) {
  const processes = [];
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let command;
    try {
      // Child processes rewrite their title: arguments joined by spaces.
      command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue; // ended meanwhile
    }
    if (!command.includes(`--user-data-dir=${profileDir} `)) continue;
    processes.push({
      type: /--type=(\S+)/.exec(command)?.[1] ?? 'browser',
      extension: command.includes(' --extension-process'),
      webui: command.includes(' --top-chrome-webui'),
      pss: pss(pid),
    });
  }
  return processes;
}

function pss(pid) {
  try {
    const kb = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return kb ? Number(kb[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** A do-nothing extension: the same browser set-up as Schild's, minus Schild. */
function stubExtension(dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name: 'No Schild', version: '1.0', background: { service_worker: 'sw.js' } }),
  );
  fs.writeFileSync(path.join(dir, 'sw.js'), '// nothing\n');
  return dir;
}

/** How many comments the page shows and how many of them are blurred, bots and others. */
function tally() {
  const count = (selector) => document.querySelectorAll(selector).length;
  return {
    shown: count('[data-bench]'),
    bots: count('[data-bench="bot"]'),
    botsBlurred: count('[data-bench="bot"][data-schild="blurred"]'),
    othersBlurred: count('[data-bench="normal"][data-schild="blurred"]'),
  };
}

/** Ids of the profile nodes whose stack holds Schild's code. */
function schildFrames(profile, extensionId) {
  const isSchild = (frame) => frame.url.startsWith(`chrome-extension://${extensionId}/`) || frame.url.startsWith('wasm://');
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const schild = new Set();
  for (const node of profile.nodes) {
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      if (isSchild(byId.get(id).callFrame)) {
        schild.add(node.id);
        break;
      }
    }
  }
  return schild;
}

/** Each sample with its time (µs, trace clock) and the time it stands for (ms). */
function sampleTimes(profile) {
  const samples = [];
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    const next = profile.timeDeltas[i + 1] ?? 0;
    samples.push({ node: profile.samples[i], at, ms: next / 1000 });
  }
  return samples;
}

/**
 * The top-level tasks of the renderer main thread that runs the page:
 * { start, end } in µs and their length in ms.
 */
function mainThreadTasks(events, pageUrl) {
  const started = events.find((e) => e.name === 'TracingStartedInBrowser');
  const frame = started?.args?.data?.frames?.find((f) => pageUrl.startsWith(f.url.split('#')[0]));
  const mainThreads = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain');
  const thread = mainThreads.find((t) => t.pid === frame?.processId) ?? mainThreads[0];
  if (!thread) throw new Error('the trace has no renderer main thread');
  return events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.name === 'RunTask' && e.dur)
    .map((e) => ({ start: e.ts, end: e.ts + e.dur, ms: e.dur / 1000, cpuMs: (e.tdur ?? e.dur) / 1000 }));
}

/** Development aid: Schild's functions by self and total time (SCHILD_BENCH_FUNCTIONS=1). */
function printHotFunctions(profile, samples, schild) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const name = (id) => {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    return `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`;
  };
  const self = new Map();
  const total = new Map();
  for (const sample of samples) {
    if (!schild.has(sample.node)) continue;
    self.set(name(sample.node), (self.get(name(sample.node)) ?? 0) + sample.ms);
    const seen = new Set();
    for (let id = sample.node; id !== undefined; id = parent.get(id)) seen.add(name(id));
    for (const key of seen) total.set(key, (total.get(key) ?? 0) + sample.ms);
  }
  for (const [title, table] of [['self', self], ['total', total]]) {
    console.error(`  by ${title} time:`);
    for (const [key, ms] of [...table].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.error(`  ${ms.toFixed(1).padStart(7)} ms  ${key}`);
  }
}

const sum = (values) => values.reduce((a, b) => a + b, 0);
const round = (value) => Math.round(value * 100) / 100;

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

function printMemory(memory) {
  console.log(
    `  memory: Schild's wasm ${mb(memory.schildWasmBytes)} in ${memory.schildWorlds} frames, tab JS heap ${mb(memory.tabJsHeapUsedBytes)},` +
      ` tab renderer PSS ${mb(memory.tabRendererPssBytes)}, extension process PSS ${mb(memory.extensionProcessPssBytes)}`,
  );
}

function printReport({ setup, verdicts, schild, page, memory }) {
  if (!schild) {
    console.log(`Without Schild, ${setup.chromium}: ${setup.comments} comments + ${setup.messages} chat messages, ${setup.seconds} s`);
    printMemory(memory);
    return;
  }
  console.log(`Schild on a YouTube page, ${setup.chromium}, CSP ${setup.csp} (classifier in the ${setup.engine}), ${setup.seconds} s`);
  console.log(`  ${setup.comments} comments + ${setup.messages} chat messages at ${setup.rate}/s`);
  for (const [where, t] of Object.entries(verdicts)) {
    console.log(`  ${where}: ${t.shown} shown, bots blurred ${t.botsBlurred} of ${t.bots}, others blurred ${t.othersBlurred}`);
  }
  console.log(`  main-thread time in Schild: ${schild.totalMs} ms (${schild.per100ItemsMs} ms per 100 comments and messages)`);
  console.log(
    `  tasks with Schild in them: ${schild.tasksWithSchild}, over 50 ms: ${schild.tasksWithSchildOver50Ms}` +
      ` (over 50 ms only because of Schild: ${schild.tasksSchildPushedOver50Ms})`,
  );
  console.log(`  most Schild time in one task: ${schild.mostSchildInOneTask.schildMs} ms (task ${schild.mostSchildInOneTask.taskMs} ms)`);
  console.log(`  longest task with Schild in it: ${schild.longestTaskWithSchild.taskMs} ms (Schild ${schild.longestTaskWithSchild.schildMs} ms)`);
  console.log(`  main-thread tasks: ${page.mainThreadTasksMs} ms (${page.mainThreadTasksCpuMs} ms on the CPU)`);
  printMemory(memory);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'schild-bench-page-'));
const profileDir = path.join(tmp, 'profile');
const browser = await launchBrowser({
  profileDir,
  ...(options.withoutSchild ? { extensionDir: stubExtension(path.join(tmp, 'stub')) } : {}),
});
try {
  const report = await run(browser, profileDir);
  if (options.json) console.log(JSON.stringify(report));
  else printReport(report);
} finally {
  await browser.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
