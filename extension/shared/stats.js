/**
 * Local statistics: how many comments Schild checked and hid, per day and
 * per site. Counts only — never a comment's text, author or address — kept
 * in storage.local for DAYS_KEPT days and shown on the options page.
 *
 *   stats = { '2026-11-23': { youtube: { hidden: 3, checked: 812 } }, … }
 *
 * A comment counts once per page visit: a page read again (after a pause,
 * a changed setting, a re-render) adds nothing; the same video opened again
 * later is another visit and counts again. Frames report their visit's
 * running counts; countsToAdd turns two reports into what is new.
 */
import { ext } from './browser-api.js';

const STATS_KEY = 'stats';
const DAYS_KEPT = 90;

/** Today's key in local time: the day a parent would say it was. */
export function dayKey(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export async function readStats() {
  const { [STATS_KEY]: stored } = await ext.storage.local.get(STATS_KEY);
  return stored ?? {};
}

/**
 * Adds counts to today's for a site; drops days older than DAYS_KEPT.
 * @param {string} site  a site name ('youtube', 'instagram')
 * @param {{ hidden: number, checked: number }} counts
 */
export async function addToStats(site, { hidden, checked }, date = new Date()) {
  if (!(hidden > 0 || checked > 0)) return;
  const stats = await readStats();
  const today = dayKey(date);
  const day = (stats[today] ??= {});
  const counts = (day[site] ??= { hidden: 0, checked: 0 });
  counts.hidden += Math.max(0, hidden);
  counts.checked += Math.max(0, checked);
  const oldest = dayKey(new Date(date.getTime() - DAYS_KEPT * 24 * 60 * 60 * 1000));
  for (const key of Object.keys(stats)) if (key < oldest) delete stats[key];
  await ext.storage.local.set({ [STATS_KEY]: stats });
}

/**
 * What a frame's report adds to the statistics: the growth of its visit's
 * counts since the frame's previous report, or all of them when the report
 * is of another visit (the page navigated, or a new document loaded).
 *
 * @param {{ visit?: string, hidden: number, checked: number } | undefined} before  the frame's previous report
 * @param {{ visit?: string, hidden: number, checked: number }} now
 */
export function countsToAdd(before, now) {
  const since = before && before.visit === now.visit ? before : { hidden: 0, checked: 0 };
  return {
    hidden: Math.max(0, (now.hidden ?? 0) - (since.hidden ?? 0)),
    checked: Math.max(0, (now.checked ?? 0) - (since.checked ?? 0)),
  };
}

export async function clearStats() {
  await ext.storage.local.remove(STATS_KEY);
}

/** One day's counts, all sites together. */
export function dayTotal(stats, day) {
  let hidden = 0;
  let checked = 0;
  for (const counts of Object.values(stats[day] ?? {})) {
    hidden += counts.hidden;
    checked += counts.checked;
  }
  return { hidden, checked };
}
