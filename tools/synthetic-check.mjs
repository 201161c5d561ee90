#!/usr/bin/env node
// Checks the project's hand-written synthetic rows, model/synthetic/*.jsonl
// (see model/synthetic/README.md): every line is a JSON object with the
// required fields and allowed values, `synthetic: true`, a `source` naming
// its own file, and no (author, text) pair appears twice in the folder.
// Prints the rows per file × label × kind. Exits 1 on any error.
//
//   node tools/synthetic-check.mjs            # check and print the counts
//   node tools/synthetic-check.mjs --markdown # the counts as a Markdown table
//   node tools/synthetic-check.mjs DIR        # another folder
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const markdown = args.includes('--markdown');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(root, 'model/synthetic'));

const LABELS = ['sexspam', 'spam_other', 'ham'];
const KINDS = ['comment', 'display_name', 'handle'];
const PLATFORMS = ['youtube', 'instagram'];
const REQUIRED = ['text', 'author', 'label', 'kind', 'lang', 'platform', 'thread', 'source', 'synthetic'];
// Optional fields of ../shared/data/README.md's schema.
const OPTIONAL = ['note', 'date', 'hard_negative', 'label_confidence', 'csam_related', 'alt_label'];

const errors = [];
const error = (where, msg) => errors.push(`${where}: ${msg}`);
const seen = new Map(); // JSON of [author, text] -> "file:line"
const counts = new Map(); // file -> Map(label -> Map(kind -> n))

const files = fs.existsSync(dir)
  ? fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()
  : [];
if (files.length === 0) error(dir, 'no .jsonl files');

for (const file of files) {
  const rel = path.relative(root, path.join(dir, file)).split(path.sep).join('/');
  const wantSource = `synthetic:${rel}`;
  const fileLang = path.basename(file, '.jsonl');
  const perFile = new Map(LABELS.map((l) => [l, new Map()]));
  counts.set(file, perFile);
  const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  else error(file, 'does not end with a newline');
  lines.forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    let row;
    try {
      row = JSON.parse(line);
    } catch (e) {
      return error(at, `not JSON (${e.message})`);
    }
    if (row === null || typeof row !== 'object' || Array.isArray(row)) return error(at, 'not a JSON object');
    for (const k of REQUIRED) if (!(k in row)) error(at, `missing "${k}"`);
    for (const k of Object.keys(row)) {
      if (!REQUIRED.includes(k) && !OPTIONAL.includes(k)) error(at, `unknown field "${k}"`);
    }
    const { text, author, label, kind, lang, platform, thread, source, synthetic, note } = row;
    if (typeof text !== 'string') error(at, 'text must be a string');
    if (author !== null && (typeof author !== 'string' || author.trim() === '')) {
      error(at, 'author must be a non-empty string or null');
    }
    if (!LABELS.includes(label)) error(at, `label must be one of ${LABELS.join(', ')}`);
    if (!KINDS.includes(kind)) error(at, `kind must be one of ${KINDS.join(', ')}`);
    if (typeof lang !== 'string' || !/^[a-z]{2}$/.test(lang)) error(at, 'lang must be an ISO 639-1 code');
    else if (/^[a-z]{2}$/.test(fileLang) && lang !== fileLang) error(at, `lang "${lang}" in ${file}`);
    if (!PLATFORMS.includes(platform)) error(at, `platform must be one of ${PLATFORMS.join(', ')}`);
    if (thread !== null && (typeof thread !== 'string' || !thread.startsWith('synthetic:'))) {
      error(at, 'thread must be null or a string starting with "synthetic:"');
    }
    if (source !== wantSource) error(at, `source must be "${wantSource}"`);
    if (synthetic !== true) error(at, 'synthetic must be true');
    if (note !== undefined && (typeof note !== 'string' || note === '')) error(at, 'note must be a non-empty string');
    if (typeof text === 'string') {
      if (kind === 'comment' && text.trim() === '') error(at, 'a comment needs text');
      if ((kind === 'display_name' || kind === 'handle') && text !== '') error(at, `a ${kind} row has text ""`);
      if (text !== text.trim()) error(at, 'text has leading or trailing spaces');
    }
    if ((kind === 'display_name' || kind === 'handle') && typeof author !== 'string') {
      error(at, `a ${kind} row needs the name in author`);
    }
    // YouTube handles: @ and 3-30 letters (any script), digits, ".", "_", "-".
    if (platform === 'youtube' && typeof author === 'string') {
      if (kind === 'handle' && !author.startsWith('@')) error(at, 'a YouTube handle starts with @');
      if (author.startsWith('@') && !/^@[\p{L}\p{M}\p{N}._-]{3,30}$/u.test(author)) {
        error(at, 'a YouTube @handle has 3-30 letters, digits, ".", "_" or "-"');
      }
    }
    // Instagram shows the username with a comment; usernames are at most 30
    // Latin letters, digits, "." and "_" (no @, no look-alike letters).
    if (platform === 'instagram' && typeof author === 'string' && !/^[A-Za-z0-9._]{1,30}$/.test(author)) {
      error(at, 'an Instagram author is a username: up to 30 of A-Z a-z 0-9 . _ (no @)');
    }
    const key = JSON.stringify([author, text]);
    if (seen.has(key)) error(at, `same author and text as ${seen.get(key)}`);
    else seen.set(key, at);
    if (LABELS.includes(label) && KINDS.includes(kind)) {
      const m = perFile.get(label);
      m.set(kind, (m.get(kind) ?? 0) + 1);
    }
  });
}

// Counts: one row per file, columns label/kind, plus totals per label.
const columns = LABELS.flatMap((l) => KINDS.map((k) => [l, k]));
const header = ['file', ...LABELS.map((l) => `${l} (all)`), ...columns.map(([l, k]) => `${l}/${k}`), 'rows'];
const table = [...counts].map(([file, perFile]) => {
  const sum = (l) => [...perFile.get(l).values()].reduce((a, b) => a + b, 0);
  const cells = columns.map(([l, k]) => perFile.get(l).get(k) ?? 0);
  return [file, ...LABELS.map(sum), ...cells, LABELS.map(sum).reduce((a, b) => a + b, 0)];
});
if (table.length > 1) {
  table.push(['total', ...header.slice(1).map((_, i) => table.reduce((a, r) => a + r[i + 1], 0))]);
}
if (markdown) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const r of table) console.log(`| ${r.join(' | ')} |`);
} else {
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => String(r[i]).length)));
  const fmt = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(fmt(header));
  for (const r of table) console.log(fmt(r));
}

if (errors.length > 0) {
  for (const e of errors.slice(0, 200)) console.error(e);
  if (errors.length > 200) console.error(`… and ${errors.length - 200} more`);
  console.error(`${errors.length} error(s)`);
  process.exit(1);
}
console.error(`ok: ${files.length} file(s), ${seen.size} rows`);
