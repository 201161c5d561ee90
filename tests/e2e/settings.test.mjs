// Settings, in Chromium with the extension loaded: the options page and the
// popup change what open tabs do at once (no reload); the parent PIN guards
// changes and rate-limits wrong attempts; settings survive a browser
// restart; statistics and the badge are counts only, never page text, and
// count each hidden comment once per page visit. The options page and the
// popup pass axe-core, light and dark, wide and at 360 px, and are
// screenshot in each language to target/e2e-artifacts/ to be looked at.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  activeTabId,
  activeTabStatus,
  commentStates,
  consoleErrors,
  launchBrowser,
  openFixture,
  ROOT,
  seriousAxeViolations,
  waitForVerdicts,
} from './harness.mjs';
import { WATCH_CURRENT } from './expected-verdicts.mjs';

// The built classifier, in Node, to pick comments near its thresholds.
const wasm = await import(path.join(ROOT, 'target/wasm-bindgen/schild.js'));
wasm.initSync({ module: fs.readFileSync(path.join(ROOT, 'target/wasm-bindgen/schild_bg.wasm')) });

let browser;
let profileDir;

before(async () => {
  profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schild-settings-profile-'));
  browser = await launchBrowser({ profileDir, lang: 'en-US' });
});

after(async () => {
  await browser?.close();
  fs.rmSync(profileDir, { recursive: true, force: true });
});

const storage = (area = 'local') => browser.serviceWorker.evaluate((a) => chrome.storage[a].get(null), area);
const resetStorage = () => browser.serviceWorker.evaluate(() => chrome.storage.local.clear());

/** The options page, once it shows the settings in force (policy known: no longer busy). */
async function openOptions(target = browser) {
  const page = await target.context.newPage();
  await page.goto(`chrome-extension://${target.extensionId}/options.html`);
  await page.waitForSelector('main[aria-busy="false"] input[name="sensitivity"]:checked');
  return page;
}

/** The popup as a page, looking at a tab, once it shows all it knows. */
async function openPopup(tabId, target = browser) {
  const page = await target.context.newPage();
  await page.goto(`chrome-extension://${target.extensionId}/popup.html?tab=${tabId}`);
  await page.waitForSelector('main[aria-busy="false"]');
  return page;
}

/** The actions a comment's card offers (its shadow root), or null without a card. */
const cardActions = (page, name) =>
  page.evaluate((caseName) => {
    const root = document.querySelector(`[data-case="${caseName}"] > [data-schild-card]`)?.shadowRoot;
    return root ? [...root.querySelectorAll('[data-action]')].map((e) => e.dataset.action) : null;
  }, name);

const cardText = (page, name) =>
  page.evaluate(
    (caseName) => document.querySelector(`[data-case="${caseName}"] > [data-schild-card]`)?.shadowRoot.textContent ?? null,
    name,
  );

describe('options page', () => {
  before(resetStorage);

  test('shows the defaults and a change reaches an open tab without reload', async () => {
    const tab = await openFixture(browser.context, 'watch-current');
    await commentStates(tab, { count: 7 });
    assert.ok((await cardActions(tab, 'spam-name-only')).includes('reveal'));

    const options = await openOptions();
    assert.equal(await options.locator('input[name="revealPolicy"]:checked').getAttribute('value'), 'confirm');
    assert.equal(await options.locator('input[name="audience"]:checked').getAttribute('value'), 'child');
    assert.equal(await options.locator('#uiLanguage').inputValue(), 'auto');

    // Reveal policy "never": the open tab's cards lose "Show anyway".
    await options.locator('input[name="revealPolicy"][value="never"]').check();
    await tab.waitForFunction(() => {
      const root = document.querySelector('[data-case="spam-name-only"] > [data-schild-card]').shadowRoot;
      return !root.querySelector('[data-action="reveal"]');
    });
    assert.equal((await storage()).settings.revealPolicy, 'never');

    // Language: the card and the options page speak Dutch at once.
    await options.locator('#uiLanguage').selectOption('nl');
    await tab.waitForFunction(() =>
      document.querySelector('[data-case="spam-name-only"] > [data-schild-card]').shadowRoot.querySelector('.card').lang === 'nl',
    );
    assert.match(await cardText(tab, 'spam-name-only'), /Verborgen.*Waarom\?/);
    await options.waitForFunction(() => document.querySelector('h1').textContent === 'Instellingen van Schild');
    assert.equal(await options.evaluate(() => document.documentElement.lang), 'nl');
    await options.locator('#uiLanguage').selectOption('auto');
    await options.waitForFunction(() => document.querySelector('h1').textContent === 'Schild settings');

    // YouTube off: marks and cards go; on again: the page is read again.
    await options.locator('input[name="sites"][value="youtube"]').uncheck();
    await tab.waitForFunction(() => document.querySelectorAll('[data-schild], [data-schild-card]').length === 0);
    await tab.bringToFront();
    const paused = await activeTabStatus(browser.serviceWorker, (s) => s?.paused === true, { full: true });
    assert.equal(paused?.paused, true, 'the popup is told Schild is paused');
    await options.locator('input[name="sites"][value="youtube"]').check();
    await waitForVerdicts(tab, WATCH_CURRENT);

    assert.deepEqual(consoleErrors(tab), []);
    await options.close();
    await tab.close();
  });

  test('sensitivity changes what an open tab hides, without reload', async () => {
    await resetStorage();
    const tab = await openFixture(browser.context, 'watch-current');
    await commentStates(tab, { count: 7 });
    // Comments near the thresholds, chosen by the built classifier itself so
    // a retrained model keeps the test meaningful: strict hides the first,
    // relaxed shows the second.
    const { strictOnly, notRelaxed } = borderlineComments();
    await tab.evaluate(([first, second]) => {
      window.fixture.reuseComment('normal-member', ...first);
      window.fixture.reuseComment('normal-short-reply', ...second);
    }, [strictOnly, notRelaxed]);
    await waitForVerdicts(tab, { 'normal-member': 'clean', 'normal-short-reply': 'blurred' });

    const options = await openOptions();
    await options.locator('input[name="sensitivity"][value="strict"]').check();
    await waitForVerdicts(tab, { 'normal-member': 'blurred', 'normal-short-reply': 'blurred', 'normal-with-timestamp': 'clean' });
    await options.locator('input[name="sensitivity"][value="relaxed"]').check();
    await waitForVerdicts(tab, { 'normal-member': 'clean', 'normal-short-reply': 'clean', 'spam-name-only': 'blurred' });
    await options.close();
    await tab.close();
  });

  /**
   * Two comments from a list of near-lures, picked with the built wasm
   * (target/wasm-bindgen, as tests/build does): one hidden only at strict,
   * one hidden at balanced but not at relaxed, as [author, text].
   */
  function borderlineComments() {
    const candidates = [
      ['@hot_lena', 'check my profile'],
      ['@lena', 'so lonely tonight'],
      ['@hot_lena', 'hi'],
      ['@hot_lena', 'check my story'],
      ['@lena', 'check my profile 💕'],
      ['@lena', 'look at my profile ❤'],
      ['@hot_lena', 'look at my story'],
      ['@lena', 'text me 😘'],
      ['@lena', 'check my profile 😘'],
      ['@lena', 'so lonely, text me'],
    ];
    const flagged = (level) => {
      const page = new wasm.PageClassifier(level);
      return candidates.map(([author, text]) => page.classifyBatch([{ author, text }])[0].sexspam);
    };
    const [relaxed, balanced, strict] = ['relaxed', 'balanced', 'strict'].map(flagged);
    const strictOnly = candidates.find((_, i) => strict[i] && !balanced[i]);
    const notRelaxed = candidates.find((_, i) => balanced[i] && !relaxed[i]);
    assert.ok(strictOnly && notRelaxed, 'the candidates still span the three levels: add some near the new thresholds');
    return { strictOnly, notRelaxed };
  }

  test('"not spam" names are listed and can be taken back, with undo', async () => {
    await resetStorage();
    const tab = await openFixture(browser.context, 'watch-current');
    await commentStates(tab, { count: 7 });
    await tab.locator('[data-case="spam-name-only"] > [data-schild-card] [data-action="why"]').click();
    await tab.locator('[data-case="spam-name-only"] > [data-schild-card] [data-action="not-spam"]').click();
    await tab.waitForFunction(() => document.querySelector('[data-case="spam-name-only"]').dataset.schild === 'allowed');

    const options = await openOptions();
    const item = options.locator('#not-spam-list li');
    await item.waitFor();
    assert.equal(await item.count(), 1);
    const author = await item.locator('button').getAttribute('data-author');
    assert.ok(author, 'the name is shown');
    await item.locator('button').click();
    await tab.waitForFunction(() => document.querySelector('[data-case="spam-name-only"]').dataset.schild === 'blurred');
    assert.deepEqual((await storage()).notSpamAuthors.youtube, {});

    await options.locator('#not-spam-undo').click();
    await options.locator('#not-spam-list li').waitFor();
    assert.deepEqual(Object.keys((await storage()).notSpamAuthors.youtube), [author]);
    await options.close();
    await tab.close();
  });

  test('export and import: a settings file round-trips; a wrong file changes nothing', async () => {
    await resetStorage();
    const options = await openOptions();
    await options.locator('input[name="audience"][value="teen"]').check();
    await options.locator('#region').selectOption('be_fr');
    await options.waitForFunction(() => document.getElementById('saved').textContent !== '');

    const [download] = await Promise.all([options.waitForEvent('download'), options.locator('#export').click()]);
    const file = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    assert.equal(file.schild, 1);
    assert.equal(file.settings.audience, 'teen');
    assert.equal(file.settings.region, 'be_fr');
    assert.ok(!('pin' in file) && !JSON.stringify(file).includes('hash'), 'no PIN in the file');

    await resetStorage();
    await options.reload();
    await options.waitForSelector('input[name="audience"][value="child"]:checked');
    const upload = (name, contents) =>
      options.locator('#import').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(contents) });

    await upload('broken.json', '{"not": "schild"}');
    await options.waitForFunction(() => document.getElementById('import-status').textContent !== '');
    assert.match(await options.locator('#import-status').textContent(), /could not be loaded/);
    assert.equal((await storage()).settings, undefined, 'nothing was written');

    await upload('schild-settings.json', JSON.stringify(file));
    await options.waitForSelector('input[name="audience"][value="teen"]:checked');
    assert.equal(await options.locator('#region').inputValue(), 'be_fr');
    await options.close();
  });
});

describe('parent PIN', () => {
  before(resetStorage);

  test('a PIN is stored only as a salted hash, and guards the options page', async () => {
    const options = await openOptions();
    await options.locator('#new-pin').fill('4821');
    await options.locator('#new-pin-repeat').fill('4812');
    await options.locator('#set-pin').click();
    assert.match(await options.locator('#pin-message').textContent(), /not the same/);
    await options.locator('#new-pin-repeat').fill('4821');
    await options.locator('#set-pin').click();
    await options.waitForFunction(() => /PIN saved/.test(document.getElementById('pin-message').textContent));

    const { pin } = await storage();
    assert.deepEqual(Object.keys(pin).sort(), ['hash', 'iterations', 'salt']);
    assert.equal(pin.hash.length, 64, 'SHA-256 sized');
    assert.ok(pin.iterations >= 600_000);
    assert.ok(!JSON.stringify(await storage()).includes('4821'), 'the PIN itself is nowhere');

    // A new visit: everything locked until the PIN is entered.
    await options.reload();
    await options.waitForSelector('#unlock:not([hidden])');
    assert.equal(await options.locator('input[name="revealPolicy"][value="always"]').isDisabled(), true);
    assert.equal(await options.locator('#export').isDisabled(), true);

    await options.locator('#unlock-pin').fill('0000');
    await options.locator('#unlock button').click();
    await options.waitForFunction(() => /not right/.test(document.getElementById('unlock-error').textContent));
    await options.locator('#unlock-pin').fill('4821');
    await options.locator('#unlock button').click();
    await options.waitForSelector('#unlock', { state: 'hidden' });
    await options.locator('input[name="revealPolicy"][value="always"]').check();
    await options.waitForFunction(() => document.getElementById('saved').textContent !== '');
    assert.equal((await storage()).settings.revealPolicy, 'always');
    await options.close();
  });

  test('wrong PINs are rate-limited: after three, even the right one waits', async () => {
    const options = await openOptions();
    await options.waitForSelector('#unlock:not([hidden])');
    const attempt = async (pin) => {
      await options.locator('#unlock-pin').fill(pin);
      await options.locator('#unlock button').click();
      await options.waitForFunction(() => document.getElementById('unlock-error').textContent !== '');
      const text = await options.locator('#unlock-error').textContent();
      await options.evaluate(() => {
        document.getElementById('unlock-error').textContent = '';
      });
      return text;
    };
    assert.match(await attempt('1111'), /not right/);
    assert.match(await attempt('2222'), /not right/);
    assert.match(await attempt('3333'), /Too many wrong tries\. Try again in 30 seconds/);
    assert.match(await attempt('4821'), /Too many wrong tries/, 'the right PIN is not even checked');
    assert.equal(await options.locator('input[name="sensitivity"][value="relaxed"]').isDisabled(), true);
    const { pinAttempts } = await storage();
    assert.equal(pinAttempts.failures, 3);
    assert.ok(pinAttempts.lockedUntil > Date.now() + 20_000);
    await options.close();
  });

  test('the popup asks for the PIN to pause a site, not to switch it back on', async () => {
    // The wait from the previous test is over (as if 30 s had passed).
    await browser.serviceWorker.evaluate(() => chrome.storage.local.remove('pinAttempts'));
    const tab = await openFixture(browser.context, 'watch-current');
    await commentStates(tab, { count: 7 });
    const popup = await openPopup(await activeTabId(browser.serviceWorker));
    const toggle = popup.locator('#site-switch');
    assert.equal(await toggle.isChecked(), true);
    assert.match(await popup.locator('#site-switch-label').textContent(), /Protect YouTube/);

    await toggle.click();
    await popup.waitForSelector('#pin-form:not([hidden])');
    assert.equal(await toggle.isChecked(), true, 'still on until the PIN is given');
    await popup.locator('#pin').fill('9999');
    await popup.locator('#pin-form button').click();
    await popup.waitForFunction(() => /not right/.test(document.getElementById('pin-error').textContent));
    assert.notEqual((await storage()).settings?.sites?.youtube, false);

    await popup.locator('#pin').fill('4821');
    await popup.locator('#pin-form button').click();
    await popup.waitForSelector('#pin-form', { state: 'hidden' });
    assert.equal(await toggle.isChecked(), false);
    assert.equal((await storage()).settings.sites.youtube, false);
    await tab.waitForFunction(() => document.querySelectorAll('[data-schild]').length === 0);

    await toggle.click(); // back on: no PIN
    await popup.waitForFunction(() => document.getElementById('site-switch').checked);
    assert.equal((await storage()).settings.sites.youtube, true);
    await waitForVerdicts(tab, WATCH_CURRENT);
    await popup.close();
    await tab.close();
  });
});

describe('statistics and badge', () => {
  before(resetStorage);

  test('the badge and the popup count hidden comments; statistics hold counts only', async () => {
    const tab = await openFixture(browser.context, 'watch-current');
    await commentStates(tab, { count: 7 });
    const tabId = await activeTabId(browser.serviceWorker);
    await activeTabStatus(browser.serviceWorker, (s) => s?.hidden === 3);

    const badge = await browser.serviceWorker.evaluate(async (id) => {
      for (let i = 0; i < 50; i++) {
        const text = await chrome.action.getBadgeText({ tabId: id });
        if (text) return text;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return '';
    }, tabId);
    assert.equal(badge, '3');

    const popup = await openPopup(tabId);
    assert.match(await popup.locator('#counts').textContent(), /3 hidden of 7 comments/);
    assert.match(await popup.locator('#today').textContent(), /Today: 3 comments hidden/);
    await popup.close();

    // What Schild keeps: numbers per day and site. Nothing a comment said,
    // nor who said it, nor where.
    const kept = { ...(await storage('local')), ...(await storage('session')) };
    const { stats } = kept;
    const [day] = Object.keys(stats);
    assert.match(day, /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(stats[day], { youtube: { hidden: 3, checked: 7 } });
    const pageTexts = await tab.evaluate(() =>
      [...document.querySelectorAll('[data-case] #author-text, [data-case] #content-text')]
        .map((e) => e.textContent.trim())
        .filter((text) => text.length >= 4),
    );
    assert.ok(pageTexts.length >= 10, 'the fixture has names and texts to look for');
    const everything = JSON.stringify(kept);
    for (const text of pageTexts) assert.ok(!everything.includes(text), `storage contains page text: ${text}`);
    assert.ok(!everything.includes('watch-current'), 'no page address is kept');

    // The options page shows the same counts.
    const options = await openOptions();
    const row = await options.locator('#stats tbody tr').first().locator('td').allTextContents();
    assert.deepEqual(row, [day, 'YouTube', '3', '7']);
    await options.locator('#clear-stats').click();
    await options.waitForSelector('#stats-empty:not([hidden])');
    assert.equal((await storage()).stats, undefined);
    await options.close();
    await tab.close();
  });
});

describe('statistics count each comment once per page visit', () => {
  before(resetStorage);

  /** Today's YouTube counts in the statistics, once they are `expected` (else what they were after 5 s). */
  const youtubeToday = (expected) =>
    browser.serviceWorker.evaluate(async (wanted) => {
      let counts;
      for (let i = 0; i < 50; i++) {
        const { stats = {} } = await chrome.storage.local.get('stats');
        counts = Object.values(stats)[0]?.youtube ?? null;
        if (JSON.stringify(counts) === JSON.stringify(wanted)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return counts;
    }, expected);

  test('a pause and resume reads the page again without counting it again; another video is another visit', async () => {
    const tab = await openFixture(browser.context, 'watch-current');
    await commentStates(tab, { count: 7 });
    assert.deepEqual(await youtubeToday({ hidden: 3, checked: 7 }), { hidden: 3, checked: 7 });

    // Paused and resumed (the popup's switch does the same): the page is read again, the same visit.
    const sites = (youtube) => browser.serviceWorker.evaluate((on) => chrome.storage.local.set({ settings: { sites: { youtube: on } } }), youtube);
    await sites(false);
    await tab.waitForFunction(() => document.querySelectorAll('[data-schild]').length === 0);
    await tab.bringToFront();
    assert.equal((await activeTabStatus(browser.serviceWorker, (s) => s?.paused === true, { full: true }))?.paused, true);
    await sites(true);
    await waitForVerdicts(tab, WATCH_CURRENT);
    assert.deepEqual(await activeTabStatus(browser.serviceWorker, (s) => s?.hidden === 3), { engine: 'page', hidden: 3, checked: 7 });
    // Reports go out at most once a second: give a wrong count time to arrive.
    await tab.waitForTimeout(1500);
    assert.deepEqual(await youtubeToday({ hidden: 3, checked: 7 }), { hidden: 3, checked: 7 });

    // A changed sensitivity reads the page again too: still the same visit.
    await browser.serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { sensitivity: 'relaxed' } }));
    await tab.waitForTimeout(1500);
    await browser.serviceWorker.evaluate(() => chrome.storage.local.set({ settings: { sensitivity: 'balanced' } }));
    await waitForVerdicts(tab, WATCH_CURRENT);
    await tab.waitForTimeout(1500);
    assert.deepEqual(await youtubeToday({ hidden: 3, checked: 7 }), { hidden: 3, checked: 7 });

    // Another video, in the same tab: a new visit, counted on its own.
    await tab.evaluate(() => window.fixture.navigate('/watch?v=watch-next'));
    await tab.waitForFunction(() => document.querySelectorAll('[data-schild="blurred"]').length === 2);
    assert.deepEqual(await youtubeToday({ hidden: 5, checked: 14 }), { hidden: 5, checked: 14 });
    await tab.close();
  });
});

describe('after a browser restart', () => {
  test('settings, the not-spam list and the PIN are still there', async () => {
    await resetStorage();
    const options = await openOptions();
    await options.locator('input[name="audience"][value="teen"]').check();
    await options.locator('input[name="sites"][value="youtubeLiveChat"]').uncheck();
    await options.waitForFunction(() => document.getElementById('saved').textContent !== '');
    await browser.serviceWorker.evaluate(() =>
      chrome.storage.local.set({ notSpamAuthors: { youtube: { '@lena': Date.now() } } }),
    );
    await options.close();

    await browser.close();
    browser = await launchBrowser({ profileDir, lang: 'en-US' });
    const again = await openOptions();
    assert.equal(await again.locator('input[name="audience"]:checked').getAttribute('value'), 'teen');
    assert.equal(await again.locator('input[name="sites"][value="youtubeLiveChat"]').isChecked(), false);
    assert.equal(await again.locator('input[name="sites"][value="youtube"]').isChecked(), true);
    assert.deepEqual(await again.locator('#not-spam-list button').evaluateAll((b) => b.map((e) => e.dataset.author)), ['@lena']);
    await again.close();
  });
});

describe('accessibility, and screenshots in each language', () => {
  const ARTIFACTS = path.join(ROOT, 'target', 'e2e-artifacts');
  const LAYOUTS = [
    { colorScheme: 'light', viewport: { width: 1100, height: 900 } },
    { colorScheme: 'dark', viewport: { width: 360, height: 740 } },
  ];

  /** Opens the options page and the popup in each layout, checks them with axe-core, screenshots them. */
  async function checkPages(target, locale) {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    for (const { colorScheme, viewport } of LAYOUTS) {
      const where = `${locale}, ${colorScheme}, ${viewport.width} px`;
      const options = await openOptions(target);
      await options.setViewportSize(viewport);
      await options.emulateMedia({ colorScheme });
      assert.deepEqual(await seriousAxeViolations(options), [], `options, ${where}`);
      const overflow = await options.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the options page scrolls sideways by ${overflow}px, ${where}`);
      await options.screenshot({ path: path.join(ARTIFACTS, `options-${locale}-${colorScheme}-${viewport.width}.png`), fullPage: true });
      await options.close();

      const tab = await openFixture(target.context, 'watch-current');
      await commentStates(tab, { count: 7 });
      const popup = await openPopup(await activeTabId(target.serviceWorker), target);
      await popup.setViewportSize({ width: 340, height: 320 });
      await popup.emulateMedia({ colorScheme });
      await popup.waitForSelector('#site-control:not([hidden])');
      assert.deepEqual(await seriousAxeViolations(popup), [], `popup, ${where}`);
      await popup.screenshot({ path: path.join(ARTIFACTS, `popup-${locale}-${colorScheme}.png`) });
      await popup.close();
      await tab.close();
    }
  }

  test('axe-core finds no serious problem in the options page or the popup, light or dark, wide or narrow (en-US)', async () => {
    await resetStorage();
    await checkPages(browser, 'en-US');
  });

  for (const locale of ['nl-BE', 'fr-BE']) {
    test(`the same in ${locale}`, async () => {
      const other = await launchBrowser({ lang: locale });
      try {
        await checkPages(other, locale);
      } finally {
        await other.close();
      }
    });
  }
});
