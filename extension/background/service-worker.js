/**
 * Schild's background: runs the classifier for pages whose CSP keeps
 * WebAssembly out of the content script, keeps each tab's status (counts
 * only) for the popup and the toolbar badge, and adds what each page hid
 * to the day's statistics.
 *
 * A service worker in Chromium, an event page in Firefox; both may be
 * stopped when idle and restarted by the next message.
 */
import { ext } from '../shared/browser-api.js';
import { CLASSIFY_PORT, MessageType, STATUS_PORT, statusKey, tabStatus, tabStatusPrefix } from '../shared/messages.js';
import { mirrorPolicy } from '../shared/settings.js';
import { classifyPacked } from '../shared/packing.js';
import { addToStats, countsToAdd } from '../shared/stats.js';
import { loadClassifier } from '../shared/wasm.js';

// Listeners are registered synchronously so a restarted worker gets the
// message that woke it; the classifier loads meanwhile.
const classifierReady = loadClassifier();
classifierReady.catch((error) => console.error('Schild: classifier failed to load', error));

// Content scripts read the organisation's policy from this copy (settings.js).
const keepPolicyCopy = () => mirrorPolicy().catch((error) => console.debug('Schild: policy not copied', error));
keepPolicyCopy();
ext.storage.onChanged.addListener((_, area) => area === 'managed' && keepPolicyCopy());

ext.runtime.onConnect.addListener((port) => {
  if (port.name === CLASSIFY_PORT) serveClassifier(port);
  // Content scripts report their status over a port: a message on it costs
  // the page a fifth of what a one-off message does.
  else if (port.name === STATUS_PORT) port.onMessage.addListener((message) => handleMessage(message, port.sender));
});

ext.runtime.onMessage.addListener((message, sender) => handleMessage(message, sender));

function handleMessage(message, sender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return;
  if (message?.type === MessageType.openLearnPage) {
    // The page shows the help of the region the card showed.
    const url = new URL(ext.runtime.getURL('learn.html'));
    if (typeof message.region === 'string') url.searchParams.set('region', message.region);
    ext.tabs.create({ url: url.href, openerTabId: tabId });
    return;
  }
  if (message?.type === MessageType.status) {
    inOrder(() => recordStatus(tabId, sender.frameId ?? 0, message));
  } else if (message?.type === MessageType.tabStarted) {
    inOrder(() => forgetTab(tabId));
  }
}

ext.tabs.onRemoved.addListener((tabId) => inOrder(() => forgetTab(tabId)));

/**
 * Runs storage updates one after another: each reads, then writes, and two
 * frames reporting at once must not both start from the same counts.
 */
let queue = Promise.resolve();
function inOrder(update) {
  queue = queue.then(update).catch((error) => console.debug('Schild: status not recorded', error));
}

/**
 * Keeps a frame's status, adds what is new in its page visit since its last
 * report to the day's statistics (stats.js: each comment once per visit),
 * and shows the tab's hidden count on the badge.
 */
async function recordStatus(tabId, frameId, { engine, hidden, checked, judged, site, paused, visit }) {
  const key = statusKey(tabId, frameId);
  const stored = await ext.storage.session.get(null);
  const before = stored[key];
  stored[key] = { engine, hidden, checked, judged, site, paused: Boolean(paused), visit };
  await ext.storage.session.set({ [key]: stored[key] });
  if (typeof site === 'string') await addToStats(site, countsToAdd(before, stored[key]));
  await showBadge(tabId, stored);
}

/** @param {object} stored storage.session as it now is (the frames' statuses) */
async function showBadge(tabId, stored) {
  const status = tabStatus(stored, tabId);
  // Paused: nothing is hidden now, whatever the visit counted before.
  const hidden = status && !status.paused ? status.hidden : 0;
  try {
    await ext.action.setBadgeText({ tabId, text: hidden > 0 ? String(hidden) : '' });
    await ext.action.setBadgeBackgroundColor({ tabId, color: '#1a4d8f' });
  } catch {
    // The tab closed meanwhile.
  }
}

/** Drops what the frames of a tab reported (counts only; nothing else is kept). */
async function forgetTab(tabId) {
  const stored = await ext.storage.session.get(null);
  const prefix = tabStatusPrefix(tabId);
  const keys = Object.keys(stored).filter((key) => key.startsWith(prefix));
  if (keys.length > 0) await ext.storage.session.remove(keys);
  for (const key of keys) delete stored[key];
  await showBadge(tabId, stored);
}

/** One port per page: its own PageClassifier, so page context never mixes. */
function serveClassifier(port) {
  let page = null;
  let sensitivity;
  let open = true;
  port.onMessage.addListener(async (message) => {
    if (message?.type === MessageType.reset) {
      page?.reset();
      return;
    }
    if (message?.type !== MessageType.classify) return;
    try {
      const PageClassifier = await classifierReady;
      if (!open) return;
      // Settings changed the sensitivity: a new classifier, same port.
      if (page && sensitivity !== message.sensitivity) {
        page.free();
        page = null;
      }
      sensitivity = message.sensitivity;
      page ??= new PageClassifier(sensitivity);
      const { scores, flagged } = classifyPacked(page, message.packed, message.count);
      // Extension messages travel as JSON: the scores as a plain array.
      const answer = { scores: Array.from(scores), flagged };
      port.postMessage({ type: MessageType.verdicts, id: message.id, answer });
    } catch (error) {
      if (open) port.postMessage({ type: MessageType.error, id: message.id, message: String(error) });
    }
  });
  port.onDisconnect.addListener(() => {
    open = false;
    page?.free();
    page = null;
  });
}
