#!/usr/bin/env node
// Checks the lexicon files (model/lexicon/*.txt) and measures every phrase
// against the labelled corpora in ../shared/data/dev/ (relative to the repo
// root): how many ham rows and how many sexspam rows contain it.
//
//   node tools/lexicon-check.mjs            check, then list the phrases that hit ham most
//   node tools/lexicon-check.mjs --top 80   list more of them
//   node tools/lexicon-check.mjs --lang nl  only phrases of nl.txt
//   node tools/lexicon-check.mjs --all      every phrase with its counts (tab-separated)
//   node tools/lexicon-check.mjs --misses   sexspam rows that no positive phrase hits (a sample)
//   node tools/lexicon-check.mjs --lint     check the files only, no corpora
//   node tools/lexicon-check.mjs --squeezed the phrases that squeezing changes (heet → het: a trap)
//   node tools/lexicon-check.mjs --show 'call me'   the ham rows that phrase hits (to read, not to copy)
//
// Exits non-zero when a file is malformed: an unknown section, a phrase
// before any section, a section twice in one file, `*` anywhere but at a word's end or with fewer than 4
// letters before it, punctuation in a phrase, an empty phrase, a phrase too
// short for an unspaced script, or one phrase under two concepts in a file.
//
// The folding here only approximates the Rust folder (src/normalize.rs):
// lowercase, diacritics stripped from Latin, Greek and Cyrillic letters,
// apostrophes dropped, repeated letters squeezed, words split on anything
// that is not a letter, mark or digit. No look-alike or leetspeak decoding:
// the corpora's disguised rows are under-counted, which is fine for finding
// false alarms on ordinary text.
// No dependencies.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lexiconDir = path.join(root, 'model', 'lexicon');
const corpusDir = path.resolve(root, '..', 'shared', 'data', 'dev');

export const POSITIVE = [
  'explicit', 'vulgar', 'body', 'availability', 'invitation', 'pointer', 'live', 'dating',
  'paid', 'leaked', 'adult-site', 'minor', 'greeting', 'suggestive',
];
export const NEGATIVE = ['scam', 'meta', 'education'];
export const CONCEPTS = [...POSITIVE, ...NEGATIVE];
/** Concepts that should hit (almost) no ordinary comment. */
const STRONG = new Set(['explicit', 'vulgar', 'minor', 'adult-site', 'leaked', 'paid']);

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};

// --- Folding ---------------------------------------------------------------

const UNSPACED = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f\u0e00-\u0e7f\u{20000}-\u{2ffff}]/u;
const HANGUL = /[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]/;
const STRIP_MARKS_OF = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;
const APOSTROPHES = /['’ʼ`´‘]/g;

/** Lowercases and strips diacritics from Latin, Greek and Cyrillic letters. */
function baseLetters(text) {
  let out = '';
  const lower = text.toLowerCase().replace(APOSTROPHES, '')
    .replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/ø/g, 'o')
    .replace(/ł/g, 'l').replace(/ı/g, 'i').replace(/đ/g, 'd');
  for (const ch of lower) {
    if (STRIP_MARKS_OF.test(ch)) {
      out += ch.normalize('NFD').replace(/\p{M}+/gu, '');
    } else if (/[\u064b-\u065f\u0670\u0640]/.test(ch)) {
      // Arabic short vowels and tatweel: dropped.
    } else {
      out += ch;
    }
  }
  return out.normalize('NFC');
}

/** Collapses runs of one character (`hiii` → `hi`), unless that leaves one character. */
function squeeze(word) {
  let out = '';
  let previous = '';
  for (const ch of word) {
    if (ch !== previous) out += ch;
    previous = ch;
  }
  return [...out].length < 2 ? word : out;
}

/** A text's folded words. */
export function words(text) {
  return baseLetters(text)
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .map(squeeze);
}

// --- Parsing the lexicon -----------------------------------------------------

const problems = [];
const warnings = [];

/** Which way a phrase is matched: by words, or inside text (unspaced scripts, Korean). */
function modeOf(phrase) {
  if (UNSPACED.test(phrase)) return 'unspaced';
  if (HANGUL.test(phrase)) return 'korean';
  return 'words';
}

function parseFile(file) {
  const lang = path.basename(file, '.txt');
  const entries = [];
  const seen = new Map(); // folded phrase → entry
  let concept = null;
  const sections = new Set();
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((raw, index) => {
    const where = `${path.relative(root, file)}:${index + 1}`;
    const hash = raw.indexOf('#');
    const comment = hash >= 0 ? raw.slice(hash + 1).trim() : '';
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (!line) return;
    const header = line.match(/^\[(.*)\]$/);
    if (header) {
      if (!CONCEPTS.includes(header[1])) problems.push(`${where}: unknown section [${header[1]}]`);
      if (sections.has(header[1])) problems.push(`${where}: section [${header[1]}] appears twice in this file`);
      sections.add(header[1]);
      concept = header[1];
      return;
    }
    if (!concept) {
      problems.push(`${where}: phrase before any section: ${line}`);
      return;
    }
    if (/\s{2,}|\t/.test(line)) problems.push(`${where}: words must be separated by single spaces: "${line}"`);
    const phraseWords = line.split(/\s+/);
    for (const w of phraseWords) {
      const body = w.endsWith('*') ? w.slice(0, -1) : w;
      if (!body) {
        problems.push(`${where}: empty word in "${line}"`);
      } else if (/[^\p{L}\p{M}\p{N}]/u.test(body)) {
        problems.push(`${where}: punctuation in "${line}" (write words only; * only at a word's end)`);
      } else if (w.endsWith('*') && [...body.replace(/\p{M}/gu, '')].length < 4) {
        problems.push(`${where}: fewer than 4 letters before * in "${line}"`);
      }
    }
    const mode = modeOf(line);
    const letters = [...line.replace(/[\s*]/g, '').replace(/\p{M}/gu, '')].length;
    const thai = /[\u0e00-\u0e7f]/.test(line);
    if (mode === 'unspaced' && letters < (thai ? 3 : 2)) {
      problems.push(`${where}: "${line}" is too short to look for inside text (${thai ? 'Thai 3+' : '2+'} characters)`);
    }
    if (mode === 'words' && letters < 2) problems.push(`${where}: one-letter phrase "${line}"`);
    if (line !== line.toLowerCase()) warnings.push(`${where}: write phrases in lowercase: "${line}"`);
    const folded = phraseWords.map((w) => {
      const star = w.endsWith('*');
      const f = words(star ? w.slice(0, -1) : w).join('');
      return star ? `${f}*` : f;
    });
    const key = folded.join(' ');
    const entry = { lang, concept, phrase: line, folded, mode, comment, where, ham: 0, sexspam: 0, other: 0 };
    const before = seen.get(key);
    if (before) {
      if (before.concept !== concept) {
        problems.push(`${where}: "${line}" is under [${concept}] and, at ${before.where}, under [${before.concept}]`);
      } else {
        warnings.push(`${where}: "${line}" repeats ${before.where}`);
      }
      return;
    }
    seen.set(key, entry);
    entries.push(entry);
  });
  return entries;
}

const files = fs.existsSync(lexiconDir)
  ? fs.readdirSync(lexiconDir).filter((f) => f.endsWith('.txt')).sort()
  : [];
if (!files.length) {
  console.error(`no lexicon files in ${path.relative(process.cwd(), lexiconDir) || '.'}`);
  process.exit(1);
}
const entries = files.flatMap((f) => parseFile(path.join(lexiconDir, f)));

// The same phrase under different concepts in two files: both would count.
const across = new Map();
for (const e of entries) {
  const key = e.folded.join(' ');
  const before = across.get(key);
  if (before && before.concept !== e.concept) {
    warnings.push(`${e.where}: "${e.phrase}" is under [${e.concept}] and, at ${before.where}, under [${before.concept}]`);
  } else if (before && before.lang !== e.lang) {
    warnings.push(`${e.where}: "${e.phrase}" repeats ${before.where} (every file applies to every comment)`);
  }
  if (!before) across.set(key, e);
}
if (flag('--squeezed')) {
  console.log('Phrases that squeezing repeated letters changes (check the result is not an ordinary word):');
  for (const e of entries) {
    const plain = e.phrase.toLowerCase();
    const folded = e.folded.join(' ');
    if (baseLetters(plain).replace(/[^\p{L}\p{M}\p{N}* ]/gu, '') !== folded) console.log(`  ${e.lang}\t${e.concept}\t${e.phrase} → ${folded}`);
  }
}
for (const w of warnings) console.log(`warning: ${w}`);
for (const p of problems) console.log(`error: ${p}`);

// --- Summary table ------------------------------------------------------------

const langs = [...new Set(entries.map((e) => e.lang))];
const count = (lang, concept) => entries.filter((e) => e.lang === lang && e.concept === concept).length;
const short = {
  explicit: 'expl', vulgar: 'vulg', body: 'body', availability: 'avai', invitation: 'invi', pointer: 'poin',
  live: 'live', dating: 'date', paid: 'paid', leaked: 'leak', 'adult-site': 'site', minor: 'mino',
  greeting: 'gree', suggestive: 'sugg', scam: 'scam', meta: 'meta', education: 'educ',
};
console.log(`\n${entries.length} phrases in ${files.length} files`);
console.log(['lang', ...CONCEPTS.map((c) => short[c]), 'all'].map((s) => s.padStart(5)).join(''));
for (const lang of langs) {
  const row = CONCEPTS.map((c) => count(lang, c));
  console.log([lang, ...row, row.reduce((a, b) => a + b, 0)].map((s) => String(s).padStart(5)).join(''));
}

if (problems.length) {
  console.log(`\n${problems.length} problem(s): the files are malformed.`);
  process.exit(1);
}
if (flag('--lint')) process.exit(0);

// --- Measuring against the corpora ----------------------------------------------

if (!fs.existsSync(corpusDir)) {
  console.log(`\nno corpora at ${corpusDir}: skipping the ham/sexspam counts (the files are well-formed).`);
  process.exit(0);
}

const byFirstWord = new Map(); // first word → entries
const byPrefix = new Map(); // first 4 letters of a starred first word → entries
const insideText = [];
for (const e of entries) {
  if (e.mode !== 'words') {
    e.needle = e.mode === 'unspaced' ? e.folded.join('').replace(/\*/g, '') : e.folded.join(' ').replace(/\*/g, '');
    insideText.push(e);
    continue;
  }
  const first = e.folded[0];
  if (first.endsWith('*')) {
    const key = [...first].slice(0, 4).join('');
    if (!byPrefix.has(key)) byPrefix.set(key, []);
    byPrefix.get(key).push(e);
  } else {
    if (!byFirstWord.has(first)) byFirstWord.set(first, []);
    byFirstWord.get(first).push(e);
  }
}

const wordMatches = (pattern, word) =>
  pattern.endsWith('*') ? word.startsWith(pattern.slice(0, -1)) : word === pattern;

/** The entries found in one field (a text or a name). */
function find(field, found) {
  if (!field) return;
  const ws = words(field);
  const tryEntry = (e, start) => {
    if (start + e.folded.length > ws.length) return;
    for (let k = 0; k < e.folded.length; k++) if (!wordMatches(e.folded[k], ws[start + k])) return;
    found.add(e);
  };
  for (let i = 0; i < ws.length; i++) {
    for (const e of byFirstWord.get(ws[i]) ?? []) tryEntry(e, i);
    const key = [...ws[i]].slice(0, 4).join('');
    for (const e of byPrefix.get(key) ?? []) tryEntry(e, i);
  }
  if (UNSPACED.test(field) || HANGUL.test(field)) {
    const spaced = ws.join(' ');
    const joined = ws.join('');
    for (const e of insideText) {
      if ((e.mode === 'unspaced' ? joined : spaced).includes(e.needle)) found.add(e);
    }
  }
}

const showPhrase = option('--show', null);
const shownRows = [];
const corpusFiles = fs.readdirSync(corpusDir).filter((f) => f.endsWith('.jsonl')).sort();
const rowsByLabel = { ham: 0, sexspam: 0, spam_other: 0 };
const coverage = new Map(); // file → {sexspam, caught, ham, strongHam}
const misses = [];
const strongHamRows = [];
for (const f of corpusFiles) {
  const stats = { sexspam: 0, caught: 0, ham: 0, strongHam: 0 };
  coverage.set(f, stats);
  for (const line of fs.readFileSync(path.join(corpusDir, f), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let row;
    try {
      row = JSON.parse(line);
    } catch {
      continue;
    }
    const found = new Set();
    find(row.text, found);
    find(row.author, found);
    const label = row.label;
    if (showPhrase && label !== 'sexspam' && [...found].some((e) => e.phrase === showPhrase)) {
      shownRows.push(`${f} [${label}] ${(row.author ?? '').slice(0, 40)} | ${(row.text ?? '').replace(/\s+/g, ' ').slice(0, 200)}`);
    }
    rowsByLabel[label] = (rowsByLabel[label] ?? 0) + 1;
    for (const e of found) {
      if (label === 'ham') e.ham++;
      else if (label === 'sexspam') e.sexspam++;
      else e.other++;
    }
    const positive = [...found].some((e) => POSITIVE.includes(e.concept) && !['greeting', 'suggestive'].includes(e.concept));
    if (label === 'sexspam') {
      stats.sexspam++;
      if (positive) stats.caught++;
      else misses.push(`${f}: ${(row.author ?? '').slice(0, 50)} | ${(row.text ?? '').slice(0, 120)}`);
    } else if (label === 'ham') {
      stats.ham++;
      const strong = [...found].filter((e) => STRONG.has(e.concept));
      if (strong.length) {
        stats.strongHam++;
        strongHamRows.push(strong);
      }
    }
  }
}

const filter = option('--lang', null);
const shown = entries.filter((e) => !filter || e.lang === filter);

if (flag('--all')) {
  console.log('\nlang\tconcept\tphrase\tham\tsexspam\tspam_other');
  for (const e of shown) console.log(`${e.lang}\t${e.concept}\t${e.phrase}\t${e.ham}\t${e.sexspam}\t${e.other}`);
}

console.log(`\nCorpora: ${corpusFiles.length} files, ${rowsByLabel.ham} ham, ${rowsByLabel.sexspam} sexspam, ${rowsByLabel.spam_other ?? 0} spam_other rows.`);
console.log('\nCoverage: sexspam rows with a positive phrase (not greeting/suggestive); ham rows with a strong one');
console.log(`  strong = ${[...STRONG].join(', ')}`);
for (const [f, s] of coverage) {
  if (!s.sexspam && !s.ham) continue;
  const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
  console.log(`  ${f.padEnd(32)} sexspam ${String(s.caught).padStart(5)}/${String(s.sexspam).padEnd(5)} ${pct(s.caught, s.sexspam).padStart(6)}   ham strong ${String(s.strongHam).padStart(4)}/${String(s.ham).padEnd(6)} ${pct(s.strongHam, s.ham).padStart(6)}`);
}

const top = Number(option('--top', 40));
const ranked = shown
  .filter((e) => e.ham > 0)
  .sort((a, b) => b.ham - a.ham || a.sexspam - b.sexspam);
console.log(`\nPhrases that hit ham most (top ${top} of ${ranked.length} that hit any):`);
console.log('   ham  sexspam  lang  concept       phrase');
for (const e of ranked.slice(0, top)) {
  console.log(`${String(e.ham).padStart(6)} ${String(e.sexspam).padStart(8)}  ${e.lang.padEnd(5)} ${e.concept.padEnd(13)} ${e.phrase}`);
}

const strongRanked = shown
  .filter((e) => STRONG.has(e.concept) && e.ham > 0)
  .sort((a, b) => b.ham - a.ham);
console.log(`\nStrong-concept phrases that hit ham (${strongRanked.length}):`);
for (const e of strongRanked.slice(0, top)) {
  console.log(`${String(e.ham).padStart(6)} ${String(e.sexspam).padStart(8)}  ${e.lang.padEnd(5)} ${e.concept.padEnd(13)} ${e.phrase}`);
}

if (flag('--misses')) {
  console.log(`\nSexspam rows without a positive phrase (${misses.length}; first 60):`);
  for (const m of misses.slice(0, 60)) console.log(`  ${m}`);
}

if (showPhrase) {
  console.log(`\nRows that are not sexspam with "${showPhrase}" (${shownRows.length}; first 40):`);
  for (const r of shownRows.slice(0, 40)) console.log(`  ${r}`);
}
