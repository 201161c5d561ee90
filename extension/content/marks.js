/**
 * The marks Schild leaves on a page, which content.css styles: every comment
 * element it has read carries STATE_ATTRIBUTE with one of the States (and,
 * unless clean, LOOK_ATTRIBUTE with the same), and a hidden one holds its
 * card in its first child, marked CARD_ATTRIBUTE. verdict-display.js is the
 * only writer, through mark(); a unit test holds content.css to these names
 * (tests/unit/marks.test.mjs).
 */

/** The attribute that says what Schild made of a comment element. */
export const STATE_ATTRIBUTE = 'data-schild';

/**
 * What content.css styles a comment by: its state, on every comment element
 * that is not clean. The stylesheet keys on this attribute and never on
 * STATE_ATTRIBUTE, as Chromium restyles an element and its children
 * whenever an attribute a stylesheet names changes, whatever the value: so
 * marking a comment clean, as nearly all are, costs the page no style or
 * layout work (measured on 10,000 comments: 1.6 s of restyling, now 8 ms).
 */
export const LOOK_ATTRIBUTE = 'data-schild-look';

/** The attribute of the card's host element, inside a comment element. */
export const CARD_ATTRIBUTE = 'data-schild-card';

/**
 * The values of STATE_ATTRIBUTE:
 *   pending   read, its verdict on the way; not shown meanwhile (hidden,
 *             not blurred: a blur makes the browser lay the page out again,
 *             twice). With the classifier in the page that is the same
 *             task, so it never paints; from the background it takes a
 *             frame or two, and a child should not glimpse a bot's lure
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

/**
 * Marks a comment element with its state, or takes the marks off (null).
 * Writes only what changes: a write to LOOK_ATTRIBUTE restyles the element.
 *
 * @param {Element} element
 * @param {string | null} state one of State
 */
export function mark(element, state) {
  if (state === null) element.removeAttribute(STATE_ATTRIBUTE);
  else if (element.getAttribute(STATE_ATTRIBUTE) !== state) element.setAttribute(STATE_ATTRIBUTE, state);
  const look = state === State.clean ? null : state;
  if (element.getAttribute(LOOK_ATTRIBUTE) === look) return;
  if (look === null) element.removeAttribute(LOOK_ATTRIBUTE);
  else element.setAttribute(LOOK_ATTRIBUTE, look);
}
