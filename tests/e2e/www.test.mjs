// The site (dist/www) in Chromium, served as the static files it is: the
// playground gives the classifier's verdict, score, reasons and normalised
// text in each language, and says so when the classifier cannot load; the
// language switch lands on the same page in the other language; every page
// reachable from the home page links only to files that exist, loads
// nothing from elsewhere, and passes axe-core in light and dark at desktop
// and 360 px widths. Plus checks that need no browser: the site's copies of
// the card's texts, the help services and the policy examples match their
// sources, and no script builds markup from strings. Screenshots go to
// target/e2e-artifacts/ to be looked at.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { HELP, telUrl } from '../../extension/shared/help-resources.js';
import { serveDirectory } from '../../tools/lib/static-server.mjs';
import { EXAMPLES } from '../../www/examples.js';
import { STRINGS } from '../../www/strings.js';
import { isBrowserOwnRequest, launchBrowser, ROOT, seriousAxeViolations } from './harness.mjs';

const SITE = path.join(ROOT, 'dist', 'www');
const ARTIFACTS = path.join(ROOT, 'target', 'e2e-artifacts');

const LANGS = ['en', 'nl', 'fr'];
const PAGES = ['index', 'parents', 'teens', 'schools', 'privacy'];
/** Where a page lives: English home at the root, everything else under its language. */
const pagePath = (lang, page) => (lang === 'en' && page === 'index' ? 'index.html' : `${lang}/${page}.html`);
const ALL_PAGES = LANGS.flatMap((lang) => PAGES.map((page) => ({ lang, page, file: pagePath(lang, page) })));

/** What each example must give at the default (balanced) level: verdict, reasons as [code, field], what the name reads as. */
const EXPECTED = {
  'bot-bold-name': { sexspam: true, reasons: [['points-to-profile', 'name'], ['hidden-letters', 'name']], name: 'my hot video see now' },
  'bot-script-name-fr': { sexspam: true, reasons: [['points-to-profile', 'name'], ['hidden-letters', 'name']], name: 'chloe regarde mon profil' },
  'bot-lookalike-name': { sexspam: true, reasons: [['dating-or-cam', 'name'], ['hidden-letters', 'name']], name: 'anna live cam now' },
  'bot-cyrillic-text': { sexspam: true, reasons: [['invitation', 'text'], ['hidden-letters', 'text']], text: 'wont you even text me' },
  'bot-backwards': { sexspam: true, reasons: [['backwards-text', 'text']] },
  'ham-nl': { sexspam: false, reasons: [] },
  'ham-fr': { sexspam: false, reasons: [] },
  'ham-sexting-lesson': { sexspam: false, reasons: [] },
  'ham-hot-summer': { sexspam: false, reasons: [] },
};

let server;
let origin;
let browser;
/** Every request that reached the site's server, as a path. */
const served = [];

before(async () => {
  if (!fs.existsSync(path.join(SITE, 'wasm', 'schild_bg.wasm'))) {
    throw new Error(`no built site in ${SITE}: run tools/build.sh first`);
  }
  server = await serveDirectory(SITE, { onRequest: (request) => served.push(request.url) });
  // A host name of its own, as if published; Chromium resolves it (and only
  // it, besides the fixture hosts) to the local server.
  origin = 'http://www.schild.test';
  browser = await launchBrowser({ hosts: { 'www.schild.test': server.address().port } });
});

after(async () => {
  const requests = (await browser?.close()) ?? [];
  server?.close();
  // Chromium's own network log: nothing left the machine but requests to the site.
  const elsewhere = requests.filter((r) => !isBrowserOwnRequest(r) && !r.url.startsWith(`${origin}/`));
  assert.deepEqual(elsewhere, [], 'the site made requests outside itself');
});

const url = (file) => `${origin}/${file}`;

/** Opens a site page, recording console errors, failed and outside requests and HTTP errors. */
async function open(file, { viewport, colorScheme, lang } = {}) {
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  if (colorScheme) await page.emulateMedia({ colorScheme });
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`error: ${error}`));
  page.on('request', (request) => {
    if (!request.url().startsWith(`${origin}/`) && !request.url().startsWith('data:')) {
      problems.push(`outside request: ${request.url()}`);
    }
  });
  // Leaving a page (the language switch) aborts what it was still loading,
  // such as the playground's wasm: not a problem of the site.
  page.on('requestfailed', (request) => {
    // A missing file shows as an HTTP error above; an aborted load is the browser's choice.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(url(file), { waitUntil: 'load' });
  if (lang) assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
  return { page, problems };
}

/** Waits until the playground has loaded the classifier and shown a verdict. */
async function playgroundReady(page) {
  await page.waitForFunction(() => document.getElementById('result')?.dataset.state, null, { timeout: 10_000 });
  assert.equal(await page.locator('#result').getAttribute('data-state'), 'ready');
}

/** What the playground shows. */
const readPlayground = (page) =>
  page.evaluate(() => ({
    verdict: document.getElementById('result').dataset.verdict,
    verdictText: document.getElementById('pg-verdict').textContent,
    score: Number(document.getElementById('pg-score').textContent),
    reasons: [...document.querySelectorAll('#pg-reasons li[data-reason]')].map((li) => ({
      code: li.dataset.reason,
      field: li.dataset.field,
      where: li.querySelector('.where').textContent,
      evidence: li.querySelector('.evidence').textContent,
    })),
    noReasons: document.querySelector('#pg-reasons li.none')?.textContent ?? null,
    name: document.querySelector('#pg-read-name .normalized')?.textContent ?? null,
    text: document.querySelector('#pg-read-text .normalized')?.textContent ?? null,
    raw: JSON.parse(document.getElementById('pg-raw').textContent || 'null'),
  }));

function assertExample(shown, id, t) {
  const expected = EXPECTED[id];
  assert.equal(shown.verdict, expected.sexspam ? 'sexspam' : 'clean', `${id}: ${JSON.stringify(shown)}`);
  assert.equal(shown.verdictText, expected.sexspam ? t.sexspam : t.clean);
  assert.equal(shown.raw.sexspam, expected.sexspam);
  assert.equal(shown.score, Number(shown.raw.score.toFixed(2)));
  assert.ok(expected.sexspam ? shown.score >= 0.3 : shown.score < 0.3, `${id}: score ${shown.score}`);
  const pairs = shown.reasons.map((r) => `${r.code} ${r.field}`);
  for (const [code, field] of expected.reasons) assert.ok(pairs.includes(`${code} ${field}`), `${id}: ${code} in ${field} among ${pairs}`);
  if (!expected.sexspam) {
    assert.deepEqual(shown.reasons, []);
    assert.equal(shown.noReasons, t.noReasons);
  }
  // Each reason as the classifier gave it, in the page's words.
  assert.equal(shown.reasons.length, shown.raw.reasons.length);
  shown.reasons.forEach((reason, i) => {
    const raw = shown.raw.reasons[i];
    assert.equal(reason.code, raw.code);
    assert.equal(reason.where, `${t.reasons[raw.code]} (${t.where[raw.field]})`);
    assert.equal(reason.evidence, raw.revealed ? t.read(raw.evidence, raw.revealed) : t.quoted(raw.evidence));
  });
  if (expected.name) assert.equal(shown.name, expected.name);
  if (expected.text) assert.equal(shown.text, expected.text);
}

describe('the playground', () => {
  for (const lang of LANGS) {
    test(`${lang}: every example gives the right verdict, reasons and reading`, async () => {
      const t = STRINGS[lang];
      const { page, problems } = await open(pagePath(lang, 'index'), { lang });
      await playgroundReady(page);
      // The page opens on the bold-letters bot with an ordinary comment.
      assertExample(await readPlayground(page), 'bot-bold-name', t);
      assert.match((await readPlayground(page)).verdictText, /./);

      const buttons = await page.locator('#pg-examples button').evaluateAll((all) =>
        all.map((b) => ({ id: b.dataset.example, label: b.textContent })),
      );
      assert.deepEqual(buttons, EXAMPLES.map((e) => ({ id: e.id, label: e.label[lang] })));
      for (const example of EXAMPLES) {
        await page.locator(`#pg-examples button[data-example="${example.id}"]`).click();
        assert.equal(await page.locator('#pg-author').inputValue(), example.author);
        assertExample(await readPlayground(page), example.id, t);
      }
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  test('typing a comment updates the verdict as you type, and sensitivity changes the threshold', async () => {
    const t = STRINGS.en;
    const { page, problems } = await open('index.html');
    await playgroundReady(page);
    await page.locator('#pg-author').fill('');
    await page.locator('#pg-text').fill('');
    assert.equal((await readPlayground(page)).verdictText, t.empty);

    // Typed key by key, as a person would.
    await page.locator('#pg-author').pressSequentially('@mila');
    await page.locator('#pg-text').pressSequentially('Wat een mooie video, echt waar!');
    let shown = await readPlayground(page);
    assert.equal(shown.verdict, 'clean');
    assert.deepEqual(shown.reasons, []);

    await page.locator('#pg-author').fill('');
    await page.locator('#pg-author').pressSequentially('Sophie 𝐂𝐥𝐢𝐜𝐤 𝐦𝐲 𝐩𝐫𝐨𝐟𝐢𝐥𝐞 🔞');
    shown = await readPlayground(page);
    assert.equal(shown.verdict, 'sexspam');
    assert.ok(shown.reasons.some((r) => r.code === 'points-to-profile' && r.field === 'name'), JSON.stringify(shown.reasons));
    assert.ok(
      shown.reasons.some((r) => r.evidence === t.read('𝐂𝐥𝐢𝐜𝐤 𝐦𝐲 𝐩𝐫𝐨𝐟𝐢𝐥𝐞', 'click my profile')),
      JSON.stringify(shown.reasons),
    );
    assert.equal(shown.name, 'sophie click my profile');

    // The same score against the three thresholds: a borderline bot passes
    // at relaxed and is caught at strict.
    await page.locator('#pg-examples button[data-example="bot-lookalike-name"]').click();
    const verdicts = {};
    for (const level of ['relaxed', 'balanced', 'strict']) {
      await page.locator('#pg-sensitivity').selectOption(level);
      verdicts[level] = (await readPlayground(page)).verdict;
    }
    assert.equal(verdicts.strict, 'sexspam');
    assert.equal(verdicts.balanced, 'sexspam');
    assert.equal(verdicts.relaxed, 'clean', 'relaxed lets a borderline comment through');
    assert.deepEqual(problems, []);
    await page.close();
  });

  for (const lang of ['en', 'fr']) {
    test(`${lang}: when the classifier cannot load, the page says so`, async () => {
      const page = await browser.context.newPage();
      await page.route('**/wasm/schild_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
      await page.goto(url(pagePath(lang, 'index')));
      await page.waitForFunction(() => document.getElementById('result').dataset.state);
      assert.equal(await page.locator('#result').getAttribute('data-state'), 'failed');
      assert.equal(await page.locator('#pg-verdict').textContent(), STRINGS[lang].loadFailed);
      assert.equal(await page.locator('#pg-details').isHidden(), true);
      await page.close();
    });
  }
});

describe('the language switch', () => {
  test('every page links to itself in the other languages, and lands there in that language', async () => {
    for (const { lang, page: name, file } of ALL_PAGES) {
      const { page, problems } = await open(file, { lang });
      const switcher = await page.evaluate(() => ({
        current: [...document.querySelectorAll('.languages [aria-current]')].map((e) => e.lang),
        links: [...document.querySelectorAll('.languages a')].map((a) => ({
          href: a.getAttribute('href'),
          hreflang: a.hreflang,
          lang: a.lang,
        })),
        alternates: Object.fromEntries(
          [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [l.hreflang, l.href]),
        ),
        current_page: document.querySelector('.site-header nav a[aria-current="page"]')?.href,
      }));
      assert.deepEqual(switcher.current, [lang], `${file} marks its own language`);
      assert.deepEqual(switcher.links.map((l) => l.hreflang), LANGS.filter((l) => l !== lang));
      for (const other of LANGS) assert.equal(switcher.alternates[other], url(pagePath(other, name)), `${file} alternate ${other}`);
      assert.equal(switcher.current_page, url(file), `${file} marks itself in the menu`);
      for (const link of switcher.links) {
        assert.equal(link.lang, link.hreflang, `${file}: the link to ${link.hreflang} is labelled in that language`);
        await page.locator(`.languages a[hreflang="${link.hreflang}"]`).click();
        await page.waitForLoadState('load');
        assert.equal(page.url(), url(pagePath(link.hreflang, name)), `${file} → ${link.hreflang}`);
        assert.equal(await page.evaluate(() => document.documentElement.lang), link.hreflang);
        await page.goBack();
      }
      assert.deepEqual(problems, []);
      await page.close();
    }
  });
});

describe('the whole site', () => {
  test('every page reachable from the home page; every internal link and file exists; nothing from elsewhere', async () => {
    const queue = ['index.html'];
    const seen = new Set(queue);
    const files = new Set();
    const anchors = []; // [from, target file, id]
    const ids = new Map(); // file → ids on it
    const outside = new Set();
    while (queue.length) {
      const file = queue.shift();
      const { page, problems } = await open(file);
      if (file.endsWith('index.html')) await playgroundReady(page);
      assert.deepEqual(problems, [], file);
      const found = await page.evaluate(() => ({
        links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
        resources: [
          ...[...document.querySelectorAll('link[href]:not([rel="alternate"])')].map((l) => l.href),
          ...[...document.querySelectorAll('script[src], img[src], source[src], iframe[src]')].map((e) => e.src),
        ],
        ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
      }));
      ids.set(file, new Set(found.ids));
      for (const resource of found.resources) {
        assert.ok(resource.startsWith(`${origin}/`), `${file} loads ${resource} from elsewhere`);
        files.add(resource.slice(origin.length + 1));
      }
      for (const href of found.links) {
        if (!href.startsWith(`${origin}/`)) {
          assert.match(href, /^(https:|tel:)/, `${file} links to ${href}`);
          outside.add(href);
          continue;
        }
        const target = new URL(href);
        const targetFile = target.pathname.slice(1);
        assert.match(targetFile, /\.html$/, `${file} links to ${href}: a page, not a folder`);
        if (target.hash) anchors.push([file, targetFile, decodeURIComponent(target.hash.slice(1))]);
        if (!seen.has(targetFile)) {
          seen.add(targetFile);
          queue.push(targetFile);
        }
      }
      await page.close();
    }
    assert.deepEqual([...seen].sort(), ALL_PAGES.map((p) => p.file).sort(), 'the crawl reaches every page, and only those');
    for (const [from, file, id] of anchors) {
      if (id === 'main' && from === file) continue;
      assert.ok(ids.get(file)?.has(id), `${from} links to ${file}#${id}, which does not exist`);
    }
    for (const file of files) assert.ok(fs.existsSync(path.join(SITE, file)), `${file} is missing`);
    // Links out of the site go only to the help services Schild lists.
    const known = new Set(Object.values(HELP).flatMap((services) => services.flatMap((s) => [s.url, s.phone && telUrl(s.phone)])));
    for (const href of outside) assert.ok(known.has(href), `${href} is not one of the help services`);
    // The server saw no request for a file it does not have (a favicon, a map file…).
    const missing = served.map((u) => new URL(u, origin).pathname).filter((p) => !fs.existsSync(path.join(SITE, decodeURIComponent(p))));
    assert.deepEqual(missing, []);
  });

  test('axe-core finds no serious or critical problem, light and dark; nothing scrolls sideways at 360 px', async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const failures = [];
    for (const { lang, page: name, file } of ALL_PAGES) {
      for (const [colorScheme, viewport] of [['light', { width: 1280, height: 900 }], ['dark', { width: 360, height: 740 }]]) {
        const { page, problems } = await open(file, { colorScheme, viewport });
        if (name === 'index') {
          await playgroundReady(page);
          await page.locator('.raw summary').click(); // open the raw verdict too
        }
        const violations = await seriousAxeViolations(page);
        for (const v of violations) failures.push(`${file} (${colorScheme}): ${v}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) failures.push(`${file} (${viewport.width} px) scrolls sideways by ${overflow} px`);
        if (name === 'index' || name === 'schools') {
          await page.screenshot({ path: path.join(ARTIFACTS, `www-${lang}-${name}-${colorScheme}-${viewport.width}.png`), fullPage: true });
        }
        assert.deepEqual(problems, [], file);
        await page.close();
      }
    }
    assert.deepEqual(failures, []);
  });

  test('the skip link moves keyboard focus to the content', async () => {
    const { page } = await open('nl/teens.html');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
    assert.ok(await page.locator('.skip').isVisible(), 'the skip link shows when focused');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
    await page.close();
  });
});

describe('the site’s facts match their sources', () => {
  const read = (file) => fs.readFileSync(path.join(SITE, file), 'utf8');

  test('the playground’s reasons are the card’s own texts', () => {
    for (const lang of LANGS) {
      const messages = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension', '_locales', lang, 'messages.json'), 'utf8'));
      const reasons = Object.fromEntries(
        Object.entries(messages)
          .filter(([key]) => key.startsWith('reason_'))
          .map(([key, { message }]) => [key.slice('reason_'.length).replaceAll('_', '-'), message]),
      );
      assert.deepEqual(STRINGS[lang].reasons, reasons, lang);
      assert.deepEqual(STRINGS[lang].where, {
        name: messages.reasonInName.message,
        text: messages.reasonInText.message,
        link: messages.reasonInLink.message,
      });
    }
  });

  test('the help services on the teens pages are those of help-resources.js', async () => {
    for (const lang of LANGS) {
      const { page } = await open(pagePath(lang, 'teens'), { lang });
      const regions = await page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll('[data-region]')].map((section) => [
            section.dataset.region,
            [...section.querySelectorAll('[data-help]')].map((li) => ({
              id: li.dataset.help,
              name: li.querySelector('strong').textContent,
              phone: li.querySelector('a[href^="tel:"]')?.getAttribute('href') ?? null,
              url: li.querySelector('a[href^="https:"]')?.getAttribute('href') ?? null,
            })),
          ]),
        ),
      );
      assert.deepEqual(Object.keys(regions).sort(), Object.keys(HELP).sort(), lang);
      for (const [region, services] of Object.entries(HELP)) {
        assert.deepEqual(
          regions[region],
          services.map((s) => ({ id: s.id, name: s.name, phone: s.phone ? telUrl(s.phone) : null, url: s.url ?? null })),
          `${lang} ${region}`,
        );
      }
      await page.close();
    }
  });

  test('the policy examples are valid and say what the settings work defines', async () => {
    const expected = {
      linux: {
        ExtensionSettings: { EXTENSION_ID: { installation_mode: 'force_installed', update_url: 'https://clients2.google.com/service/update2/crx', toolbar_pin: 'force_pinned' } },
        '3rdparty': { extensions: { EXTENSION_ID: { sensitivity: 'strict', audience: 'child', region: 'be_nl', lockSettings: true, disableReveal: true } } },
      },
      'admin-console': { lockSettings: { Value: true }, disableReveal: { Value: true }, sensitivity: { Value: 'strict' }, region: { Value: 'be_nl' } },
      firefox: {
        policies: {
          ExtensionSettings: { 'schild@schild-extension.org': { installation_mode: 'force_installed', install_url: 'https://addons.mozilla.org/firefox/downloads/latest/schild/latest.xpi' } },
          '3rdparty': { Extensions: { 'schild@schild-extension.org': { sensitivity: 'strict', lockSettings: true, disableReveal: true } } },
        },
      },
    };
    for (const lang of LANGS) {
      const { page } = await open(pagePath(lang, 'schools'), { lang });
      const blocks = await page.evaluate(() =>
        Object.fromEntries([...document.querySelectorAll('pre[data-policy]')].map((pre) => [pre.dataset.policy, pre.textContent])),
      );
      for (const [name, value] of Object.entries(expected)) assert.deepEqual(JSON.parse(blocks[name]), value, `${lang} ${name}`);
      for (const [name, vendor, update] of [
        ['windows-chrome', 'Google\\Chrome', 'https://clients2.google.com/service/update2/crx'],
        ['windows-edge', 'Microsoft\\Edge', 'https://edge.microsoft.com/extensionwebstorebase/v1/crx'],
      ]) {
        const reg = blocks[name];
        assert.ok(reg.startsWith('Windows Registry Editor Version 5.00\n'), `${lang} ${name}`);
        assert.ok(reg.includes(`[HKEY_LOCAL_MACHINE\\Software\\Policies\\${vendor}\\ExtensionInstallForcelist]\n"1"="EXTENSION_ID;${update}"`), `${lang} ${name}`);
        assert.ok(reg.includes(`[HKEY_LOCAL_MACHINE\\Software\\Policies\\${vendor}\\3rdparty\\extensions\\EXTENSION_ID\\policy]`), `${lang} ${name}`);
        assert.ok(reg.includes('"lockSettings"=dword:00000001\n"sensitivity"="strict"\n'), `${lang} ${name}`);
        const sites = reg.match(/^"sites"="(.*)"$/m)[1].replaceAll('\\"', '"');
        assert.deepEqual(Object.keys(JSON.parse(sites)), ['youtube', 'youtubeShorts', 'youtubeLiveChat', 'instagram']);
      }
      await page.close();
    }
  });

  test('the figures are the README’s', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const rows = {
      relaxed: readme.match(/^\| relaxed \| (.*) \|$/m)[1],
      balanced: readme.match(/^\| \*\*balanced\*\* \(default\) \| (.*) \|$/m)[1],
      strict: readme.match(/^\| strict \| (.*) \|$/m)[1],
      baseline: readme.match(/^\| plain keyword list \(`--baseline`\) \| (.*) \|$/m)[1],
    };
    const number = (cell) => Number(cell.replaceAll('*', '').replace('%', '').trim());
    for (const lang of LANGS) {
      const html = read(pagePath(lang, 'privacy'));
      for (const [level, row] of Object.entries(rows)) {
        const [recall, fpr, ham, precision] = row.split('|').map(number);
        const cells = [...html.match(new RegExp(`<tr data-level="${level}">(.*?)</tr>`))[1].matchAll(/<td class="num">([^<]*)<\/td>/g)]
          .map(([, cell]) => Number(cell.replace(',', '.').replace(/[\s\u202f%]/g, '')));
        assert.deepEqual(cells, [recall * 100, fpr, ham, precision * 100].map((x) => Number(x.toFixed(2))), `${lang} ${level}`);
      }
    }
  });

  test('no script builds markup or code from strings', () => {
    const forbidden = /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setTimeout\(\s*['"`]/;
    const sources = fs.readdirSync(path.join(ROOT, 'www'), { recursive: true }).filter((f) => /\.(js|mjs|html)$/.test(f));
    assert.ok(sources.length >= 16, 'the site sources were found');
    for (const file of sources) {
      const lines = fs.readFileSync(path.join(ROOT, 'www', file), 'utf8').split('\n');
      const line = lines.findIndex((l) => forbidden.test(l));
      assert.equal(line, -1, `www/${file}:${line + 1} builds markup or code from a string`);
      // Inline scripts and styles would need a looser Content-Security-Policy.
      if (file.endsWith('.html')) {
        assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(lines.join('\n')), `www/${file} has an inline script`);
        assert.ok(!/\sstyle=|<style/.test(lines.join('\n')), `www/${file} has inline styles`);
        assert.ok(!/https?:\/\/(?!127\.0\.0\.1)[^"'\s]*\.(css|js|woff2?|ttf)\b/.test(lines.join('\n')), `www/${file} loads from elsewhere`);
      }
    }
  });
});
