// docs/deploy.md is both the page schools read and the template of the
// POLICY.md that `tools/deploy.sh pack` writes with the school's own id and
// address filled in: one text, so the two cannot drift apart. Its policy
// examples are fenced code blocks, each after a `<!-- policy: NAME -->`
// line; the tests parse them, check them against the settings table and
// install Schild in Chromium with the `chromium-linux` one as written.
//
// Its table of the settings policy can set is generated from
// extension/shared/settings.js: `node tools/deploy/policy-doc.mjs --write`
// rewrites it; the tests fail while it is stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { POLICY_ONLY, SETTINGS } from '../../extension/shared/settings.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEPLOY_DOC = path.join(ROOT, 'docs', 'deploy.md');

/** What the page writes where the school's own values go. */
export const PLACEHOLDERS = { id: 'EXTENSION_ID', baseUrl: 'https://it.school.example/schild' };

const GENERATED = /(<!-- generated: policy settings[^\n]*-->\n)[\s\S]*?(<!-- end generated -->)/;
const INTRO = /<!-- placeholders -->\n[\s\S]*?<!-- \/placeholders -->\n/;

const code = (value) => `\`${value}\``;

/** The markdown table of every setting policy can set, from the settings table. */
export function policySettingsTable() {
  const rows = Object.entries(SETTINGS).map(([name, setting]) =>
    setting.switches
      ? `| ${code(name)} | an object with ${setting.switches.map(code).join(', ')}, each ${code(true)} or ${code(false)} | ${Object.values(setting.default).every(Boolean) ? `all ${code(true)}` : code(JSON.stringify(setting.default))} |`
      : `| ${code(name)} | ${setting.values.map(code).join(', ')} | ${code(setting.default)} |`,
  );
  for (const [name, fallback] of Object.entries(POLICY_ONLY)) {
    rows.push(`| ${code(name)} | ${code(true)}, ${code(false)} (policy only) | ${code(fallback)} |`);
  }
  return ['| setting | values | default |', '|---|---|---|', ...rows, ''].join('\n');
}

/** The page with its generated table as the settings table says it should be. */
export function withCurrentTable(markdown) {
  if (!GENERATED.test(markdown)) throw new Error('docs/deploy.md lost its generated settings table markers');
  return markdown.replace(GENERATED, (_, start, end) => `${start}${policySettingsTable()}${end}`);
}

/** { name → code block text } of the page's policy examples. */
export function policyBlocks(markdown) {
  const blocks = {};
  for (const [, name, text] of markdown.matchAll(/<!-- policy: ([\w-]+) -->\n```\w*\n([\s\S]*?)\n```/g)) blocks[name] = text;
  return blocks;
}

/** POLICY.md: the page with the school's id and base URL in place of the placeholders. */
export function fillPolicyDoc({ id, baseUrl }, markdown = fs.readFileSync(DEPLOY_DOC, 'utf8')) {
  const note = `This copy is filled in for the extension id ${code(id)} and the address ${code(baseUrl)}; \`tools/deploy.sh pack\` wrote it from docs/deploy.md.\n`;
  return markdown.replace(INTRO, note).replaceAll(PLACEHOLDERS.id, id).replaceAll(PLACEHOLDERS.baseUrl, baseUrl);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const current = fs.readFileSync(DEPLOY_DOC, 'utf8');
  const updated = withCurrentTable(current);
  if (process.argv.includes('--write')) {
    fs.writeFileSync(DEPLOY_DOC, updated);
    console.log(updated === current ? 'docs/deploy.md is up to date' : 'docs/deploy.md: settings table rewritten');
  } else if (updated !== current) {
    console.error('docs/deploy.md: the settings table is stale; run node tools/deploy/policy-doc.mjs --write');
    process.exit(1);
  }
}
