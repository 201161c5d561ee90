// docs/deploy.md is both the page schools read and the template of the
// POLICY.md that `tools/deploy.sh pack` writes with the school's own id and
// address filled in: one text, so the two cannot drift apart. Its policy
// examples are fenced code blocks, each after a `<!-- policy: NAME -->`
// line; the tests parse them, check them against the settings table and
// install Schild in Chromium with the `chromium-linux` one as written. Its
// table of the keys a policy may set is a section tools/build/docs.mjs
// writes, as it writes docs/policy.md's.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEPLOY_DOC = path.join(ROOT, 'docs', 'deploy.md');

/** What the page writes where the school's own values go. */
export const PLACEHOLDERS = { id: 'EXTENSION_ID', baseUrl: 'https://it.school.example/schild' };

const INTRO = /<!-- placeholders -->\n[\s\S]*?<!-- \/placeholders -->\n/;

const code = (value) => `\`${value}\``;

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
