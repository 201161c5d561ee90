/**
 * The marks Schild leaves on a page, which content.css styles: every comment
 * element it has read carries STATE_ATTRIBUTE with one of the States, and a
 * hidden one holds its card in its first child, marked CARD_ATTRIBUTE.
 * verdict-display.js is the only writer; a unit test holds content.css to
 * these names (tests/unit/marks.test.mjs).
 */

/** The attribute that says what Schild made of a comment element. */
export const STATE_ATTRIBUTE = 'data-schild';

/** The attribute of the card's host element, inside a comment element. */
export const CARD_ATTRIBUTE = 'data-schild-card';

/**
 * The values of STATE_ATTRIBUTE:
 *   pending   read, its verdict on the way; blurred meanwhile. With the
 *             classifier in the page that is the same task, so it never
 *             paints; from the background it takes a frame or two, and a
 *             child should not glimpse a bot's lure meanwhile
 *   clean     not sex-spam
 *   blurred   sex-spam, hidden behind its card
 *   revealed  sex-spam, shown anyway by the user; the card offers to hide it again
 *   allowed   sex-spam by the classifier, but its author was marked "not spam" on this device
 */
export const State = Object.freeze({ pending: 'pending', clean: 'clean', blurred: 'blurred', revealed: 'revealed', allowed: 'allowed' });

/** The states of the comments the classifier called sex-spam. */
export const SEXSPAM_STATES = Object.freeze([State.blurred, State.revealed, State.allowed]);

/** A selector for the comment elements in one of `states`, or in any state when none are given. */
export function markedSelector(...states) {
  if (states.length === 0) return `[${STATE_ATTRIBUTE}]`;
  return states.map((state) => `[${STATE_ATTRIBUTE}="${state}"]`).join(', ');
}
