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

/**
 * Runs in a page from its first moment (an init script): watches every
 * change to the page and records when its headings and controls were all
 * there with their texts (`drawnAt`, ms since the page's navigation began),
 * when it stopped being busy, and every control that was ever enabled. A
 * MutationObserver sees each state before it can be painted, so a control
 * that was enabled for a moment is in `enabled`, however short the moment.
 */
function recordControls() {
  const record = { drawnAt: null, settledAt: null, enabled: [] };
  window.controlRecord = record;
  const name = (control) => control.id || `${control.name}=${control.value}`;
  const check = () => {
    const controls = [...document.querySelectorAll('main input, main select, main button')];
    const headings = [...document.querySelectorAll('h1, h2')];
    const drawn =
      headings.length > 1 &&
      headings.every((h) => h.textContent.trim() !== '') &&
      document.querySelectorAll('#settings input[name="sites"]').length > 0 &&
      document.querySelectorAll('#region option').length > 0;
    if (drawn && record.drawnAt === null) record.drawnAt = performance.now();
    if (record.settledAt === null && document.querySelector('main')?.getAttribute('aria-busy') === 'false') {
      record.settledAt = performance.now();
    }
    for (const control of controls) {
      if (!control.matches(':disabled') && !record.enabled.includes(name(control))) record.enabled.push(name(control));
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

/** The controls of a page that are disabled now, by the names recordControls gives them. */
const disabledControls = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('main input, main select, main button')]
      .filter((control) => control.matches(':disabled'))
      .map((control) => control.id || `${control.name}=${control.value}`),
  );

/** Waits until the background has copied the policy for content scripts. */
const policyCopied = () =>
  browser.serviceWorker.evaluate(async () => {
    for (let i = 0; i < 100; i++) {
      if ((await chrome.storage.local.get('policy')).policy?.lockSettings) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  });

// First, while the browser session is fresh: Chromium then answers the
// policy only after a second or more.
test('the options page draws at once in a fresh session, and never shows a locked control unlocked', { skip }, async () => {
  const options = await browser.context.newPage();
  await options.addInitScript(recordControls);
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.waitForSelector('main[aria-busy="false"]', { timeout: 15_000 });
  const record = await options.evaluate(() => window.controlRecord);
  assert.ok(record.drawnAt !== null && record.drawnAt <= 300, `headings and controls drawn after ${record.drawnAt} ms`);
  const locked = await disabledControls(options);
  assert.ok(locked.includes('sensitivity=strict') && locked.includes('uiLanguage') && locked.includes('import'), locked.join());
  assert.deepEqual(
    record.enabled.filter((control) => locked.includes(control)),
    [],
    `locked controls shown unlocked on the way (policy known after ${Math.round(record.settledAt)} ms)`,
  );
  // What is not the policy's stays usable: the PIN.
  assert.ok(record.enabled.includes('new-pin'));
  assert.equal(await options.locator('[data-setting="sensitivity"] .managed-note').isVisible(), true);
  await options.close();
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
  await tab.locator('[data-case="spam-name-only"] > [data-schild-card] [data-action="why"]').click();
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
  await popup.addInitScript(recordControls);
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.waitForSelector('main[aria-busy="false"]');
  await popup.waitForSelector('#site-control:not([hidden])');
  assert.equal(await popup.locator('#site-switch').isDisabled(), true);
  assert.equal(await popup.locator('#site-managed').isVisible(), true);
  const record = await popup.evaluate(() => window.controlRecord);
  assert.ok(!record.enabled.includes('site-switch'), 'the switch was shown unlocked on the way');
  await popup.close();
  await tab.close();
});
