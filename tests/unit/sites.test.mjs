// The site list (extension/content/sites/site.js) is the one place that
// names the sites: the settings' switches, the options page's switches and
// their labels derive from it, and the manifest, which cannot, is held to
// it here. Each adapter provides what the content script reads.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SITES, siteAt } from '../../extension/content/sites/site.js';
import { DEFAULTS, SITE_SWITCHES } from '../../extension/shared/settings.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

test("the manifest's content script and exposed wasm match exactly the sites' hosts", () => {
  const manifest = read('manifest.json');
  const matches = SITES.flatMap(({ hosts }) => hosts.map((host) => `*://${host}/*`));
  for (const script of manifest.content_scripts) assert.deepEqual(script.matches, matches, 'content_scripts');
  for (const entry of manifest.web_accessible_resources) assert.deepEqual(entry.matches, matches, 'web_accessible_resources');
});

test('every site and surface is a switch in settings, on by default, with a name in _locales', () => {
  const en = read('extension/_locales/en/messages.json');
  for (const { name, surfaces } of SITES) {
    for (const sw of [name, ...surfaces]) {
      assert.ok(SITE_SWITCHES.includes(sw), sw);
      assert.equal(DEFAULTS.sites[sw], true, sw);
      assert.ok(`site_${sw}` in en, `site_${sw} is in _locales/en`);
    }
  }
  assert.equal(SITE_SWITCHES.length, new Set(SITE_SWITCHES).size, 'no two switches share a name');
  const labels = Object.keys(en).filter((key) => key.startsWith('site_')).map((key) => key.slice('site_'.length));
  assert.deepEqual(labels.sort(), [...SITE_SWITCHES].sort(), 'no label for a switch that is gone');
});

test("a page's host picks its site's adapter; other hosts none", () => {
  for (const { name, hosts } of SITES) {
    for (const host of hosts) assert.equal(siteAt(host).name, name, host);
  }
  for (const host of ['youtube.com', 'music.youtube.com', 'instagram.com', 'www.youtube.com.example', 'example.org']) {
    assert.equal(siteAt(host), undefined, host);
  }
});

test('every adapter finds, reads and reports comments as site.js says', () => {
  for (const { name, hosts } of SITES) {
    const site = siteAt(hosts[0]);
    const finds = typeof site.commentSelector === 'function'
      ? site.findComments === undefined && site.commentAround === undefined
      : typeof site.findComments === 'function' && typeof site.commentAround === 'function';
    assert.ok(finds, `${name}: a commentSelector, or findComments and commentAround`);
    assert.equal(typeof site.readComment, 'function', `${name}.readComment`);
    assert.equal(typeof site.reportRoute, 'function', `${name}.reportRoute`);
    for (const optional of ['compactCard', 'theme', 'surface']) {
      assert.ok(site[optional] === undefined || typeof site[optional] === 'function', `${name}.${optional}`);
    }
    assert.ok((site.navigationEvents ?? []).every((event) => typeof event === 'string'), `${name}.navigationEvents`);
  }
});

test('each kind of YouTube page looks for its own comment elements', () => {
  const youtube = siteAt('www.youtube.com');
  const names = (hostname, pathname) => youtube.commentSelector({ hostname, pathname }).split(', ');
  assert.deepEqual(names('www.youtube.com', '/watch'), ['ytd-comment-view-model', 'ytd-comment-renderer']);
  assert.deepEqual(names('www.youtube.com', '/shorts/abc'), ['ytd-comment-view-model', 'ytd-comment-renderer']);
  assert.deepEqual(names('m.youtube.com', '/watch'), ['ytm-comment-renderer']);
  for (const chat of ['/live_chat', '/live_chat_replay']) {
    const items = names('www.youtube.com', chat);
    assert.ok(items.includes('yt-live-chat-text-message-renderer') && items.includes('yt-live-chat-paid-message-renderer'), chat);
    assert.ok(!items.includes('ytd-comment-view-model'), chat);
  }
});

test("a site's surfaces are the ones its adapter names", () => {
  const youtube = siteAt('www.youtube.com');
  const surfaceOf = (pathname) => youtube.surface({ pathname });
  assert.equal(surfaceOf('/shorts/abc'), 'youtubeShorts');
  assert.equal(surfaceOf('/live_chat'), 'youtubeLiveChat');
  assert.equal(surfaceOf('/watch'), null);
  assert.deepEqual([surfaceOf('/shorts/abc'), surfaceOf('/live_chat')].sort(), [...youtube.surfaces].sort());
  for (const { hosts, surfaces } of SITES) {
    const site = siteAt(hosts[0]);
    if (!site.surface) assert.deepEqual(surfaces, [], `${site.name} has surfaces but no surface()`);
  }
});
