// "Never break the page": when the classifier cannot load, Schild changes
// nothing on the page, throws nothing into it, and the popup says so.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  activeTabId,
  activeTabStatus,
  consoleErrors,
  EXTENSION_DIR,
  launchBrowser,
  openFixture,
  popupText,
} from './harness.mjs';

let browser;
let brokenExtension;

before(async () => {
  // The built extension with its classifier damaged (not valid WebAssembly).
  brokenExtension = fs.mkdtempSync(path.join(os.tmpdir(), 'schild-broken-'));
  fs.cpSync(EXTENSION_DIR, brokenExtension, { recursive: true });
  fs.writeFileSync(path.join(brokenExtension, 'wasm', 'schild_bg.wasm'), 'not wasm');
  browser = await launchBrowser({ extensionDir: brokenExtension });
});

after(async () => {
  await browser?.close();
  fs.rmSync(brokenExtension, { recursive: true, force: true });
});

for (const csp of ['none', 'strict']) {
  test(`CSP ${csp}: a classifier that cannot load leaves the page as it is`, async () => {
    const page = await openFixture(browser.context, 'watch-current', { csp });
    const status = await activeTabStatus(browser.serviceWorker);
    assert.equal(status?.engine, 'unavailable');
    const marked = await page.evaluate(() => document.querySelectorAll('[data-schild]').length);
    assert.equal(marked, 0, 'no comment is marked');
    assert.deepEqual(consoleErrors(page), [], 'nothing is thrown into the page');

    const popup = await popupText(browser, await activeTabId(browser.serviceWorker));
    assert.match(popup, /Schild is inactive on this page/);
    await page.close();
  });
}
