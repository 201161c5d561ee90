// The marks Schild leaves on comments (extension/content/marks.js) are the
// contract with the stylesheet: content.css may key only on the attributes
// and states marks.js defines, never on the state attribute itself (so a
// clean mark costs the page no restyle), blurs a hidden comment (without a
// filter), hides a pending one, and styles no other state that way.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CARD_ATTRIBUTE, LOOK_ATTRIBUTE, mark, markedSelector, SEXSPAM_STATES, STATE_ATTRIBUTE, State } from '../../extension/content/marks.js';

const CSS = fs.readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../extension/content/content.css'),
  'utf8',
).replaceAll(/\/\*[\s\S]*?\*\//g, '');

/** Every attribute selector in the stylesheet: [name] or [name="value"]. */
const attributeSelectors = [...CSS.matchAll(/\[([\w-]+)(?:="([^"]*)")?\]/g)].map(([, name, value]) => ({ name, value }));

test('content.css uses only the attributes marks.js defines, and never the state attribute', () => {
  assert.ok(attributeSelectors.length > 0, 'the stylesheet has attribute selectors');
  assert.deepEqual(
    attributeSelectors.filter(({ name }) => name !== LOOK_ATTRIBUTE && name !== CARD_ATTRIBUTE),
    [],
  );
});

test('content.css uses only the states marks.js defines', () => {
  const states = new Set(Object.values(State));
  const used = attributeSelectors.filter(({ name, value }) => name === LOOK_ATTRIBUTE && value !== undefined);
  assert.ok(used.length > 0);
  assert.deepEqual(used.filter(({ value }) => !states.has(value) || value === State.clean), []);
});

/** The states whose rules set `property` on what a comment shows besides its card. */
function statesStyling(property) {
  const states = [];
  for (const [, selectors, body] of CSS.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    if (!property.test(body)) continue;
    // The selector list's commas, not those inside :is(…) or :not(…).
    for (const selector of selectors.split(/,(?![^(]*\))/)) {
      const state = new RegExp(`\\[${LOOK_ATTRIBUTE}="([^"]*)"\\]`).exec(selector)?.[1];
      assert.ok(state, `not keyed on a state: ${selector.trim()}`);
      assert.match(selector, new RegExp(`:not\\(\\[${CARD_ATTRIBUTE}\\]\\)`), 'the card itself is never hidden');
      states.push(state);
    }
  }
  return [...new Set(states)].sort();
}

test('content.css blurs hidden comments and hides pending ones, nothing else', () => {
  // Hidden: text as a blurred shadow of itself, pictures and backgrounds
  // (a button's box, a background image) not shown; pending: nothing shown.
  assert.deepEqual(statesStyling(/-webkit-text-fill-color:\s*transparent/), [State.blurred]);
  assert.deepEqual(statesStyling(/background:\s*transparent/), [State.blurred]);
  assert.deepEqual(statesStyling(/text-shadow:[^;]* [1-9]\d*px/), [State.blurred]);
  assert.deepEqual(statesStyling(/visibility:\s*hidden/), [State.blurred, State.pending]);
  // A filter or opacity gives each hidden comment a paint layer, which on a
  // long page costs a restyle of seconds (content.css says why).
  assert.doesNotMatch(CSS, /\b(filter|opacity)\s*:/);
});

test('mark writes the state, and the look for every state but clean, only when they change', () => {
  const writes = [];
  const attributes = new Map();
  const element = {
    getAttribute: (name) => attributes.get(name) ?? null,
    setAttribute: (name, value) => writes.push(`${name}=${value}`) && attributes.set(name, value),
    removeAttribute: (name) => attributes.delete(name) && writes.push(`-${name}`),
  };
  mark(element, State.pending);
  assert.deepEqual(writes.splice(0), [`${STATE_ATTRIBUTE}=pending`, `${LOOK_ATTRIBUTE}=pending`]);
  mark(element, State.clean);
  assert.deepEqual(writes.splice(0), [`${STATE_ATTRIBUTE}=clean`, `-${LOOK_ATTRIBUTE}`]);
  mark(element, State.clean);
  assert.deepEqual(writes.splice(0), [], 'a clean comment marked clean again: no write');
  mark(element, State.blurred);
  mark(element, State.revealed);
  assert.deepEqual(writes.splice(0), [`${STATE_ATTRIBUTE}=blurred`, `${LOOK_ATTRIBUTE}=blurred`, `${STATE_ATTRIBUTE}=revealed`, `${LOOK_ATTRIBUTE}=revealed`]);
  mark(element, null);
  assert.deepEqual(writes.splice(0), [`-${STATE_ATTRIBUTE}`, `-${LOOK_ATTRIBUTE}`]);
  assert.equal(attributes.size, 0);
});

test('sex-spam states are states; their selector finds each of them', () => {
  for (const state of SEXSPAM_STATES) assert.ok(Object.values(State).includes(state), state);
  assert.equal(markedSelector(), `[${STATE_ATTRIBUTE}]`);
  assert.equal(markedSelector(State.blurred, State.allowed), `[${STATE_ATTRIBUTE}="blurred"], [${STATE_ATTRIBUTE}="allowed"]`);
});
