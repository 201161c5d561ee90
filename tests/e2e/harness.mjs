// Shared set-up for the browser tests: a local HTTPS server that plays
// www.youtube.com and www.instagram.com with Schild's fixture pages, and
// Debian's Chromium with the built extension loaded, told to resolve those
// hosts to that server and every other host to nowhere.
//
// Fixture URLs look like the real ones: https://www.youtube.com/watch?v=<fixture>
// (or /shorts/<fixture>, /post/<fixture>, … on www. and m.youtube.com) serves
// tests/fixtures/youtube/<fixture>.html, https://www.instagram.com/p/<fixture>/
// (or /reel/<fixture>/, /<fixture>/ for a profile, / for the feed) serves
// tests/fixtures/instagram/<fixture>.html; add ?csp=strict to serve it (and
// its frames) with a strict Content-Security-Policy (script-src 'self' +
// Trusted Types), under which Chromium keeps WebAssembly out of content
// scripts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { tabStatus } from '../../extension/shared/messages.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION_DIR = path.join(ROOT, 'dist', 'chrome');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The hosts the fixture server answers for: the sites the extension serves. */
export const FIXTURE_HOSTS = ['www.youtube.com', 'm.youtube.com', 'www.instagram.com'];

export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; object-src 'none'; require-trusted-types-for 'script'; report-uri /csp-report";

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.svg': 'image/svg+xml' };

/** A throwaway self-signed certificate for the fixture hosts. */
function makeCertificate(dir) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-subj', '/CN=www.youtube.com', '-addext', `subjectAltName=${FIXTURE_HOSTS.map((h) => `DNS:${h}`).join(',')}`,
    '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

/**
 * The fixture file for a URL. Pages are addressed as on YouTube, with the
 * fixture's name where the video, post or tab id would be: /watch?v=<name>,
 * /live_chat?v=<name>, /shorts/<name>, /post/<name>, /@channel/<name>;
 * both hosts serve tests/fixtures/youtube/<name>.html. Anything under
 * /fixtures/ is served as is.
 */
function fixtureFile(url) {
  if (url.pathname.startsWith('/fixtures/')) {
    const file = path.join(FIXTURES, decodeURIComponent(url.pathname.slice('/fixtures/'.length)));
    return file.startsWith(FIXTURES) ? file : null;
  }
  if (url.hostname === 'www.instagram.com') return instagramFixtureFile(url.pathname);
  const name = url.searchParams.get('v') ?? url.pathname.split('/').at(-1);
  return /^[\w-]+$/.test(name) ? path.join(FIXTURES, 'youtube', `${name}.html`) : null;
}

/**
 * Instagram's addresses: a post or reel (/p/<name>/, /reel/<name>/, also
 * under an account, /<user>/p/<name>/, and with a comment's /c/<id>/ after
 * it), a profile (/<name>/) and the feed (/ is tests/fixtures/instagram/feed.html).
 */
function instagramFixtureFile(pathname) {
  const post = /^\/(?:[\w.]+\/)?(?:p|reels?)\/([\w-]+)\//.exec(pathname);
  const name = post?.[1] ?? (pathname === '/' ? 'feed' : /^\/([\w-]+(?:\.[\w-]+)*)\/?$/.exec(pathname)?.[1]);
  return name ? path.join(FIXTURES, 'instagram', `${name}.html`) : null;
}

/**
 * Starts the fixture server. `requests` lists every request it received
 * (method and URL), so tests can see what reached "the site".
 */
export async function startFixtureServer(tmpDir) {
  const requests = [];
  const server = https.createServer(makeCertificate(tmpDir), (request, response) => {
    const url = new URL(request.url, `https://${request.headers.host}`);
    requests.push(`${request.method} ${url.href}`);
    if (url.pathname === '/favicon.ico' || url.pathname === '/csp-report') {
      response.writeHead(204);
      response.end();
      return;
    }
    const file = fixtureFile(url);
    if (!file || !fs.existsSync(file)) {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('no such fixture');
      return;
    }
    const headers = { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
    // Frames of a strict page (the live chat) are as strict as the page.
    const referrer = request.headers.referer ? new URL(request.headers.referer) : null;
    if (url.searchParams.get('csp') === 'strict' || referrer?.searchParams.get('csp') === 'strict') {
      headers['Content-Security-Policy'] = STRICT_CSP;
    }
    response.writeHead(200, headers);
    response.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: server.address().port, requests };
}

/**
 * Launches Chromium with the extension and the fixture server, in the
 * language `lang` (a BCP 47 tag such as nl-BE) if given, with the profile in
 * `profileDir` if given (kept after close; else a throwaway one). `hosts`
 * maps more host names to local ports ({ 'www.schild.test': 8080 }), for
 * servers a test starts itself (every other host still resolves to
 * nowhere). `extensionDir: null` loads no extension: policy installs it
 * (tests/e2e/self-hosted.test.mjs), which needs Chromium's extension system
 * and its updater's network, both of which Playwright switches off by
 * default. Returns the
 * context, the extension's id and service worker, and `close()`, which
 * resolves to every request in Chromium's own network log of the session
 * (pages, content scripts, the service worker, Chromium itself) as
 * { url, initiator, type }.
 */
export async function launchBrowser({ extensionDir = EXTENSION_DIR, lang, profileDir, hosts = {} } = {}) {
  const fromPolicy = extensionDir === null;
  if (!fromPolicy && !fs.existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`no built extension in ${extensionDir}: run tools/build.sh first`);
  }
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schild-e2e-'));
  const fixtures = await startFixtureServer(tmpDir);
  const netLog = path.join(tmpDir, 'netlog.json');
  const hostRules = [
    ...FIXTURE_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${fixtures.port}`),
    ...Object.entries(hosts).map(([host, port]) => `MAP ${host} 127.0.0.1:${port}`),
    'MAP * ~NOTFOUND',
  ].join(', ');

  // A profile of the test's own outlives the browser (for restarts).
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
 * The address of a fixture page: a bare name is a watch page
 * (https://www.youtube.com/watch?v=<name>); a path is taken on www, a full
 * URL as it is. `csp: 'strict'` has the server add its strict CSP.
 */
export function fixtureUrl(fixture, { csp = 'none' } = {}) {
  const url = new URL(
    /^https:/.test(fixture) ? fixture : fixture.startsWith('/') ? fixture : `/watch?v=${fixture}`,
    'https://www.youtube.com',
  );
  if (csp === 'strict') url.searchParams.set('csp', 'strict');
  return url.href;
}

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
 * verdict, then returns { case → { state, blurred } } where `state` is the
 * data-schild attribute and `blurred` whether the page really renders it
 * blurred.
 */
export async function commentStates(page, { count }) {
  await page.waitForFunction(
    (expected) => {
      const comments = document.querySelectorAll('[data-case]');
      return (
        comments.length === expected &&
        [...comments].every((c) => ['blurred', 'clean'].includes(c.getAttribute('data-schild')))
      );
    },
    count,
    { timeout: 10_000 },
  );
  return readStates(page, null);
}

/**
 * { case → { state, blurred } } for the named comments (all when `names`
 * is null). A hidden comment renders blurred when what it shows besides
 * Schild's card (name, avatar, text) is blurred.
 */
function readStates(target, names) {
  return target.evaluate((wanted) => {
    const elements = wanted
      ? wanted.map((name) => document.querySelector(`[data-case="${name}"]`)).filter(Boolean)
      : [...document.querySelectorAll('[data-case]')];
    const rendersBlurred = (element) =>
      [...element.children].some(
        (child) => !child.hasAttribute('data-schild-card') && getComputedStyle(child).filter.includes('blur'),
      );
    return Object.fromEntries(
      elements.map((e) => [e.dataset.case, { state: e.getAttribute('data-schild'), blurred: rendersBlurred(e) }]),
    );
  }, names);
}

/**
 * The status the background keeps for the active tab (what the popup shows),
 * once `ready(status)` holds; content scripts report it a little later than
 * they act. Returns the last status seen if it never does within 5 s.
 */
export async function activeTabStatus(serviceWorker, ready = (status) => status !== null, { full = false } = {}) {
  const tabId = await activeTabId(serviceWorker);
  const deadline = Date.now() + 5_000;
  for (;;) {
    const stored = await serviceWorker.evaluate(() => chrome.storage.session.get(null));
    const whole = tabStatus(stored, tabId);
    // The counts and the engine, unless the test asks for site and pause too.
    const status = whole && !full ? { engine: whole.engine, hidden: whole.hidden, checked: whole.checked } : whole;
    if (ready(status) || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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
