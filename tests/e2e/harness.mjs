// Shared set-up for the browser tests, on top of tools/lib: Chromium with
// the built extension loaded (browser.mjs), told to resolve the sites' hosts
// to a local HTTPS server that plays them with Schild's fixture pages
// (fixture-server.mjs, which says how fixture URLs look), and every other
// host to nowhere. Here: opening fixture pages, reading what Schild made of
// their comments, and asserting it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { activeTabStatus, isBrowserOwnRequest } from '../../tools/lib/browser.mjs';
import { FIXTURE_HOSTS, fixtureUrl } from '../../tools/lib/fixture-server.mjs';

export {
  activeTabId,
  activeTabStatus,
  EXTENSION_DIR,
  isBrowserOwnRequest,
  launchBrowser,
} from '../../tools/lib/browser.mjs';
export { FIXTURE_HOSTS, fixtureUrl, startFixtureServer } from '../../tools/lib/fixture-server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The popup's text for a tab: popup.html?tab=<id>, opened as a page. */
export async function popupText(browser, tabId) {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.waitForFunction(() => document.getElementById('status').textContent !== '');
  const text = await popup.locator('main').innerText();
  await popup.close();
  return text;
}

const consoleErrorsByPage = new WeakMap();

/**
 * Opens a fixture page (see fixtureUrl), recording console errors and
 * uncaught exceptions of the page and its frames (see consoleErrors).
 * Options: `csp` (see fixtureUrl), `viewport` ({ width, height }),
 * `colorScheme` ('dark' or 'light', as the system would prefer).
 */
export async function openFixture(context, fixture, options = {}) {
  const page = await context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
  const errors = [];
  consoleErrorsByPage.set(page, errors);
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(fixtureUrl(fixture, options));
  return page;
}

/** The console errors and uncaught exceptions of a page opened with openFixture. */
export const consoleErrors = (page) => consoleErrorsByPage.get(page) ?? [];

/**
 * Waits until Schild has given every comment on the page (or frame) a
 * verdict, then returns { case → { state, blurred, card } } (commentLooks).
 */
export async function commentStates(page, { count }) {
  await page.waitForFunction(everyCommentJudged, count, { timeout: 10_000 });
  return readStates(page, null);
}

/**
 * Whether the page shows `count` fixture comments and Schild gave each a
 * verdict. Runs in the page: hand it to the driver's waitForFunction.
 */
export function everyCommentJudged(count) {
  const comments = document.querySelectorAll('[data-case]');
  return (
    comments.length === count &&
    [...comments].every((c) => ['blurred', 'clean'].includes(c.getAttribute('data-schild')))
  );
}

/**
 * { case → { state, blurred, card } } for the named comments (all when `names`
 * is null), as commentLooks reads them.
 */
function readStates(target, names) {
  return target.evaluate(commentLooks, names);
}

/**
 * In the page: { case → { state, blurred, card } } for the named comments
 * (all when `wanted` is null): the data-schild attribute; whether the page
 * renders the comment blurred (what it shows besides Schild's card: name,
 * avatar, text); whether it holds a card with something in it. Runs in the
 * page under both drivers (Playwright here, puppeteer for Firefox), which
 * send it as source: it uses nothing from outside.
 *
 * @param {string[] | null} wanted
 */
export function commentLooks(wanted) {
  const elements = wanted
    ? wanted.map((name) => document.querySelector(`[data-case="${name}"]`)).filter(Boolean)
    : [...document.querySelectorAll('[data-case]')];
  // content.css blurs text into a shadow of itself: transparent text, blurred shadow.
  const rendersAsBlur = (style) =>
    style.getPropertyValue('-webkit-text-fill-color') === 'rgba(0, 0, 0, 0)' && / [1-9]\d*px$/.test(style.textShadow);
  const looks = (element) => ({
    state: element.getAttribute('data-schild'),
    blurred: [...element.children].some((child) => !child.hasAttribute('data-schild-card') && rendersAsBlur(getComputedStyle(child))),
    card: Boolean(element.querySelector(':scope > [data-schild-card]')?.shadowRoot?.textContent.trim()),
  });
  return Object.fromEntries(elements.map((element) => [element.dataset.case, looks(element)]));
}

/**
 * Forgets which sites' CSP keeps WebAssembly out of the content script (the
 * probe's answers, in storage.local, which this clears), so the next page
 * probes again and takes the path its own CSP allows.
 */
export const forgetCspProbes = (browser) => browser.serviceWorker.evaluate(() => chrome.storage.local.clear());

/**
 * Asserts the status the popup shows for the active tab, waiting up to 5 s
 * for it (then the assertion shows what it was). Reports are throttled, so a
 * page's counts can show for a moment after navigating away from it.
 */
export async function assertTabStatus(browser, expected) {
  assert.deepEqual(await activeTabStatus(browser.serviceWorker, (s) => isDeepStrictEqual(s, expected)), expected);
}

/**
 * Closes the browser and asserts that Chromium's network log of the session
 * holds nothing but the fixture pages (and Chromium's own requests): no
 * request of Schild's left the machine. Returns the fixture pages' requests,
 * so the caller can check the log saw them at all.
 */
export async function closeAndAssertOnlyFixtureRequests(browser) {
  const requests = await browser.close();
  const fixturePages = requests.filter((r) => FIXTURE_HOSTS.includes(new URL(r.url).host));
  const outside = requests.filter((r) => !fixturePages.includes(r) && !isBrowserOwnRequest(r));
  assert.deepEqual(outside, [], 'requests outside the fixture hosts');
  return fixturePages;
}

/** Asserts that each comment has the expected verdict and really looks it. */
export function assertVerdicts(states, expected) {
  for (const [name, verdict] of Object.entries(expected)) {
    if (!states[name]) throw new Error(`comment ${name} is missing from the page`);
    if (states[name].state !== verdict) {
      throw new Error(`comment ${name}: expected ${verdict}, got ${states[name].state}`);
    }
    if (states[name].blurred !== (verdict === 'blurred')) {
      throw new Error(`comment ${name} is marked ${verdict} but ${states[name].blurred ? 'renders blurred' : 'does not render blurred'}`);
    }
  }
}

/**
 * Waits until the comments named in `expected` carry those verdicts (on a
 * page or frame where some may still show an older verdict, as after a
 * navigation that reuses elements), then asserts them as assertVerdicts
 * does. On time-out, the error lists what each comment shows.
 */
export async function waitForVerdicts(target, expected, { timeout = 10_000 } = {}) {
  const read = () => readStates(target, Object.keys(expected));
  try {
    await target.waitForFunction(
      (wanted) =>
        Object.entries(wanted).every(
          ([name, verdict]) => document.querySelector(`[data-case="${name}"]`)?.getAttribute('data-schild') === verdict,
        ),
      expected,
      { timeout },
    );
  } catch (error) {
    throw new Error(`verdicts never matched: ${JSON.stringify(await read())}`, { cause: error });
  }
  assertVerdicts(await read(), expected);
}

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations in a page or frame, within
 * `context` (an axe context such as { include: [['[data-schild-card]']] };
 * the whole document when null), as "rule: targets" lines. The script is
 * evaluated by the test driver, which page CSPs do not restrict.
 */
export async function seriousAxeViolations(target, context = null) {
  await target.evaluate(AXE);
  return target.evaluate(async (within) => {
    const result = await globalThis.axe.run(within ?? document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, context);
}

/** Where Chromium on Linux reads mandatory policy files. */
export const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed';

/**
 * Whether tests may write Chromium policy files here: false if they may,
 * else why they are skipped (writing needs root; CI runs as root). Throws
 * when they cannot and SCHILD_REQUIRE_POLICY=1 says they must run.
 */
export function policyTestsSkipped(what) {
  try {
    fs.mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true });
    fs.accessSync(CHROMIUM_POLICY_DIR, fs.constants.W_OK);
    return false;
  } catch {
    if (process.env.SCHILD_REQUIRE_POLICY === '1') {
      throw new Error(`cannot write ${CHROMIUM_POLICY_DIR}: the ${what} must run here (SCHILD_REQUIRE_POLICY=1)`);
    }
    const skip = `SKIPPED: cannot write ${CHROMIUM_POLICY_DIR} (needs root; CI runs it)`;
    console.log(`${what} ${skip}`);
    return skip;
  }
}
