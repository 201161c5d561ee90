/**
 * Watches the page for new and changed nodes and hands them over in
 * batches.
 *
 * The first changes after a while are handed over at once, in the
 * MutationObserver's callback: it runs at the end of the page's task that
 * made them, before the browser renders them, and Schild's work then stays
 * out of the page's rendering frames (on a long page a frame already takes
 * 40-50 ms; Schild's share on top pushed some over 50 ms), and costs one
 * turn of the main thread rather than two (a live chat message cost 28 %
 * less). Changes that follow within a frame's time wait for the next
 * animation frame and go together: a page that changes in many small steps
 * costs at most two turns per frame. In a tab in the background, where
 * animation frames are paused, a timer hands them over instead.
 */
const HIDDEN_DELAY_MS = 250;
/** After handing changes over in the callback, how long (ms) further ones wait for the next frame: a frame at 60 Hz. */
const FRAME_MS = 16;

/**
 * @typedef {object} Changes
 * @property {Node[]} added nodes added to the page: what is in them is new
 * @property {Node[]} changed nodes whose own content changed (text edited,
 *   children removed): only what they are part of needs another look
 */

export class DomWatcher {
  /** @type {Set<Node>} */
  #added = new Set();
  /** @type {Set<Node>} */
  #changed = new Set();
  #scheduled = false;
  /** When changes were last handed over in the observer's callback. */
  #handedInCallback = -Infinity;
  #observer;
  #onChanges;
  #ownNode;

  /**
   * @param {(changes: Changes) => void} onChanges receives each batch
   * @param {{ ownNode?: (node: Node) => boolean }} [options] `ownNode`: a node
   *   Schild added itself (a card), whose coming is no change to the page
   */
  constructor(onChanges, { ownNode = () => false } = {}) {
    this.#onChanges = onChanges;
    this.#ownNode = ownNode;
    this.#observer = new MutationObserver((records) => this.#collect(records));
  }

  /** Starts watching `root` and queues it, so what is already there is seen too. */
  start(root) {
    this.#observer.observe(root, { childList: true, subtree: true, characterData: true });
    this.#added.add(root);
    this.#schedule();
  }

  stop() {
    this.#observer.disconnect();
    this.#added.clear();
    this.#changed.clear();
  }

  /** @param {MutationRecord[]} records */
  #collect(records) {
    for (const record of records) {
      if (record.type === 'characterData') {
        this.#changed.add(record.target);
        continue;
      }
      const nodes = record.addedNodes;
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i];
        // Text coming in changes what its parent says: one entry for all of
        // it (a list's items come with the white space between them).
        if (node.nodeType === Node.TEXT_NODE) this.#changed.add(record.target);
        else if (!this.#ownNode(node)) this.#added.add(node);
      }
      // A badge or a line taken out changes the comment it was in (and a
      // card taken out by the site has to come back).
      if (record.removedNodes.length > 0) this.#changed.add(record.target);
    }
    // A frame's flush is on its way: it takes these too.
    if (this.#scheduled || this.#added.size + this.#changed.size === 0) return;
    const now = performance.now();
    if (document.visibilityState === 'visible' && now - this.#handedInCallback >= FRAME_MS) {
      this.#handedInCallback = now;
      this.#handOver();
    } else {
      this.#schedule();
    }
  }

  #schedule() {
    if (this.#scheduled || this.#added.size + this.#changed.size === 0) return;
    this.#scheduled = true;
    // One scheduler, not both: arming a timer beside every frame request
    // costs more than the batches themselves on busy pages.
    if (document.visibilityState === 'visible') requestAnimationFrame(() => this.#flush());
    else setTimeout(() => this.#flush(), HIDDEN_DELAY_MS);
  }

  #flush() {
    if (!this.#scheduled) return;
    this.#scheduled = false;
    this.#handOver();
  }

  #handOver() {
    const changes = { added: [...this.#added], changed: [...this.#changed] };
    this.#added.clear();
    this.#changed.clear();
    try {
      this.#onChanges(changes);
    } catch (error) {
      // Never let a Schild bug surface in the page.
      console.debug('Schild: skipped a batch of changes', error);
    }
  }
}
