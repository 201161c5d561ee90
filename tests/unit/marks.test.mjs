// The marks Schild leaves on comments (extension/content/marks.js) are the
// contract with the stylesheet: content.css may key only on the attributes
// and states marks.js defines, and blurs a comment while it is pending or
// hidden, and in no other state.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CARD_ATTRIBUTE, markedSelector, SEXSPAM_STATES, STATE_ATTRIBUTE, State } from '../../extension/content/marks.js';

const CSS = fs.readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../extension/content/content.css'),
  'utf8',
).replaceAll(/\/\*[\s\S]*?\*\//g, '');

/** Every attribute selector in the stylesheet: [name] or [name="value"]. */
const attributeSelectors = [...CSS.matchAll(/\[([\w-]+)(?:="([^"]*)")?\]/g)].map(([, name, value]) => ({ name, value }));

test('content.css uses only the attributes marks.js defines', () => {
  assert.ok(attributeSelectors.length > 0, 'the stylesheet has attribute selectors');
  assert.deepEqual(
    attributeSelectors.filter(({ name }) => name !== STATE_ATTRIBUTE && name !== CARD_ATTRIBUTE),
    [],
  );
});

test('content.css uses only the states marks.js defines', () => {
  const states = new Set(Object.values(State));
  const used = attributeSelectors.filter(({ name, value }) => name === STATE_ATTRIBUTE && value !== undefined);
  assert.deepEqual(used.filter(({ value }) => !states.has(value)), []);
});

test('content.css blurs pending and blurred comments only', () => {
  const blurred = [];
  for (const [, selectors, body] of CSS.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    if (!/filter:\s*blur/.test(body)) continue;
    for (const selector of selectors.split(',')) {
      const state = new RegExp(`\\[${STATE_ATTRIBUTE}="([^"]*)"\\]`).exec(selector)?.[1];
      assert.ok(state, `a blur that is not keyed on a state: ${selector.trim()}`);
      assert.match(selector, new RegExp(`:not\\(\\[${CARD_ATTRIBUTE}\\]\\)`), 'the card itself is never blurred');
      blurred.push(state);
    }
  }
  assert.deepEqual(blurred.sort(), [State.blurred, State.pending].sort());
});

test('sex-spam states are states; their selector finds each of them', () => {
  for (const state of SEXSPAM_STATES) assert.ok(Object.values(State).includes(state), state);
  assert.equal(markedSelector(), `[${STATE_ATTRIBUTE}]`);
  assert.equal(markedSelector(State.blurred, State.allowed), `[${STATE_ATTRIBUTE}="blurred"], [${STATE_ATTRIBUTE}="allowed"]`);
});
