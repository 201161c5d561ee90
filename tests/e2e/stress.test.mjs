// The content script under load and against a page that will not sit still:
// 50,000 comments inserted at once, a live chat with bursts of 100 messages,
// and a page that removes, moves, rewrites and replaces comments while
// Schild is reading them. Every comment still in the page must end with the
// verdict its final content deserves, judged once, and nothing may be thrown
// into the page. No timing is asserted: tools/bench.sh reports how long the
// 50,000 took and the input delay meanwhile (tools/bench/page.mjs --flood).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { countUnjudgedPaints, schildStarted } from '../../tools/lib/page-probes.mjs';
import { activeTabStatus, consoleErrors, launchBrowser, openFixture } from './harness.mjs';

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** Counts of the generated comments (data-bench) by the state Schild gave them. */
const tally = (page) =>
  page.evaluate(() => {
    const counts = {};
    for (const element of document.querySelectorAll('[data-bench]')) {
      const key = `${element.dataset.bench}:${element.getAttribute('data-schild') ?? 'none'}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  });

const allJudged = (page, timeout) =>
  page.waitForFunction(
    () => {
      const comments = document.querySelectorAll('[data-bench]');
      return comments.length > 0 && [...comments].every((c) => ['clean', 'blurred'].includes(c.getAttribute('data-schild')));
    },
    null,
    { timeout, polling: 1000 },
  );

test('50,000 comments at once: every one judged, once; none lost; bots hidden; no errors', { timeout: 40 * 60_000 }, async () => {
  const page = await openFixture(browser.context, 'bench');
  await page.waitForFunction(() => window.bench);
  // Every write of Schild's state attribute on a generated comment, kept on
  // the comment as the value it replaced.
  await page.evaluate(() => {
    new MutationObserver((records) => {
      for (const { target, oldValue } of records) if (target.dataset.bench) (target.schildBefore ??= []).push(oldValue);
    }).observe(document.body, { attributes: true, attributeOldValue: true, attributeFilter: ['data-schild'], subtree: true });
  });
  const { comments, bots } = await page.evaluate(() => window.bench.comments({ count: 50_000, load: 50_000, intervalMs: 0 }));
  assert.equal(comments, 50_000);
  // On this 2-core VM Chromium alone needs a minute or more to lay out 50,000 comments.
  await allJudged(page, 30 * 60_000);
  const counts = await tally(page);
  const report = JSON.stringify(counts);
  // Every comment has a verdict, and the counts add up.
  assert.deepEqual(Object.keys(counts).sort(), Object.keys(counts).filter((k) => /:(clean|blurred)$/.test(k)).sort(), report);
  assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), 50_000, report);
  assert.equal((counts['bot:blurred'] ?? 0) + (counts['bot:clean'] ?? 0), bots, report);
  assert.ok(counts['bot:blurred'] >= bots * 0.9, `bots hidden: ${report}`);
  assert.ok((counts['normal:blurred'] ?? 0) <= 50_000 * 0.002, `normal comments hidden: ${report}`);
  // Each comment was given its verdict once (perhaps pending before it, if
  // it waited hidden), never changed or written again.
  const verdictWrites = await page.evaluate(() => {
    const byCount = {};
    for (const comment of document.querySelectorAll('[data-bench]')) {
      // The values written: each record's old value is what the previous write wrote.
      const written = [...(comment.schildBefore ?? []).slice(1), comment.getAttribute('data-schild')];
      const verdicts = written.filter((state) => state === 'clean' || state === 'blurred').length;
      byCount[verdicts] = (byCount[verdicts] ?? 0) + 1;
    }
    return byCount;
  });
  assert.deepEqual(verdictWrites, { 1: 50_000 }, 'comments by how often Schild wrote a verdict on them');
  // The tab's counts add up: 50,000 comments checked, the hidden ones those the page shows hidden.
  const status = await activeTabStatus(browser.serviceWorker, (s) => s?.checked === 50_000 && s.hidden === counts['bot:blurred'] + (counts['normal:blurred'] ?? 0));
  assert.deepEqual(status, { engine: 'page', checked: 50_000, hidden: counts['bot:blurred'] + (counts['normal:blurred'] ?? 0) });
  assert.deepEqual(consoleErrors(page), []);
  await page.close();
});

for (const csp of ['none', 'strict']) {
  test(`live chat at 20 messages a second with bursts of 100, CSP ${csp}: no message painted unjudged`, { timeout: 180_000 }, async () => {
    const page = await openFixture(browser.context, '/live_chat?v=bench-chat', { csp });
    await page.waitForFunction(() => window.bench);
    await schildStarted(page);
    await page.evaluate(countUnjudgedPaints);
    // 600 messages: a burst of 100 in place of every 20th, four in all.
    const { messages } = await page.evaluate(() => window.bench.chat({ count: 600, perSecond: 20, burst: 100, burstEvery: 20 }));
    assert.equal(messages, 600);
    await allJudged(page, 60_000);
    const { unjudgedPaints, shown } = await page.evaluate(() => ({
      unjudgedPaints: window.unjudgedPaints,
      shown: document.querySelectorAll('[data-bench]').length,
    }));
    assert.equal(shown, 250, 'the chat keeps its last 250 messages');
    assert.equal(unjudgedPaints, 0, 'messages a frame painted before Schild marked them');
    assert.deepEqual(consoleErrors(page), []);
    await page.close();
  });
}

test('a page that changes its comments mid-scan: the final content decides', { timeout: 120_000 }, async () => {
  const page = await openFixture(browser.context, 'bench');
  await page.waitForFunction(() => window.bench);
  // 3,000 comments, and in the same task (before Schild's first look) and
  // in the frames after, while batches are in flight: removals, moves,
  // rewrites both ways, a whole list replaced by a copy, text nodes cut.
  await page.evaluate(async () => {
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const list = () => document.querySelector('ytd-comments ytd-item-section-renderer > #contents');
    const comments = () => [...document.querySelectorAll('[data-bench]')];
    const rewrite = (element, handle, text, kind) => {
      element.querySelector('#author-text span').textContent = ` ${handle} `;
      element.querySelector('#content-text span[role="text"]').textContent = text;
      element.dataset.bench = kind;
    };
    const filling = window.bench.comments({ count: 3000, load: 500, intervalMs: 16 });
    for (let round = 0; round < 12; round++) {
      const all = comments();
      all.filter((_, i) => i % 17 === round % 17).forEach((c) => c.closest('ytd-comment-thread-renderer')?.remove());
      all.filter((_, i) => i % 23 === round % 23).forEach((c) => rewrite(c, '@h0t-nud3s-4-u', 'my nudes 🔞 tap my pic', 'rewritten-bot'));
      all.filter((_, i) => i % 29 === round % 29).forEach((c) => rewrite(c, '@gran', 'Lovely, thanks for sharing!', 'rewritten-normal'));
      // Move some threads to the front of the list, as a re-sort would.
      all.filter((_, i) => i % 31 === round % 31).forEach((c) => {
        const thread = c.closest('ytd-comment-thread-renderer');
        if (thread) list().prepend(thread);
      });
      if (round === 6) {
        // The site re-renders the whole list: a deep copy replaces it.
        const old = list();
        const copy = old.cloneNode(true);
        for (const element of copy.querySelectorAll('[data-schild], [data-schild-card]')) {
          if (element.hasAttribute('data-schild-card')) element.remove();
          else element.removeAttribute('data-schild');
        }
        old.replaceWith(copy);
      }
      // Empty a comment's text node in place (characterData), then refill it
      // in the next frame: Schild skips a comment without text until then.
      const cut = comments()[round * 7]?.querySelector('#content-text span[role="text"]')?.firstChild;
      if (cut) cut.data = '';
      requestAnimationFrame(() => {
        if (cut) cut.data = 'back again, nice video';
      });
      await nextFrame();
    }
    await filling;
  });
  await allJudged(page, 60_000);
  const counts = await tally(page);
  const report = JSON.stringify(counts);
  assert.ok(counts['rewritten-bot:blurred'] > 0 && counts['rewritten-normal:clean'] > 0, report);
  assert.equal(counts['rewritten-bot:clean'] ?? 0, 0, `a comment rewritten into a bot's is hidden: ${report}`);
  assert.equal(counts['rewritten-normal:blurred'] ?? 0, 0, `a bot's comment rewritten into a normal one is shown: ${report}`);
  // The generated bots: the classifier misses about 2 in 100 of them (docs/performance.md).
  assert.ok(counts['bot:blurred'] >= 0.9 * (counts['bot:blurred'] + (counts['bot:clean'] ?? 0)), report);
  assert.ok((counts['normal:blurred'] ?? 0) <= 3, `normal comments hidden: ${report}`);
  // Cards only in hidden comments, one each.
  const cards = await page.evaluate(() => ({
    blurred: document.querySelectorAll('[data-schild="blurred"]').length,
    withOneCard: [...document.querySelectorAll('[data-schild="blurred"]')].filter(
      (e) => e.querySelectorAll(':scope > [data-schild-card]').length === 1,
    ).length,
    strayCards: [...document.querySelectorAll('[data-schild-card]')].filter((card) => card.parentElement.getAttribute('data-schild') === 'clean')
      .length,
  }));
  assert.equal(cards.withOneCard, cards.blurred);
  assert.equal(cards.strayCards, 0);
  assert.deepEqual(consoleErrors(page), []);
  await page.close();
});
