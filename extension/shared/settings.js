/**
 * Schild's settings: what they are, their defaults, and reading and writing
 * them. One description (SETTINGS) serves the options page, validation of
 * imported files, and the schema administrators set policy against.
 *
 * Where a value comes from, lowest to highest priority:
 *   DEFAULTS  ←  storage.local (what the user chose, this profile only)
 *             ←  storage.managed (set by an organisation through policy)
 * A managed value always wins and the UI shows it as set by the
 * organisation; `lockSettings` makes every setting read-only and
 * `disableReveal` takes "Show anyway" and "Not spam" off the card.
 *
 * The "not spam" list holds author names the user vouched for, per site; it
 * is the only thing Schild keeps that came from a page, and only on request.
 */
import { SITES } from '../content/sites/site.js';
import { ext } from './browser-api.js';

/** Where help comes from: each region has its own helplines (help-resources.js). */
export const REGIONS = ['be_nl', 'be_fr', 'nl', 'fr', 'uk', 'us', 'intl'];

/** The languages Schild's pages and cards speak. */
export const LANGUAGES = ['nl', 'fr', 'en'];

/**
 * What can be protected, each switched on or off on its own: every site in
 * SITES, and each of its surfaces (Shorts, live chat), which are protected
 * only while the site is.
 */
export const SITE_SWITCHES = SITES.flatMap(({ name, surfaces }) => [name, ...surfaces]);

/** The settings, their values and defaults. */
export const SETTINGS = Object.freeze({
  sensitivity: { values: ['relaxed', 'balanced', 'strict'], default: 'balanced' },
  /** Whose tips the card shows: children 9–12 or teens. */
  audience: { values: ['child', 'teen'], default: 'child' },
  /** Whether a hidden comment can be shown. */
  revealPolicy: { values: ['always', 'confirm', 'never'], default: 'confirm' },
  /** Help links for this region; auto: from the browser's languages. */
  region: { values: ['auto', ...REGIONS], default: 'auto' },
  /** The language of cards and pages; auto: the browser's. */
  uiLanguage: { values: ['auto', ...LANGUAGES], default: 'auto' },
  sites: { switches: SITE_SWITCHES, default: Object.fromEntries(SITE_SWITCHES.map((name) => [name, true])) },
});

/** Only an organisation can set these (managed storage). */
export const POLICY_ONLY = Object.freeze({
  /** Every setting read-only; no site can be paused. */
  lockSettings: false,
  /** No "Show anyway" and no "Not spam" on the card. */
  disableReveal: false,
});

export const DEFAULTS = Object.freeze(
  Object.fromEntries(Object.entries(SETTINGS).map(([name, setting]) => [name, setting.default])),
);

const SETTINGS_KEY = 'settings';
const POLICY_KEY = 'policy';
const NOT_SPAM_KEY = 'notSpamAuthors';
/** In storage.session (gone when the browser closes): the copy of the policy is this session's. */
const POLICY_READ_KEY = 'policyReadThisSession';

/**
 * The settings in force: defaults, the user's choices and policy merged.
 *
 * Chromium answers the first storage.managed read of a browser session only
 * once its policy service is ready — measured 2.9 s after launch — so
 * content scripts read the copy of the policy the background keeps in
 * storage.local (mirrorPolicy); pages that show policy read it `live`.
 *
 * @param {{ live?: boolean }} [options]
 * @returns {Promise<Settings>}
 * @typedef {typeof DEFAULTS & {
 *   region: string,         resolved: never 'auto'
 *   chosen: typeof DEFAULTS the values before resolution (for the options page)
 *   managed: string[]       what the organisation set: 'sensitivity', 'sites.instagram', …
 *   lockSettings: boolean, disableReveal: boolean
 * }} Settings
 */
export async function readSettings({ live = false } = {}) {
  const [{ [SETTINGS_KEY]: local, [POLICY_KEY]: policyCopy }, managed] = await Promise.all([
    ext.storage.local.get([SETTINGS_KEY, POLICY_KEY]),
    live ? readManaged() : null,
  ]);
  const languages = [...(globalThis.navigator?.languages ?? []), ext.i18n.getUILanguage()];
  return effectiveSettings(local, managed ?? policyCopy ?? {}, languages);
}

/**
 * Copies the organisation's policy into storage.local, where content
 * scripts read it without waiting; the background calls this when it starts
 * and whenever the policy changes.
 */
export async function mirrorPolicy() {
  const managed = await readManaged();
  const { [POLICY_KEY]: copy } = await ext.storage.local.get(POLICY_KEY);
  if (JSON.stringify(copy ?? {}) !== JSON.stringify(managed)) await ext.storage.local.set({ [POLICY_KEY]: managed });
  await ext.storage.session?.set({ [POLICY_READ_KEY]: true });
}

/**
 * The settings in force as soon as storage.local answers, for the pages
 * that show them (options, popup), which must draw at once. `policyKnown`
 * says whether the policy in them is this browser session's: the
 * background has read the real policy since the browser started and copied
 * it (mirrorPolicy). Until then a page shows its controls pending, never
 * unlocked, and waits for readSettings({ live: true }).
 *
 * @returns {Promise<{ settings: Settings, policyKnown: boolean }>}
 */
export async function readSettingsNow() {
  const [settings, session] = await Promise.all([readSettings(), ext.storage.session?.get(POLICY_READ_KEY)]);
  return { settings, policyKnown: session?.[POLICY_READ_KEY] === true };
}

/**
 * Merges the user's choices and policy over the defaults (pure, for tests).
 * Invalid values anywhere are ignored, never thrown on: a bad policy or a
 * hand-edited file must not stop protection.
 */
export function effectiveSettings(local, managed, languages) {
  const chosen = { ...structuredClone(DEFAULTS), ...validSettings(local) };
  const policy = validSettings(managed);
  const managedNames = [];
  for (const [name, value] of Object.entries(policy)) {
    if (name === 'sites') {
      Object.assign(chosen.sites, value);
      managedNames.push(...Object.keys(value).map((site) => `sites.${site}`));
    } else {
      chosen[name] = value;
      managedNames.push(name);
    }
  }
  const flags = Object.fromEntries(
    Object.entries(POLICY_ONLY).map(([name, fallback]) => [name, typeof managed?.[name] === 'boolean' ? managed[name] : fallback]),
  );
  const settings = { ...structuredClone(chosen), chosen, managed: managedNames, ...flags };
  if (settings.region === 'auto') settings.region = regionFromLanguages(languages);
  if (flags.disableReveal) settings.revealPolicy = 'never';
  return settings;
}

/**
 * The valid part of a settings object (from storage, policy or a file):
 * known names with allowed values; everything else is dropped.
 */
export function validSettings(candidate) {
  const valid = {};
  if (!candidate || typeof candidate !== 'object') return valid;
  for (const [name, setting] of Object.entries(SETTINGS)) {
    const value = candidate[name];
    if (setting.values?.includes(value)) valid[name] = value;
    if (setting.switches && value && typeof value === 'object') {
      const switches = Object.fromEntries(
        setting.switches.filter((site) => typeof value[site] === 'boolean').map((site) => [site, value[site]]),
      );
      if (Object.keys(switches).length > 0) valid[name] = switches;
    }
  }
  // Settings from before `region` had 'auto' stored null.
  if (candidate.region === null) valid.region = 'auto';
  return valid;
}

/** Whether a setting (or `sites.<name>`) may be changed by the user. */
export function canChange(settings, name) {
  return !settings.lockSettings && !settings.managed.includes(name);
}

/** Whether Schild protects a site, and the surface of it the page is. */
export function isProtected(settings, site, surface) {
  return settings.sites[site] !== false && (!surface || settings.sites[surface] !== false);
}

/**
 * Stores the user's choice for some settings. Rejects values that are not
 * allowed and settings the organisation has set.
 *
 * @param {Partial<typeof DEFAULTS>} changes  `sites` may name some sites only
 */
export async function writeSettings(changes) {
  const current = await readSettings({ live: true });
  const valid = validSettings(changes);
  for (const name of Object.keys(changes)) {
    if (!(name in valid)) throw new Error(`not a valid setting: ${name}`);
    const names = name === 'sites' ? Object.keys(valid.sites).map((site) => `sites.${site}`) : [name];
    for (const each of names) {
      if (!canChange(current, each)) throw new Error(`set by your organisation: ${each}`);
    }
  }
  const local = await readLocal();
  const next = { ...local, ...valid };
  if (valid.sites) next.sites = { ...(local.sites ?? {}), ...valid.sites };
  await ext.storage.local.set({ [SETTINGS_KEY]: next });
}

async function readLocal() {
  const { [SETTINGS_KEY]: stored } = await ext.storage.local.get(SETTINGS_KEY);
  return validSettings(stored);
}

/**
 * What the organisation set, or nothing. Firefox rejects when no policy
 * exists; a browser without managed storage has no `storage.managed`.
 */
async function readManaged() {
  try {
    return (await ext.storage.managed?.get(null)) ?? {};
  } catch {
    return {};
  }
}

/** Calls `listener(settings)` whenever the user or the organisation changes settings. */
export function onSettingsChanged(listener) {
  ext.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && (SETTINGS_KEY in changes || POLICY_KEY in changes))) {
      readSettings({ live: area === 'managed' }).then(listener, (error) => console.debug('Schild: settings unreadable', error));
    }
  });
}

/**
 * The JSON schema of the policy administrators can set
 * (manifest `storage.managed_schema`; the build writes it from SETTINGS).
 */
export function managedSchema() {
  const properties = {};
  for (const [name, setting] of Object.entries(SETTINGS)) {
    properties[name] = setting.switches
      ? {
          type: 'object',
          properties: Object.fromEntries(setting.switches.map((site) => [site, { type: 'boolean' }])),
        }
      : { type: 'string', enum: setting.values };
  }
  for (const name of Object.keys(POLICY_ONLY)) properties[name] = { type: 'boolean' };
  return { type: 'object', properties };
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

/**
 * The user's settings and not-spam list as a file's contents. Policy values
 * are not the user's and the PIN stays on this device: neither is exported.
 */
export async function exportSettings() {
  const [{ [SETTINGS_KEY]: settings }, notSpamAuthors] = await Promise.all([
    ext.storage.local.get(SETTINGS_KEY),
    readNotSpam(),
  ]);
  return { schild: 1, settings: validSettings(settings), notSpamAuthors };
}

/**
 * Replaces the user's settings and not-spam list with a file's. Throws,
 * changing nothing, when the file is not a Schild settings file; invalid
 * values inside it are left out. Settings the organisation set stay theirs.
 */
export async function importSettings(file) {
  if (!file || typeof file !== 'object' || file.schild !== 1 || typeof file.settings !== 'object') {
    throw new Error('not a Schild settings file');
  }
  const current = await readSettings({ live: true });
  if (current.lockSettings) throw new Error('settings are locked by your organisation');
  const settings = validSettings(file.settings);
  const notSpamAuthors = {};
  for (const [site, authors] of Object.entries(file.notSpamAuthors ?? {})) {
    if (!SITES.some(({ name }) => name === site) || !authors || typeof authors !== 'object') continue;
    notSpamAuthors[site] = Object.fromEntries(
      Object.entries(authors).filter(([name, time]) => name.length <= 200 && Number.isFinite(time)),
    );
  }
  await ext.storage.local.set({ [SETTINGS_KEY]: settings, [NOT_SPAM_KEY]: notSpamAuthors });
}
