// Chrome's message format (extension/shared/message-format.js), which
// Schild applies itself when the user chose a language other than the
// browser's. The browser tests (tests/e2e/card.test.mjs) compare it with
// what chrome.i18n shows; these pin down the rules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { format } from '../../extension/shared/message-format.js';

const placeholders = { hidden: { content: '$1' }, checked: { content: '$2' } };

test('named placeholders take the substitution their content names, in any case', () => {
  assert.equal(format({ message: '$HIDDEN$ hidden of $Checked$ comments', placeholders }, ['3', '120']), '3 hidden of 120 comments');
  assert.equal(format({ message: 'of $CHECKED$, $HIDDEN$ hidden', placeholders }, ['3', '120']), 'of 120, 3 hidden', 'order follows the translation');
});

test('positional substitutions in the message itself; a missing one is empty', () => {
  assert.equal(format({ message: 'Call $1 ($2)' }, ['116 000']), 'Call 116 000 ()');
});

test('$$ is a dollar; an unknown placeholder stays as written', () => {
  assert.equal(format({ message: 'costs $$5' }, []), 'costs $5');
  assert.equal(format({ message: 'hello $NAME$' }, ['x']), 'hello $NAME$');
});

test('a substitution is inserted as text, never read as a placeholder', () => {
  assert.equal(format({ message: 'by $AUTHOR$', placeholders: { author: { content: '$1' } } }, ['$2 $$ $AUTHOR$']), 'by $2 $$ $AUTHOR$');
});
