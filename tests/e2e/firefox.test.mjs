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
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WATCH_CURRENT, WATCH_CURRENT_LATE, WATCH_LEGACY } from './expected-verdicts.mjs';
import { assertVerdicts, everyCommentJudged, FIXTURE_HOSTS, fixtureUrl, ROOT, startFixtureServer } from './harness.mjs';

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

async function launchFirefox() {
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
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxy.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
    },
  });
  const extensionId = await browser.installExtension(EXTENSION_DIR);
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
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-case]')].map((element) => [
        element.dataset.case,
        {
          state: element.getAttribute('data-schild'),
          blurred: [...element.children].some(
            (child) => !child.hasAttribute('data-schild-card') && getComputedStyle(child).filter.includes('blur'),
          ),
          card: Boolean(element.querySelector(':scope > [data-schild-card]')?.shadowRoot?.textContent.trim()),
        },
      ]),
    ),
  );
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
