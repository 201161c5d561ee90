/**
 * Schild's content script: finds comments, classifies them in batches and
 * marks the sex-spam ones, which content.css blurs.
 *
 *   DomWatcher ──changed nodes──▶ CommentScanner ──comments──▶ engine
 *   (queues only)                 (site reader, cache)        (wasm here, or in
 *                                        │                     the background)
 *                                        ▼
 *                          data-schild="blurred" | "clean"
 *
 * If the classifier cannot load, nothing on the page changes and the popup
 * says Schild is inactive. No error escapes into the page.
 */
import { ext } from '../shared/browser-api.js';
import { Engine, MessageType } from '../shared/messages.js';
import { startEngine } from './classifier-engine.js';
import { CommentScanner } from './comment-scanner.js';
import { DomWatcher } from './dom-watcher.js';
import { youtube } from './sites/youtube.js';

/** The sites Schild protects, by host. */
const SITES = [{ host: /(^|\.)youtube\.com$/, site: youtube }];

async function main() {
  const site = SITES.find(({ host }) => host.test(location.hostname))?.site;
  if (!site) return;

  let engine;
  try {
    engine = await startEngine({ sensitivity: 'balanced' });
  } catch (error) {
    console.debug('Schild: classifier unavailable, page left as it is', error);
    reportStatus({ engine: Engine.unavailable, hidden: 0, checked: 0 });
    return;
  }

  const scanner = new CommentScanner(site, engine, (stats) =>
    reportStatus({ engine: engine.mode, ...stats }),
  );
  new DomWatcher((nodes) => scanner.enqueue(nodes)).start(document);
  reportStatus({ engine: engine.mode, ...scanner.stats });

  // YouTube is a single-page app: a new video is a new page of comments.
  document.addEventListener('yt-navigate-finish', () => {
    engine.reset();
    scanner.reset();
  });
}

let statusTimer = null;
let latestStatus = null;

/** Tells the background (and so the popup) what Schild does on this tab; counts only. */
function reportStatus(status) {
  latestStatus = status;
  statusTimer ??= setTimeout(() => {
    statusTimer = null;
    ext.runtime
      .sendMessage({ type: MessageType.status, ...latestStatus })
      .catch(() => {}); // the background may be restarting; the next report will do
  }, 200);
}

main().catch((error) => console.debug('Schild: stopped', error));
