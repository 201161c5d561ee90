// The card in place of a hidden comment, in Chromium with the extension
// loaded, once per UI language: the one-line card every hidden comment
// starts with and the full card it opens to (texts, reasons, reveal, "not
// spam" and that they persist, the report route, the help links of the
// region), the children's tip on the first card in view, the room the cards
// take against the comments they hide (1280 px and 360 px, both audiences),
// mouse and keyboard, the hidden text kept from screen readers,
// accessibility (axe-core) and the themes of YouTube and Instagram.
// Screenshots of both forms per language go to target/e2e-artifacts/ to be
// looked at.
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
import { WATCH_CURRENT } from './expected-verdicts.mjs';

const ARTIFACTS = path.join(ROOT, 'target', 'e2e-artifacts');
const INSTAGRAM = 'https://www.instagram.com';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

/** The watch page's bots, in page order. */
const BOTS = Object.keys(WATCH_CURRENT).filter((name) => WATCH_CURRENT[name] === 'blurred');

/**
 * The extension's own strings in a language, formatted as Schild formats a
 * chosen language's (which these tests hold to what chrome.i18n shows).
 */
function messages(lang) {
  const file = path.join(ROOT, 'extension', '_locales', lang, 'messages.json');
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { raw, t: (key, ...args) => format(raw[key], args.map(String)) };
}

/** What the card of a comment shows: texts, form, actions, panels; null without a card. */
function readCard(target, name) {
  return target.evaluate((caseName) => {
    const host = document.querySelector(`[data-case="${caseName}"] > [data-schild-card]`);
    if (!host) return null;
    const root = host.shadowRoot;
    const card = root.querySelector('.card');
    const visible = (e) => e && !e.closest('[hidden]');
    return {
      lang: card.lang,
      role: card.getAttribute('role'),
      label: card.getAttribute('aria-label'),
      form: host.dataset.form,
      theme: host.dataset.theme,
      title: root.querySelector('.title')?.textContent,
      tipKey: visible(root.querySelector('[data-tip]')) ? root.querySelector('[data-tip]').dataset.tip : null,
      tip: root.querySelector('[data-tip]')?.textContent,
      reasons: [...root.querySelectorAll('[data-reason]')].map((li) => ({ code: li.dataset.reason, text: li.textContent })),
      actions: [...root.querySelectorAll('[data-action]')].filter(visible).map((e) => e.dataset.action),
      expanded: root.querySelector('[data-action="why"]')?.getAttribute('aria-expanded') ?? null,
      panels: [...root.querySelectorAll('[data-panel]')].filter(visible).map((e) => e.dataset.panel),
      focused: root.activeElement?.dataset.action ?? null,
    };
  }, name);
}

/** A control of a comment's card (through the shadow root), as a user reaches it. */
const cardControl = (target, name, action) => target.locator(`[data-case="${name}"] > [data-schild-card] [data-action="${action}"]`);
const clickCard = (target, name, action) => cardControl(target, name, action).click();

/** Waits until a comment's card is in a form ('line' or 'full'). */
const cardForm = (target, name, form) =>
  target.waitForFunction(
    ([caseName, wanted]) => document.querySelector(`[data-case="${caseName}"] > [data-schild-card]`)?.dataset.form === wanted,
    [name, form],
  );

/**
 * The room each hidden comment's card takes (its height with its margins)
 * against the comment it hides (the comment's own parts, without the card).
 */
const cardRoom = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-schild="blurred"]')].map((comment) => {
      const host = comment.querySelector(':scope > [data-schild-card]');
      const style = getComputedStyle(host);
      const card = host.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
      const parts = [...comment.children].filter((child) => child !== host).map((child) => child.getBoundingClientRect());
      const own = Math.max(...parts.map((r) => r.bottom)) - Math.min(...parts.map((r) => r.top));
      return { name: comment.dataset.case, card: Math.round(card), comment: Math.round(own), tip: host.shadowRoot.querySelector('.tip') !== null };
    }),
  );

/** The names Chromium's accessibility tree gives to what is on the page (what a screen reader reads). */
async function accessibleText(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes
    .filter((node) => !node.ignored)
    .map((node) => node.name?.value ?? '')
    .join('\n');
}

const setSettings = (browser, settings) =>
  browser.serviceWorker.evaluate((s) => (s ? chrome.storage.local.set({ settings: s }) : chrome.storage.local.remove('settings')), settings);

const LANGUAGES = [
  { lang: 'en', locale: 'en-US', region: 'us' },
  { lang: 'nl', locale: 'nl-BE', region: 'be_nl' },
  { lang: 'fr', locale: 'fr-BE', region: 'be_fr' },
];

for (const { lang, locale, region } of LANGUAGES) {
  describe(`the card in ${locale}`, () => {
    let browser;
    const { t } = messages(lang);
    before(async () => {
      browser = await launchBrowser({ lang: locale });
    });
    after(() => browser?.close());

    test('a hidden comment shows one line in the language; Why? opens the full card with a tip and the reasons', async () => {
      await setSettings(browser, { audience: 'teen' });
      const page = await openFixture(browser.context, 'watch-current');
      const states = await commentStates(page, { count: 7 });
      // The site's own listener (YouTube opens the comment or the video on a click).
      await page.evaluate(() => {
        window.clicksSiteSaw = 0;
        document.addEventListener('click', () => window.clicksSiteSaw++);
      });
      for (const [name, { state }] of Object.entries(states)) {
        const line = await readCard(page, name);
        if (state === 'clean') {
          assert.equal(line, null, `${name} is clean and has no card`);
          continue;
        }
        assert.equal(line.lang, lang);
        assert.equal(line.role, 'group', 'a named group, not a landmark per bot');
        assert.equal(line.label, t('cardLabel'));
        assert.equal(line.form, 'line');
        assert.equal(line.title, t('cardTitle'));
        assert.equal(line.tipKey, null, 'teens get no tip on the line');
        assert.deepEqual(line.actions, ['why', 'reveal']);
        assert.equal(line.expanded, 'false');

        await clickCard(page, name, 'why');
        await cardForm(page, name, 'full');
        const card = await readCard(page, name);
        assert.equal(card.expanded, 'true');
        assert.match(card.tipKey, /^tipTeen(0[1-9]|1[0-2])$/);
        assert.equal(card.tip, `${t('cardTipHeading')} ${t(card.tipKey)}`);
        assert.ok(card.reasons.length > 0, `${name} says why`);
        for (const reason of card.reasons) {
          assert.ok(reason.text.startsWith(t(`reason_${reason.code.replaceAll('-', '_')}`)), reason.text);
        }
        // Reveal asks first (the default policy), and the card offers the rest.
        assert.deepEqual(card.actions, ['why', 'reveal', 'not-spam', 'report', 'help']);
      }
      assert.equal(await page.evaluate(() => window.clicksSiteSaw), 0, 'clicks on a card are the card\'s, the site sees none');
      // The name-only bot: its reason is in the name, said in this language.
      const nameOnly = await readCard(page, 'spam-name-only');
      assert.ok(
        nameOnly.reasons.some((r) => r.text.endsWith(`(${t('reasonInName')})`)),
        JSON.stringify(nameOnly.reasons),
      );
      assert.deepEqual(consoleErrors(page), []);
      await page.close();
      await setSettings(browser, null);
    });

    test('the cards take less room than the comments they hide: 1280 px and 360 px, children and teens', async () => {
      for (const audience of ['child', 'teen']) {
        await setSettings(browser, { audience });
        for (const viewport of [DESKTOP, PHONE]) {
          const page = await openFixture(browser.context, 'watch-current', { viewport });
          await commentStates(page, { count: 7 });
          // For children, the first hidden comment in view carries the tip (the first bot, a reply).
          if (audience === 'child') await page.waitForFunction(() => document.querySelector('[data-schild-card]')?.shadowRoot.querySelector('.tip'));
          else await page.waitForTimeout(300);
          const room = await cardRoom(page);
          const where = `${audience} at ${viewport.width} px: ${JSON.stringify(room)}`;
          assert.deepEqual(room.map((r) => r.name), BOTS, where);
          assert.deepEqual(room.map((r) => r.tip), BOTS.map((_, i) => audience === 'child' && i === 0), `the tip, once, for children only; ${where}`);
          const total = (key) => room.reduce((sum, r) => sum + r[key], 0);
          assert.ok(total('card') <= total('comment'), `the cards together are taller than the comments they hide; ${where}`);
          for (const r of room) assert.ok(r.card <= r.comment, `${r.name}'s card is taller than the comment; ${where}`);
          for (const r of room.filter((each) => !each.tip)) {
            assert.ok(r.card <= (viewport === PHONE ? 72 : 48), `${r.name}'s card is more than a line (two at 360 px); ${where}`);
          }
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px; ${where}`);
          await page.close();
        }
      }
      await setSettings(browser, null);
    });

    test('the help panel lists the helplines of the region, with working links', async () => {
      const page = await openFixture(browser.context, 'watch-current');
      await commentStates(page, { count: 7 });
      await clickCard(page, 'spam-name-only', 'why');
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
      await clickCard(page, 'spam-name-only', 'why');
      await clickCard(page, 'spam-name-only', 'report');
      const card = await readCard(page, 'spam-name-only');
      assert.deepEqual(card.panels, ['report']);
      assert.ok(card.actions.includes('open-menu') && card.actions.includes('report-account'));
      const account = await cardControl(page, 'spam-name-only', 'report-account').getAttribute('href');
      assert.equal(account, 'https://www.youtube.com/@my-hot-video-see-now');
      await clickCard(page, 'spam-name-only', 'open-menu');
      assert.equal(
        await page.locator('[data-case="spam-name-only"]').getAttribute('data-menu-opened'),
        'yes',
        "the comment's own menu was opened, nothing was reported by Schild",
      );
      await page.close();
    });

    test('Show on the line asks first in the full card, shows, and hides again to one line', async () => {
      const page = await openFixture(browser.context, 'watch-current');
      await commentStates(page, { count: 7 });
      await clickCard(page, 'spam-name-only', 'reveal');
      let card = await readCard(page, 'spam-name-only');
      assert.equal(card.form, 'full', 'the question is asked in the full card');
      assert.deepEqual(card.panels, ['confirm']);
      assert.equal(card.focused, 'confirm-reveal', 'focus moves to the question');
      await clickCard(page, 'spam-name-only', 'confirm-reveal');
      await waitForVerdicts(page, { 'spam-name-only': 'revealed' });
      card = await readCard(page, 'spam-name-only');
      assert.deepEqual(card.actions, ['hide-again']);
      assert.equal(card.focused, 'hide-again', 'focus stays on the card');
      await clickCard(page, 'spam-name-only', 'hide-again');
      await waitForVerdicts(page, { 'spam-name-only': 'blurred' });
      card = await readCard(page, 'spam-name-only');
      assert.equal(card.form, 'line');
      assert.equal(card.focused, 'reveal', 'focus is on Show again');
      await page.close();
    });

    test('not spam spares the author, persists, and can be undone', async () => {
      const page = await openFixture(browser.context, 'watch-current');
      await commentStates(page, { count: 7 });
      await clickCard(page, 'spam-name-only', 'why');
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
      await setSettings(browser, { revealPolicy: 'never', audience: 'teen' });
      await page.waitForFunction(() => {
        const host = document.querySelector('[data-case="spam-name-only"] > [data-schild-card]');
        return host && !host.shadowRoot.querySelector('[data-action="reveal"]');
      });
      assert.deepEqual((await readCard(page, 'spam-name-only')).actions, ['why']);
      await clickCard(page, 'spam-name-only', 'why');
      const card = await readCard(page, 'spam-name-only');
      assert.deepEqual(card.actions, ['why', 'not-spam', 'report', 'help']);
      assert.match(card.tipKey, /^tipTeen(0[1-9]|1[0-2])$/);
      await setSettings(browser, null);
      await page.close();
    });

    test('axe-core finds no serious problem in either form, light or dark, desktop or 360 px, or in the learn page', async () => {
      // YouTube's own dark theme (<html dark>), and a page without one in
      // a system that prefers light or dark.
      const themes = [
        { fixture: 'watch-current', comments: 7, bot: 'spam-name-only', theme: 'dark' },
        { fixture: 'watch-legacy', comments: 3, bot: 'spam-leet-name', colorScheme: 'light', theme: 'light' },
        { fixture: 'watch-legacy', comments: 3, bot: 'spam-leet-name', colorScheme: 'dark', theme: 'dark' },
      ];
      for (const viewport of [DESKTOP, PHONE]) {
        for (const { fixture, comments, bot, colorScheme, theme } of themes) {
          const page = await openFixture(browser.context, fixture, { colorScheme, viewport });
          await commentStates(page, { count: comments });
          const where = `${fixture} ${theme} ${viewport.width} px`;
          assert.equal((await readCard(page, bot)).theme, theme, where);
          const cards = { include: [['[data-schild-card]']] };
          assert.deepEqual(await seriousAxeViolations(page, cards), [], `one line, ${where}`);
          await clickCard(page, bot, 'why');
          await clickCard(page, bot, 'help');
          assert.deepEqual(await seriousAxeViolations(page, cards), [], `full, ${where}`);
          await page.close();
        }
      }
      const learn = await browser.context.newPage();
      await learn.goto(`chrome-extension://${browser.extensionId}/learn.html`);
      await learn.waitForFunction(() => document.querySelectorAll('#help-list li').length > 0);
      assert.deepEqual(await seriousAxeViolations(learn, null), []);
      await learn.close();
    });

    test('screenshots for review: one line and full, desktop light and dark, 360 px, live chat', async () => {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const shot = (name) => path.join(ARTIFACTS, `card-${name}-${locale}.png`);
      const mobile = await openFixture(browser.context, 'https://m.youtube.com/watch?v=mobile-current', { viewport: PHONE });
      await commentStates(mobile, { count: await mobile.locator('[data-case]').count() });
      const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      await mobile.screenshot({ path: shot('mobile-lines'), fullPage: true });
      const mobileBot = await mobile.evaluate(() => document.querySelector('[data-schild="blurred"]').dataset.case);
      await clickCard(mobile, mobileBot, 'why');
      await mobile.locator(`[data-case="${mobileBot}"]`).screenshot({ path: shot('mobile-full') });
      await mobile.close();

      for (const [fixture, bot, colorScheme] of [['watch-current', 'spam-name-only'], ['watch-legacy', 'spam-leet-name', 'light']]) {
        const desktop = await openFixture(browser.context, fixture, { colorScheme, viewport: DESKTOP });
        await desktop.waitForSelector(`[data-case="${bot}"] > [data-schild-card]`);
        const { theme } = await readCard(desktop, bot);
        await desktop.locator(`[data-case="${bot}"]`).screenshot({ path: shot(`line-${theme}`) });
        await clickCard(desktop, bot, 'why');
        await clickCard(desktop, bot, 'help');
        await desktop.locator(`[data-case="${bot}"]`).screenshot({ path: shot(`full-${theme}`) });
        await desktop.close();
      }

      const live = await openFixture(browser.context, 'watch-live');
      await live.locator('#chatframe').waitFor();
      const chatFrame = live.frames().find((frame) => frame.url().includes('/live_chat'));
      await commentStates(chatFrame, { count: 7 });
      await live.locator('#chatframe').screenshot({ path: shot('chat') });
      await live.close();
    });
  });
}

describe('the card, by keyboard and for screen readers (en-US)', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser({ lang: 'en-US' });
  });
  after(() => browser?.close());

  test('Why? opens and closes the card by keyboard (Enter, Space, Escape), focus staying on it', async () => {
    const page = await openFixture(browser.context, 'watch-current');
    await commentStates(page, { count: 7 });
    const bot = 'spam-look-at-profile';
    await cardControl(page, bot, 'why').focus();
    await page.keyboard.press('Enter');
    await cardForm(page, bot, 'full');
    assert.equal((await readCard(page, bot)).focused, 'why');
    // Tab reaches the full card's actions in order.
    await page.keyboard.press('Tab');
    assert.equal((await readCard(page, bot)).focused, 'reveal');
    await page.keyboard.press('Tab');
    assert.equal((await readCard(page, bot)).focused, 'not-spam');
    await page.keyboard.press('Escape');
    await cardForm(page, bot, 'line');
    assert.equal((await readCard(page, bot)).focused, 'why', 'Escape folds the card and returns to Why?');
    await page.keyboard.press('Space');
    await cardForm(page, bot, 'full');
    await page.keyboard.press('Space');
    await cardForm(page, bot, 'line');
    // The blurred comment's own links are out of the tab order.
    await cardControl(page, bot, 'reveal').focus();
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.activeElement?.closest('[data-case]')?.dataset.case ?? null);
    assert.notEqual(next, bot, 'Tab went into the hidden comment');
    await page.close();
  });

  test('screen readers do not read a hidden comment, and read it again once shown; the site’s own inert stays', async () => {
    const page = await openFixture(browser.context, 'watch-current');
    await commentStates(page, { count: 7 });
    const text = 'Bored and lonely tonight';
    const author = '@Kira_Ch4t_mee';
    const ariaHidden = () =>
      page.evaluate(() => [...document.querySelectorAll('[data-case] [aria-hidden]')].map((e) => `${e.localName}=${e.getAttribute('aria-hidden')}`));
    const siteAriaHidden = await ariaHidden();

    let read = await accessibleText(page);
    assert.ok(!read.includes(text) && !read.includes(author), 'the hidden comment is read out');
    assert.ok(read.includes('agreed, my kids loved them'), 'the other comments are read');

    await setSettings(browser, { revealPolicy: 'always' });
    await page.waitForFunction(() => document.querySelector('[data-case="spam-look-at-profile"] > [data-schild-card]').shadowRoot.querySelector('[data-action="reveal"]'));
    await clickCard(page, 'spam-look-at-profile', 'reveal');
    await waitForVerdicts(page, { 'spam-look-at-profile': 'revealed' });
    read = await accessibleText(page);
    assert.ok(read.includes(text), 'shown again, the comment is read again');
    assert.equal(await page.locator('[data-case="spam-look-at-profile"] [inert]').count(), 0, 'nothing left inert');

    // A part the site made inert itself stays inert after hiding and showing.
    await page.evaluate(() => {
      document.querySelector('[data-case="normal-member"] > #body').inert = true;
      window.fixture.reuseComment('normal-member', '@hot_lena', 'bored? check my profile 😘 private pics');
    });
    await waitForVerdicts(page, { 'normal-member': 'blurred' });
    await clickCard(page, 'normal-member', 'reveal');
    await waitForVerdicts(page, { 'normal-member': 'revealed' });
    assert.equal(await page.evaluate(() => document.querySelector('[data-case="normal-member"] > #body').inert), true);
    assert.deepEqual(await ariaHidden(), siteAriaHidden, 'the site’s aria-hidden marks are untouched');
    await setSettings(browser, null);
    await page.close();
  });

  test('a paused page gives back everything Schild took from screen readers', async () => {
    const page = await openFixture(browser.context, 'watch-current');
    await commentStates(page, { count: 7 });
    assert.ok((await page.locator('[data-case] > [inert]').count()) >= BOTS.length);
    await setSettings(browser, { sites: { youtube: false } });
    await page.waitForFunction(() => document.querySelectorAll('[data-schild]').length === 0);
    assert.equal(await page.locator('[data-case] [inert]').count(), 0);
    await setSettings(browser, null);
    await page.close();
  });

  test('the card follows Instagram’s dark theme, and the system’s where Instagram marks none', async () => {
    for (const [query, colorScheme, theme] of [['?theme=dark', 'light', 'dark'], ['', 'light', 'light'], ['', 'dark', 'dark']]) {
      const page = await openFixture(browser.context, `${INSTAGRAM}/p/post-en/${query}`, { colorScheme });
      await commentStates(page, { count: 8 });
      assert.equal((await readCard(page, 'spam-lookalike-text')).theme, theme, `${query || 'no mark'}, system ${colorScheme}`);
      if (query) {
        assert.deepEqual(await seriousAxeViolations(page, { include: [['[data-schild-card]']] }), []);
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        await page.locator('[data-case="spam-lookalike-text"]').screenshot({ path: path.join(ARTIFACTS, 'card-instagram-dark-en-US.png') });
      }
      await page.close();
    }
  });
});
