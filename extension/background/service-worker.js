/**
 * Schild's background: runs the classifier for pages whose CSP keeps
 * WebAssembly out of the content script, and keeps each tab's status
 * (counts only) for the popup.
 *
 * A service worker in Chromium, an event page in Firefox; both may be
 * stopped when idle and restarted by the next message.
 */
import { ext } from '../shared/browser-api.js';
import { CLASSIFY_PORT, MessageType, statusKey, tabStatusPrefix } from '../shared/messages.js';
import { loadClassifier } from '../shared/wasm.js';

// Listeners are registered synchronously so a restarted worker gets the
// message that woke it; the classifier loads meanwhile.
const classifierReady = loadClassifier();
classifierReady.catch((error) => console.error('Schild: classifier failed to load', error));

ext.runtime.onConnect.addListener((port) => {
  if (port.name === CLASSIFY_PORT) serveClassifier(port);
});

ext.runtime.onMessage.addListener((message, sender) => {
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
    const { engine, hidden, checked } = message;
    ext.storage.session.set({ [statusKey(tabId, sender.frameId ?? 0)]: { engine, hidden, checked } });
  } else if (message?.type === MessageType.tabStarted) {
    forgetTab(tabId);
  }
});

ext.tabs.onRemoved.addListener(forgetTab);

/** Drops what the frames of a tab reported (counts only; nothing else is kept). */
async function forgetTab(tabId) {
  const stored = await ext.storage.session.get(null);
  const prefix = tabStatusPrefix(tabId);
  const keys = Object.keys(stored).filter((key) => key.startsWith(prefix));
  if (keys.length > 0) await ext.storage.session.remove(keys);
}

/** One port per page: its own PageClassifier, so page context never mixes. */
function serveClassifier(port) {
  let page = null;
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
      page ??= new PageClassifier(message.sensitivity);
      const verdicts = page.classifyBatch(message.comments);
      port.postMessage({ type: MessageType.verdicts, id: message.id, verdicts });
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
