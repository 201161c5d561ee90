/**
 * Messages between the content script, the background and the popup.
 *
 * Content script → background, over a port named CLASSIFY_PORT (only when the
 * page's CSP keeps the classifier out of the content script):
 *   { type: 'classify', id, sensitivity, comments: Comment[] }
 *   → { type: 'verdicts', id, verdicts: (Verdict | {error})[] }
 *   → { type: 'error', id, message }            (the classifier failed)
 *   { type: 'reset' }                           (the page navigated)
 *
 * Content script → background, one-off (runtime.sendMessage):
 *   { type: 'status', engine, hidden, checked } (what Schild does on this tab)
 *
 * Counts only: comment text never leaves the content script except to the
 * extension's own background, and is never stored.
 */
export const CLASSIFY_PORT = 'schild-classify';

export const MessageType = Object.freeze({
  classify: 'classify',
  verdicts: 'verdicts',
  error: 'error',
  reset: 'reset',
  status: 'status',
});

/** Where the classifier runs on a tab, as shown in the popup. */
export const Engine = Object.freeze({
  /** In the content script (the page's CSP allows WebAssembly). */
  page: 'page',
  /** In the background, over a port (the page's CSP forbids WebAssembly). */
  background: 'background',
  /** Nowhere: the classifier could not load; the page is left as it is. */
  unavailable: 'unavailable',
});

/** The session-storage key under which a tab's status is kept. */
export const statusKey = (tabId) => `tab-status:${tabId}`;
