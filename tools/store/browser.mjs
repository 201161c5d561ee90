// The one place the store tools get a browser from: Chromium with the built
// extension and the fixture pages (tools/lib), and the two page helpers the
// screenshots need. tools/ never imports the tests.
import { fixtureUrl } from '../lib/fixture-server.mjs';

export { activeTabId, launchBrowser } from '../lib/browser.mjs';

/** Opens a fixture page in a new tab (options: viewport, colorScheme, and fixtureUrl's). */
export async function openFixture(context, fixture, options = {}) {
  const page = await context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
  await page.goto(fixtureUrl(fixture, options));
  return page;
}

/** Waits until every `[data-case]` comment named in `expected` has its state (`data-schild`). */
export async function waitForVerdicts(page, expected, { timeout = 10_000 } = {}) {
  await page.waitForFunction(
    (wanted) =>
      Object.entries(wanted).every(
        ([name, verdict]) => document.querySelector(`[data-case="${name}"]`)?.getAttribute('data-schild') === verdict,
      ),
    expected,
    { timeout },
  );
}
