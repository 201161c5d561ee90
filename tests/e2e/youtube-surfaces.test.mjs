// Every YouTube surface a child meets comments on, in Chromium with Schild
// loaded: replies that load late, single-page navigation that reuses comment
// elements, Shorts, community posts, live chat in its own frame and the
// mobile site. Each fixture page has sex-spam (name-only lures with copied
// text among them) and normal comments; the tests assert which are blurred.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  activeTabStatus,
  assertTabStatus,
  assertVerdicts,
  commentStates,
  consoleErrors,
  forgetCspProbes,
  launchBrowser,
  openFixture,
  waitForVerdicts,
} from './harness.mjs';

const WATCH_NEXT = {
  'normal-next-original': 'clean',
  'spam-next-copied': 'blurred',
  'normal-next-timestamp': 'clean',
  'normal-next-french': 'clean',
  'normal-next-dutch': 'clean',
  'spam-next-small-caps': 'blurred',
  'normal-next-grandpa': 'clean',
};
const POST = {
  'normal-post-dutch': 'clean',
  'creator-copies-fan': 'clean',
  'spam-impersonator': 'blurred',
  'normal-post-french': 'clean',
  'spam-post-link': 'blurred',
  'normal-parent-about-bots': 'clean',
};
const SHORTS = {
  'normal-original': 'clean',
  'spam-name-copied-text': 'blurred',
  'spam-small-caps': 'blurred',
  'trusted-hearted-lure-name': 'clean',
  'spam-preloaded-reel': 'blurred',
  'normal-preloaded-reel': 'clean',
};
const LIVE_PAGE = { 'normal-live-comment': 'clean', 'spam-live-comment': 'blurred' };
const LIVE_CHAT = {
  'normal-chat-hello': 'clean',
  'normal-chat-custom-emoji': 'clean',
  'owner-chat': 'clean',
  'moderator-chat': 'clean',
  'spam-chat-name': 'blurred',
  'spam-chat-small-caps': 'blurred',
  'normal-chat-member': 'clean',
};
const MOBILE_CURRENT = {
  'creator-pinned-mobile': 'clean',
  'normal-mobile-dutch': 'clean',
  'spam-mobile-small-caps': 'blurred',
  'spam-mobile-name-only': 'blurred',
  'normal-mobile-french': 'clean',
};
const MOBILE_LEGACY = {
  'normal-mobile-legacy': 'clean',
  'spam-mobile-legacy-leet': 'blurred',
  'normal-mobile-legacy-hard': 'clean',
};

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

const CSP_PATHS = [
  ['none', 'page'],
  ['strict', 'background'],
];

describe('watch page replies', () => {
  test('replies that load late are read once their author and text are there', async () => {
    const page = await openFixture(browser.context, 'watch-current');
    await commentStates(page, { count: 7 });
    const replies = await page.evaluate(() => window.fixture.insertReplyShells('late-replies'));
    assert.deepEqual(replies, ['spam-late-reply-copied', 'normal-late-reply']);
    // Longer than Schild's animation-frame and fallback-timer batching:
    // an empty reply must not get a verdict.
    await page.waitForTimeout(600);
    const shells = await page.evaluate((names) =>
      names.map((name) => document.querySelector(`[data-case="${name}"]`).getAttribute('data-schild')),
    replies);
    assert.deepEqual(shells, [null, null], 'replies without author and text have no verdict');

    await page.evaluate(() => window.fixture.fillReplies());
    // The bot's reply copies the comment it answers, under a lure handle.
    await waitForVerdicts(page, { 'spam-late-reply-copied': 'blurred', 'normal-late-reply': 'clean' });
    assert.deepEqual(consoleErrors(page), []);
    await page.close();
  });
});

for (const [csp, engine] of CSP_PATHS) {
  describe(`single-page navigation, CSP ${csp} (classifier in the ${engine})`, () => {
    before(() => forgetCspProbes(browser));

    test('another video, a post and back: reused elements get the new verdicts', async () => {
      const page = await openFixture(browser.context, 'watch-current', { csp });
      await commentStates(page, { count: 7 });
      await page.evaluate(() => {
        for (const comment of document.querySelectorAll('[data-case]')) comment.wasOnWatchCurrent = true;
      });

      // A click on another video: YouTube keeps the comment elements and
      // fills them with the new video's comments.
      await page.evaluate(() => window.fixture.navigate('/watch?v=watch-next'));
      await waitForVerdicts(page, WATCH_NEXT);
      const reused = await page.evaluate(
        () => [...document.querySelectorAll('[data-case]')].filter((c) => c.wasOnWatchCurrent).length,
      );
      assert.equal(reused, 7, 'every comment element of the first video was reused');
      // Counts are the new page's only.
      await assertTabStatus(browser, { engine, hidden: 2, checked: 7 });

      // On to a community post, another kind of page.
      await page.evaluate(() => window.fixture.navigate('/post/post-current'));
      await waitForVerdicts(page, POST);
      assert.equal(
        await page.evaluate(() => document.querySelector('ytd-backstage-post-renderer [data-schild]')),
        null,
        "the channel's post itself is not a comment",
      );
      await assertTabStatus(browser, { engine, hidden: 2, checked: 6 });

      // The back button.
      await page.evaluate(() => history.back());
      await page.waitForURL(/watch\?v=watch-next/);
      await waitForVerdicts(page, WATCH_NEXT);
      await assertTabStatus(browser, { engine, hidden: 2, checked: 7 });
      assert.deepEqual(consoleErrors(page), []);
      await page.close();
    });
  });
}

describe('Shorts', () => {
  before(() => forgetCspProbes(browser));

  test('comments in the active and the preloaded reels, panel shown or hidden', async () => {
    const page = await openFixture(browser.context, '/shorts/shorts');
    assertVerdicts(await commentStates(page, { count: 6 }), {
      ...SHORTS,
      // Preloaded reels' panels are hidden: classified, nothing to render.
      'spam-preloaded-reel': 'blurred',
    });
    await page.evaluate(() => window.fixture.toggleShortsComments(false));
    await page.evaluate(() => window.fixture.toggleShortsComments(true));
    assertVerdicts(await commentStates(page, { count: 6 }), SHORTS);
    await assertTabStatus(browser, { engine: 'page', hidden: 3, checked: 6 });
    await page.close();
  });

  test("the creator's heart vouches for a comment whose handle reads as a lure", async () => {
    const page = await openFixture(browser.context, '/shorts/shorts');
    await commentStates(page, { count: 6 });
    await page.evaluate(() => window.fixture.setHeart('trusted-hearted-lure-name', false));
    await waitForVerdicts(page, { 'trusted-hearted-lure-name': 'blurred' });
    await page.evaluate(() => window.fixture.setHeart('trusted-hearted-lure-name', true));
    await waitForVerdicts(page, { 'trusted-hearted-lure-name': 'clean' });
    await page.close();
  });

  test('scrolling to the next reel: its comments load and get verdicts', async () => {
    const page = await openFixture(browser.context, '/shorts/shorts');
    await commentStates(page, { count: 6 });
    await page.evaluate(() => window.fixture.nextReel());
    assert.match(page.url(), /\/shorts\/BBBBBBBBBBB$/);
    await waitForVerdicts(page, { ...SHORTS, 'normal-next-reel': 'clean', 'spam-next-reel': 'blurred' });
    // The page starts over at the new reel, and counts what it shows.
    await assertTabStatus(browser, { engine: 'page', hidden: 4, checked: 8 });
    assert.deepEqual(consoleErrors(page), []);
    await page.close();
  });
});

describe('community posts', () => {
  before(() => forgetCspProbes(browser));

  test("the community tab's posts are the channel's own words, left alone", async () => {
    const page = await openFixture(browser.context, '/@Kiss.Me.Baby.Official/community');
    const status = await activeTabStatus(browser.serviceWorker);
    assert.deepEqual(status, { engine: 'page', hidden: 0, checked: 0 });
    assert.equal(await page.evaluate(() => document.querySelectorAll('[data-schild]').length), 0);

    // A click on a post's comments opens its page.
    await page.evaluate(() => window.fixture.navigate('/post/post-current'));
    await waitForVerdicts(page, POST);
    assert.deepEqual(consoleErrors(page), []);
    await page.close();
  });
});

for (const [csp, engine] of CSP_PATHS) {
  describe(`live chat, CSP ${csp} (classifier in the ${engine})`, () => {
    before(() => forgetCspProbes(browser));

    test('messages in the chat frame get verdicts; the popup counts both frames', async () => {
      const page = await openFixture(browser.context, 'watch-live', { csp });
      assertVerdicts(await commentStates(page, { count: 2 }), LIVE_PAGE);
      const chat = page.frameLocator('#chatframe');
      await chat.locator('#items').waitFor();
      const chatFrame = page.frames().find((frame) => frame.url().includes('/live_chat'));
      assertVerdicts(await commentStates(chatFrame, { count: 7 }), LIVE_CHAT);
      await assertTabStatus(browser, { engine, hidden: 3, checked: 9 });

      await chatFrame.evaluate(() => window.fixture.addChatMessages());
      await waitForVerdicts(chatFrame, { 'spam-chat-late': 'blurred', 'normal-chat-late': 'clean' });
      await assertTabStatus(browser, { engine, hidden: 4, checked: 11 });
      assert.deepEqual(consoleErrors(page), []);
      await page.close();
    });
  });
}

describe('m.youtube.com', () => {
  test('current markup (YtmCommentRenderer…), with lazily appended comments', async () => {
    const page = await openFixture(browser.context, 'https://m.youtube.com/watch?v=mobile-current');
    assertVerdicts(await commentStates(page, { count: 5 }), MOBILE_CURRENT);
    await page.evaluate(() => window.fixture.addLateComments());
    await waitForVerdicts(page, { 'spam-mobile-late-copied': 'blurred', 'normal-mobile-late': 'clean' });
    assert.deepEqual(consoleErrors(page), []);
    await page.close();
  });

  test('older markup (.comment-title, .comment-text)', async () => {
    const page = await openFixture(browser.context, 'https://m.youtube.com/watch?v=mobile-legacy');
    assertVerdicts(await commentStates(page, { count: 3 }), MOBILE_LEGACY);
    await page.close();
  });
});
