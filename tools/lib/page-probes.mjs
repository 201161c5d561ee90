// Probes the page benchmark (tools/bench/page.mjs) and the stress tests
// (tests/e2e/stress.test.mjs) run in the bench fixtures: whether Schild is
// watching a frame yet, and which items a frame's rendering found unjudged.

/**
 * Resolves once Schild's content script in `frame` (a bench page or its
 * chat) has judged a comment of its own: one made from the page's template,
 * added and removed again.
 */
export async function schildStarted(frame) {
  await frame.evaluate(() => {
    const probe = document.importNode(document.querySelector('template').content, true).firstElementChild;
    probe.dataset.probe = '';
    (document.getElementById('items') ?? document.getElementById('contents')).append(probe);
  });
  const judged = () => document.querySelector('[data-probe][data-schild], [data-probe] [data-schild]') !== null;
  await frame.waitForFunction(judged, null, { timeout: 30_000 });
  await frame.evaluate(() => document.querySelector('[data-probe]').remove());
}

/**
 * Run in a frame (after schildStarted): counts the generated items
 * (data-bench) a frame's rendering found without Schild's mark, in
 * window.unjudgedPaints. The mutation observer is made after Schild's, so
 * its animation-frame callback runs after Schild's in the same frame, right
 * before style, layout and paint (as long as it asks for frames only when
 * the page adds something, as Schild does). Each item counts once.
 */
export function countUnjudgedPaints() {
  const seen = new WeakSet();
  window.unjudgedPaints = 0;
  let scheduled = false;
  const check = () => {
    scheduled = false;
    for (const item of document.querySelectorAll('[data-bench]:not([data-schild])')) {
      if (seen.has(item)) continue;
      seen.add(item);
      window.unjudgedPaints++;
    }
  };
  // Only for what the page adds, like Schild's own watcher: a check asked
  // for by Schild's card coming in would run before Schild's next turn.
  const pages = (record) => [...record.addedNodes].some((node) => !node.hasAttribute?.('data-schild-card'));
  new MutationObserver((records) => {
    if (scheduled || !records.some(pages)) return;
    scheduled = true;
    requestAnimationFrame(check);
  }).observe(document.body, { childList: true, subtree: true });
}
