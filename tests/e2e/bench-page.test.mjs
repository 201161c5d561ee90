// The page benchmark (tools/bench/page.mjs) is a tool people run by hand;
// this keeps it working. It runs it small and checks that its report adds
// up. It asserts nothing about speed: timings belong in the benchmark's
// output and docs/performance.md, not in a pass/fail test on a shared machine.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ROOT } from './harness.mjs';

const run = promisify(execFile);

describe('page benchmark', () => {
  it('measures Schild on a small bench page and reports coherent figures', async () => {
    const { stdout } = await run(
      process.execPath,
      [path.join(ROOT, 'tools/bench/page.mjs'), '--comments', '60', '--messages', '10', '--json'],
      { timeout: 120_000 },
    );
    const report = JSON.parse(stdout.trim().split('\n').at(-1));

    assert.equal(report.setup.engine, 'page');
    const { page, chat } = report.verdicts;
    assert.equal(page.shown, 60);
    assert.equal(chat.shown, 10);
    // The generator's bots are blurred and nothing else is.
    assert.ok(page.bots > 0 && chat.bots > 0, JSON.stringify(report.verdicts));
    assert.equal(page.botsBlurred, page.bots);
    assert.equal(chat.botsBlurred, chat.bots);
    assert.equal(page.othersBlurred + chat.othersBlurred, 0);

    // No item painted before Schild marked it.
    assert.equal(page.paintedUnjudged + chat.paintedUnjudged, 0);

    // Schild was seen working, and its share is part of what was measured.
    const { schild } = report;
    assert.ok(schild.cpuMs > 0 && schild.tasksWithSchild > 0, JSON.stringify(schild));
    assert.ok(schild.cpuMs <= report.page.mainThreadTasksCpuMs);
    assert.ok(schild.wallMs <= report.page.profiledMs);
    assert.ok(schild.mostSchildInOneTask.schildCpuMs <= schild.mostSchildInOneTask.taskCpuMs);
    assert.ok(schild.tasksSchildPushedOver50Ms <= schild.tasksWithSchildOver50Ms);
    // Read again after a settings change: every item still shown judged again.
    assert.equal(report.reread.items, 70);
    assert.equal(report.reread.judged, true);
  });
});
