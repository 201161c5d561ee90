// Instagram on the web, in Chromium with Schild loaded: a post page and a
// reel page, the post opened as a dialog over the feed and over a profile,
// replies and "load more", navigation without reloading, and the mobile
// layout at 360 px, in English and Dutch UI labels. Each fixture page has
// sex-spam bots (look-alike letters, lure names, "check my story") and
// normal comments in English, Dutch and French; the tests assert which are
// blurred, once with the classifier in the page and once (strict CSP) in the
// background.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  assertTabStatus,
  assertVerdicts,
  closeAndAssertOnlyFixtureRequests,
  commentStates,
  consoleErrors,
  forgetCspProbes,
  launchBrowser,
  openFixture,
  ROOT,
  waitForVerdicts,
} from './harness.mjs';

const INSTAGRAM = 'https://www.instagram.com';

/** /p/post-en/: English UI, lotte.wandelt's hike. */
const POST_EN = {
  'normal-question-mention': 'clean',
  'spam-lookalike-text': 'blurred',
  'normal-dutch': 'clean',
  'spam-lure-name': 'blurred',
  'normal-french': 'clean',
  'normal-hot-weather': 'clean',
  'normal-with-replies': 'clean',
  // The dance crew's name reads as a lure; here it is not the post's author.
  'spam-name-on-another-post': 'blurred',
};
const POST_EN_REPLIES = { 'spam-reply-story': 'blurred', 'author-reply': 'clean' };
const POST_EN_MORE = {
  'spam-more-lonely': 'blurred',
  'normal-more-dog': 'clean',
  'spam-more-link-in-bio': 'blurred',
  'normal-more-cute': 'clean',
};
/** /reel/reel-nl/: Dutch UI, the dance crew's reel. */
const REEL_NL = {
  // The reel's author: judged on the text alone, its name does not count.
  'author-lure-like-name': 'clean',
  'normal-parent-question': 'clean',
  'spam-wet': 'blurred',
  'normal-papa': 'clean',
  'normal-outfit-hot': 'clean',
  'normal-french-brussels': 'clean',
  'spam-small-caps-story': 'blurred',
};
const REEL_NL_MORE = { 'spam-reel-more': 'blurred', 'normal-reel-more': 'clean' };
/** /p/post-mobile-nl/ at 360 px: the comments sheet, Dutch UI. */
const MOBILE = {
  'author-mobile': 'clean',
  'normal-mobile-proud': 'clean',
  'spam-mobile-name': 'blurred',
  'normal-mobile-french': 'clean',
  'normal-mobile-question': 'clean',
  'spam-mobile-wet': 'blurred',
};
const MOBILE_REPLIES = { 'spam-mobile-reply-shell': 'blurred', 'author-mobile-reply-shell': 'clean' };
const MOBILE_MORE = { 'spam-mobile-more': 'blurred', 'normal-mobile-more': 'clean' };

const PHONE = { width: 360, height: 740 };

/** Matches a page's address by its path (the strict fixtures carry ?csp=strict). */
const atPath = (pathname) => (url) => url.pathname === pathname;

const CSP_PATHS = [
  ['none', 'page'],
  ['strict', 'background'],
];

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** Elements Schild marked that are not comment rows of the fixture. */
const strayMarks = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-schild]')].filter((e) => !e.dataset.case).map((e) => e.outerHTML.slice(0, 200)),
  );

/** Whether a row shows Schild's card. */
const hasCard = (page, name) =>
  page.evaluate((n) => document.querySelector(`[data-case="${n}"] > [data-schild-card]`) !== null, name);

for (const [csp, engine] of CSP_PATHS) {
  describe(`Instagram, CSP ${csp}: classifier runs in the ${engine}`, () => {
    before(() => forgetCspProbes(browser));

    test('post page: bots blurred, the rest not; replies and more comments get verdicts', async () => {
      const page = await openFixture(browser.context, `${INSTAGRAM}/p/post-en/`, { csp });
      assertVerdicts(await commentStates(page, { count: 8 }), POST_EN);
      assert.deepEqual(await strayMarks(page), [], 'only comment rows are marked: not the caption, the header, the list');
      assert.ok(await hasCard(page, 'spam-lookalike-text'), 'a hidden comment carries the card');
      assert.ok(!(await hasCard(page, 'normal-dutch')), 'a clean comment has no card');
      await assertTabStatus(browser, { engine, hidden: 3, checked: 8 });

      // "View replies (2)": the replies arrive under their comment.
      await page.click('[data-replies-of="normal-with-replies"] [data-fixture="view-replies"]');
      await waitForVerdicts(page, POST_EN_REPLIES);
      // "Load more comments".
      await page.click('[data-fixture="load-more"]');
      await waitForVerdicts(page, { ...POST_EN, ...POST_EN_REPLIES, ...POST_EN_MORE });
      await assertTabStatus(browser, { engine, hidden: 6, checked: 14 });
      assert.deepEqual(await strayMarks(page), []);
      assert.deepEqual(consoleErrors(page), []);
      await page.close();
    });

    test('the post as a dialog over the feed: opened, closed, opened again', async () => {
      const page = await openFixture(browser.context, `${INSTAGRAM}/`, { csp });
      await assertTabStatus(browser, { engine, hidden: 0, checked: 0 });

      await page.click('[data-fixture="open-post"][href="/p/post-en/"]');
      await page.waitForURL(atPath('/p/post-en/'));
      assertVerdicts(await commentStates(page, { count: 8 }), POST_EN);
      assert.equal(await page.evaluate(() => document.querySelector('[role="dialog"] [data-case]') !== null), true);
      assert.deepEqual(await strayMarks(page), [], "the feed's posts are not comments");
      await assertTabStatus(browser, { engine, hidden: 3, checked: 8 });

      await page.click('[data-fixture="close-dialog"]');
      await page.waitForURL(atPath('/'));
      await assertTabStatus(browser, { engine, hidden: 0, checked: 0 });

      await page.click('[data-fixture="open-post"][href="/p/post-en/"]');
      assertVerdicts(await commentStates(page, { count: 8 }), POST_EN);
      await assertTabStatus(browser, { engine, hidden: 3, checked: 8 });
      assert.deepEqual(consoleErrors(page), []);
      await page.close();
    });

    test('mobile layout (360 px): the comments sheet, replies filled in late, more comments', async () => {
      const page = await openFixture(browser.context, `${INSTAGRAM}/p/post-mobile-nl/`, { csp, viewport: PHONE });
      await page.click('[data-fixture="open-sheet"]');
      // The sheet is outside the post: its author is found in the page's post header.
      assertVerdicts(await commentStates(page, { count: 6 }), MOBILE);

      await page.click('[data-replies-of="normal-mobile-question"] [data-fixture="view-replies"]');
      // Longer than Schild's frame and fallback-timer batching: a reply
      // without its text must not get a verdict yet.
      await page.waitForTimeout(600);
      const shells = await page.evaluate((names) => names.map((n) => document.querySelector(`[data-case="${n}"]`).dataset.schild ?? null),
        Object.keys(MOBILE_REPLIES));
      assert.deepEqual(shells, [null, null], 'replies without their text have no verdict');
      await page.evaluate(() => window.fixture.fillReplies());
      await waitForVerdicts(page, MOBILE_REPLIES);

      await page.click('[data-fixture="load-more"]');
      await waitForVerdicts(page, { ...MOBILE, ...MOBILE_REPLIES, ...MOBILE_MORE });
      await assertTabStatus(browser, { engine, hidden: 4, checked: 10 });
      assert.deepEqual(await strayMarks(page), []);

      // The card fits the phone: the page does not scroll sideways.
      assert.ok(await hasCard(page, 'spam-mobile-name'));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls ${overflow} px sideways`);
      assert.deepEqual(consoleErrors(page), []);
      await page.close();
    });
  });
}

describe('Instagram reels, navigation and profiles (Dutch UI)', () => {
  before(() => forgetCspProbes(browser));

  test("reel page: the reel's author is trusted, its name does not count against it", async () => {
    const page = await openFixture(browser.context, `${INSTAGRAM}/reel/reel-nl/`);
    assertVerdicts(await commentStates(page, { count: 7 }), REEL_NL);
    await page.click('[data-fixture="load-more"]');
    await waitForVerdicts(page, { ...REEL_NL, ...REEL_NL_MORE });
    await assertTabStatus(browser, { engine: 'page', hidden: 3, checked: 9 });
    assert.deepEqual(await strayMarks(page), []);
    assert.deepEqual(consoleErrors(page), []);
    await page.close();
  });

  test('navigation without reloading: a post, a reel, and back', async () => {
    const page = await openFixture(browser.context, `${INSTAGRAM}/p/post-en/`);
    await commentStates(page, { count: 8 });
    await assertTabStatus(browser, { engine: 'page', hidden: 3, checked: 8 });

    // "More posts from": Instagram swaps the page and pushes the address.
    await page.click('[data-fixture="navigate"][href="/reel/reel-nl/"]');
    await page.waitForURL(atPath('/reel/reel-nl/'));
    assertVerdicts(await commentStates(page, { count: 7 }), REEL_NL);
    // Counts are the new page's only.
    await assertTabStatus(browser, { engine: 'page', hidden: 2, checked: 7 });

    await page.evaluate(() => history.back());
    await page.waitForURL(atPath('/p/post-en/'));
    assertVerdicts(await commentStates(page, { count: 8 }), POST_EN);
    await assertTabStatus(browser, { engine: 'page', hidden: 3, checked: 8 });
    assert.deepEqual(consoleErrors(page), []);
    await page.close();
  });

  test('a reel opened as a dialog over its profile', async () => {
    const page = await openFixture(browser.context, `${INSTAGRAM}/naughty.girls.dance/`);
    await assertTabStatus(browser, { engine: 'page', hidden: 0, checked: 0 });
    await page.click('[data-fixture="open-post"][href="/reel/reel-nl/"]');
    await page.waitForURL(atPath('/reel/reel-nl/'));
    // The dialog's caption names the author, as the profile does.
    assertVerdicts(await commentStates(page, { count: 7 }), REEL_NL);
    assert.deepEqual(await strayMarks(page), [], "the profile's header and grid are not comments");
    await page.click('[data-fixture="close-dialog"]');
    await page.waitForURL(atPath('/naughty.girls.dance/'));
    await assertTabStatus(browser, { engine: 'page', hidden: 0, checked: 0 });
    assert.deepEqual(consoleErrors(page), []);
    await page.close();
  });
});

describe('the card on Instagram, in Dutch (nl-BE)', () => {
  let dutch;
  const messages = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/_locales/nl/messages.json'), 'utf8'));
  before(async () => {
    dutch = await launchBrowser({ lang: 'nl-BE' });
  });
  after(() => dutch?.close());

  const card = (page, name) => page.locator(`[data-case="${name}"] > [data-schild-card]`);

  test("report opens the comment's own options, or the account's profile", async () => {
    const page = await openFixture(dutch.context, `${INSTAGRAM}/reel/reel-nl/`);
    await commentStates(page, { count: 7 });
    // The one-line card opens to the full card, which offers the report route.
    await card(page, 'spam-wet').locator('[data-action="why"]').click();
    await card(page, 'spam-wet').locator('[data-action="report"]').click();
    const panel = card(page, 'spam-wet').locator('[data-panel="report"]');
    assert.equal(await panel.locator('p').first().textContent(), messages.cardReportHowInstagram.message);
    const profile = panel.locator('[data-action="report-account"]');
    assert.equal(await profile.getAttribute('href'), `${INSTAGRAM}/kim_hot_xx_1998/`);
    assert.equal(await profile.textContent(), messages.cardReportProfile.message);

    await panel.locator('[data-action="open-menu"]').click();
    assert.equal(
      await page.evaluate(() => document.querySelector('[data-case="spam-wet"]').dataset.menuOpened),
      'yes',
      "Instagram's own options of that comment were opened; Schild reported nothing",
    );
    assert.deepEqual(consoleErrors(page), []);
    await page.close();
  });

  test('show anyway and not spam work on Instagram comments', async () => {
    const page = await openFixture(dutch.context, `${INSTAGRAM}/reel/reel-nl/`);
    await commentStates(page, { count: 7 });
    await card(page, 'spam-small-caps-story').locator('[data-action="reveal"]').click();
    await card(page, 'spam-small-caps-story').locator('[data-action="confirm-reveal"]').click();
    await waitForVerdicts(page, { 'spam-small-caps-story': 'revealed' });

    await card(page, 'spam-wet').locator('[data-action="why"]').click();
    await card(page, 'spam-wet').locator('[data-action="not-spam"]').click();
    await waitForVerdicts(page, { 'spam-wet': 'allowed' });
    const stored = await dutch.serviceWorker.evaluate(() => chrome.storage.local.get(null));
    assert.ok(JSON.stringify(stored).includes('kim_hot_xx_1998'), 'the author is remembered as not spam');
    await card(page, 'spam-wet').locator('[data-action="undo"]').click();
    await waitForVerdicts(page, { 'spam-wet': 'blurred' });
    await page.close();
  });
});

describe('privacy on Instagram', () => {
  test('Schild makes no network request outside the fixture pages', async () => {
    // Runs last: closes the browser to read Chromium's complete network log.
    const fixturePages = await closeAndAssertOnlyFixtureRequests(browser);
    browser = null;
    assert.ok(fixturePages.some((r) => new URL(r.url).host === 'www.instagram.com'), 'the Instagram pages were logged');
  });
});
