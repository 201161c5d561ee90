// The walking skeleton end to end: Schild, loaded in Chromium, blurs sex-spam
// comments on YouTube watch pages and leaves normal ones alone, on both
// classifier paths:
//   - no CSP: the classifier runs in the content script;
//   - strict CSP (script-src 'self' + Trusted Types): Chromium forbids
//     WebAssembly in the content script, so it runs in the background.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  activeTabId,
  activeTabStatus,
  assertVerdicts,
  closeAndAssertOnlyFixtureRequests,
  commentStates,
  consoleErrors,
  forgetCspProbes,
  launchBrowser,
  openFixture,
  popupText,
} from './harness.mjs';
import { WATCH_CURRENT, WATCH_CURRENT_LATE, WATCH_LEGACY } from './expected-verdicts.mjs';

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

for (const [csp, engine] of [
  ['none', 'page'],
  ['strict', 'background'],
]) {
  describe(`YouTube watch page, CSP ${csp}: classifier runs in the ${engine}`, () => {
    // Start each path without the per-site memory of earlier CSP probes.
    before(() => forgetCspProbes(browser));

    test('current markup (ytd-comment-view-model): spam blurred, the rest not', async () => {
      const page = await openFixture(browser.context, 'watch-current', { csp });
      assertVerdicts(await commentStates(page, { count: 7 }), WATCH_CURRENT);
      const status = await activeTabStatus(browser.serviceWorker, (s) => s?.checked === 7);
      assert.deepEqual(status, { engine, hidden: 3, checked: 7 });
      assert.match(await popupText(browser, await activeTabId(browser.serviceWorker)), /3 hidden of 7 comments/);
      assert.deepEqual(consoleErrors(page), []);
      await page.close();
    });

    test('comments loaded later and reused elements get their own verdicts', async () => {
      const page = await openFixture(browser.context, 'watch-current', { csp });
      await commentStates(page, { count: 7 });
      await page.evaluate(() => window.fixture.addLateComments());
      assertVerdicts(await commentStates(page, { count: 9 }), { ...WATCH_CURRENT, ...WATCH_CURRENT_LATE });

      // YouTube reuses the element of a normal comment for a bot's comment...
      await page.evaluate(() => window.fixture.reuseComment('normal-member', '@xx-nudes-xx', 'my nudes 🔞'));
      await page.waitForFunction(() => document.querySelector('[data-case="normal-member"]').dataset.schild === 'blurred');
      // ...and the element of a bot's comment for a normal one.
      await page.evaluate(() => window.fixture.reuseComment('spam-look-at-profile', '@gran', 'Lovely, thanks!'));
      await page.waitForFunction(() => document.querySelector('[data-case="spam-look-at-profile"]').dataset.schild === 'clean');
      await page.close();
    });

    test('older markup (ytd-comment-renderer): spam blurred, the rest not', async () => {
      const page = await openFixture(browser.context, 'watch-legacy', { csp });
      assertVerdicts(await commentStates(page, { count: 3 }), WATCH_LEGACY);
      await page.close();
    });
  });
}

describe('privacy', () => {
  test('a strict CSP is probed once per site, not on every page', async () => {
    // The probe that finds WebAssembly forbidden makes Chromium send the site
    // a CSP violation report; Schild remembers the answer to send no more.
    const reports = () => browser.fixtures.requests.filter((r) => r.endsWith('/csp-report')).length;
    const before = reports();
    for (let i = 0; i < 2; i++) {
      const page = await openFixture(browser.context, 'watch-legacy', { csp: 'strict' });
      await commentStates(page, { count: 3 });
      assert.equal((await activeTabStatus(browser.serviceWorker, (s) => s?.checked === 3))?.engine, 'background');
      await page.close();
    }
    assert.ok(reports() - before <= 1, `${reports() - before} CSP reports for two page loads`);
  });

  test('Schild makes no network request outside the fixture pages', async () => {
    // Runs last: closes the browser to read Chromium's complete network log.
    const fixturePages = await closeAndAssertOnlyFixtureRequests(browser);
    browser = null;
    assert.ok(fixturePages.length > 0, 'the network log recorded the fixture pages');
  });
});
