// A local HTTPS server that plays the sites Schild serves (the hosts in
// SITES: www.youtube.com, m.youtube.com, www.instagram.com) with Schild's
// fixture pages, for the browser tests and the page benchmark. The browser
// is told to resolve those hosts to it (tools/lib/browser.mjs).
//
// Fixture URLs look like the real ones. A site's pages are
// tests/fixtures/<site>/<fixture>.html, named where the address names a
// video or post:
//   - YouTube (www. and m.): /watch?v=<fixture>, /live_chat?v=<fixture>, or
//     the last path segment: /shorts/<fixture>, /post/<fixture>, /@channel/<fixture>;
//   - Instagram: a post or reel (/p/<fixture>/, /reel/<fixture>/, also under
//     an account, /<user>/p/<fixture>/, and with a comment's /c/<id>/ after
//     it), a profile (/<fixture>/) and the feed (/ is feed.html);
//   - any other site as YouTube: ?v=<fixture>, else the last path segment.
// Anything under /fixtures/ is served as it is. Add ?csp=strict to serve a
// page (and its frames) with a strict Content-Security-Policy (script-src
// 'self' + Trusted Types), under which Chromium keeps WebAssembly out of
// content scripts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SITES } from '../../extension/content/sites/site.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

/** The hosts the fixture server answers for: the sites the extension serves. */
export const FIXTURE_HOSTS = SITES.flatMap(({ hosts }) => hosts);

export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; object-src 'none'; require-trusted-types-for 'script'; report-uri /csp-report";

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.svg': 'image/svg+xml' };

/** A throwaway self-signed certificate for the fixture hosts (its files are gone once read). */
function makeCertificate() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schild-certificate-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
      '-subj', `/CN=${FIXTURE_HOSTS[0]}`, '-addext', `subjectAltName=${FIXTURE_HOSTS.map((h) => `DNS:${h}`).join(',')}`,
      '-keyout', key, '-out', cert,
    ], { stdio: 'ignore' });
    return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The fixture a YouTube address names (and any site's without a rule of its own). */
const videoFixture = (url) => url.searchParams.get('v') ?? url.pathname.split('/').at(-1);

/** The fixture an Instagram address names: a post or reel, a profile, or the feed. */
function instagramFixture(url) {
  const post = /^\/(?:[\w.]+\/)?(?:p|reels?)\/([\w-]+)\//.exec(url.pathname);
  return post?.[1] ?? (url.pathname === '/' ? 'feed' : /^\/([^/]+)\/?$/.exec(url.pathname)?.[1]);
}

const FIXTURE_OF = { instagram: instagramFixture };

/** The fixture file for a URL, or null. */
function fixtureFile(url) {
  if (url.pathname.startsWith('/fixtures/')) {
    const file = path.join(FIXTURES, decodeURIComponent(url.pathname.slice('/fixtures/'.length)));
    return file.startsWith(FIXTURES) ? file : null;
  }
  const site = SITES.find(({ hosts }) => hosts.includes(url.hostname));
  const name = site && (FIXTURE_OF[site.name] ?? videoFixture)(url);
  return name && /^[\w-]+(?:\.[\w-]+)*$/.test(name) ? path.join(FIXTURES, site.name, `${name}.html`) : null;
}

/**
 * Starts the fixture server. `requests` lists every request it received
 * (method and URL), so tests can see what reached "the site".
 */
export async function startFixtureServer() {
  const requests = [];
  const server = https.createServer(makeCertificate(), (request, response) => {
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
