// Local statistics (extension/shared/stats.js): counts per day and site,
// kept for 90 days, never anything else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installFakeExtension } from './fake-extension.mjs';

const stored = installFakeExtension();
const { addToStats, clearStats, countsToAdd, dayKey, dayTotal, readStats } = await import('../../extension/shared/stats.js');

const at = (isoDay) => new Date(`${isoDay}T12:00:00`);

test("a day's key is the local calendar day", () => {
  assert.equal(dayKey(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
  assert.equal(dayKey(new Date(2026, 10, 23, 0, 0)), '2026-11-23');
});

test('counts add up per day and site; a report of nothing writes nothing', async () => {
  await clearStats();
  await addToStats('youtube', { hidden: 2, checked: 40 }, at('2026-11-23'));
  await addToStats('youtube', { hidden: 1, checked: 10 }, at('2026-11-23'));
  await addToStats('instagram', { hidden: 0, checked: 5 }, at('2026-11-23'));
  await addToStats('youtube', { hidden: 0, checked: 7 }, at('2026-11-24'));
  await addToStats('youtube', { hidden: 0, checked: 0 }, at('2026-11-25'));
  assert.deepEqual(await readStats(), {
    '2026-11-23': { youtube: { hidden: 3, checked: 50 }, instagram: { hidden: 0, checked: 5 } },
    '2026-11-24': { youtube: { hidden: 0, checked: 7 } },
  });
  assert.deepEqual(dayTotal(await readStats(), '2026-11-23'), { hidden: 3, checked: 55 });
  assert.deepEqual(dayTotal(await readStats(), '2026-11-22'), { hidden: 0, checked: 0 });
});

test('negative counts never take a total down', async () => {
  await clearStats();
  await addToStats('youtube', { hidden: 2, checked: 10 }, at('2026-11-23'));
  await addToStats('youtube', { hidden: -5, checked: 3 }, at('2026-11-23'));
  assert.deepEqual((await readStats())['2026-11-23'].youtube, { hidden: 2, checked: 13 });
});

test('days more than 90 days back go when counts are added', async () => {
  await clearStats();
  for (const day of ['2025-12-31', '2026-01-01', '2026-03-01', '2026-04-01']) {
    await addToStats('youtube', { hidden: 1, checked: 1 }, at(day));
  }
  // 2026-01-01 is 90 days before 2026-04-01; the day before it is not kept.
  assert.deepEqual(Object.keys(await readStats()), ['2026-01-01', '2026-03-01', '2026-04-01']);
});

test('clearing removes everything; only counts were ever stored', async () => {
  await addToStats('youtube', { hidden: 1, checked: 1 }, at('2026-04-02'));
  const counts = Object.values(stored.get('stats')).flatMap((day) => Object.values(day));
  assert.ok(counts.every((c) => Object.keys(c).sort().join() === 'checked,hidden' && Number.isInteger(c.hidden)));
  await clearStats();
  assert.deepEqual(await readStats(), {});
  assert.equal(stored.has('stats'), false);
});

test('a page visit counts each comment once: only growth within a visit adds, a new visit counts from zero', () => {
  const visit = (id, hidden, checked) => ({ visit: id, hidden, checked });
  assert.deepEqual(countsToAdd(undefined, visit('a', 2, 7)), { hidden: 2, checked: 7 }, 'the first report counts all');
  assert.deepEqual(countsToAdd(visit('a', 2, 7), visit('a', 3, 9)), { hidden: 1, checked: 2 });
  // Read again after a resume or a changed setting: the same visit, the same counts.
  assert.deepEqual(countsToAdd(visit('a', 3, 9), visit('a', 3, 9)), { hidden: 0, checked: 0 });
  // Counts of a visit never shrink, but a report out of order must not subtract.
  assert.deepEqual(countsToAdd(visit('a', 3, 9), visit('a', 1, 4)), { hidden: 0, checked: 0 });
  // The page navigated: another visit, counted from zero even with smaller counts.
  assert.deepEqual(countsToAdd(visit('a', 3, 9), visit('b', 1, 4)), { hidden: 1, checked: 4 });
  // A frame whose classifier could not load reports no visit and nothing counted.
  assert.deepEqual(countsToAdd(undefined, { hidden: 0, checked: 0 }), { hidden: 0, checked: 0 });
});
