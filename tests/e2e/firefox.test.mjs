// The same extension in Firefox: Debian's firefox-esr, driven by puppeteer-core
// over WebDriver BiDi (Playwright's Firefox cannot drive a stock Firefox), with
// dist/firefox installed as a temporary add-on, blurs the bots on a YouTube
// watch page and leaves the rest alone, with and without a strict page CSP.
// Firefox exempts content scripts from the page's CSP, so the classifier runs
// in the page on both.
//
// How Firefox reaches the fixture server: Firefox has no --host-resolver-rules,
// and the fixture server listens on a random port while Firefox connects to the
// URL's port (443). So Firefox is told to use an HTTP proxy for everything
// (prefs network.proxy.*), and this file runs a tiny one: for HTTPS, Firefox
// sends `CONNECT www.youtube.com:443`, and the proxy pipes that connection to
// the fixture server (which has a certificate for the fixture hosts; the
// session's acceptInsecureCerts accepts it being self-signed). Every other
// host is refused, and the proxy logs every host Firefox asked for: that is
// the network check. No root, no fixed port, no DNS prefs.
//
// Without /usr/bin/firefox-esr (tools/setup.sh test installs it) the tests say
// they were skipped; CI sets SCHILD_REQUIRE_FIREFOX=1 so there they must run.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WATCH_CURRENT, WATCH_CURRENT_LATE, WATCH_LEGACY } from './expected-verdicts.mjs';
import { assertVerdicts, commentLooks, everyCommentJudged, FIXTURE_HOSTS, fixtureUrl, ROOT, startFixtureServer } from './harness.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const EXTENSION_DIR = path.join(ROOT, 'dist', 'firefox');
const REQUIRED = process.env.SCHILD_REQUIRE_FIREFOX === '1';

/** Hosts Firefox itself calls (remote settings, updates); the proxy refuses them too. */
const isFirefoxOwnHost = (host) => /(^|\.)(mozilla\.(com|net|org)|firefox\.com|mozaws\.net)$/.test(host);

const skip = fs.existsSync(FIREFOX)
  ? false
  : `${FIREFOX} is not installed (tools/setup.sh test installs firefox-esr)`;
if (skip && REQUIRED) {
  throw new Error(`SCHILD_REQUIRE_FIREFOX=1 but ${skip}`);
}
if (skip) test('Firefox end to end', { skip }, () => {});

/**
 * The proxy described above. `hosts` lists every host Firefox asked it for,
 * as host:port (CONNECT) or as the URL (plain HTTP, always refused).
 */
async function startProxy(fixturePort) {
  const hosts = [];
  const server = http.createServer((request, response) => {
    hosts.push(request.url);
    response.writeHead(403);
    response.end();
  });
  server.on('connect', (request, socket, head) => {
    hosts.push(request.url);
    socket.on('error', () => {});
    const [host, port] = request.url.split(':');
    if (!FIXTURE_HOSTS.includes(host) || port !== '443') {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(fixturePort, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: server.address().port, hosts };
}

/**
 * Firefox with the proxy above. `temporaryAddon: false` installs nothing
 * (policy does); `profileDir` keeps the profile for a look after close;
 * `directHosts` are reached without the proxy (a local server's 127.0.0.1).
 */
async function launchFirefox({ temporaryAddon = true, profileDir, directHosts = [] } = {}) {
  if (!fs.existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`no built extension in ${EXTENSION_DIR}: run tools/build.sh first`);
  }
  const { default: puppeteer } = await import('puppeteer-core');
  const fixtures = await startFixtureServer();
  const proxy = await startProxy(fixtures.port);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    ...(profileDir ? { userDataDir: profileDir } : {}),
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxy.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.no_proxies_on': directHosts.join(','),
      'network.proxy.allow_hijacking_localhost': true,
    },
  });
  const extensionId = temporaryAddon ? await browser.installExtension(EXTENSION_DIR) : null;
  const close = async () => {
    await browser.close();
    proxy.server.close();
    fixtures.server.close();
  };
  return { browser, extensionId, fixtures, proxy, close };
}

/** Opens a fixture page, recording its console errors and uncaught exceptions. */
async function openFixture(browser, fixture, options) {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(fixtureUrl(fixture, options));
  return { page, errors };
}

/**
 * Waits until every comment has a verdict, then returns { case → { state,
 * blurred, card } }: the data-schild attribute, whether the page renders the
 * comment blurred (anything in it besides the card), and whether it holds
 * Schild's card.
 */
async function commentStates(page, count) {
  await page.waitForFunction(everyCommentJudged, { timeout: 15_000 }, count);
  return page.evaluate(commentLooks, null);
}

function assertCards(states, expected) {
  for (const [name, verdict] of Object.entries(expected)) {
    assert.equal(states[name].card, verdict === 'blurred', `comment ${name}: card ${states[name].card ? 'shown' : 'missing'}`);
  }
}

describe(`Firefox (${FIREFOX}) with dist/firefox`, { skip: Boolean(skip) }, () => {
  let firefox;

  before(async () => {
    firefox = await launchFirefox();
  });

  after(async () => {
    await firefox?.close();
  });

  test('the extension installs under its gecko id', () => {
    assert.equal(firefox.extensionId, 'schild@schild-extension.org');
  });

  for (const csp of ['none', 'strict']) {
    test(`YouTube watch page (current markup), CSP ${csp}: spam blurred with its card, the rest not`, async () => {
      const reports = () => firefox.fixtures.requests.filter((r) => r.includes('/csp-report')).length;
      const reportsBefore = reports();
      const { page, errors } = await openFixture(firefox.browser, 'watch-current', { csp });
      const states = await commentStates(page, 7);
      assertVerdicts(states, WATCH_CURRENT);
      assertCards(states, WATCH_CURRENT);
      assert.deepEqual(errors, [], 'console errors on the page');
      // Firefox lets content scripts compile wasm whatever the page's CSP,
      // so the probe never trips a CSP violation (Chromium's does, once).
      assert.equal(reports() - reportsBefore, 0, 'CSP violation reports');
      await page.close();
    });

    test(`YouTube watch page (older markup), CSP ${csp}: spam blurred, the rest not`, async () => {
      const { page, errors } = await openFixture(firefox.browser, 'watch-legacy', { csp });
      assertVerdicts(await commentStates(page, 3), WATCH_LEGACY);
      assert.deepEqual(errors, [], 'console errors on the page');
      await page.close();
    });
  }

  test('late comments and a reused element get their own verdicts', async () => {
    const { page } = await openFixture(firefox.browser, 'watch-current', {});
    await commentStates(page, 7);
    await page.evaluate(() => window.fixture.addLateComments());
    const states = await commentStates(page, 9);
    assertVerdicts(states, { ...WATCH_CURRENT, ...WATCH_CURRENT_LATE });
    await page.evaluate(() => window.fixture.reuseComment('normal-member', '@xx-nudes-xx', 'my nudes 🔞'));
    await page.waitForFunction(() => document.querySelector('[data-case="normal-member"]').dataset.schild === 'blurred');
    await page.close();
  });

  test('nothing asks for a host outside the fixture hosts (but Firefox itself)', () => {
    const hosts = firefox.proxy.hosts.map((h) => (/^\w+:\/\//.test(h) ? new URL(h).host : h.split(':')[0]));
    const outside = [...new Set(hosts)].filter((host) => !FIXTURE_HOSTS.includes(host) && !isFirefoxOwnHost(host));
    assert.deepEqual(outside, [], 'hosts outside the fixtures');
    assert.ok(hosts.includes('www.youtube.com'), 'the fixture pages went through the proxy');
  });
});

// A school's Firefox ESR, as docs/deploy.md's `firefox` policy sets it up:
// policies.json force-installs the unsigned schild.xpi that tools/deploy
// packs, from the school's server (a local one), with Schild's settings. The
// same policy without the preference that turns signature checks off installs
// nothing: that is what "needs Mozilla's signature" means for release Firefox,
// whose builds do not let policy set that preference.
//
// Debian's firefox-esr reads /etc/firefox/policies/policies.json. Writing it
// needs root; there is one such file per machine, so a file this test did
// not write is left alone and the tests say they were skipped. CI sets
// SCHILD_REQUIRE_POLICY=1: there they must run.
const FIREFOX_POLICIES = '/etc/firefox/policies/policies.json';
const FIREFOX_ID = 'schild@schild-extension.org';

/** Whether policies.json is one this test wrote (it installs Schild from 127.0.0.1). */
function isOurFirefoxPolicy(file) {
  try {
    const url = JSON.parse(fs.readFileSync(file, 'utf8')).policies.ExtensionSettings[FIREFOX_ID].install_url;
    return /^https?:\/\/127\.0\.0\.1:/.test(url);
  } catch {
    return false;
  }
}

function firefoxPolicySkipped() {
  if (skip) return skip;
  let reason = false;
  try {
    if (fs.existsSync(FIREFOX_POLICIES) && !isOurFirefoxPolicy(FIREFOX_POLICIES)) {
      reason = `${FIREFOX_POLICIES} exists and is not this test's (left alone)`;
    } else {
      fs.mkdirSync(path.dirname(FIREFOX_POLICIES), { recursive: true });
      fs.accessSync(path.dirname(FIREFOX_POLICIES), fs.constants.W_OK);
    }
  } catch {
    reason = `cannot write ${FIREFOX_POLICIES} (needs root; CI runs it)`;
  }
  if (reason && process.env.SCHILD_REQUIRE_POLICY === '1') throw new Error(`SCHILD_REQUIRE_POLICY=1 but ${reason}`);
  return reason;
}

const policySkip = firefoxPolicySkipped();

/** Schild as the profile's extensions.json lists it after Firefox closed, or undefined. */
const installedSchild = (profileDir) => {
  const file = path.join(profileDir, 'extensions.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).addons.find((addon) => addon.id === FIREFOX_ID) : undefined;
};

describe('Firefox ESR with the school policy of docs/deploy.md', { skip: policySkip }, () => {
  let tmp;
  let server;
  let policy;
  const requests = [];

  before(async () => {
    const { serveDirectory } = await import('../../tools/lib/static-server.mjs');
    const { policyBlocks } = await import('../../tools/deploy/policy-doc.mjs');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'schild-firefox-policy-'));
    server = await serveDirectory(path.join(tmp, 'www'), { onRequest: (request) => requests.push(request.url) });
    // Plain http, so the XPI has no update address (Firefox refuses an
    // unsigned add-on with an http one; tools/deploy leaves it out). Over
    // https, Firefox would download the XPI at start-up, before the test
    // driver can tell it to accept a self-signed certificate.
    const baseUrl = `http://127.0.0.1:${server.address().port}/schild`;
    const deploy = (...args) => execFileSync(process.execPath, [path.join(ROOT, 'tools/deploy/deploy.mjs'), ...args], { encoding: 'utf8' });
    deploy('key', path.join(tmp, 'key.pem'));
    deploy('pack', '--key', path.join(tmp, 'key.pem'), '--base-url', baseUrl, '--out', path.join(tmp, 'www', 'schild'));
    policy = JSON.parse(policyBlocks(fs.readFileSync(path.join(tmp, 'www', 'schild', 'POLICY.md'), 'utf8')).firefox);
  });

  after(() => {
    server?.close();
    if (isOurFirefoxPolicy(FIREFOX_POLICIES)) fs.rmSync(FIREFOX_POLICIES, { force: true });
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  /**
   * Firefox with `policies` in place: a watch page's verdicts and the
   * actions on a card, once Schild judged the page or the page was loaded
   * `loads` times.
   */
  async function runWith(policies, name, loads) {
    fs.writeFileSync(FIREFOX_POLICIES, JSON.stringify(policies));
    const profileDir = path.join(tmp, name);
    fs.mkdirSync(profileDir);
    const firefox = await launchFirefox({ temporaryAddon: false, profileDir, directHosts: ['127.0.0.1'] });
    try {
      // Firefox installs the add-on after it started; a page loaded before
      // that has no content script, so the page is loaded again until
      // Schild has judged it.
      const { page } = await openFixture(firefox.browser, 'watch-current', {});
      const judged = () => page.waitForFunction(() => document.querySelector('[data-case="spam-name-only"]')?.hasAttribute('data-schild'), { timeout: 2_000 }).then(() => true, () => false);
      for (let load = 1; load < loads && !(await judged()); load++) await page.reload();
      const cardActions = await page.evaluate(() =>
        [...(document.querySelector('[data-case="spam-name-only"] > [data-schild-card]')?.shadowRoot?.querySelectorAll('[data-action]') ?? [])].map((e) => e.dataset.action),
      );
      const states = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-case]')].map((e) => [e.dataset.case, e.getAttribute('data-schild')])));
      return { states, cardActions, hosts: [...firefox.proxy.hosts] };
    } finally {
      await firefox.close();
    }
  }

  test('installs the unsigned XPI from the school’s server and applies the settings', async () => {
    const result = await runWith(policy, 'profile-esr', 10);
    assert.equal(result.states['spam-name-only'], 'blurred', JSON.stringify(result.states));
    assert.equal(result.states['spam-look-at-profile'], 'blurred');
    assert.equal(result.states['normal-member'], 'clean');
    assert.ok(!result.cardActions.includes('reveal') && !result.cardActions.includes('not-spam'), `disableReveal: ${result.cardActions}`);
    assert.ok(requests.includes('/schild/schild.xpi'), `the XPI came from the school's server: ${requests}`);
    const schild = installedSchild(path.join(tmp, 'profile-esr'));
    assert.equal(schild?.active, true, 'installed and enabled');
    assert.equal(schild.signedState, 0, 'not signed by Mozilla');
    assert.match(schild.sourceURI, /\/schild\/schild\.xpi$/);
    const hosts = result.hosts.map((h) => (/^\w+:\/\//.test(h) ? new URL(h).host : h.split(':')[0]));
    assert.deepEqual([...new Set(hosts)].filter((host) => !FIXTURE_HOSTS.includes(host) && !isFirefoxOwnHost(host)), [], 'no other host was asked for');
  });

  test('without turning signature checks off, the same policy installs nothing', async () => {
    const unsigned = structuredClone(policy);
    delete unsigned.policies.Preferences;
    const before = requests.length;
    const result = await runWith(unsigned, 'profile-signatures-required', 3);
    assert.equal(installedSchild(path.join(tmp, 'profile-signatures-required')), undefined, 'Schild is not installed');
    assert.ok(requests.slice(before).includes('/schild/schild.xpi'), 'Firefox did fetch the XPI (and refused it)');
    assert.deepEqual(Object.values(result.states).filter((state) => state !== null), [], 'no comment was judged');
  });
});
