/**
 * Where the classifier runs for this page.
 *
 * Chromium applies the page's CSP to WebAssembly in content scripts: on pages
 * whose script-src lacks 'wasm-unsafe-eval' the classifier cannot be compiled
 * here (measured, see docs/reference/toolchain.md). Then comments go to
 * the extension's background in batches over a port, about 1 ms a round trip.
 * Firefox exempts content scripts, so there the classifier always runs here.
 *
 * Finding out costs something: the failed probe makes Chromium send the site
 * a CSP violation report ("wasm-eval" blocked in a chrome-extension script).
 * So the answer is remembered per site for a week (storage.local holds only
 * the origin and a time) and the probe is not repeated on every page.
 *
 * Both engines have the same shape:
 *   { mode, classify(comments) → verdicts, reset(), setSensitivity(s) }
 * where the verdicts come at once in the page (the scanner writes them before
 * the comments paint) and as a promise from the background. Either way a
 * batch crosses as one packed string (shared/packing.js).
 */
import { ext } from '../shared/browser-api.js';
import { CLASSIFY_PORT, Engine, MessageType } from '../shared/messages.js';
import { packComments, unpackVerdicts } from '../shared/packing.js';
import { canCompileWasm, classifyComments, loadClassifier } from '../shared/wasm.js';

/**
 * Starts the classifier in the content script if the page allows it,
 * otherwise in the background. Rejects when neither can load it.
 */
export async function startEngine({ sensitivity }) {
  if (await wasmAllowedHere()) {
    try {
      const PageClassifier = await loadClassifier();
      return inPageEngine(PageClassifier, sensitivity);
    } catch (error) {
      console.debug('Schild: classifier unavailable in the page, using the background', error);
    }
  }
  const engine = backgroundEngine(sensitivity);
  await engine.classify([]); // rejects if the background cannot load it either
  return engine;
}

const PROBE_MEMORY_MS = 7 * 24 * 60 * 60 * 1000;

async function wasmAllowedHere() {
  const key = `csp-blocks-wasm:${location.origin}`;
  const { [key]: blockedSince } = await ext.storage.local.get(key);
  if (blockedSince && Date.now() - blockedSince < PROBE_MEMORY_MS) return false;
  const allowed = await canCompileWasm();
  if (!allowed) await ext.storage.local.set({ [key]: Date.now() });
  else if (blockedSince) await ext.storage.local.remove(key);
  return allowed;
}

function inPageEngine(PageClassifier, sensitivity) {
  let classifier = new PageClassifier(sensitivity);
  return {
    mode: Engine.page,
    classify: (comments) => classifyComments(classifier, comments),
    reset: () => classifier.reset(),
    setSensitivity(next) {
      classifier.free();
      classifier = new PageClassifier(next);
    },
  };
}

function backgroundEngine(sensitivity) {
  let port = null;
  let nextId = 1;
  /** @type {Map<number, { resolve: Function, reject: Function, count: number }>} */
  const waiting = new Map();

  // The background's service worker may be stopped when idle, which closes
  // the port; the next batch simply opens a new one.
  function connect() {
    port = ext.runtime.connect({ name: CLASSIFY_PORT });
    port.onMessage.addListener((message) => {
      const request = waiting.get(message.id);
      if (!request) return;
      waiting.delete(message.id);
      if (message.type === MessageType.verdicts) request.resolve(unpackVerdicts(request.count, message.answer));
      else request.reject(new Error(message.message ?? 'classifier error'));
    });
    port.onDisconnect.addListener(() => {
      port = null;
      for (const request of waiting.values()) request.reject(new Error('background disconnected'));
      waiting.clear();
    });
    return port;
  }

  return {
    mode: Engine.background,
    classify(comments) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        const count = comments.length;
        waiting.set(id, { resolve, reject, count });
        try {
          (port ?? connect()).postMessage({ type: MessageType.classify, id, sensitivity, packed: packComments(comments), count });
        } catch (error) {
          waiting.delete(id);
          reject(error);
        }
      });
    },
    reset() {
      port?.postMessage({ type: MessageType.reset });
    },
    /** The background starts a new classifier when a batch asks for another sensitivity. */
    setSensitivity(next) {
      sensitivity = next;
    },
  };
}
