/**
 * Schild's words in the user's language: the browser's by default, as the
 * i18n API would pick it from _locales, or the one the `uiLanguage` setting
 * chooses (which the API cannot do). The build bundles the _locales
 * catalogs (messages and placeholders only) as 'schild-locales', and the
 * words come from there either way: the API's first getMessage in a frame
 * is a synchronous call to the browser for the whole catalog, which a
 * content script made in the middle of drawing its first card.
 */
import catalogs from 'schild-locales';
import { ext } from './browser-api.js';
import { format } from './message-format.js';

/** The language every message has (the manifest's default_locale), used where another lacks one. */
const DEFAULT_LANGUAGE = 'en';

/** The chosen language, or null for the browser's. */
let chosen = null;
/** The browser's, among Schild's languages, once asked. */
let browsers = null;

/**
 * Messages without substitutions already looked up, in the chosen language:
 * a card asks for some twenty.
 * @type {Map<string, string>}
 */
const plain = new Map();

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

/**
 * The i18n API's choice for the browser: the catalog of the UI language
 * (`nl-BE` → nl), else the default.
 */
function browserLanguage() {
  if (browsers === null) {
    const language = String(ext.i18n.getUILanguage?.() ?? '').toLowerCase().split(/[-_]/)[0];
    browsers = language in catalogs ? language : DEFAULT_LANGUAGE;
  }
  return browsers;
}

function lookUp(key, list) {
  const entry = catalogs[chosen ?? browserLanguage()]?.[key] ?? catalogs[DEFAULT_LANGUAGE]?.[key];
  if (entry) return format(entry, list);
  // A bundle may leave messages out (the content script's has the card's
  // only): the browser's language still has the API.
  return chosen ? '' : ext.i18n.getMessage(key, list);
}
