// Debian's Chromium with the built extension loaded, for the browser tests
// (tests/e2e/harness.mjs) and the benchmarks (tools/bench/): it resolves the
// sites' hosts to the fixture server (fixture-server.mjs) and every other
// host to nowhere, and keeps Chromium's own network log, so a test can show
// that nothing left the machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { tabStatus } from '../../extension/shared/messages.js';
import { FIXTURE_HOSTS, startFixtureServer } from './fixture-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION_DIR = path.join(ROOT, 'dist', 'chrome');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/**
 * Launches Chromium with the extension and the fixture server, in the
 * language `lang` (a BCP 47 tag such as nl-BE) if given, with the profile in
 * `profileDir` if given (kept after close; else a throwaway one). `hosts`
 * maps more host names to local ports ({ 'www.schild.test': 8080 }), for
 * servers a caller starts itself (every other host still resolves to
 * nowhere). `extensionDir: null` loads no extension: policy installs it
 * (tests/e2e/self-hosted.test.mjs), which needs Chromium's extension system
 * and its updater's network, both of which Playwright switches off by
 * default. Returns the context, the extension's id and service worker, the
 * fixture server, and `close()`, which resolves to every request in
 * Chromium's own network log of the session (pages, content scripts, the
 * service worker, Chromium itself) as { url, initiator, type }.
 */
export async function launchBrowser({ extensionDir = EXTENSION_DIR, lang, profileDir, hosts = {} } = {}) {
  const fromPolicy = extensionDir === null;
  if (!fromPolicy && !fs.existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`no built extension in ${extensionDir}: run tools/build.sh first`);
  }
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schild-e2e-'));
  const fixtures = await startFixtureServer();
  const netLog = path.join(tmpDir, 'netlog.json');
  const hostRules = [
    ...FIXTURE_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${fixtures.port}`),
    ...Object.entries(hosts).map(([host, port]) => `MAP ${host} 127.0.0.1:${port}`),
    'MAP * ~NOTFOUND',
  ].join(', ');

  // A profile of the caller's own outlives the browser (for restarts).
  const context = await chromium.launchPersistentContext(profileDir ?? path.join(tmpDir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    ignoreHTTPSErrors: true,
    // `--lang` picks the extension's _locales; `locale` is what pages (and
    // content scripts) see in navigator.languages.
    ...(lang ? { locale: lang } : {}),
    ...(fromPolicy ? { ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking'] } : {}),
    args: [
      ...(lang ? [`--lang=${lang.split('-')[0]}`] : []),
      ...(fromPolicy ? [] : [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--disable-background-networking']),
      `--host-resolver-rules=${hostRules}`,
      '--ignore-certificate-errors',
      `--log-net-log=${netLog}`,
      '--net-log-capture-mode=Default',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
      // Development aid: extra switches for experiments (e.g. --js-flags=…).
      ...(process.env.SCHILD_CHROMIUM_ARGS?.split(' ').filter(Boolean) ?? []),
    ],
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;

  return {
    context,
    extensionId,
    serviceWorker,
    fixtures,
    async close() {
      await context.close();
      fixtures.server.close();
      const requests = netLogRequests(netLog);
      fs.rmSync(tmpDir, { recursive: true, force: true });
      return requests;
    },
  };
}

/** Every URL request in Chromium's network log: { url, initiator, type }. */
function netLogRequests(file) {
  const log = JSON.parse(fs.readFileSync(file, 'utf8'));
  const startJob = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  return log.events
    .filter((event) => event.type === startJob && event.params?.url)
    .map(({ params }) => ({ url: params.url, initiator: params.initiator, type: params.request_type }));
}

/**
 * Whether Chromium made a request for itself (sign-in, component updates):
 * no web or extension origin started it and it is not a page navigation.
 * Anything a page, a content script or the extension starts has an origin.
 */
export const isBrowserOwnRequest = (request) =>
  request.initiator === 'not an origin' && request.type !== 'main frame';

/** The id of the active tab, as the extension knows it. */
export const activeTabId = (serviceWorker) =>
  serviceWorker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0].id);

/**
 * The status the background keeps for the active tab (what the popup shows),
 * once `ready(status)` holds; content scripts report it a little later than
 * they act. Returns the last status seen if it never does within 5 s (or
 * `timeoutMs`).
 */
export async function activeTabStatus(serviceWorker, ready = (status) => status !== null, { full = false, timeoutMs = 5_000 } = {}) {
  const tabId = await activeTabId(serviceWorker);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stored = await serviceWorker.evaluate(() => chrome.storage.session.get(null));
    const whole = tabStatus(stored, tabId);
    // The counts and the engine, unless the caller asks for site and pause too.
    const status = whole && !full ? { engine: whole.engine, hidden: whole.hidden, checked: whole.checked } : whole;
    if (ready(status) || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
