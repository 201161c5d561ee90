// What Schild costs a YouTube page, measured in Chromium with the extension
// loaded: `node tools/bench/page.mjs` after tools/build.sh.
//
// Two scenarios on tests/fixtures/youtube/bench.html:
//   - the stream (default): 2,000 comments arrive in loads of 20 every
//     250 ms, while the live chat frame receives 500 messages at 20 a second
//     (--burst N: every fifth second N more at once);
//   - the flood (--flood N): N comments inserted at once, no chat.
// Chromium's CPU profiler samples the page's main thread every 100 µs, and
// its trace records every task on it with its wall and CPU (thread) time.
// Reported:
//   - Schild's main-thread time: its share of each task's samples (stacks
//     holding the content script or the classifier, JavaScript or
//     WebAssembly) times the task's CPU time, summed; so time the thread
//     spent waiting for a core on a busy machine does not count. The
//     wall-clock sum of Schild's samples (each standing for the time until
//     the next) is reported beside it;
//   - per 100 comments and messages;
//   - tasks Schild pushed over 50 ms: over 50 ms with Schild's share, not
//     without it (by CPU time, and by wall time as Chromium's long-task
//     reports count);
//   - the page's main-thread work in all (tasks' wall and CPU time, the
//     longest task), which includes the style and layout work Schild's marks
//     cause; --without-schild measures the same page with a do-nothing
//     extension instead, for comparison;
//   - items painted before Schild judged them: a frame's rendering found
//     them without a mark (a check in the page's last animation-frame
//     callback);
//   - the flood: time from the insertion until every comment is judged, and
//     the input delay meanwhile (a key press sent every 100 ms through the
//     DevTools protocol; delay from the browser's receiving it to the page's
//     handler).
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
//
// Options: --comments N --messages N --rate PER_SECOND --burst N --flood N
//          --csp none|strict --without-schild --json (print the report as JSON only)
// Development aids (environment): SCHILD_BENCH_FUNCTIONS=1 prints Schild's
// functions and the page's rendering by kind; SCHILD_BENCH_NO_PROFILE=1
// samples once in 100 ms (Schild's share is then unknown, its cost not
// inflated by the profiler); SCHILD_BENCH_PROFILE=FILE writes the page's
// CPU profile (a .cpuprofile DevTools opens); SCHILD_BENCH_TRACE=FILE writes the trace as
// JSON, with SCHILD_BENCH_CATEGORIES=",more,categories" (e.g.
// disabled-by-default-devtools.timeline.invalidationTracking); and
// SCHILD_CHROMIUM_ARGS passes switches to Chromium (tools/lib/browser.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { activeTabStatus, launchBrowser } from '../lib/browser.mjs';
import { fixtureUrl } from '../lib/fixture-server.mjs';
import { countUnjudgedPaints, schildStarted } from '../lib/page-probes.mjs';

const options = parseOptions(process.argv.slice(2));

function parseOptions(args) {
  const options = { comments: 2000, messages: 500, rate: 20, burst: 0, flood: 0, csp: 'none', json: false, withoutSchild: false };
  for (let i = 0; i < args.length; i++) {
    const name = args[i].replace(/^--/, '');
    if (name === 'json') options.json = true;
    else if (name === 'without-schild') options.withoutSchild = true;
    else if (name === 'csp') options.csp = args[++i];
    else if (['comments', 'messages', 'rate', 'burst', 'flood'].includes(name)) options[name] = Number(args[++i]);
    else throw new Error(`unknown option ${args[i]}`);
  }
  if (!['none', 'strict'].includes(options.csp)) throw new Error('--csp is none or strict');
  return options;
}

const log = (...parts) => options.json || console.error(...parts);

/** Judged: the states a comment ends in (marks.js); pending is on the way. */
const JUDGED = ['clean', 'blurred'];

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
  const withSchild = !options.withoutSchild;
  if (withSchild) {
    // Schild is watching both frames before the checks below start theirs.
    await Promise.all([schildStarted(page), schildStarted(chat)]);
  }
  await Promise.all([page.evaluate(countUnjudgedPaints), chat.evaluate(countUnjudgedPaints)]);

  const recording = await startRecording(cdp);
  const scenario = options.flood > 0 ? await flood(page, cdp, withSchild) : await stream(page, chat, withSchild);
  const { profile, traceEvents } = await recording.stop();

  const verdicts = { page: await page.evaluate(tally), chat: await chat.evaluate(tally) };
  const memory = await measureMemory(cdp, worlds, profileDir);
  const tasks = mainThreadTasks(traceEvents, page.url());
  const samples = sampleTimes(profile);
  const items = scenario.comments + scenario.messages;
  const report = {
    setup: {
      ...options,
      seconds: scenario.seconds,
      chromium: (await cdp.send('Browser.getVersion')).product,
      engine: withSchild ? (await activeTabStatus(serviceWorker))?.engine : 'none',
    },
    verdicts,
    page: pageFigures(tasks, samples),
    memory,
  };
  if (scenario.flood) report.flood = scenario.flood;
  if (process.env.SCHILD_BENCH_FUNCTIONS) printRendering(traceEvents, page.url());
  if (withSchild) {
    report.status = await activeTabStatus(serviceWorker);
    const schild = schildFrames(profile, extensionId);
    report.schild = schildFigures(tasks, samples, schild, items);
    if (process.env.SCHILD_BENCH_FUNCTIONS) printHotFunctions(profile, samples, schild);
    if (process.env.SCHILD_BENCH_PROFILE) fs.writeFileSync(process.env.SCHILD_BENCH_PROFILE, JSON.stringify(profile));
    if (!scenario.flood) report.reread = await rereadAfterSettingsChange(page, chat, cdp, serviceWorker, extensionId);
  }
  return report;
}

/**
 * The page read again after a settings change (the sensitivity set to
 * strict): every comment and message still shown is judged again, which is
 * what a page's first batch after loading costs too. Schild's figures for
 * that stretch alone.
 */
async function rereadAfterSettingsChange(page, chat, cdp, serviceWorker, extensionId) {
  log('bench: …and read again after a settings change');
  const shown = (await page.evaluate(tally)).shown + (await chat.evaluate(tally)).shown;
  // The visit's counts keep each comment once; `judged` counts every verdict
  // shown, so the page is read again when it has grown by what is shown.
  // Status reports go at most every 2 s: let the last one land first.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const before = (await activeTabStatus(serviceWorker, (s) => Number.isFinite(s?.judged), { full: true }))?.judged ?? 0;
  const recording = await startRecording(cdp);
  const started = Date.now();
  await serviceWorker.evaluate(async () => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...settings, sensitivity: 'strict' } });
  });
  const status = await activeTabStatus(serviceWorker, (s) => s?.judged >= before + shown, { full: true, timeoutMs: 60_000 });
  const seconds = round((Date.now() - started) / 1000);
  const { profile, traceEvents } = await recording.stop();
  const schild = schildFrames(profile, extensionId);
  const figures = schildFigures(mainThreadTasks(traceEvents, page.url()), sampleTimes(profile), schild, shown);
  if (process.env.SCHILD_BENCH_FUNCTIONS) printHotFunctions(profile, sampleTimes(profile), schild);
  return { items: shown, judged: status?.judged >= before + shown, seconds, schild: figures };
}

/** The stream: comments in loads of 20 and chat messages at a steady rate. */
async function stream(page, chat, withSchild) {
  log(
    `bench: ${options.comments} comments and ${options.messages} chat messages at ${options.rate}/s` +
      `${options.burst ? ` (and bursts of ${options.burst})` : ''}, CSP ${options.csp}${withSchild ? '' : ', without Schild'}…`,
  );
  const started = Date.now();
  const [comments, messages] = await Promise.all([
    page.evaluate((count) => window.bench.comments({ count }), options.comments),
    chat.evaluate((settings) => window.bench.chat(settings), {
      count: options.messages,
      perSecond: options.rate,
      burst: options.burst,
      burstEvery: 5 * options.rate,
    }),
  ]);
  if (withSchild) {
    // Every comment, and every message still on screen, has its verdict.
    const allJudged = (judged) => [...document.querySelectorAll('[data-bench]')].every((e) => judged.includes(e.dataset.schild));
    await page.waitForFunction(allJudged, JUDGED, { polling: 100, timeout: 60_000 });
    await chat.waitForFunction(allJudged, JUDGED, { polling: 100, timeout: 60_000 });
  }
  return { comments: comments.comments, messages: messages.messages, seconds: round((Date.now() - started) / 1000) };
}

/**
 * The flood: `options.flood` comments inserted at once; a key press every
 * 100 ms meanwhile. Ends when every comment is judged (without Schild: when
 * the page has rendered them, and a second more).
 */
async function flood(page, cdp, withSchild) {
  const count = options.flood;
  log(`bench: ${count} comments at once, CSP ${options.csp}${withSchild ? '' : ', without Schild'}…`);
  await page.evaluate(recordInputDelays);
  const probes = startKeyProbes(cdp);
  const started = Date.now();
  const inserted = page.evaluate((count) => window.bench.comments({ count, load: count, intervalMs: 0 }), count);
  let judgedAt = null;
  if (withSchild) {
    const everyOneJudged = (judged) => {
      const comments = document.querySelectorAll('[data-bench]');
      if (window.bench.insertedAt === undefined || comments.length === 0) return false;
      for (const comment of comments) if (!judged.includes(comment.getAttribute('data-schild'))) return false;
      return performance.now();
    };
    judgedAt = await (await page.waitForFunction(everyOneJudged, JUDGED, { polling: 250, timeout: 30 * 60_000 })).jsonValue();
  }
  await inserted;
  const renderedAt = await (await page.waitForFunction(() => window.bench.renderedAt, null, { polling: 100 })).jsonValue();
  const until = withSchild ? judgedAt : renderedAt + 1000;
  while ((await page.evaluate(() => performance.now())) < until) await new Promise((resolve) => setTimeout(resolve, 100));
  await probes.stop();
  const { insertedAt, delays } = await page.evaluate(() => ({ insertedAt: window.bench.insertedAt, delays: window.inputDelays }));
  const during = delays.filter((d) => d.at >= insertedAt && d.at <= until).map((d) => d.ms);
  return {
    comments: count,
    messages: 0,
    seconds: round((Date.now() - started) / 1000),
    flood: {
      comments: count,
      judgedMs: judgedAt === null ? null : round(judgedAt - insertedAt),
      renderedMs: round(renderedAt - insertedAt),
      inputDelay: { probes: during.length, ...percentiles(during) },
    },
  };
}

/** In the page: keeps each key press's delay, from the browser's receiving it (timeStamp) to its handler. */
function recordInputDelays() {
  window.inputDelays = [];
  addEventListener('keydown', (event) => window.inputDelays.push({ at: event.timeStamp, ms: performance.now() - event.timeStamp }), true);
}

/** A Shift key press every 100 ms, sent without waiting for the page. */
function startKeyProbes(cdp) {
  const sent = [];
  const key = { key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16 };
  const timer = setInterval(() => {
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key }).catch(() => {}));
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key }).catch(() => {}));
  }, 100);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(sent);
    },
  };
}

/** Starts Chromium's trace (every task) and CPU profiler (100 µs samples). */
async function startRecording(cdp) {
  const traceEvents = [];
  cdp.on('Tracing.dataCollected', ({ value }) => traceEvents.push(...value));
  const traceDone = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline' + (process.env.SCHILD_BENCH_CATEGORIES ?? ''),
    transferMode: 'ReportEvents',
  });
  const noProfile = !!process.env.SCHILD_BENCH_NO_PROFILE;
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: noProfile ? 100000 : 100 });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const { profile } = await cdp.send('Profiler.stop');
      await cdp.send('Tracing.end');
      await traceDone;
      if (process.env.SCHILD_BENCH_TRACE) fs.writeFileSync(process.env.SCHILD_BENCH_TRACE, JSON.stringify(traceEvents));
      return { profile, traceEvents };
    },
  };
}

/** The page's main thread in all: tasks' wall and CPU time, long tasks, the longest. */
function pageFigures(tasks, samples) {
  return {
    mainThreadTasksMs: round(sum(tasks.map((t) => t.ms))),
    mainThreadTasksCpuMs: round(sum(tasks.map((t) => t.cpuMs))),
    tasksOver50Ms: tasks.filter((t) => t.ms > 50).length,
    tasksOver50MsCpu: tasks.filter((t) => t.cpuMs > 50).length,
    longestTaskMs: round(Math.max(0, ...tasks.map((t) => t.ms))),
    profiledMs: round(sum(samples.map((s) => s.ms))),
  };
}

/** Schild's share of the main thread (see the top of this file). */
function schildFigures(tasks, samples, schild, items) {
  const perTask = tasksWithSamples(tasks, samples).map((task) => {
    // By count, not by the wall time between samples: a thread waiting for
    // a core is sampled less, not longer.
    const share = task.samples > 0 ? task.schildSamples / task.samples : 0;
    return { ...task, schildMs: task.schildSampledMs, schildCpuMs: share * task.cpuMs };
  });
  const withSchild = perTask.filter((t) => t.schildSamples > 0);
  const schildWallMs = sum(samples.filter((s) => schild.has(s.node)).map((s) => s.ms));
  const schildCpuMs = sum(withSchild.map((t) => t.schildCpuMs));
  const most = withSchild.reduce((a, b) => (b.schildCpuMs > a.schildCpuMs ? b : a), { schildCpuMs: 0, cpuMs: 0, ms: 0 });
  const longest = withSchild.reduce((a, b) => (b.ms > a.ms ? b : a), { schildMs: 0, ms: 0 });
  if (process.env.SCHILD_BENCH_FUNCTIONS) printSchildTasks(withSchild);
  return {
    cpuMs: round(schildCpuMs),
    per100ItemsMs: round((schildCpuMs / items) * 100),
    wallMs: round(schildWallMs),
    per100ItemsWallMs: round((schildWallMs / items) * 100),
    tasksWithSchild: withSchild.length,
    tasksWithSchildOver50Ms: withSchild.filter((t) => t.ms > 50).length,
    // Long tasks that would have stayed under 50 ms without Schild's share.
    tasksSchildPushedOver50Ms: withSchild.filter((t) => t.ms > 50 && t.ms - t.schildMs <= 50).length,
    tasksSchildPushedOver50MsCpu: withSchild.filter((t) => t.cpuMs > 50 && t.cpuMs - t.schildCpuMs <= 50).length,
    mostSchildInOneTask: { schildCpuMs: round(most.schildCpuMs), taskCpuMs: round(most.cpuMs), taskMs: round(most.ms) },
    longestTaskWithSchild: { taskMs: round(longest.ms), schildMs: round(longest.schildMs) },
  };

  function tasksWithSamples(tasks, samples) {
    // Both sorted by time: one pass.
    const sorted = [...tasks].sort((a, b) => a.start - b.start);
    const out = sorted.map((task) => ({ ...task, samples: 0, schildSamples: 0, sampledMs: 0, schildSampledMs: 0 }));
    let i = 0;
    for (const sample of samples) {
      while (i < out.length && out[i].end <= sample.at) i++;
      if (i === out.length) break;
      if (sample.at < out[i].start) continue;
      out[i].samples++;
      out[i].sampledMs += sample.ms;
      if (!schild.has(sample.node)) continue;
      out[i].schildSamples++;
      out[i].schildSampledMs += sample.ms;
    }
    return out;
  }
}

function printSchildTasks(tasks) {
  const sorted = tasks.map((t) => t.schildCpuMs).sort((a, b) => a - b);
  const at = (q) => sorted[Math.floor(q * (sorted.length - 1))]?.toFixed(2);
  console.error(`  Schild CPU ms per task: median ${at(0.5)}, p90 ${at(0.9)}, p99 ${at(0.99)}, max ${at(1)}`);
  console.error(`  largest: ${sorted.slice(-10).map((v) => v.toFixed(1)).join(' ')}`);
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
    paintedUnjudged: window.unjudgedPaints,
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
    // Deltas can be negative (samples recorded out of order): such a
    // sample stands for no time.
    const next = Math.max(0, profile.timeDeltas[i + 1] ?? 0);
    samples.push({ node: profile.samples[i], at, ms: next / 1000 });
  }
  return samples;
}

/** The renderer main thread that runs the page, as the trace names it: { pid, tid }. */
function mainThread(events, pageUrl) {
  const started = events.find((e) => e.name === 'TracingStartedInBrowser');
  const frame = started?.args?.data?.frames?.find((f) => pageUrl.startsWith(f.url.split('#')[0]));
  const mainThreads = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain');
  const thread = mainThreads.find((t) => t.pid === frame?.processId) ?? mainThreads[0];
  if (!thread) throw new Error('the trace has no renderer main thread');
  return thread;
}

/**
 * The top-level tasks of the renderer main thread that runs the page:
 * { start, end } in µs and their length in ms.
 */
function mainThreadTasks(events, pageUrl) {
  const thread = mainThread(events, pageUrl);
  return events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.name === 'RunTask' && e.dur)
    .map((e) => ({ start: e.ts, end: e.ts + e.dur, ms: e.dur / 1000, cpuMs: (e.tdur ?? e.dur) / 1000 }));
}

/** Development aid: the page's rendering work by kind, and the longest of each (SCHILD_BENCH_FUNCTIONS=1). */
function printRendering(events, pageUrl) {
  const thread = mainThread(events, pageUrl);
  const kinds = new Map();
  for (const e of events) {
    if (e.pid !== thread.pid || e.tid !== thread.tid || e.ph !== 'X' || !e.dur) continue;
    if (!['Layout', 'UpdateLayoutTree', 'PrePaint', 'Paint', 'Layerize', 'ParseHTML', 'FunctionCall', 'FireAnimationFrame'].includes(e.name)) continue;
    const kind = kinds.get(e.name) ?? { ms: 0, count: 0, longest: 0 };
    kind.ms += e.dur / 1000;
    kind.count++;
    kind.longest = Math.max(kind.longest, e.dur / 1000);
    kinds.set(e.name, kind);
  }
  console.error('  main thread by kind:');
  for (const [name, k] of [...kinds].sort((a, b) => b[1].ms - a[1].ms)) {
    console.error(`  ${k.ms.toFixed(0).padStart(7)} ms  ${name} (${k.count}, longest ${k.longest.toFixed(0)} ms)`);
  }
}

/** Development aid: Schild's functions by self and total time (SCHILD_BENCH_FUNCTIONS=1; SCHILD_BENCH_TOP=N lists N, not 30). */
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
    for (const [key, ms] of [...table].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.SCHILD_BENCH_TOP ?? 30))) console.error(`  ${ms.toFixed(1).padStart(7)} ms  ${key}`);
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

function printReport({ setup, verdicts, schild, page, flood, reread, memory }) {
  const what = flood ? `${flood.comments} comments at once` : `${setup.comments} comments + ${setup.messages} chat messages at ${setup.rate}/s`;
  const engine = schild ? `Schild (classifier in the ${setup.engine})` : 'without Schild';
  console.log(`${what}, ${engine}, ${setup.chromium}, CSP ${setup.csp}, ${setup.seconds} s`);
  for (const [where, t] of Object.entries(verdicts)) {
    console.log(
      `  ${where}: ${t.shown} shown, bots blurred ${t.botsBlurred} of ${t.bots}, others blurred ${t.othersBlurred}, painted unjudged ${t.paintedUnjudged}`,
    );
  }
  if (schild) {
    console.log(
      `  main-thread time in Schild: ${schild.cpuMs} ms CPU, ${schild.per100ItemsMs} ms per 100 items` +
        ` (wall-clock samples: ${schild.wallMs} ms, ${schild.per100ItemsWallMs} per 100)`,
    );
    console.log(
      `  tasks with Schild in them: ${schild.tasksWithSchild}; pushed over 50 ms by Schild: ${schild.tasksSchildPushedOver50MsCpu} by CPU time,` +
        ` ${schild.tasksSchildPushedOver50Ms} by wall time (${schild.tasksWithSchildOver50Ms} over 50 ms with Schild in them)`,
    );
    const most = schild.mostSchildInOneTask;
    console.log(`  most Schild time in one task: ${most.schildCpuMs} ms CPU (task ${most.taskCpuMs} ms CPU, ${most.taskMs} ms wall)`);
    console.log(`  longest task with Schild in it: ${schild.longestTaskWithSchild.taskMs} ms (Schild ${schild.longestTaskWithSchild.schildMs} ms)`);
  }
  console.log(
    `  page main thread: ${page.mainThreadTasksCpuMs} ms CPU (${page.mainThreadTasksMs} ms wall), tasks over 50 ms: ${page.tasksOver50MsCpu} by CPU,` +
      ` ${page.tasksOver50Ms} by wall, longest ${page.longestTaskMs} ms`,
  );
  if (reread) {
    const r = reread.schild;
    console.log(
      `  read again after a settings change: ${reread.items} items in ${reread.seconds} s${reread.judged ? '' : ' (not all judged!)'},` +
        ` Schild ${r.cpuMs} ms CPU, most in one task ${r.mostSchildInOneTask.schildCpuMs} ms, tasks pushed over 50 ms: ${r.tasksSchildPushedOver50MsCpu} by CPU, ${r.tasksSchildPushedOver50Ms} by wall`,
    );
  }
  if (flood) {
    const d = flood.inputDelay;
    console.log(
      `  flood: judged ${flood.judgedMs === null ? '(no Schild)' : `${flood.judgedMs} ms`} after insertion, rendered after ${flood.renderedMs} ms;` +
        ` input delay median ${d.median} ms, p95 ${d.p95} ms, max ${d.max} ms (${d.probes} key presses)`,
    );
  }
  printMemory(memory);
}

/** Median, 95th percentile and maximum of a list of milliseconds (null when empty). */
function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => (sorted.length === 0 ? null : round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]));
  return { median: at(0.5), p95: at(0.95), max: sorted.length === 0 ? null : round(sorted.at(-1)) };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'schild-bench-page-'));
const profileDir = path.join(tmp, 'profile');
// SCHILD_EXTENSION_DIR: another build of the extension, to compare two versions.
const extensionDir = options.withoutSchild ? stubExtension(path.join(tmp, 'stub')) : process.env.SCHILD_EXTENSION_DIR;
const browser = await launchBrowser({ profileDir, ...(extensionDir ? { extensionDir } : {}) });
try {
  const report = await run(browser, profileDir);
  if (options.json) console.log(JSON.stringify(report));
  else printReport(report);
} finally {
  await browser.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
