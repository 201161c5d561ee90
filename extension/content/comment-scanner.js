/**
 * Turns changed nodes into classified comments: finds the comment elements
 * among them, reads each with the site's reader, sends the new ones to the
 * classifier in batches and hands each verdict to the display, through a
 * PageWriter that decides when the changes go into the page.
 *
 * A verdict belongs to what a comment says (id, author, text), not to its
 * element: sites reuse elements for other comments, so an element whose
 * content changed is classified again, and a comment seen before is answered
 * from the cache.
 */
import { PageWriter } from './page-writer.js';

/** Comments per classifier call (one message on the background path). */
export const BATCH_SIZE = 100;
/** Longest stretch of work before giving the page its main thread back. */
const SLICE_BUDGET_MS = 8;
/** Verdicts remembered per page, for reused elements and re-renders. */
const CACHE_LIMIT = 5_000;

export class CommentScanner {
  #site;
  #engine;
  #display;
  #onStats;
  /** @type {Set<Element>} */
  #pending = new Set();
  /** @type {WeakMap<Element, string>} the key each element was last read with */
  #keys = new WeakMap();
  #root = null;
  /** @type {Map<string, object>} key → verdict */
  #verdicts = new Map();
  #hiddenKeys = new Set();
  #checked = 0;
  #draining = null;
  /** Counts resets: a batch sent before the last reset belongs to another page. */
  #generation = 0;
  #writer = new PageWriter(() => this.#onStats(this.stats));
  /** @type {(node: Node) => Iterable<Element>} comments in or around an added node */
  #commentsInOrAround;
  /** @type {(node: Node) => Element | null} the comment a changed node is part of */
  #commentAround;

  /**
   * @param {import('./sites/site.js').SiteAdapter} site  finds and reads the comments
   * @param {{ classify: (comments: object[]) => Promise<object[]> }} engine
   * @param {{ show: (element: Element, key: string, verdict: object, comment: object) => boolean,
   *           refresh: (element: Element) => void, markPending: (element: Element) => void,
   *           clearPending: (element: Element) => void }} display
   *   shows verdicts (verdict-display.js); `show` says whether the comment counts as hidden
   * @param {(stats: { hidden: number, checked: number }) => void} onStats
   */
  constructor(site, engine, display, onStats) {
    this.#site = site;
    this.#engine = engine;
    this.#display = display;
    this.#onStats = onStats;
    if (site.findComments) {
      this.#commentsInOrAround = (node) => site.findComments(node);
      this.#commentAround = (node) => site.commentAround(node);
    } else {
      const selector = site.commentSelector;
      this.#commentsInOrAround = (node) => commentsInOrAround(node, selector);
      this.#commentAround = (node) => commentAround(node, selector);
    }
  }

  /**
   * Queues the comments that changes touched: those in or around added
   * nodes, and those around changed ones. Returns when all are classified.
   *
   * @param {{ added?: Node[], changed?: Node[] }} changes
   */
  enqueue({ added = [], changed = [] }) {
    for (const node of added) {
      if (node.nodeType === Node.DOCUMENT_NODE) this.#root = node;
      for (const element of this.#commentsInOrAround(node)) this.#pending.add(element);
    }
    for (const node of changed) {
      const element = this.#commentAround(node);
      if (element) this.#pending.add(element);
    }
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = null;
    });
    return this.#draining;
  }

  /**
   * Forgets the page (after navigation): verdicts, counts and the page's
   * comments start over, and the comments still shown are read again, so
   * the counts and the page context are those of the new page.
   */
  reset() {
    this.stop();
    if (this.#root) this.enqueue({ added: [this.#root] });
  }

  /**
   * Stops work on this page (protection paused, or before a reset): queued
   * comments are dropped, batches in flight discarded, counts start over.
   */
  stop() {
    this.#pending.clear();
    this.#writer.clear();
    this.#verdicts.clear();
    this.#hiddenKeys.clear();
    this.#keys = new WeakMap();
    this.#checked = 0;
    this.#generation++;
    this.#onStats(this.stats);
  }

  get stats() {
    return { hidden: this.#hiddenKeys.size, checked: this.#checked };
  }

  /**
   * Works off the queue in slices of SLICE_BUDGET_MS. In the first slice
   * every change goes into the page before the classifier is awaited (so a
   * comment waiting for the background is blurred before it paints); after
   * that, the writer writes when it is due, and at the end.
   */
  async #drain() {
    const writer = this.#writer;
    writer.start();
    let sliceStart = performance.now();
    let firstSlice = true;
    while (this.#pending.size > 0) {
      const batch = this.#takeBatch({ markPending: firstSlice });
      writer.writeIfDue({ firstSlice });
      if (batch.length > 0) await this.#classify(batch);
      if (performance.now() - sliceStart > SLICE_BUDGET_MS) {
        writer.writeIfDue({ firstSlice });
        firstSlice = false;
        const yielded = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 0));
        sliceStart = performance.now();
        writer.resumed(sliceStart - yielded);
      }
    }
    writer.flush();
  }

  /**
   * Reads pending elements until BATCH_SIZE of them need the classifier.
   * `markPending`: blur them until their verdict is in. Only worth it in a
   * drain's first slice, before they paint; a backlog has painted already,
   * and each blur costs the page a layout (a few ms per comment on a long
   * page, measured), twice.
   */
  #takeBatch({ markPending }) {
    const batch = [];
    for (const element of this.#pending) {
      this.#pending.delete(element);
      if (!element.isConnected) continue;
      const read = this.#site.readComment(element);
      if (!read) continue;
      const { author, text, trusted } = read.comment;
      const key = `${read.id}\u0001${author ?? ''}\u0001${trusted ? 1 : 0}\u0001${text}`;
      if (this.#keys.get(element) === key) {
        this.#writer.queue(() => this.#display.refresh(element));
        continue;
      }
      this.#keys.set(element, key);
      const known = this.#verdicts.get(key);
      if (known) {
        this.#apply(element, key, known, read.comment);
      } else {
        if (markPending) this.#writer.queue(() => this.#display.markPending(element));
        batch.push({ element, key, comment: read.comment });
        if (batch.length === BATCH_SIZE) break;
      }
    }
    return batch;
  }

  async #classify(batch) {
    const generation = this.#generation;
    let verdicts;
    try {
      verdicts = await this.#engine.classify(batch.map((item) => item.comment));
    } catch (error) {
      if (generation !== this.#generation) return;
      // Leave these comments as they are; a later change retries them.
      console.debug('Schild: a batch could not be classified', error);
      for (const { element } of batch) {
        this.#keys.delete(element);
        this.#writer.queue(() => this.#display.clearPending(element));
      }
      return;
    }
    // The page changed meanwhile: reset() queued these comments again.
    if (generation !== this.#generation) return;
    batch.forEach(({ element, key, comment }, i) => {
      const verdict = verdicts[i];
      if (!verdict || 'error' in verdict) return;
      this.#remember(key, verdict);
      // The element may have been reused for another comment meanwhile.
      if (this.#keys.get(element) === key) this.#apply(element, key, verdict, comment);
    });
    this.#checked += batch.length;
  }

  #remember(key, verdict) {
    if (this.#verdicts.size >= CACHE_LIMIT) {
      this.#verdicts.delete(this.#verdicts.keys().next().value);
    }
    this.#verdicts.set(key, verdict);
  }

  #apply(element, key, verdict, comment) {
    this.#writer.queue(() => {
      // Read again since, for another comment: that one's verdict will follow.
      if (this.#keys.get(element) !== key) return;
      if (this.#display.show(element, key, verdict, comment)) this.#hiddenKeys.add(key);
    });
  }
}

/** The comment element a node is part of, if any. */
function commentAround(node, selector) {
  const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  return element?.closest(selector) ?? null;
}

/** The comment elements an added node is in or contains. */
function commentsInOrAround(node, selector) {
  if (node.nodeType === Node.DOCUMENT_NODE) return node.querySelectorAll(selector);
  const around = commentAround(node, selector);
  const found = around ? [around] : [];
  if (node.nodeType === Node.ELEMENT_NODE) found.push(...node.querySelectorAll(selector));
  return found;
}
