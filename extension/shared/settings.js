/**
 * Schild's settings: what they are, their defaults, and reading and writing
 * them. Settings live in storage.local (this browser profile only). The
 * "not spam" list holds author names the user vouched for, per site; it is
 * the only thing Schild keeps that came from a page, and only on request.
 *
 * The options page (and, for schools, managed storage) builds on this.
 */
import { ext } from './browser-api.js';

/** Where help comes from: each region has its own helplines (help-resources.js). */
export const REGIONS = ['be_nl', 'be_fr', 'nl', 'fr', 'uk', 'us', 'intl'];

export const DEFAULTS = Object.freeze({
  /** relaxed | balanced | strict */
  sensitivity: 'balanced',
  /** Whose tips the card shows: child (9–12) | teen */
  audience: 'child',
  /** Whether a hidden comment can be shown: always | confirm | never */
  revealPolicy: 'confirm',
  /** Help links for this region; null: from the browser's language. */
  region: null,
});

const SETTINGS_KEY = 'settings';
const NOT_SPAM_KEY = 'notSpamAuthors';

/** The settings, defaults filled in and the region resolved. */
export async function readSettings() {
  const { [SETTINGS_KEY]: stored } = await ext.storage.local.get(SETTINGS_KEY);
  return resolve(stored);
}

function resolve(stored) {
  const settings = { ...DEFAULTS, ...(stored ?? {}) };
  if (!REGIONS.includes(settings.region)) {
    settings.region = regionFromLanguages([...(globalThis.navigator?.languages ?? []), ext.i18n.getUILanguage()]);
  }
  return settings;
}

/** Calls `listener(settings)` whenever the settings change, in any tab. */
export function onSettingsChanged(listener) {
  ext.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SETTINGS_KEY in changes) listener(resolve(changes[SETTINGS_KEY].newValue));
  });
}

/**
 * The region whose help fits the user's languages (most preferred first).
 * A language with a country decides (`nl-BE`, `fr-BE`, `en-GB`, `en-US`,
 * `nl-NL`, `fr-FR`): Chrome's own UI language is often just `nl` or `fr`,
 * which cannot tell Flanders from the Netherlands. Otherwise the first
 * language: Dutch → the Netherlands, French → France, else international.
 *
 * @param {string[]} languages BCP 47 tags
 */
export function regionFromLanguages(languages) {
  const tags = languages.filter(Boolean).map((tag) => tag.toLowerCase().split(/[-_]/));
  for (const [lang, country] of tags) {
    if (country === 'be' && (lang === 'nl' || lang === 'fr')) return `be_${lang}`;
    if (country === 'nl' && lang === 'nl') return 'nl';
    if (country === 'fr' && lang === 'fr') return 'fr';
    if (country === 'gb' && lang === 'en') return 'uk';
    if (country === 'us' && lang === 'en') return 'us';
  }
  const first = tags[0]?.[0];
  if (first === 'nl') return 'nl';
  if (first === 'fr') return 'fr';
  return 'intl';
}

/**
 * Authors the user marked "not spam", per site: `{ [site]: { [author]: time } }`.
 * Names only, never comment text.
 */
export async function readNotSpam() {
  const { [NOT_SPAM_KEY]: stored } = await ext.storage.local.get(NOT_SPAM_KEY);
  return stored ?? {};
}

export async function setNotSpam(site, author, notSpam) {
  const all = await readNotSpam();
  const authors = { ...(all[site] ?? {}) };
  if (notSpam) authors[author] = Date.now();
  else delete authors[author];
  await ext.storage.local.set({ [NOT_SPAM_KEY]: { ...all, [site]: authors } });
}

/** Calls `listener(notSpam)` whenever the not-spam list changes, in any tab. */
export function onNotSpamChanged(listener) {
  ext.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && NOT_SPAM_KEY in changes) listener(changes[NOT_SPAM_KEY].newValue ?? {});
  });
}
