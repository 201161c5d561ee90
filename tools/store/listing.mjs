// The stores' listing texts in each language, from the one place the
// extension keeps its words: extension/_locales/<lang>/messages.json. The
// name and summary are the extension's own (extName, extDescription); the
// rest are its store* messages; the permission reasons are those
// tools/store/permissions.mjs names. Nothing here is a copy to keep in step.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPLAINED } from './permissions.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The languages of the listings: those of the extension. */
export const STORE_LANGUAGES = ['en', 'nl', 'fr'];

/** The longest summary each store takes (Chrome: the manifest description). */
export const SUMMARY_LIMIT = { chrome: 132, firefox: 250 };

/** The screenshots, in the order the listings show them, with their captions' messages. */
export const SCREENSHOTS = {
  '1-card': 'storeCaptionCard',
  '2-help': 'storeCaptionHelp',
  '3-popup': 'storeCaptionPopup',
  '4-options': 'storeCaptionOptions',
};

function messages(lang) {
  const file = path.join(ROOT, 'extension', '_locales', lang, 'messages.json');
  const catalog = JSON.parse(fs.readFileSync(file, 'utf8'));
  return (key) => {
    const text = catalog[key]?.message;
    if (!text) throw new Error(`${path.relative(ROOT, file)} has no message ${key}`);
    return text;
  };
}

/** Everything a store asks to be written, in `lang`. */
export function listing(lang) {
  const t = messages(lang);
  const reasons = (explained) => Object.entries(explained).map(([item, key]) => ({ item, reason: t(key) }));
  return {
    name: t('extName'),
    summary: t('extDescription'),
    description: t('storeDescription'),
    singlePurpose: t('storeSinglePurpose'),
    privacy: t('storePrivacy'),
    remoteCode: t('storeRemoteCode'),
    permissions: reasons(EXPLAINED.permissions),
    hosts: reasons(EXPLAINED.hosts),
    exposedFiles: reasons(EXPLAINED.exposedFiles),
    captions: Object.fromEntries(Object.entries(SCREENSHOTS).map(([name, key]) => [name, t(key)])),
  };
}

const reasonList = (reasons) => reasons.map(({ item, reason }) => `- \`${item}\`: ${reason}`).join('\n');

/**
 * The listing as a page to copy from, field by field, in the order of the
 * store's forms (Chrome Web Store: store listing, then privacy practices;
 * addons.mozilla.org: the listing).
 */
export function listingMarkdown(store, lang, text) {
  const screenshots = Object.entries(text.captions).map(([name, caption]) => `- \`screenshots/${name}.png\`: ${caption}`).join('\n');
  const common = `# Schild: ${store === 'chrome' ? 'Chrome Web Store' : 'addons.mozilla.org'} listing (${lang})

Made by \`tools/store.sh\` from \`extension/_locales/${lang}/messages.json\`; change the texts there.

## Name

${text.name}

## Summary

${text.summary}

## Description

${text.description}

## Screenshots (1280×800)

${screenshots}
`;
  if (store === 'chrome') {
    return `${common}
## Privacy practices

### Single purpose

${text.singlePurpose}

### Permission justification

${reasonList(text.permissions)}

### Host permission justification

${reasonList(text.hosts)}

### Remote code

${text.remoteCode}

### Data usage

Tick none of the kinds of data (Schild collects none), and the three certifications. Statement:

${text.privacy}
`;
  }
  return `${common}
## Privacy policy

${text.privacy}

## Why Schild needs what it asks for

${reasonList([...text.permissions, ...text.hosts, ...text.exposedFiles])}

## Notes to reviewers

The package contains generated code (the classifier in WebAssembly, esbuild's bundles): upload
\`dist/schild-source-<version>.zip\` as the source code; its REVIEWERS.md says how to rebuild.
`;
}
