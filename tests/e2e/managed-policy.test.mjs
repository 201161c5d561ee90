// School deployment: settings pushed by browser policy, as an administrator
// sets them. Chromium on Linux reads policy files from
// /etc/chromium/policies/managed/; its "3rdparty" section reaches the
// extension's chrome.storage.managed, checked against the schema the build
// writes (managed_schema.json). Writing there needs root: CI runs as root;
// elsewhere the test says it was skipped, unless SCHILD_REQUIRE_POLICY=1.
//
// The policy names a copy of the extension at a path of its own (its own
// id), so a policy file left behind by a crash touches no other test.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  activeTabId,
  activeTabStatus,
  CHROMIUM_POLICY_DIR,
  commentStates,
  EXTENSION_DIR,
  launchBrowser,
  openFixture,
  policyTestsSkipped,
} from './harness.mjs';

const EXTENSION_COPY = path.join(os.tmpdir(), 'schild-e2e-managed', 'chrome');

/** Chromium's id for an unpacked extension: from the SHA-256 of its path, digits 0–f written a–p. */
const unpackedId = (dir) =>
  [...crypto.createHash('sha256').update(fs.realpathSync(dir)).digest('hex').slice(0, 32)]
    .map((digit) => String.fromCharCode(97 + parseInt(digit, 16)))
    .join('');

const POLICY = {
  sensitivity: 'strict',
  region: 'be_fr',
  sites: { youtubeShorts: false },
  lockSettings: true,
  disableReveal: true,
};

const skip = policyTestsSkipped('managed policy tests');

let browser;
let policyFile;

before(async () => {
  if (skip) return;
  fs.rmSync(EXTENSION_COPY, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(EXTENSION_COPY), { recursive: true });
  fs.cpSync(EXTENSION_DIR, EXTENSION_COPY, { recursive: true });
  const id = unpackedId(EXTENSION_COPY);
  policyFile = path.join(CHROMIUM_POLICY_DIR, `schild-e2e-${id}.json`);
  fs.writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [id]: POLICY } } }));
  browser = await launchBrowser({ extensionDir: EXTENSION_COPY, lang: 'en-US' });
  assert.equal(browser.extensionId, id);
});

after(async () => {
  await browser?.close();
  if (policyFile) fs.rmSync(policyFile, { force: true });
  fs.rmSync(path.dirname(EXTENSION_COPY), { recursive: true, force: true });
});

/** Waits until the background has copied the policy for content scripts. */
const policyCopied = () =>
  browser.serviceWorker.evaluate(async () => {
    for (let i = 0; i < 100; i++) {
      if ((await chrome.storage.local.get('policy')).policy?.lockSettings) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  });

test('policy reaches managed storage and overrides the user', { skip }, async () => {
  const managed = await browser.serviceWorker.evaluate(() => chrome.storage.managed.get(null));
  assert.deepEqual(managed, POLICY);
  assert.ok(await policyCopied(), 'the background copies the policy for content scripts');

  // The user (or a child with developer tools) chose otherwise locally: policy wins.
  await browser.serviceWorker.evaluate(() =>
    chrome.storage.local.set({
      settings: { revealPolicy: 'always', sensitivity: 'relaxed', sites: { youtubeShorts: true } },
      notSpamAuthors: { youtube: {} },
    }),
  );
  const tab = await openFixture(browser.context, 'watch-current');
  await commentStates(tab, { count: 7 });
  const actions = await tab.evaluate(() => {
    const root = document.querySelector('[data-case="spam-name-only"] > [data-schild-card]').shadowRoot;
    return [...root.querySelectorAll('[data-action]')].map((e) => e.dataset.action);
  });
  assert.ok(!actions.includes('reveal'), 'no "Show anyway"');
  assert.ok(!actions.includes('not-spam'), 'no "Not spam"');
  assert.ok(actions.includes('report') && actions.includes('help'), 'report and help stay');

  // Shorts are switched off by policy: nothing is marked there.
  const shorts = await openFixture(browser.context, '/shorts/shorts');
  await shorts.waitForTimeout(1500);
  assert.equal(await shorts.evaluate(() => document.querySelectorAll('[data-schild]').length), 0);
  const status = await activeTabStatus(browser.serviceWorker, (s) => s?.paused === true, { full: true });
  assert.equal(status?.paused, true);
  await shorts.close();
  await tab.close();
});

test('the options page shows what the organisation set, and nothing can be changed', { skip }, async () => {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.waitForSelector('input[name="sensitivity"]:checked');
  assert.equal(await options.locator('#managed-banner').isVisible(), true);
  assert.equal(await options.locator('input[name="sensitivity"]:checked').getAttribute('value'), 'strict');
  assert.equal(await options.locator('input[name="revealPolicy"]:checked').getAttribute('value'), 'never');
  assert.equal(await options.locator('#region').inputValue(), 'be_fr');
  assert.equal(await options.locator('input[name="sites"][value="youtubeShorts"]').isChecked(), false);
  const enabled = await options.locator('#settings input:not([type="file"]):enabled, #settings select:enabled').count();
  assert.equal(enabled, 0, 'lockSettings makes every setting read-only');
  assert.equal(await options.locator('#import').isDisabled(), true);
  assert.ok((await options.locator('.managed-note:visible').count()) >= 5, 'each setting says who set it');
  assert.match(await options.locator('[data-setting="sensitivity"] .managed-note').textContent(), /Set by your organisation/);

  // Even bypassing the page, the settings module refuses.
  const refused = await options.evaluate(async () => {
    const before = JSON.stringify(await chrome.storage.local.get('settings'));
    document.querySelector('input[name="audience"][value="teen"]').disabled = false;
    document.querySelector('input[name="audience"][value="teen"]').click();
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { text: document.getElementById('saved').textContent, same: before === JSON.stringify(await chrome.storage.local.get('settings')) };
  });
  assert.match(refused.text, /Not saved/);
  assert.equal(refused.same, true);
  await options.close();
});

test('the popup cannot pause a site the organisation protects', { skip }, async () => {
  const tab = await openFixture(browser.context, 'watch-current');
  await commentStates(tab, { count: 7 });
  await tab.bringToFront();
  await activeTabStatus(browser.serviceWorker);
  const tabId = await activeTabId(browser.serviceWorker);
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.waitForFunction(() => document.getElementById('status').textContent !== '');
  await popup.waitForSelector('#site-control:not([hidden])');
  assert.equal(await popup.locator('#site-switch').isDisabled(), true);
  assert.equal(await popup.locator('#site-managed').isVisible(), true);
  await popup.close();
  await tab.close();
});
