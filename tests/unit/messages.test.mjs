// A tab's status from its frames' reports (extension/shared/messages.js),
// as the popup and the badge show it: a YouTube watch page and its live
// chat frame report on their own, and the tab shows both together.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusKey, tabStatus, tabStatusPrefix } from '../../extension/shared/messages.js';

test("a frame's key names its tab and frame; the tab's prefix covers its frames only", () => {
  assert.equal(statusKey(7, 0), 'tab-status:7:0');
  assert.ok(statusKey(7, 12).startsWith(tabStatusPrefix(7)));
  assert.ok(!statusKey(17, 0).startsWith(tabStatusPrefix(1)), 'tab 17 is not tab 1');
});

test('counts add up over the frames; engine, site and pause are the top frame’s', () => {
  const stored = {
    [statusKey(3, 0)]: { engine: 'page', site: 'youtube', paused: false, hidden: 2, checked: 40, judged: 80 },
    [statusKey(3, 5)]: { engine: 'background', site: 'youtube', paused: true, hidden: 1, checked: 9, judged: 9 },
    [statusKey(4, 0)]: { engine: 'page', site: 'instagram', hidden: 100, checked: 100 },
    settings: { sensitivity: 'strict' },
  };
  assert.deepEqual(tabStatus(stored, 3), { engine: 'page', site: 'youtube', paused: false, hidden: 3, checked: 49, judged: 89 });
});

test('without a top frame report, another frame’s engine; missing counts are none', () => {
  const stored = { [statusKey(3, 8)]: { engine: 'unavailable', site: 'youtube' } };
  assert.deepEqual(tabStatus(stored, 3), { engine: 'unavailable', site: 'youtube', paused: false, hidden: 0, checked: 0, judged: 0 });
});

test('a tab no frame reported on has no status', () => {
  assert.equal(tabStatus({ [statusKey(4, 0)]: { engine: 'page', hidden: 0, checked: 0 } }, 3), null);
  assert.equal(tabStatus({}, 3), null);
});
