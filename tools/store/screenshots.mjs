// The stores' screenshots, 1280×800, in each language: Chromium with the
// built extension on the test fixture pages (tests/fixtures, served as
// www.youtube.com by the e2e harness), as a user sees them:
//
//   1-card     a watch page with sex-spam blurred and Schild's card
//   2-help     the card's help panel open, with the region's helplines
//   3-popup    the toolbar popup over that page
//   4-options  the options page
import fs from 'node:fs';
import { activeTabId, launchBrowser, openFixture, waitForVerdicts } from './browser.mjs';

const PAGE_STYLE = fs.readFileSync(new URL('./screenshot-page.css', import.meta.url), 'utf8');

export const SIZE = { width: 1280, height: 800 };

/** The browser language of each listing language: a region with helplines in the card. */
const LOCALES = { en: 'en-GB', nl: 'nl-BE', fr: 'fr-BE' };

const BOT = 'spam-name-only';

/** Scrolls to the video's title, with the first comments and cards under it. */
async function showComments(page) {
  await page.locator('#title h1').evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 24));
}

/** Scrolls so the bot's comment sits in the upper part of the window. */
async function showBot(page) {
  await page.locator(`[data-case="${BOT}"]`).evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 120));
}

/** The popup drawn over a page screenshot where the browser would open it (top right). */
async function popupOver(context, background, popup) {
  const page = await context.newPage();
  await page.setViewportSize(SIZE);
  const dataUrl = (png) => `data:image/png;base64,${png.toString('base64')}`;
  await page.setContent(`<!doctype html><html><body style="margin:0;width:${SIZE.width}px;height:${SIZE.height}px;background:url(${dataUrl(background)}) no-repeat">
    <img src="${dataUrl(popup)}" alt="" style="position:absolute;top:8px;right:16px;border-radius:8px;box-shadow:0 4px 24px rgb(0 0 0 / .35)"></body></html>`);
  await page.locator('img').evaluate((image) => image.decode());
  const png = await page.screenshot();
  await page.close();
  return png;
}

/** { name → PNG bytes } of the four screenshots in `lang` (en, nl or fr). */
export async function takeScreenshots(lang) {
  const browser = await launchBrowser({ lang: LOCALES[lang] });
  try {
    const shots = {};
    const watch = await openFixture(browser.context, 'watch-current', { viewport: SIZE });
    await watch.addStyleTag({ content: PAGE_STYLE });
    await waitForVerdicts(watch, { [BOT]: 'blurred', 'spam-look-at-profile': 'blurred' });
    await showComments(watch);
    shots['1-card'] = await watch.screenshot();

    await watch.bringToFront();
    const tabId = await activeTabId(browser.serviceWorker);
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await popup.waitForFunction(() => /\d/.test(document.getElementById('counts').textContent));
    // Until the policy is known the switch is drawn pending (disabled).
    await popup.waitForSelector('main[aria-busy="false"]');
    const popupPng = await popup.locator('body').screenshot();
    await popup.close();
    shots['3-popup'] = await popupOver(browser.context, shots['1-card'], popupPng);

    const card = watch.locator(`[data-case="${BOT}"] > [data-schild-card]`);
    // The one-line card opens to the full card, which offers help.
    await card.locator('[data-action="why"]').click();
    await card.locator('[data-action="help"]').click();
    await card.locator('[data-panel="help"]:not([hidden])').waitFor();
    await showBot(watch);
    shots['2-help'] = await watch.screenshot();
    await watch.close();

    const options = await browser.context.newPage();
    await options.setViewportSize(SIZE);
    await options.emulateMedia({ colorScheme: 'light' });
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.waitForSelector('main[aria-busy="false"] input[name="sensitivity"]:checked');
    shots['4-options'] = await options.screenshot();
    await options.close();
    return shots;
  } finally {
    await browser.close();
  }
}
