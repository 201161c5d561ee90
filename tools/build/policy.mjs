// What a school writes to set Schild by browser policy, made from the
// settings table (extension/shared/settings.js) so that the site's schools
// pages and docs/policy.md show the same keys and the same examples, and
// neither can name a setting or a value Schild does not accept.
import { managedSchema, POLICY_ONLY, SETTINGS, SITE_SWITCHES, validSettings } from '../../extension/shared/settings.js';

/** The store ids the examples stand for until Schild is published (Firefox's is final). */
export const CHROME_ID = 'EXTENSION_ID';
export const FIREFOX_ID = 'schild@schild-extension.org';

/** Where Chromium-family browsers fetch a force-installed extension's updates. */
const UPDATE_URL = {
  chrome: 'https://clients2.google.com/service/update2/crx',
  edge: 'https://edge.microsoft.com/extensionwebstorebase/v1/crx',
};

/**
 * One school's choice, used by every example: strict, the children's tips,
 * the Flemish helplines, every site protected, settings locked, no "Show
 * anyway". Checked against the settings table when this module loads.
 */
export const EXAMPLE_SETTINGS = Object.freeze({
  sensitivity: 'strict',
  audience: 'child',
  region: 'be_nl',
  sites: Object.fromEntries(SITE_SWITCHES.map((site) => [site, true])),
  lockSettings: true,
  disableReveal: true,
});

{
  const { sites, ...rest } = EXAMPLE_SETTINGS;
  const valid = validSettings(EXAMPLE_SETTINGS);
  for (const [name, value] of Object.entries(rest)) {
    if (name in POLICY_ONLY ? typeof value !== 'boolean' : valid[name] !== value) {
      throw new Error(`policy example: ${name}=${JSON.stringify(value)} is not a valid setting`);
    }
  }
  if (JSON.stringify(valid.sites) !== JSON.stringify(sites)) throw new Error('policy example: sites is not valid');
}

/**
 * The locale messages that name a setting on the options page and label
 * its values (`<prefix><value>`); the schools pages reuse them.
 */
const LABELS = {
  sensitivity: { name: 'optionsSensitivity', value: 'sensitivity_' },
  audience: { name: 'optionsAudience', value: 'audience_' },
  revealPolicy: { name: 'optionsReveal', value: 'reveal_' },
  region: { name: 'optionsRegion', value: 'region_' },
  uiLanguage: { name: 'optionsUiLanguage', value: 'language_' },
  sites: { name: 'optionsSitesLegend', value: 'site_' },
};

/**
 * Every key a policy may set, in the schema's order: its values, with the
 * words the options page uses for each (from `messages`, a _locales
 * catalog as { key: text }), and what it is (`describe(name)` for the
 * policy-only switches, which have no options page words).
 *
 * `fallback` is what the key is when neither the user nor a policy set it.
 *
 * @returns {{ key: string, kind: 'enum' | 'switches' | 'boolean', values: { value: string, label?: string }[], label: string, fallback: unknown }[]}
 */
export function policyKeys(messages, describe) {
  const word = (key) => {
    if (!(key in messages)) throw new Error(`policy keys: no message ${key} in _locales`);
    return messages[key];
  };
  return Object.entries(managedSchema().properties).map(([key, schema]) => {
    if (key in POLICY_ONLY) {
      return { key, kind: 'boolean', values: [{ value: 'true' }, { value: 'false' }], label: describe(key), fallback: POLICY_ONLY[key] };
    }
    const labels = LABELS[key];
    if (!labels) throw new Error(`policy keys: ${key} has no words in tools/build/policy.mjs LABELS`);
    const values = SETTINGS[key].switches ?? SETTINGS[key].values;
    return {
      key,
      kind: schema.type === 'object' ? 'switches' : 'enum',
      values: values.map((value) => ({ value, label: value === 'auto' && key === 'region' ? word('region_auto') : word(labels.value + value) })),
      label: word(labels.name),
      fallback: SETTINGS[key].default,
    };
  });
}

const json = (value) => JSON.stringify(value, null, 2);

/** A .reg file: booleans as DWORD, words as strings, objects as JSON in a string. */
function registry(vendor, updateUrl) {
  const base = `HKEY_LOCAL_MACHINE\\Software\\Policies\\${vendor}`;
  const quote = (text) => `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  const values = Object.entries(EXAMPLE_SETTINGS).map(([name, value]) => {
    if (typeof value === 'boolean') return `"${name}"=dword:0000000${value ? 1 : 0}`;
    return `"${name}"=${quote(typeof value === 'string' ? value : JSON.stringify(value))}`;
  });
  return [
    'Windows Registry Editor Version 5.00',
    '',
    `[${base}\\ExtensionInstallForcelist]`,
    `"1"="${CHROME_ID};${updateUrl}"`,
    '',
    `[${base}\\3rdparty\\extensions\\${CHROME_ID}\\policy]`,
    ...values,
  ].join('\n');
}

/**
 * The examples by id, as a school pastes them:
 *   linux           Chrome/Chromium/Edge policy file (force-install + settings)
 *   windows-chrome  .reg for Chrome      windows-edge  .reg for Edge
 *   admin-console   Google Admin console, "Policy for extensions"
 *   firefox         policies.json
 */
export const POLICY_EXAMPLES = Object.freeze({
  linux: json({
    ExtensionSettings: {
      [CHROME_ID]: { installation_mode: 'force_installed', update_url: UPDATE_URL.chrome, toolbar_pin: 'force_pinned' },
    },
    '3rdparty': { extensions: { [CHROME_ID]: EXAMPLE_SETTINGS } },
  }),
  'windows-chrome': registry('Google\\Chrome', UPDATE_URL.chrome),
  'windows-edge': registry('Microsoft\\Edge', UPDATE_URL.edge),
  'admin-console': json(Object.fromEntries(Object.entries(EXAMPLE_SETTINGS).map(([name, value]) => [name, { Value: value }]))),
  firefox: json({
    policies: {
      ExtensionSettings: {
        [FIREFOX_ID]: {
          installation_mode: 'force_installed',
          install_url: 'https://addons.mozilla.org/firefox/downloads/latest/schild/latest.xpi',
        },
      },
      '3rdparty': { Extensions: { [FIREFOX_ID]: EXAMPLE_SETTINGS } },
    },
  }),
});

/** The example with this id; a typo in a page or a doc stops the build. */
export function policyExample(id) {
  if (!(id in POLICY_EXAMPLES)) throw new Error(`no policy example "${id}" (there are: ${Object.keys(POLICY_EXAMPLES).join(', ')})`);
  return POLICY_EXAMPLES[id];
}
