// The site: built by tools/build/site.mjs from one layout and each
// language's page bodies, then served as the static files it is and opened
// in Chromium. The build makes every page and stops, naming the file, on a
// broken one; the root sends a browser to its language (plain links without
// scripts); a crawl from the root reaches every built page, each renders
// without errors and links or loads only files that exist, nothing from
// elsewhere; every reason text a page or the playground shows is the card's
// own (extension/_locales); the playground gives the classifier's verdict,
// score, reasons and reading in each language and says so when the
// classifier cannot load; the language switch lands on the same page in the
// other language; axe-core finds nothing serious, light and dark, at desktop
// and 360 px widths. Screenshots go to target/e2e-artifacts/ to be looked at.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { HELP, telUrl } from '../../extension/shared/help-resources.js';
import { POLICY_ONLY, validSettings } from '../../extension/shared/settings.js';
import { POLICY_EXAMPLES } from '../../tools/build/policy.mjs';
import { buildSite, LANGS, PAGES, reasonTexts } from '../../tools/build/site.mjs';
import { serveDirectory } from '../../tools/lib/static-server.mjs';
import { EXAMPLES } from '../../www/examples.js';
import { isBrowserOwnRequest, launchBrowser, ROOT, seriousAxeViolations } from './harness.mjs';

const SITE = path.join(ROOT, 'dist', 'www');
const ARTIFACTS = path.join(ROOT, 'target', 'e2e-artifacts');

const pagePath = (lang, page) => `${lang}/${page}.html`;
const ALL_PAGES = LANGS.flatMap((lang) => PAGES.map((page) => ({ lang, page, file: pagePath(lang, page) })));

/** The card's texts as extension/_locales has them, per language: the source the site must show. */
const CARD = Object.fromEntries(
  LANGS.map((lang) => {
    const messages = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension', '_locales', lang, 'messages.json'), 'utf8'));
    const text = Object.fromEntries(Object.entries(messages).map(([key, { message }]) => [key, message]));
    return [lang, { reasons: reasonTexts(text), where: { name: text.reasonInName, text: text.reasonInText, link: text.reasonInLink } }];
  }),
);

/** A sentence of the playground's words with its `{name}`s filled in, as playground.js does. */
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => values[name]);

/** What each example must give at the default (balanced) level: verdict, reasons as [code, field], what the name reads as. */
const EXPECTED = {
  'bot-bold-name': { sexspam: true, reasons: [['name-gives-order', 'name'], ['hidden-letters', 'name']], name: 'my hot video see now' },
  'bot-script-name-fr': { sexspam: true, reasons: [['name-gives-order', 'name'], ['hidden-letters', 'name']], name: 'chloe regarde mon profil' },
  'bot-lookalike-name': { sexspam: true, reasons: [['hidden-letters', 'name'], ['sexual-emoji', 'name']], name: 'anna live cam now' },
  'bot-cyrillic-text': { sexspam: true, reasons: [['invitation', 'text'], ['hidden-letters', 'text']], text: 'wont you even text me' },
  'bot-backwards': { sexspam: true, reasons: [['backwards-text', 'text']] },
  'ham-nl': { sexspam: false, reasons: [] },
  'ham-fr': { sexspam: false, reasons: [] },
  'ham-sexting-lesson': { sexspam: false, reasons: [] },
  'ham-hot-summer': { sexspam: false, reasons: [] },
};

/** Every file under a folder, relative to it, with `/`. */
const filesUnder = (dir) => fs.readdirSync(dir, { recursive: true }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).map((f) => f.split(path.sep).join('/'));
const htmlFiles = (dir) => filesUnder(dir).filter((f) => f.endsWith('.html')).sort();

let server;
let origin;
let browser;
/** The playground's words per language, as the build wrote them. */
let STRINGS;
/** Every request that reached the site's server, as a path. */
const served = [];

before(async () => {
  if (!fs.existsSync(path.join(SITE, 'wasm', 'schild_bg.wasm'))) {
    throw new Error(`no built site in ${SITE}: run tools/build.sh first`);
  }
  ({ STRINGS } = await import(pathToFileURL(path.join(SITE, 'strings.js'))));
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

/**
 * Opens a site page, recording console errors, failed and outside requests
 * and HTTP errors. `stay`: the root shows its links instead of sending the
 * browser on (as without JavaScript).
 */
async function open(file, { viewport, colorScheme, lang, stay = false } = {}) {
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  if (colorScheme) await page.emulateMedia({ colorScheme });
  if (stay) await page.route('**/redirect.js', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }));
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
  page.on('requestfailed', (request) => {
    // Leaving a page (the language switch) aborts what it was still loading,
    // such as the playground's wasm: the browser's choice, not a fault of
    // the site. A missing file shows as an HTTP error below.
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

/** The reason texts an open page shows, with their codes. */
const shownReasons = (page) =>
  page.evaluate(() => [...document.querySelectorAll('[data-reason]')].map((e) => ({ code: e.dataset.reason, text: e.querySelector('.reason')?.textContent ?? null })));

/** What the playground shows. */
const readPlayground = (page) =>
  page.evaluate(() => ({
    verdict: document.getElementById('result').dataset.verdict,
    verdictText: document.getElementById('pg-verdict').textContent,
    score: Number(document.getElementById('pg-score').textContent),
    reasons: [...document.querySelectorAll('#pg-reasons li[data-reason]')].map((li) => ({
      code: li.dataset.reason,
      field: li.dataset.field,
      reason: li.querySelector('.reason').textContent,
      where: li.querySelector('.where').textContent,
      evidence: li.querySelector('.evidence').textContent,
    })),
    noReasons: document.querySelector('#pg-reasons li.none')?.textContent ?? null,
    name: document.querySelector('#pg-read-name .normalized')?.textContent ?? null,
    text: document.querySelector('#pg-read-text .normalized')?.textContent ?? null,
    raw: JSON.parse(document.getElementById('pg-raw').textContent || 'null'),
  }));

function assertExample(shown, id, lang) {
  const [t, card] = [STRINGS[lang], CARD[lang]];
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
  // Each reason as the classifier gave it, in the card's own words.
  assert.equal(shown.reasons.length, shown.raw.reasons.length);
  shown.reasons.forEach((reason, i) => {
    const raw = shown.raw.reasons[i];
    assert.equal(reason.code, raw.code);
    assert.equal(reason.reason, card.reasons[raw.code], `${lang} ${raw.code}: the card's text`);
    assert.equal(reason.where, `${card.reasons[raw.code]} (${card.where[raw.field]})`);
    const evidence = raw.revealed ? fill(t.read, { written: raw.evidence, read: raw.revealed }) : fill(t.quoted, { evidence: raw.evidence });
    assert.equal(reason.evidence, evidence);
  });
  if (expected.name) assert.equal(shown.name, expected.name);
  if (expected.text) assert.equal(shown.text, expected.text);
}

describe('the build', () => {
  test('makes every page of every language from the one layout, with nothing left unfilled', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'schild-site-'));
    try {
      await buildSite({ outdir: out });
      assert.deepEqual(htmlFiles(out), ['index.html', ...ALL_PAGES.map((p) => p.file)].sort());
      for (const file of htmlFiles(out)) {
        const html = fs.readFileSync(path.join(out, file), 'utf8');
        assert.doesNotMatch(html, /\{\{|<!-- schild:/, `${file} has a placeholder left`);
        for (const part of ['<header class="site-header">', '<main id="main"', '<footer class="site-footer">']) {
          assert.equal(html.split(part).length, 2, `${file} has one ${part}`);
        }
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  test('a broken page stops the build, naming the file and what is wrong', async () => {
    const broken = [
      ['nl/teens.html', (text) => text.replace('<!-- schild:help-regions -->', '<!-- schild:helplines -->'), /www\/pages\/nl\/teens\.html: unknown <!-- schild:helplines -->/],
      ['fr/parents.html', (text) => text.replace('learnParent6', 'learnParent60'), /www\/pages\/fr\/parents\.html: no message "learnParent60"/],
      ['en/schools.html', (text) => text.replace('policy-example linux', 'policy-example linus'), /no policy example "linus"/],
      ['nl/privacy.html', (text) => text.replace(/^<title>.*\n/, ''), /www\/pages\/nl\/privacy\.html: must start with <title>/],
      ['fr/faq.html', () => '<title>FAQ</title>\n<meta name="description" content="x">\n<h1>FAQ</h1>\n', /www\/pages\/fr\/faq\.html is not one of the pages/],
    ];
    for (const [file, change, error] of broken) {
      const source = fs.mkdtempSync(path.join(os.tmpdir(), 'schild-www-'));
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'schild-site-'));
      try {
        fs.cpSync(path.join(ROOT, 'www'), source, { recursive: true });
        const target = path.join(source, 'pages', file);
        fs.writeFileSync(target, change(fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : ''));
        await assert.rejects(buildSite({ source, outdir: out }), error, file);
      } finally {
        fs.rmSync(source, { recursive: true, force: true });
        fs.rmSync(out, { recursive: true, force: true });
      }
    }
  });

  test('the policy examples are valid, and Schild accepts every setting in them as it is', () => {
    for (const [id, text] of Object.entries(POLICY_EXAMPLES)) {
      if (text.startsWith('Windows Registry Editor Version 5.00\n')) {
        const values = Object.fromEntries([...text.matchAll(/^"(\w+)"=(.*)$/gm)].map(([, name, value]) => [name, value]));
        assert.match(values['1'], /^"EXTENSION_ID;https:\/\/[^"]+"$/, id);
        const sites = JSON.parse(JSON.parse(values.sites));
        assert.deepEqual(validSettings({ sites }).sites, sites, id);
        continue;
      }
      const policy = JSON.parse(text);
      const settings =
        { linux: () => policy['3rdparty'].extensions.EXTENSION_ID, 'admin-console': () => Object.fromEntries(Object.entries(policy).map(([k, v]) => [k, v.Value])), firefox: () => policy.policies['3rdparty'].Extensions['schild@schild-extension.org'] }[id]();
      const { lockSettings, disableReveal, ...rest } = settings;
      assert.deepEqual(validSettings(rest), rest, `${id}: every setting valid`);
      for (const name of Object.keys(POLICY_ONLY)) assert.equal(typeof settings[name], 'boolean', `${id}: ${name}`);
      assert.ok(lockSettings && disableReveal, id);
    }
  });
});

describe('the playground', () => {
  for (const lang of LANGS) {
    test(`${lang}: every example gives the right verdict, reasons and reading`, async () => {
      const { page, problems } = await open(pagePath(lang, 'index'), { lang });
      await playgroundReady(page);
      // The page opens on the first example: the bold-letters bot with an ordinary comment.
      assertExample(await readPlayground(page), 'bot-bold-name', lang);

      const buttons = await page.locator('#pg-examples button').evaluateAll((all) =>
        all.map((b) => ({ id: b.dataset.example, label: b.textContent })),
      );
      assert.deepEqual(buttons, EXAMPLES.map((e) => ({ id: e.id, label: e.label[lang] })));
      for (const example of EXAMPLES) {
        await page.locator(`#pg-examples button[data-example="${example.id}"]`).click();
        assert.equal(await page.locator('#pg-author').inputValue(), example.author);
        assertExample(await readPlayground(page), example.id, lang);
      }
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  test('typing a comment updates the verdict as you type, and sensitivity changes the threshold', async () => {
    const t = STRINGS.en;
    const { page, problems } = await open('en/index.html');
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
    assert.ok(shown.reasons.some((r) => r.code === 'name-gives-order' && r.field === 'name'), JSON.stringify(shown.reasons));
    assert.ok(
      shown.reasons.some((r) => r.evidence === fill(t.read, { written: '𝐂𝐥𝐢𝐜𝐤 𝐦𝐲 𝐩𝐫𝐨𝐟𝐢𝐥𝐞', read: 'click my profile' })),
      JSON.stringify(shown.reasons),
    );
    assert.equal(shown.name, 'sophie click my profile');

    // The same score against the three thresholds (model/figures.json holds
    // them): each level's verdict is the score against its threshold, and
    // near-lures between the thresholds change with the level.
    const { thresholds } = JSON.parse(fs.readFileSync(path.join(ROOT, 'model', 'figures.json'), 'utf8'));
    const changed = new Set();
    for (const [author, text] of [['@hot_lena', 'check my profile'], ['@hot_lena', 'check my story'], ['@lena', 'text me 😘']]) {
      await page.locator('#pg-author').fill(author);
      await page.locator('#pg-text').fill(text);
      const verdicts = [];
      for (const level of ['relaxed', 'balanced', 'strict']) {
        await page.locator('#pg-sensitivity').selectOption(level);
        const { verdict, raw } = await readPlayground(page);
        assert.equal(verdict, raw.score >= thresholds[level] ? 'sexspam' : 'clean', `${author} ${text} at ${level}: ${raw.score}`);
        verdicts.push(verdict);
      }
      if (new Set(verdicts).size > 1) changed.add(`${author} ${text}`);
    }
    assert.ok(changed.size > 0, 'some near-lure is judged differently at the three levels');
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

describe('the root', () => {
  test('sends the browser to the home page in its language, English when Schild does not speak it', async () => {
    for (const [languages, lang] of [[['fr-BE', 'fr', 'en'], 'fr'], [['nl-BE', 'nl'], 'nl'], [['de-DE', 'nl'], 'nl'], [['en-GB'], 'en'], [['de-DE', 'de'], 'en']]) {
      const page = await browser.context.newPage();
      await page.addInitScript((list) => Object.defineProperty(Navigator.prototype, 'languages', { get: () => list }), languages);
      await page.goto(url('index.html'));
      await page.waitForURL(url(`${lang}/index.html`));
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang, languages.join());
      await page.close();
    }
  });

  test('without scripts, links to each home page, each in its own language', async () => {
    const { page, problems } = await open('index.html', { stay: true });
    const links = await page.locator('main a').evaluateAll((all) => all.map((a) => ({ href: a.getAttribute('href'), lang: a.closest('[lang]').lang, hreflang: a.hreflang })));
    assert.deepEqual(links, LANGS.map((lang) => ({ href: `${lang}/index.html`, lang, hreflang: lang })));
    assert.deepEqual(problems, []);
    await page.close();
  });
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
  test('a crawl from the root reaches every built page; each renders without errors; every link, anchor and file exists', async () => {
    const queue = ['index.html'];
    const seen = new Set(queue);
    const files = new Set();
    const anchors = []; // [from, target file, id]
    const ids = new Map(); // file → ids on it
    const outside = new Set();
    while (queue.length) {
      const file = queue.shift();
      const { page, problems } = await open(file, { stay: file === 'index.html' });
      if (await page.locator('#playground').count()) await playgroundReady(page);
      const found = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
        resources: [
          ...[...document.querySelectorAll('link[href]:not([rel="alternate"])')].map((l) => l.href),
          ...[...document.querySelectorAll('script[src], img[src], source[src], iframe[src]')].map((e) => e.src),
        ],
        ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
      }));
      // Every reason text a page shows is the card's own, in the page's language.
      for (const { code, text } of await shownReasons(page)) {
        assert.equal(text, CARD[found.lang].reasons[code], `${file} shows the reason ${code} as ${JSON.stringify(text)}, not as _locales has it`);
      }
      assert.deepEqual(problems, [], file);
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
    assert.deepEqual([...seen].sort(), htmlFiles(SITE), 'the crawl reaches every built page, and only those');
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

  test('the parents pages list every reason the card can give; the teens pages every help service of every region', async () => {
    for (const lang of LANGS) {
      let { page } = await open(pagePath(lang, 'parents'), { lang });
      assert.deepEqual(
        (await shownReasons(page)).map((r) => r.code),
        Object.keys(CARD[lang].reasons),
      );
      await page.close();
      ({ page } = await open(pagePath(lang, 'teens'), { lang }));
      const regions = await page.evaluate(() =>
        Object.fromEntries([...document.querySelectorAll('[data-region]')].map((s) => [s.dataset.region, [...s.querySelectorAll('[data-help]')].map((li) => li.dataset.help)])),
      );
      assert.deepEqual(regions, Object.fromEntries(Object.entries(HELP).map(([region, services]) => [region, services.map((s) => s.id)])), lang);
      await page.close();
    }
  });

  test('axe-core finds no serious or critical problem, light and dark; nothing scrolls sideways at 360 px', async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const desktop = { width: 1280, height: 900 };
    const phone = { width: 360, height: 740 };
    const failures = [];
    for (const { lang, page: name, file } of [{ lang: 'all', page: 'root', file: 'index.html' }, ...ALL_PAGES]) {
      // The pages with screenshots in every combination; the others light at desktop width and dark on a phone.
      const shots = name === 'index' || name === 'schools';
      const combinations = shots
        ? [['light', desktop], ['dark', desktop], ['light', phone], ['dark', phone]]
        : [['light', desktop], ['dark', phone]];
      for (const [colorScheme, viewport] of combinations) {
        const { page, problems } = await open(file, { colorScheme, viewport, stay: name === 'root' });
        if (name === 'index') {
          await playgroundReady(page);
          await page.locator('.raw summary').click(); // open the raw verdict too
        }
        const violations = await seriousAxeViolations(page);
        for (const v of violations) failures.push(`${file} (${colorScheme}): ${v}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) failures.push(`${file} (${viewport.width} px) scrolls sideways by ${overflow} px`);
        if (shots) {
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

  test('no script builds markup or code from strings; no page has inline scripts or styles', () => {
    const forbidden = /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setTimeout\(\s*['"`]/;
    const scripts = filesUnder(SITE).filter((f) => /\.m?js$/.test(f) && !f.startsWith('wasm/'));
    assert.ok(scripts.includes('playground.js') && scripts.includes('redirect.js'), 'the site scripts were found');
    for (const file of scripts) {
      const lines = fs.readFileSync(path.join(SITE, file), 'utf8').split('\n');
      const line = lines.findIndex((l) => forbidden.test(l));
      assert.equal(line, -1, `dist/www/${file}:${line + 1} builds markup or code from a string`);
    }
    // Inline scripts and styles would need a looser Content-Security-Policy.
    for (const file of htmlFiles(SITE)) {
      const html = fs.readFileSync(path.join(SITE, file), 'utf8');
      assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), `${file} has an inline script`);
      assert.ok(!/\sstyle=|<style/.test(html), `${file} has inline styles`);
    }
  });
});
