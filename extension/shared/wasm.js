/**
 * Loads the classifier (Rust compiled to WebAssembly) from the extension's
 * own files, and crosses into it once per batch (packing.js). Shared by the
 * content script and the background.
 */
import { initSync, PageClassifier, prepareStep } from 'schild-wasm';
import { ext } from './browser-api.js';
import { classifyPacked, packComments, unpackVerdicts } from './packing.js';
import { yieldToPage } from './tasks.js';

export const WASM_PATH = 'wasm/schild_bg.wasm';

/** The smallest valid module: magic number and version, nothing else. */
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/**
 * Whether WebAssembly may be compiled here. In Chromium a content script
 * inherits the page's CSP for this: without 'wasm-unsafe-eval' compiling
 * fails. Trying an empty module answers before fetching the real one.
 */
export async function canCompileWasm() {
  try {
    await WebAssembly.compile(EMPTY_MODULE);
    return true;
  } catch {
    return false;
  }
}

let loaded = null;

/**
 * Fetches, compiles and initialises the classifier once per JavaScript
 * realm. Resolves to the PageClassifier class; rejects when the wasm cannot
 * be loaded.
 */
export function loadClassifier() {
  loaded ??= (async () => {
    const response = await fetch(ext.runtime.getURL(WASM_PATH));
    if (!response.ok) throw new Error(`classifier not found (${response.status})`);
    const module = await WebAssembly.compile(await response.arrayBuffer());
    initSync({ module });
    // What every classifier shares is built a part at a time, each in a
    // task of its own: at once it was one task of over 100 ms on a loading page.
    while (!prepareStep()) await yieldToPage();
    return PageClassifier;
  })();
  return loaded;
}

/**
 * Classifies a batch (at most 1,000 comments) with a PageClassifier, in one
 * crossing (packing.js). Throws what classifyPacked throws.
 */
export function classifyComments(classifier, comments) {
  return unpackVerdicts(comments.length, classifyPacked(classifier, packComments(comments), comments.length));
}
