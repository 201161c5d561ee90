/**
 * Messages between the content script, the background and the popup.
 *
 * Content script → background, over a port named CLASSIFY_PORT (only when the
 * page's CSP keeps the classifier out of the content script):
 *   { type: 'classify', id, sensitivity, packed, count }
 *                                               (count comments packed into one string, packing.js)
 *   → { type: 'verdicts', id, answer: { scores, flagged } }
 *                                               (the classifier's answer, packing.js reads it)
 *   → { type: 'error', id, message }            (the classifier failed)
 *   { type: 'reset' }                           (the page navigated)
 *
 * Content script → background, over a port named STATUS_PORT:
 *   { type: 'status', engine, site, paused, hidden, checked, judged, visit }
 *                                               (what Schild does in this frame: the
 *                                                comments hidden and checked on the page
 *                                                visit named `visit`, each counted once;
 *                                                `judged`: verdicts shown, each reading)
 *
 * Content script → background, one-off (runtime.sendMessage):
 *   { type: 'tab-started' }                     (the top frame loaded a new document)
 *   { type: 'open-learn-page', region }         (a card's "learn more": pages cannot
 *                                                open extension pages themselves)
 *
 * Counts only: comment text never leaves the content script except to the
 * extension's own background, and is never stored.
 */
export const CLASSIFY_PORT = 'schild-classify';
export const STATUS_PORT = 'schild-status';

export const MessageType = Object.freeze({
  classify: 'classify',
  verdicts: 'verdicts',
  error: 'error',
  reset: 'reset',
  status: 'status',
  tabStarted: 'tab-started',
  openLearnPage: 'open-learn-page',
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

/**
 * The session-storage key of one frame's status in a tab. Each frame has
 * its own key (a tab's live chat runs in a frame of its own), so no frame
 * overwrites another's report.
 */
export const statusKey = (tabId, frameId) => `tab-status:${tabId}:${frameId}`;

/** The key prefix of all frames of a tab. */
export const tabStatusPrefix = (tabId) => `tab-status:${tabId}:`;

/**
 * A tab's status from its frames' reports: counts summed; the engine of the
 * top frame (or of any frame when the top frame has none).
 *
 * @param {Record<string, { engine: string, site?: string, paused?: boolean, hidden: number, checked: number }>} stored
 *   storage.session contents (other keys are ignored)
 */
export function tabStatus(stored, tabId) {
  const prefix = tabStatusPrefix(tabId);
  const frames = Object.entries(stored).filter(([key]) => key.startsWith(prefix));
  if (frames.length === 0) return null;
  const top = frames.find(([key]) => key === statusKey(tabId, 0))?.[1] ?? frames[0][1];
  return {
    engine: top.engine,
    site: top.site,
    paused: Boolean(top.paused),
    hidden: frames.reduce((sum, [, f]) => sum + (f.hidden ?? 0), 0),
    checked: frames.reduce((sum, [, f]) => sum + (f.checked ?? 0), 0),
    judged: frames.reduce((sum, [, f]) => sum + (f.judged ?? 0), 0),
  };
}
