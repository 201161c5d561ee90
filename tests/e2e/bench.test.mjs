// The one benchmark command (tools/bench/bench.mjs, run by tools/bench.sh) is a
// tool people run by hand; this keeps it working. It runs it small and
// checks that every row of its table has a figure. No timing is asserted.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ROOT } from './harness.mjs';

const run = promisify(execFile);

describe('benchmark command', () => {
  it('prints every figure, native, in V8, in Chromium and on the page, and writes them between the markers', async () => {
    const doc = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'schild-bench-')), 'performance.md');
    fs.writeFileSync(doc, '# Performance\n\nBefore.\n\n<!-- bench:start -->\nold table\n<!-- bench:end -->\n\nAfter.\n');
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'tools/bench/bench.mjs'), '--quick', '--json', '--markdown', doc], {
      timeout: 600_000,
      maxBuffer: 1 << 26,
    });
    const report = JSON.parse(stdout.trim().split('\n').at(-1));
    const positive = (value, name) => assert.ok(Number.isFinite(value) && value > 0, `${name}: ${value}`);

    for (const key of ['score_per_second', 'page_verdicts_per_second', 'baseline_per_second', 'megabyte_comment_micros']) {
      positive(report.native[key], `native ${key}`);
    }
    for (const engine of ['wasmNode', 'wasmChromium']) {
      positive(report[engine].perSecond, `${engine} perSecond`);
      positive(report[engine].megabyteMs, `${engine} megabyteMs`);
    }
    assert.match(report.chromium, /Chrome\/\d+/);
    positive(report.wasmToNative, 'wasm/native ratio');
    const { stream, streamWithout, flood, floodWithout } = report.page;
    positive(stream.schild.cpuMs, 'page time');
    assert.equal(stream.verdicts.page.botsBlurred, stream.verdicts.page.bots);
    assert.equal(stream.reread.judged, true, 'read again after a settings change');
    positive(streamWithout.page.mainThreadTasksCpuMs, 'the page without Schild');
    assert.equal(streamWithout.schild, undefined);
    assert.equal(flood.flood.comments, 1000);
    positive(flood.flood.judgedMs, 'flood judged');
    positive(floodWithout.flood.renderedMs, 'flood rendered without Schild');
    assert.ok(flood.flood.inputDelay.probes > 0 && floodWithout.flood.inputDelay.probes > 0);
    positive(report.wasmSize.bytes, 'wasm size');
    assert.ok(report.wasmSize.gzippedBytes < report.wasmSize.bytes);
    const [withSchild, withoutSchild] = [stream.memory, streamWithout.memory];
    positive(withSchild.schildWasmBytes, "Schild's wasm memory");
    assert.equal(withSchild.schildWorlds, 2, 'a classifier in the page and one in the chat frame');
    assert.equal(withoutSchild.schildWasmBytes, 0);
    for (const m of [withSchild, withoutSchild]) {
      positive(m.tabRendererPssBytes, 'tab renderer PSS');
      positive(m.tabJsHeapUsedBytes, 'tab JS heap');
      positive(m.extensionProcessPssBytes, 'extension process PSS');
    }
    // The table a person reads has every row.
    for (const row of ['native: score only', "wasm in Node's V8", 'wasm in Chromium', 'wasm in Chromium ÷ native', 'keyword-list baseline', '1 MB comment', "page: Schild's main-thread time", 'page: main thread, all work', 'settings change', 'comments at once: all judged', 'input delay', 'wasm size', "Schild's wasm in the tab", 'tab renderer', 'extension process']) {
      assert.ok(stderr.includes(row), `the table lacks "${row}"`);
    }
    // The same table between the markers, in Markdown; the rest as it was.
    const written = fs.readFileSync(doc, 'utf8');
    assert.match(written, /^# Performance\n\nBefore\.\n\n<!-- bench:start -->\n/);
    assert.match(written, /\n<!-- bench:end -->\n\nAfter\.\n$/);
    assert.doesNotMatch(written, /old table/);
    assert.match(written, /\| figure \| Schild \| without Schild \| how \|/);
    assert.match(written, /\| wasm in Chromium ÷ native, same work \| \d+\.\d\d× \|/);
    fs.rmSync(path.dirname(doc), { recursive: true, force: true });
  });
});
