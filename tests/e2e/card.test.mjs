// The card in place of a hidden comment, in Chromium with the extension
// loaded, once per UI language: its texts, its reasons, reveal and "not
// spam" (and that they persist), the report route, the help links of the
// region, accessibility (axe-core), narrow and dark layouts. A screenshot
// per language goes to target/e2e-artifacts/ to be looked at.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { HELP, telUrl } from '../../extension/shared/help-resources.js';
import { format } from '../../extension/shared/message-format.js';
import {
  commentStates,
  consoleErrors,
  launchBrowser,
  openFixture,
  ROOT,
  seriousAxeViolations,
  waitForVerdicts,
} from './harness.mjs';

const ARTIFACTS = path.join(ROOT, 'target', 'e2e-artifacts');

/**
 * The extension's own strings in a language, formatted as Schild formats a
 * chosen language's (which these tests hold to what chrome.i18n shows).
 */
function messages(lang) {
  const file = path.join(ROOT, 'extension', '_locales', lang, 'messages.json');
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { raw, t: (key, ...args) => format(raw[key], args.map(String)) };
}

/** What the card of a comment shows: texts, actions, panels; null without a card. */
function readCard(page, name) {
  return page.evaluate((caseName) => {
    const host = document.querySelector(`[data-case="${caseName}"] > [data-schild-card]`);
    if (!host) return null;
    const root = host.shadowRoot;
    const visible = (e) => e && !e.closest('[hidden]');
    return {
      lang: root.querySelector('section').lang,
      label: root.querySelector('section').getAttribute('aria-label'),
      title: root.querySelector('.title')?.textContent,
      tipKey: root.querySelector('[data-tip]')?.dataset.tip,
      tip: root.querySelector('[data-tip]')?.textContent,
      reasons: [...root.querySelectorAll('[data-reason]')].map((li) => ({ code: li.dataset.reason, text: li.textContent })),
      actions: [...root.querySelectorAll('[data-action]')].filter(visible).map((e) => e.dataset.action),
      panels: [...root.querySelectorAll('[data-panel]')].filter(visible).map((e) => e.dataset.panel),
      focused: root.activeElement?.dataset.action ?? null,
    };
  }, name);
}

/** Clicks a control of a comment's card (as a user would, through the shadow root). */
const clickCard = (page, name, action) =>
  page.locator(`[data-case="${name}"] > [data-schild-card] [data-action="${action}"]`).click();

const LANGUAGES = [
  { lang: 'en', locale: 'en-US', region: 'us' },
  { lang: 'nl', locale: 'nl-BE', region: 'be_nl' },
  { lang: 'fr', locale: 'fr-BE', region: 'be_fr' },
];

for (const { lang, locale, region } of LANGUAGES) {
  describe(`the card in ${locale}`, () => {
    let browser;
    const { raw, t } = messages(lang);
    before(async () => {
      browser = await launchBrowser({ lang: locale });
    });
    after(() => browser?.close());

    test('hidden comments carry a card in the language, with a tip and the reasons', async () => {
      const page = await openFixture(browser.context, 'watch-current');
      const states = await commentStates(page, { count: 7 });
      for (const [name, { state }] of Object.entries(states)) {
        const card = await readCard(page, name);
        if (state === 'clean') {
          assert.equal(card, null, `${name} is clean and has no card`);
          continue;
        }
        assert.equal(card.lang, lang);
        assert.equal(card.label, t('cardLabel'));
        assert.equal(card.title, t('cardTitle'));
        assert.match(card.tipKey, /^tipChild(0[1-9]|1[0-2])$/, 'the default audience is children');
        assert.equal(card.tip, `${t('cardTipHeading')} ${t(card.tipKey)}`);
        assert.ok(card.reasons.length > 0, `${name} says why`);
        for (const reason of card.reasons) {
          assert.ok(reason.text.startsWith(t(`reason_${reason.code.replaceAll('-', '_')}`)), reason.text);
        }
        // Reveal asks first (the default policy), and the card offers the rest.
        assert.deepEqual(card.actions, ['reveal', 'not-spam', 'report', 'help']);
      }
      // The name-only bot: its reason is in the name, said in this language.
      const nameOnly = await readCard(page, 'spam-name-only');
      assert.ok(
        nameOnly.reasons.some((r) => r.text.endsWith(`(${t('reasonInName')})`)),
        JSON.stringify(nameOnly.reasons),
      );
      assert.deepEqual(consoleErrors(page), []);
      await page.close();
    });

    test('the help panel lists the helplines of the region, with working links', async () => {
      const page = await openFixture(browser.context, 'watch-current');
      await commentStates(page, { count: 7 });
      await clickCard(page, 'spam-name-only', 'help');
      const help = await page.evaluate(() => {
        const root = document.querySelector('[data-case="spam-name-only"] > [data-schild-card]').shadowRoot;
        const list = root.querySelector('[data-panel="help"]:not([hidden]) ul.help');
        return {
          region: list.dataset.region,
          services: [...list.querySelectorAll('[data-help]')].map((li) => ({
            id: li.dataset.help,
            url: li.querySelector('a[target="_blank"]')?.href ?? null,
            phone: li.querySelector('a[data-phone]')?.getAttribute('href') ?? null,
            text: li.textContent,
          })),
        };
      });
      assert.equal(help.region, region, 'the region follows the browser language');
      assert.deepEqual(
        help.services.map(({ id, url, phone }) => ({ id, url, phone })),
        HELP[region].map((s) => ({ id: s.id, url: s.url ?? null, phone: s.phone ? telUrl(s.phone) : null })),
      );
      for (const service of help.services) assert.ok(service.text.includes(t(`help_${service.id}`)));
      assert.deepEqual((await readCard(page, 'spam-name-only')).panels, ['help']);

      // "Learn more" opens the extension's page in the same language.
      const [learn] = await Promise.all([
        browser.context.waitForEvent('page'),
        clickCard(page, 'spam-name-only', 'learn-more'),
      ]);
      await learn.waitForLoadState();
      assert.equal(await learn.title(), t('learnTitle'));
      assert.equal(await learn.evaluate(() => document.documentElement.lang), lang);
      assert.equal(await learn.locator('#region').inputValue(), region);
      assert.ok((await learn.locator('#child li').count()) >= 3);
      await learn.close();
      await page.close();
    });

    test('report opens YouTube’s own menu for the comment or the account’s channel', async () => {
      const page = await openFixture(browser.context, 'watch-current');
      await commentStates(page, { count: 7 });
      await clickCard(page, 'spam-name-only', 'report');
      const card = await readCard(page, 'spam-name-only');
      assert.deepEqual(card.panels, ['report']);
      assert.ok(card.actions.includes('open-menu') && card.actions.includes('report-account'));
      const account = await page
        .locator('[data-case="spam-name-only"] > [data-schild-card] [data-action="report-account"]')
        .getAttribute('href');
      assert.equal(account, 'https://www.youtube.com/@my-hot-video-see-now');
      await clickCard(page, 'spam-name-only', 'open-menu');
      assert.equal(
        await page.locator('[data-case="spam-name-only"]').getAttribute('data-menu-opened'),
        'yes',
        "the comment's own menu was opened, nothing was reported by Schild",
      );
      await page.close();
    });

    test('show anyway asks first, shows, and hides again', async () => {
      const page = await openFixture(browser.context, 'watch-current');
      await commentStates(page, { count: 7 });
      await clickCard(page, 'spam-name-only', 'reveal');
      let card = await readCard(page, 'spam-name-only');
      assert.deepEqual(card.panels, ['confirm']);
      assert.equal(card.focused, 'confirm-reveal', 'focus moves to the question');
      await clickCard(page, 'spam-name-only', 'confirm-reveal');
      await waitForVerdicts(page, { 'spam-name-only': 'revealed' });
      card = await readCard(page, 'spam-name-only');
      assert.deepEqual(card.actions, ['hide-again']);
      assert.equal(card.focused, 'hide-again', 'focus stays on the card');
      await clickCard(page, 'spam-name-only', 'hide-again');
      await waitForVerdicts(page, { 'spam-name-only': 'blurred' });
      await page.close();
    });

    test('not spam spares the author, persists, and can be undone', async () => {
      const page = await openFixture(browser.context, 'watch-current');
      await commentStates(page, { count: 7 });
      await clickCard(page, 'spam-name-only', 'not-spam');
      await waitForVerdicts(page, { 'spam-name-only': 'allowed' });
      assert.equal(
        (await readCard(page, 'spam-name-only')).title,
        t('cardNotSpamDone', '@my-hot-video-see-now'),
      );
      // After the save reached storage, keyboard focus is still on the card.
      await page.waitForTimeout(300);
      assert.equal((await readCard(page, 'spam-name-only')).focused, 'undo');
      const stored = async () => (await browser.serviceWorker.evaluate(() => chrome.storage.local.get('notSpamAuthors'))).notSpamAuthors;
      assert.deepEqual(Object.keys((await stored()).youtube), ['@my-hot-video-see-now'], 'only the name is kept');

      // Another page of the site: the author stays spared, without a card.
      const again = await openFixture(browser.context, 'watch-current');
      await waitForVerdicts(again, { 'spam-name-only': 'allowed' });
      assert.equal(await readCard(again, 'spam-name-only'), null);
      await again.close();

      await clickCard(page, 'spam-name-only', 'undo');
      await waitForVerdicts(page, { 'spam-name-only': 'blurred' });
      assert.deepEqual((await stored()).youtube, {});
      await page.close();
    });

    test('a reveal policy of "never" applies to open pages at once', async () => {
      const page = await openFixture(browser.context, 'watch-current');
      await commentStates(page, { count: 7 });
      await browser.serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { revealPolicy: 'never', audience: 'teen' } }));
      await page.waitForFunction(() => {
        const host = document.querySelector('[data-case="spam-name-only"] > [data-schild-card]');
        return host && !host.shadowRoot.querySelector('[data-action="reveal"]');
      });
      const card = await readCard(page, 'spam-name-only');
      assert.deepEqual(card.actions, ['not-spam', 'report', 'help']);
      assert.match(card.tipKey, /^tipTeen(0[1-9]|1[0-2])$/);
      await browser.serviceWorker.evaluate(() => chrome.storage.local.remove('settings'));
      await page.close();
    });

    test('axe-core finds no serious problem in the card, light or dark, or in the learn page', async () => {
      // YouTube's own dark theme (<html dark>), and a page without one in
      // a system that prefers light or dark.
      const themes = [
        { fixture: 'watch-current', comments: 7, bot: 'spam-name-only', theme: 'dark' },
        { fixture: 'watch-legacy', comments: 3, bot: 'spam-leet-name', colorScheme: 'light', theme: 'light' },
        { fixture: 'watch-legacy', comments: 3, bot: 'spam-leet-name', colorScheme: 'dark', theme: 'dark' },
      ];
      for (const { fixture, comments, bot, colorScheme, theme } of themes) {
        const page = await openFixture(browser.context, fixture, { colorScheme });
        await commentStates(page, { count: comments });
        await clickCard(page, bot, 'help');
        const host = page.locator(`[data-case="${bot}"] > [data-schild-card]`);
        assert.equal(await host.getAttribute('data-theme'), theme);
        assert.deepEqual(await seriousAxeViolations(page, { include: [['[data-schild-card]']] }), [], `${fixture} ${theme}`);
        await page.close();
      }
      const learn = await browser.context.newPage();
      await learn.goto(`chrome-extension://${browser.extensionId}/learn.html`);
      await learn.waitForFunction(() => document.querySelectorAll('#help-list li').length > 0);
      assert.deepEqual(await seriousAxeViolations(learn, null), []);
      await learn.close();
    });

    test('the card fits a narrow mobile layout; screenshots for review', async () => {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const mobile = await openFixture(browser.context, 'https://m.youtube.com/watch?v=mobile-current', {
        viewport: { width: 360, height: 740 },
      });
      await commentStates(mobile, { count: await mobile.locator('[data-case]').count() });
      const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      await mobile.screenshot({ path: path.join(ARTIFACTS, `card-mobile-${locale}.png`), fullPage: true });
      await mobile.close();

      // Live chat: a one-line card per message, opened on demand.
      const live = await openFixture(browser.context, 'watch-live');
      await live.locator('#chatframe').waitFor();
      const chatFrame = live.frames().find((frame) => frame.url().includes('/live_chat'));
      await commentStates(chatFrame, { count: 7 });
      const chatCard = chatFrame.locator('[data-case="spam-chat-name"] > [data-schild-card]');
      assert.equal(await chatCard.locator('.details').isHidden(), true, 'chat cards start as one line');
      await chatCard.locator('[data-action="more"]').click();
      assert.equal(await chatCard.locator('.details').isVisible(), true);
      assert.equal(await chatCard.locator('[data-action="more"]').getAttribute('aria-expanded'), 'true');
      await live.locator('#chatframe').screenshot({ path: path.join(ARTIFACTS, `card-chat-${locale}.png`) });
      await live.close();

      for (const [fixture, bot, colorScheme] of [['watch-current', 'spam-name-only'], ['watch-legacy', 'spam-leet-name', 'light']]) {
        const desktop = await openFixture(browser.context, fixture, { colorScheme });
        await desktop.waitForSelector(`[data-case="${bot}"] > [data-schild-card]`);
        await clickCard(desktop, bot, 'help');
        const theme = await desktop.locator(`[data-case="${bot}"] > [data-schild-card]`).getAttribute('data-theme');
        await desktop.locator(`[data-case="${bot}"]`).screenshot({ path: path.join(ARTIFACTS, `card-${locale}-${theme}.png`) });
        await desktop.close();
      }
    });
  });
}
