// The classifier's measured figures as the site and docs/classifier.md show
// them, read from model/figures.json (written by the evaluation). A figure
// not measured yet is null there and shows as a dash.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIGURES_FILE = path.join(ROOT, 'model', 'figures.json');

/**
 * The three ways of measuring, most honest first: a whole source left out
 * of training, a whole language left out, and a random split of the same
 * sources (which flatters: the test shares sources with training).
 */
export const MEASURES = ['leave_one_source_out', 'leave_one_language_out', 'random_split'];

/** @returns {{ about: string, sensitivity: string } & Record<string, { recall: number|null, fpr: number|null, groups?: object[] }>} */
export function readFigures(file = FIGURES_FILE) {
  const figures = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const measure of MEASURES) {
    const entry = figures[measure];
    if (!entry || !('recall' in entry) || !('fpr' in entry)) throw new Error(`${path.relative(ROOT, file)}: ${measure} needs recall and fpr (null when not measured)`);
    for (const group of entry.groups ?? []) {
      if (typeof group.group !== 'string') throw new Error(`${path.relative(ROOT, file)}: a group of ${measure} has no name`);
    }
  }
  return figures;
}

/** 0.959 → "95.9%" (in the language's own way: "95,9 %" in French); null → "—". */
export function percent(value, lang = 'en') {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(lang, { style: 'percent', maximumSignificantDigits: 3 }).format(value);
}

/** 8880 → "8,880" ("8.880", "8 880"); null → "—". */
export function count(value, lang = 'en') {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(lang).format(value);
}
