/**
 * Schild's words in the user's language: the browser's by default (through
 * the i18n API and _locales), or the one the `uiLanguage` setting chooses,
 * which the API cannot do, so the build bundles the _locales catalogs
 * (messages and placeholders only) as 'schild-locales'. The content script
 * takes the browser's language from the bundle too (see
 * wordsFromBundle).
 */
import catalogs from 'schild-locales';
import { ext } from './browser-api.js';
import { format } from './message-format.js';

/** The language every message has (the manifest's default_locale), used where another lacks one. */
const DEFAULT_LANGUAGE = 'en';

/** The chosen language, or null for the browser's. */
let chosen = null;
/** The browser's, among Schild's languages, when the bundle gives its words (wordsFromBundle). */
let browsers = null;

/**
 * Messages without substitutions already looked up, in the chosen language:
 * a card asks for some twenty.
 * @type {Map<string, string>}
 */
const plain = new Map();

/**
 * Has the browser's language's words come from the bundle, picked as the
 * i18n API picks (the UI language's catalog, else the default), rather
 * than from the API: its first getMessage in a frame is a synchronous call
 * to the browser for the whole catalog, which a content script made in the
 * middle of drawing a page's first card. (Extension pages keep the API:
 * they are opened rarely, and a test browser's language emulation reaches
 * getUILanguage there only after a page opened by the extension started.)
 */
export function wordsFromBundle() {
  const language = String(ext.i18n.getUILanguage?.() ?? '').toLowerCase().split(/[-_]/)[0];
  browsers = language in catalogs ? language : DEFAULT_LANGUAGE;
  plain.clear();
}

/** @param {string} language 'auto' or one of Schild's languages */
export function setLanguage(language) {
  chosen = language in catalogs ? language : null;
  plain.clear();
}

/**
 * A message with its substitutions, as `i18n.getMessage` gives it.
 * @param {string} key
 * @param {string | number | (string | number)[]} [substitutions]
 */
export function t(key, substitutions) {
  if (substitutions === undefined) {
    let message = plain.get(key);
    if (message === undefined) plain.set(key, (message = lookUp(key, [])));
    return message;
  }
  return lookUp(key, (Array.isArray(substitutions) ? substitutions : [substitutions]).map(String));
}

function lookUp(key, list) {
  const language = chosen ?? browsers;
  if (!language) return ext.i18n.getMessage(key, list);
  const entry = catalogs[language]?.[key] ?? catalogs[DEFAULT_LANGUAGE]?.[key];
  return entry ? format(entry, list) : '';
}
