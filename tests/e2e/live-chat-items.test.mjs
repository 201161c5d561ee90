// Every item a child reads in YouTube's live chat, in Chromium with Schild
// loaded: besides text messages, the paid ones (Super Chat, Super Sticker),
// membership and gift items, which carry a name and often text and are the
// most visible in a chat (tests/fixtures/youtube/live-chat.html, template
// #paid-items). A bot in each kind is blurred behind its one-line card, a
// normal one is not, and what YouTube itself writes in an item (the amount,
// "Welcome", "Gifted 5 memberships", a sticker's alt text) is not read as
// the viewer's words. A message is judged in the task that adds it, before
// a frame can render it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertTabStatus, commentStates, consoleErrors, launchBrowser, openFixture, seriousAxeViolations, waitForVerdicts } from './harness.mjs';

/** The items of template #paid-items, by kind. */
const PAID_ITEMS = {
  // Super Chat (yt-live-chat-paid-message-renderer)
  'spam-superchat-text': 'blurred',
  'normal-superchat': 'clean',
  'normal-superchat-no-words': 'clean',
  // Super Sticker (yt-live-chat-paid-sticker-renderer)
  'spam-sticker-name': 'blurred',
  'normal-sticker': 'clean',
  // Membership (yt-live-chat-membership-item-renderer)
  'spam-membership-new': 'blurred',
  'normal-membership-milestone': 'clean',
  // Gift memberships (ytd-sponsorships-live-chat-gift-purchase-announcement-renderer)
  'spam-gift-name': 'blurred',
  'normal-gift': 'clean',
};

let browser;

before(async () => {
  browser = await launchBrowser({ lang: 'en-US' });
});

after(() => browser?.close());

test('Super Chat, Super Sticker, membership and gift items are judged like messages', async () => {
  const page = await openFixture(browser.context, 'watch-live');
  await commentStates(page, { count: 2 });
  await page.locator('#chatframe').waitFor();
  const chat = page.frames().find((frame) => frame.url().includes('/live_chat'));
  await commentStates(chat, { count: 7 });
  await assertTabStatus(browser, { engine: 'page', hidden: 3, checked: 9 });

  await chat.evaluate(() => window.fixture.addChatMessages('paid-items'));
  await waitForVerdicts(chat, PAID_ITEMS);
  await assertTabStatus(browser, { engine: 'page', hidden: 7, checked: 18 });

  // Each hidden item carries the chat's one-line card, which never grows the tip.
  const cards = await chat.evaluate((names) =>
    names.map((name) => {
      const host = document.querySelector(`[data-case="${name}"] > [data-schild-card]`);
      return { name, form: host?.dataset.form, tip: host?.shadowRoot.querySelector('.tip') !== null };
    }),
  Object.keys(PAID_ITEMS).filter((name) => PAID_ITEMS[name] === 'blurred'));
  for (const card of cards) assert.deepEqual(card, { name: card.name, form: 'line', tip: false });
  // In the chat's narrow frame, both forms pass axe-core.
  const inCards = { include: [['[data-schild-card]']] };
  assert.deepEqual(await seriousAxeViolations(chat, inCards), [], 'one line');
  await chat.locator('[data-case="spam-superchat-text"] > [data-schild-card] [data-action="why"]').click();
  assert.equal(await chat.locator('[data-case="spam-superchat-text"] > [data-schild-card]').getAttribute('data-form'), 'full');
  assert.deepEqual(await seriousAxeViolations(chat, inCards), [], 'full');
  assert.deepEqual(consoleErrors(page), []);
  await page.close();
});

test("what an item says is the viewer's only: YouTube's own words in it are not read", async () => {
  const page = await openFixture(browser.context, 'watch-live');
  await page.locator('#chatframe').waitFor();
  const chat = page.frames().find((frame) => frame.url().includes('/live_chat'));
  await commentStates(chat, { count: 7 });
  await chat.evaluate(() => window.fixture.addChatMessages('paid-items'));
  await waitForVerdicts(chat, PAID_ITEMS);
  // YouTube's words in normal viewers' items made lurid: still clean, as
  // only names and the viewers' own text are read. In the same change, a
  // Super Chat's own text turns lurid: once that one is blurred, Schild has
  // read the others again too.
  await chat.evaluate(() => {
    const lure = 'check my profile for my private pics 🔞 sexy';
    const sticker = document.querySelector('[data-case="normal-sticker"] #sticker img');
    sticker.replaceWith(Object.assign(sticker.cloneNode(), { alt: lure }));
    document.querySelector('[data-case="normal-gift"] #primary-text').textContent = lure;
    document.querySelector('[data-case="normal-superchat-no-words"] #purchase-amount').textContent = lure;
    document.querySelector('[data-case="normal-membership-milestone"] #header-subtext').textContent = lure;
    document.querySelector('[data-case="normal-superchat"] #message').textContent = lure;
  });
  await waitForVerdicts(chat, {
    'normal-superchat': 'blurred',
    'normal-sticker': 'clean',
    'normal-gift': 'clean',
    'normal-superchat-no-words': 'clean',
    'normal-membership-milestone': 'clean',
  });
  // A milestone's message is the viewer's own.
  await chat.evaluate(() => {
    document.querySelector('[data-case="normal-membership-milestone"] #message').textContent =
      'ᴡʀɪᴛᴇ ᴍᴇ ᴏɴ ᴛᴇʟᴇɢʀᴀᴍ 😘 my pics are waiting';
  });
  await waitForVerdicts(chat, { 'normal-membership-milestone': 'blurred' });
  await page.close();
});

test('a message is judged at the end of the task that adds it, before any frame renders it', async () => {
  const page = await openFixture(browser.context, 'watch-live');
  await page.locator('#chatframe').waitFor();
  const chat = page.frames().find((frame) => frame.url().includes('/live_chat'));
  await commentStates(chat, { count: 7 });
  // The page's own code, right after it inserts two messages, in the same
  // task: no animation frame can have run in between.
  const states = await chat.evaluate(async () => {
    await new Promise((resolve) => setTimeout(resolve, 100)); // a quiet moment first
    window.fixture.addChatMessages('late-messages');
    await Promise.resolve();
    const state = (name) => document.querySelector(`[data-case="${name}"]`).dataset.schild ?? 'unmarked';
    return { bot: state('spam-chat-late'), viewer: state('normal-chat-late') };
  });
  assert.deepEqual(states, { bot: 'blurred', viewer: 'clean' });
  await page.close();
});
