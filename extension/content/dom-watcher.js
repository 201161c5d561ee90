/**
 * Watches the page for new and changed nodes and hands them over in
 * batches, after the MutationObserver callback has returned (the pattern of
 * uBlock Origin's DOM watcher): the callback only queues, so the page's own
 * mutations never wait for Schild.
 *
 * Batches are flushed on the next animation frame, which runs before the
 * browser paints the new nodes; a timer covers tabs in the background, where
 * animation frames are paused.
 */
const FALLBACK_DELAY_MS = 250;

export class DomWatcher {
  /** @type {Set<Node>} */
  #queue = new Set();
  #scheduled = false;
  #observer;
  #onNodes;

  /** @param {(nodes: Node[]) => void} onNodes receives each batch */
  constructor(onNodes) {
    this.#onNodes = onNodes;
    this.#observer = new MutationObserver((records) => this.#collect(records));
  }

  /** Starts watching `root` and queues it, so what is already there is seen too. */
  start(root) {
    this.#observer.observe(root, { childList: true, subtree: true, characterData: true });
    this.#queue.add(root);
    this.#schedule();
  }

  stop() {
    this.#observer.disconnect();
    this.#queue.clear();
  }

  /** @param {MutationRecord[]} records */
  #collect(records) {
    for (const record of records) {
      if (record.type === 'childList') {
        for (const node of record.addedNodes) this.#queue.add(node);
      } else {
        this.#queue.add(record.target);
      }
    }
    this.#schedule();
  }

  #schedule() {
    if (this.#scheduled || this.#queue.size === 0) return;
    this.#scheduled = true;
    const timer = setTimeout(() => this.#flush(), FALLBACK_DELAY_MS);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      this.#flush();
    });
  }

  #flush() {
    if (!this.#scheduled) return;
    this.#scheduled = false;
    const nodes = [...this.#queue];
    this.#queue.clear();
    try {
      this.#onNodes(nodes);
    } catch (error) {
      // Never let a Schild bug surface in the page.
      console.debug('Schild: skipped a batch of changes', error);
    }
  }
}
