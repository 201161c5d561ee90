/**
 * Schild's content script: finds comments, classifies them in batches and
 * marks the sex-spam ones, which content.css blurs.
 *
 *   DomWatcher ──added/changed──▶ CommentScanner ──comments──▶ engine
 *   (queues only)                 (site reader, cache)        (wasm here, or in
 *                                        │                     the background)
 *                                        ▼ verdicts
 *                                  VerdictDisplay: marks each comment (marks.js),
 *                                  which content.css blurs when hidden, and gives
 *                                  it a card: a tip, reasons, report and help
 *
 * The site (sites/site.js: SITES, and the adapter of the page's host)
 * tells the scanner how to find and read comments, and the display how
 * the site reports them.
 *
 * If the classifier cannot load, nothing on the page changes and the popup
 * says Schild is inactive. No error escapes into the page.
 */
import { ext } from '../shared/browser-api.js';
import { Engine, MessageType, STATUS_PORT } from '../shared/messages.js';
import { isProtected, onSettingsChanged } from '../shared/settings.js';
import { afterPagesTurn } from '../shared/tasks.js';
import { startEngine } from './classifier-engine.js';
import { CommentScanner } from './comment-scanner.js';
import { DomWatcher } from './dom-watcher.js';
import { CARD_ATTRIBUTE } from './marks.js';
import { siteAt } from './sites/site.js';
import { VerdictDisplay } from './verdict-display.js';

async function main() {
  const site = siteAt(location.hostname);
  if (!site) return;

  let engine;
  let display;
  try {
    display = await VerdictDisplay.start(site);
    engine = await startEngine({ sensitivity: display.settings.sensitivity });
  } catch (error) {
    console.debug('Schild: classifier unavailable, page left as it is', error);
    reportStatus({ engine: Engine.unavailable, site: site.name, hidden: 0, checked: 0 });
    return;
  }

  let active = false;
  // The counts are the page visit's (VerdictDisplay.visitCounts): each
  // comment once, however often the page is read again. The scanner says
  // when they may have changed.
  const report = () => reportStatus({ engine: engine.mode, site: site.name, paused: !active, ...display.visitCounts });
  const scanner = new CommentScanner(site, engine, display, report);

  // Settings can switch the site (or this part of it, e.g. Shorts) off and
  // on again in any tab: then marks and cards go, or the page is read again.
  const protect = () => {
    const wanted = isProtected(display.settings, site.name, site.surface?.(location));
    if (wanted === active) return;
    active = wanted;
    scanner.stop();
    if (active) scanner.enqueue({ added: [document] });
    else display.clearAll();
  };
  let sensitivity = display.settings.sensitivity;
  onSettingsChanged((settings) => {
    // In a task of its own: the display redraws its cards for the same
    // change in this one, and the two together made a long task.
    afterPagesTurn(() => {
      if (settings.sensitivity !== sensitivity) {
        sensitivity = settings.sensitivity;
        engine.setSensitivity(sensitivity);
        if (active) scanner.reset({ showingVerdicts: true });
      }
      protect();
    });
  });

  // Single-page apps show another page's comments without reloading: the
  // page context (who posted what) and the counts start over. The site's
  // own event says so when it has one; a changed address says so always.
  let address = location.href;
  const newPage = () => {
    address = location.href;
    engine.reset();
    display.reset();
    const wasActive = active;
    protect();
    if (wasActive && active) scanner.reset();
  };
  for (const event of site.navigationEvents ?? []) document.addEventListener(event, newPage);
  // No reset on popstate itself: this listener runs before the site's own,
  // while the page still shows the comments of the address left, which
  // would be read again and counted for the new page. The site's re-render
  // that follows is the first change the watcher sees, and it compares the
  // address then. Reading the address from a content script is slow (a few
  // µs, on every batch): where the browser says when it changes (the
  // Navigation API), it is compared only after it did.
  const navigation = globalThis.navigation;
  const toldOfChanges = typeof navigation?.addEventListener === 'function';
  let addressMayHaveChanged = true;
  if (toldOfChanges) {
    navigation.addEventListener('currententrychange', () => {
      addressMayHaveChanged = true;
    });
  }

  new DomWatcher(
    (changes) => {
      if (addressMayHaveChanged) {
        addressMayHaveChanged = !toldOfChanges;
        if (address !== location.href) newPage();
      }
      if (active) scanner.enqueue(changes);
    },
    // A card coming in is Schild's own doing: reading its comment again
    // would only find it unchanged.
    { ownNode: (node) => node.nodeType === Node.ELEMENT_NODE && node.hasAttribute(CARD_ATTRIBUTE) },
  ).start(document);
  protect();
  report();
}

/**
 * How often, at most, the counts go to the background: each message costs
 * the page a millisecond (measured on the benchmark page, where reports
 * every second were a tenth of Schild's time).
 */
const STATUS_INTERVAL_MS = 2000;
let statusTimer = null;
let latestStatus = null;
let sentStatus = '';

/** Tells the background (and so the popup) what Schild does on this tab; counts only. */
function reportStatus(status) {
  latestStatus = status;
  statusTimer ??= setTimeout(sendStatus, sentStatus ? STATUS_INTERVAL_MS : 0);
}

function sendStatus() {
  statusTimer = null;
  const message = JSON.stringify(latestStatus);
  if (message === sentStatus) return;
  try {
    statusPort ??= connectStatusPort();
    statusPort.postMessage({ type: MessageType.status, ...latestStatus });
    sentStatus = message;
  } catch {
    statusPort = null; // the background is restarting; the next report will do
  }
}

/**
 * The port status reports go over. The background stops when idle (half a
 * minute after the last report it received), which closes the port; the
 * next report opens another.
 */
let statusPort = null;
function connectStatusPort() {
  const port = ext.runtime.connect({ name: STATUS_PORT });
  port.onDisconnect.addListener(() => {
    statusPort = null;
  });
  return port;
}

// A new document in the tab: what its frames reported before no longer counts.
if (window === window.top) {
  ext.runtime.sendMessage({ type: MessageType.tabStarted }).catch(() => {});
}

main().catch((error) => console.debug('Schild: stopped', error));
