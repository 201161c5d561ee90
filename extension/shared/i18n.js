/**
 * Schild's words in the user's language. By default the browser's (through
 * the i18n API and _locales); the `uiLanguage` setting can choose another of
 * Schild's languages, which the i18n API cannot do, so the build bundles the
 * _locales catalogs (messages and placeholders only) as 'schild-locales'.
 */
import catalogs from 'schild-locales';
import { ext } from './browser-api.js';
import { format } from './message-format.js';

/** The chosen language, or null for the browser's. */
let chosen = null;

/** @param {string} language 'auto' or one of Schild's languages */
export function setLanguage(language) {
  chosen = language in catalogs ? language : null;
}

/**
 * A message with its substitutions, as `i18n.getMessage` gives it.
 * @param {string} key
 * @param {string | number | (string | number)[]} [substitutions]
 */
export function t(key, substitutions) {
  const list = (Array.isArray(substitutions) ? substitutions : substitutions === undefined ? [] : [substitutions]).map(String);
  if (!chosen) return ext.i18n.getMessage(key, list);
  const entry = catalogs[chosen][key] ?? catalogs.en?.[key];
  return entry ? format(entry, list) : '';
}
