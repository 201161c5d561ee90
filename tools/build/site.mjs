// Builds the site (dist/www) so that no sentence of it is kept twice by hand:
//
//   www/layout.html               the header, navigation, language switch and footer, once
//   www/pages/<lang>/site.json    each language's words around the pages (navigation,
//                                 footer, the playground's words, table headings)
//   www/pages/<lang>/<page>.html  each page's own text: <title>, <meta name="description">, body
//   www/playground.html           the playground's form, filled in each language
//
// and where a page body says `<!-- schild:NAME ARGS -->`, what another file
// already says:
//
//   reasons             the card's reasons           extension/_locales (reason_*)
//   messages KEY…       list items of advice         extension/_locales (the learn page's words)
//   help-regions        the help services by region  extension/shared/help-resources.js + _locales
//   policy-keys         the keys a policy may set    tools/build/policy.mjs (the settings table)
//   policy-example ID   one policy example           tools/build/policy.mjs (as docs/policy.md)
//   figures             the classifier's figures     model/figures.json
//   playground          the playground               www/playground.html (+ playground.js)
//
// Writes dist/www/<lang>/<page>.html, a root index.html that sends the
// browser to its language (with plain links without JavaScript), strings.js
// (the playground's words and the card's reasons), the static files and the
// same wasm the extension ships. Run by tools/build.sh; `buildSite()` is
// also what the site's tests call.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HELP, telUrl } from '../../extension/shared/help-resources.js';
import { format } from '../../extension/shared/message-format.js';
import { SETTINGS } from '../../extension/shared/settings.js';
import { EXAMPLES } from '../../www/examples.js';
import { count, MEASURES, percent, readFigures } from './figures.mjs';
import { policyExample, policyKeys } from './policy.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The site's languages (the first is the fallback) and pages, in navigation order. */
export const LANGS = ['en', 'nl', 'fr'];
export const PAGES = ['index', 'parents', 'teens', 'schools', 'privacy'];

/** Files of www/ served as they are. */
const STATIC = ['style.css', 'favicon.svg', 'playground.js', 'examples.js', 'redirect.js'];
const WASM = { 'wasm/schild.js': 'target/wasm-bindgen/schild.js', 'wasm/schild_bg.wasm': 'target/wasm-bindgen/schild_bg.wasm' };

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const capitalize = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** Fills `{{name}}` with HTML; a name with no value stops the build. */
function fill(template, values, where) {
  return template.replace(/\{\{([\w.]+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`${where}: nothing to put in {{${name}}}`);
    return values[name];
  });
}

/** A _locales catalog: its entries as they are, and as texts without substitutions. */
async function readCatalog(lang) {
  const entries = JSON.parse(await fs.readFile(path.join(ROOT, 'extension', '_locales', lang, 'messages.json'), 'utf8'));
  const texts = Object.fromEntries(Object.entries(entries).map(([key, entry]) => [key, format(entry, [])]));
  return { entries, texts };
}

/** The card's reasons by code (`reason_hidden_letters` → `hidden-letters`), as the classifier names them. */
export function reasonTexts(messages) {
  return Object.fromEntries(
    Object.entries(messages)
      .filter(([key]) => key.startsWith('reason_'))
      .map(([key, text]) => [key.slice('reason_'.length).replaceAll('_', '-'), text]),
  );
}

/** A message with its substitutions; a key the catalog lacks stops the build. */
function word(context, key, substitutions = []) {
  const entry = context.catalog.entries[key];
  if (!entry) throw new Error(`${context.where}: no message "${key}" in extension/_locales/${context.lang}`);
  return format(entry, substitutions);
}

const table = (head, rows, attributes = '') =>
  `<div class="table-scroll" tabindex="0">\n<table${attributes}>\n${head}\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n</div>`;

/** What `<!-- schild:NAME ARGS -->` becomes, by NAME. */
const INSERTS = {
  reasons(context) {
    const items = Object.entries(reasonTexts(context.catalog.texts)).map(
      ([code, text]) => `<li data-reason="${code}"><span class="reason">${escape(text)}</span></li>`,
    );
    return `<ul class="card-reasons">\n${items.join('\n')}\n</ul>`;
  },

  messages(context, keys) {
    if (keys.length === 0) throw new Error(`${context.where}: schild:messages names no message`);
    return keys.map((key) => `<li data-message="${key}">${escape(word(context, key))}</li>`).join('\n');
  },

  'help-regions'(context) {
    const order = context.site.helpRegions;
    if ([...order].sort().join() !== Object.keys(HELP).sort().join()) {
      throw new Error(`${context.where}: helpRegions in site.json must name every region of help-resources.js once: ${Object.keys(HELP).join(', ')}`);
    }
    const service = (s) => {
      const tags = [s.free && word(context, 'helpFree'), s.anonymous && word(context, 'helpAnonymous')].filter(Boolean);
      const links = [
        s.phone && `<a href="${telUrl(s.phone)}">${escape(word(context, 'helpCall', [s.phone]))}</a>`,
        s.url && `<a href="${escape(s.url)}" rel="noopener">${escape(s.url.replace(/^https:\/\/(www\.)?/, '').replace(/\/$/, ''))}</a>`,
      ].filter(Boolean);
      return (
        `<li data-help="${s.id}"><strong>${escape(s.name)}</strong>` +
        (tags.length ? ` <span class="tags">(${escape(tags.join(', '))})</span>` : '') +
        `${escape(context.site.colon)}${escape(word(context, `help_${s.id}`))}<br>\n  ${links.join(' · ')}</li>`
      );
    };
    return order
      .map(
        (region) =>
          `<section class="help-region" data-region="${region}" aria-labelledby="help-${region}">\n` +
          `<h3 id="help-${region}">${escape(capitalize(word(context, `region_${region}`)))}</h3>\n` +
          `<ul class="help-list">\n${HELP[region].map(service).join('\n')}\n</ul>\n</section>`,
      )
      .join('\n');
  },

  'policy-keys'(context) {
    const words = context.site.policy;
    const rows = policyKeys(context.catalog.texts, (key) => words[key]).map(({ key, kind, values, label }) => {
      const shown = values.map(({ value, label: valueLabel }) => {
        const code = kind === 'enum' ? `"${value}"` : value;
        return `<li><code>${escape(code)}</code>${valueLabel ? `${escape(context.site.colon)}${escape(valueLabel)}` : ''}</li>`;
      });
      const intro = kind === 'switches' ? `${escape(words.switches)}\n` : '';
      return `<tr><th scope="row"><code>${key}</code></th><td>${escape(label)}</td><td>${intro}<ul class="values">${shown.join('')}</ul></td></tr>`;
    });
    const head = `<thead><tr><th scope="col">${escape(words.key)}</th><th scope="col">${escape(words.meaning)}</th><th scope="col">${escape(words.values)}</th></tr></thead>`;
    return table(head, rows, ' class="policy-keys"');
  },

  'policy-example'(context, [id]) {
    return `<pre tabindex="0" data-policy="${id}"><code>${escape(policyExample(id))}</code></pre>`;
  },

  figures(context) {
    const figures = readFigures();
    const words = context.site.figures;
    const level = context.site.levels[figures.sensitivity];
    if (!level) throw new Error(`model/figures.json: unknown sensitivity ${figures.sensitivity}`);
    const { lang } = context;
    const head = (cells) => `<thead><tr>${cells.map((cell, i) => `<th scope="col"${i ? ' class="num"' : ''}>${escape(cell)}</th>`).join('')}</tr></thead>`;
    const numbers = (cells) => cells.map((cell) => `<td class="num">${escape(cell)}</td>`).join('');
    const summary = table(
      `<caption>${escape(words.caption.replace('{level}', level))}</caption>\n${head([words.measure, words.recall, words.fpr])}`,
      MEASURES.map(
        (measure) =>
          `<tr data-measure="${measure}"><th scope="row">${escape(words[measure])}</th>${numbers([percent(figures[measure].recall, lang), percent(figures[measure].fpr, lang)])}</tr>`,
      ),
      ' data-figures="summary"',
    );
    const details = MEASURES.filter((measure) => figures[measure].groups?.length).map((measure) =>
      table(
        `<caption>${escape(words.groupsCaption[measure])}</caption>\n${head([words.group, words.positives, words.negatives, words.recall, words.fpr])}`,
        figures[measure].groups.map(
          (g) =>
            `<tr><th scope="row">${escape(g.group)}</th>${numbers([count(g.positives, lang), count(g.negatives, lang), percent(g.recall, lang), percent(g.fpr, lang)])}</tr>`,
        ),
        ` data-figures="${measure}"`,
      ),
    );
    return [summary, ...details].join('\n');
  },

  async playground(context) {
    context.scripts.push('<script type="module" src="../playground.js"></script>');
    const [example] = EXAMPLES;
    const levels = SETTINGS.sensitivity.values.map(
      (level) => `<option value="${level}"${level === SETTINGS.sensitivity.default ? ' selected' : ''}>${escape(context.site.levels[level])}</option>`,
    );
    const words = Object.fromEntries(Object.entries(context.site.playground).map(([key, text]) => [`pg.${key}`, escape(text)]));
    const template = await fs.readFile(path.join(context.source, 'playground.html'), 'utf8');
    return fill(template, { ...words, 'example.author': escape(example.author), 'example.text': escape(example.text), levels: levels.join('\n') }, 'www/playground.html');
  },
};

/** Replaces every `<!-- schild:NAME ARGS -->` in a body. */
async function insert(body, context) {
  const parts = [];
  let last = 0;
  for (const match of body.matchAll(/<!-- schild:([\w-]+)((?: [\w-]+)*) -->/g)) {
    const [whole, name, args] = match;
    const make = INSERTS[name];
    if (!make) throw new Error(`${context.where}: unknown <!-- schild:${name} --> (known: ${Object.keys(INSERTS).join(', ')})`);
    parts.push(body.slice(last, match.index), await make(context, args.trim().split(' ').filter(Boolean)));
    last = match.index + whole.length;
  }
  parts.push(body.slice(last));
  const rest = parts.join('').match(/<!-- schild:[^>]*-->/);
  if (rest) throw new Error(`${context.where}: cannot read ${rest[0]}`);
  return parts.join('');
}

/** A page source: its <title>, its description, then its body. */
function parsePage(text, where) {
  const match = text.match(/^<title>(.+?)<\/title>\s*<meta name="description" content="([^"]+)">\s*\n([\s\S]*)$/);
  if (!match) throw new Error(`${where}: must start with <title>…</title> and <meta name="description" content="…">`);
  const [, title, description, body] = match;
  return { title, description, body };
}

function navigation({ lang, page, sites }) {
  const site = sites[lang];
  const pages = PAGES.map((name) => {
    const current = name === page ? ' aria-current="page"' : '';
    return `<li><a href="${name}.html"${current}>${escape(site.nav[name])}</a></li>`;
  });
  const languages = LANGS.map((other) =>
    other === lang
      ? `<li><span aria-current="true" lang="${other}">${escape(sites[other].language)}</span></li>`
      : `<li><a href="../${other}/${page}.html" hreflang="${other}" lang="${other}">${escape(sites[other].language)}</a></li>`,
  );
  return (
    `<nav aria-label="${escape(site.pagesLabel)}">\n<ul>\n${pages.join('\n')}\n</ul>\n</nav>\n` +
    `<nav class="languages" aria-label="${escape(site.languagesLabel)}">\n<ul>\n${languages.join('\n')}\n</ul>\n</nav>`
  );
}

/**
 * Builds the site from `source` (www/) into `outdir`. Rejects, naming the
 * file, when a page is missing, a placeholder is unknown or a fact it
 * inserts cannot be found.
 */
export async function buildSite({ source = path.join(ROOT, 'www'), outdir = path.join(ROOT, 'dist', 'www') } = {}) {
  const layout = await fs.readFile(path.join(source, 'layout.html'), 'utf8');
  const sites = {};
  const catalogs = {};
  for (const lang of LANGS) {
    sites[lang] = JSON.parse(await fs.readFile(path.join(source, 'pages', lang, 'site.json'), 'utf8'));
    catalogs[lang] = await readCatalog(lang);
    const known = new Set(['site.json', ...PAGES.map((page) => `${page}.html`)]);
    for (const file of await fs.readdir(path.join(source, 'pages', lang))) {
      if (!known.has(file)) throw new Error(`www/pages/${lang}/${file} is not one of the pages (PAGES in tools/build/site.mjs)`);
    }
  }

  await fs.rm(outdir, { recursive: true, force: true });
  await fs.mkdir(outdir, { recursive: true });
  const render = (values) => fill(layout, values, 'www/layout.html');

  for (const lang of LANGS) {
    const site = sites[lang];
    await fs.mkdir(path.join(outdir, lang), { recursive: true });
    for (const page of PAGES) {
      const where = `www/pages/${lang}/${page}.html`;
      const { title, description, body } = parsePage(await fs.readFile(path.join(source, 'pages', lang, `${page}.html`), 'utf8'), where);
      const context = { lang, site, catalog: catalogs[lang], source, where, scripts: [] };
      const html = render({
        lang,
        title,
        description,
        root: '../',
        home: 'index.html',
        alternates: LANGS.map((other) => `<link rel="alternate" hreflang="${other}" href="../${other}/${page}.html">`).join('\n'),
        body: (await insert(body, context)).trim(),
        scripts: context.scripts.join('\n'),
        skip: escape(site.skip),
        navigation: navigation({ lang, page, sites }),
        footer: escape(site.footer),
      });
      await fs.writeFile(path.join(outdir, lang, `${page}.html`), html);
    }
  }

  // The root: the browser's language if Schild speaks it (redirect.js reads
  // the alternates), else English; plain links when scripts do not run.
  const [first] = LANGS;
  const choices = LANGS.map(
    (lang) => `<li lang="${lang}"><a href="${lang}/index.html" hreflang="${lang}">${escape(sites[lang].language)}</a><p>${escape(sites[lang].welcome)}</p></li>`,
  );
  await fs.writeFile(
    path.join(outdir, 'index.html'),
    render({
      lang: first,
      title: 'Schild',
      description: escape(sites[first].welcome),
      root: '',
      home: 'index.html',
      alternates: [...LANGS.map((lang) => `<link rel="alternate" hreflang="${lang}" href="${lang}/index.html">`), '<link rel="alternate" hreflang="x-default" href="index.html">'].join('\n'),
      scripts: '<script src="redirect.js"></script>',
      skip: escape(sites[first].skip),
      navigation: '',
      body: `<h1>Schild</h1>\n<ul class="cards">\n${choices.join('\n')}\n</ul>`,
      footer: escape(sites[first].footer),
    }),
  );

  // The playground's words and the card's own reasons, per language.
  const strings = Object.fromEntries(
    LANGS.map((lang) => [
      lang,
      {
        ...sites[lang].playground,
        reasons: reasonTexts(catalogs[lang].texts),
        where: { name: catalogs[lang].texts.reasonInName, text: catalogs[lang].texts.reasonInText, link: catalogs[lang].texts.reasonInLink },
      },
    ]),
  );
  await fs.writeFile(
    path.join(outdir, 'strings.js'),
    `// Made by tools/build/site.mjs from www/pages/<lang>/site.json (the playground's words)\n` +
      `// and extension/_locales (the card's reasons): edit those, not this.\n` +
      `export const STRINGS = ${JSON.stringify(strings, null, 2)};\n`,
  );

  for (const file of STATIC) await fs.copyFile(path.join(source, file), path.join(outdir, file));
  await fs.mkdir(path.join(outdir, 'wasm'), { recursive: true });
  for (const [dest, src] of Object.entries(WASM)) await fs.copyFile(path.join(ROOT, src), path.join(outdir, dest));
  return outdir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outdir = await buildSite();
  console.log(`site: ${path.relative(ROOT, outdir)}/ (${LANGS.join(', ')}: ${PAGES.join(', ')})`);
}
