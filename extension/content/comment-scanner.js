/**
 * Turns changed nodes into classified comments: finds the comment elements
 * among them, reads each with the site's reader, sends the new ones to the
 * classifier in batches and hands each verdict to the display.
 *
 * A verdict belongs to what a comment says (id, author, text), not to its
 * element: sites reuse elements for other comments, so an element whose
 * content changed is classified again, and a comment seen before is answered
 * from the cache.
 */

/** Comments per classifier call (one message on the background path). */
export const BATCH_SIZE = 100;
/** Longest stretch of work before giving the page its main thread back. */
const SLICE_BUDGET_MS = 8;
/** Verdicts remembered per page, for reused elements and re-renders. */
const CACHE_LIMIT = 5_000;
/**
 * While a backlog is worked off, marks and cards go into the page at most
 * every WRITE_INTERVAL_MS, and on a page whose frames are slow, at most
 * every RENDER_SHARE × the last frame's time (up to MAX_WRITE_INTERVAL_MS).
 * Every change makes the browser's next frame lay out the page again, which
 * on a long page costs far more than classifying (measured on 5,000
 * comments: 12 s of rendering against 0.5 s of Schild), so a backlog written
 * slice by slice grew quadratically with the page.
 */
const WRITE_INTERVAL_MS = 100;
const RENDER_SHARE = 4;
const MAX_WRITE_INTERVAL_MS = 2_000;

/** The attribute the stylesheet keys on: 'pending' here, the rest in verdict-display.js. */
export const STATE_ATTRIBUTE = 'data-schild';

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
  /** @type {(() => void)[]} changes to the page, in order, waiting for #flush */
  #writes = [];
  /** @type {(node: Node) => Iterable<Element>} comments in or around an added node */
  #commentsInOrAround;
  /** @type {(node: Node) => Element | null} the comment a changed node is part of */
  #commentAround;

  /**
   * A site names its comment elements with one selector (`commentSelector`,
   * the fast path: YouTube's comments are custom elements), or, where
   * comments have no tag of their own (Instagram), finds them itself:
   * `findComments(node)` returns the comments in or around an added node
   * (or the document), `commentAround(node)` the one a changed node is
   * part of.
   *
   * @param {{ commentSelector?: string, findComments?: (node: Node) => Iterable<Element>,
   *           commentAround?: (node: Node) => Element | null, readComment: (el: Element) => any }} site
   * @param {{ classify: (comments: object[]) => Promise<object[]> }} engine
   * @param {{ show: (element: Element, key: string, verdict: object, comment: object) => boolean,
   *           refresh: (element: Element) => void }} display
   *   shows verdicts; `show` says whether the comment counts as hidden
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
    this.#writes = [];
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
   * that, changes are written every WRITE_INTERVAL_MS and at the end.
   */
  async #drain() {
    let sliceStart = performance.now();
    let lastWrite = sliceStart;
    let wroteBeforeYield = false;
    let interval = WRITE_INTERVAL_MS;
    let firstSlice = true;
    const writeIfDue = () => {
      const now = performance.now();
      if (firstSlice || now - lastWrite >= interval) {
        wroteBeforeYield = this.#flush();
        lastWrite = now;
      }
    };
    while (this.#pending.size > 0) {
      const batch = this.#takeBatch({ markPending: firstSlice });
      writeIfDue();
      if (batch.length > 0) await this.#classify(batch);
      if (performance.now() - sliceStart > SLICE_BUDGET_MS) {
        writeIfDue();
        firstSlice = false;
        const yielded = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 0));
        sliceStart = performance.now();
        // What the page took to show the last writes: write less often on slow pages.
        if (wroteBeforeYield) {
          interval = Math.min(MAX_WRITE_INTERVAL_MS, Math.max(WRITE_INTERVAL_MS, RENDER_SHARE * (sliceStart - yielded)));
          wroteBeforeYield = false;
        }
      }
    }
    this.#flush();
  }

  /** Makes the waiting changes to the page, then reports the counts. Returns whether there were any. */
  #flush() {
    if (this.#writes.length === 0) return false;
    const writes = this.#writes;
    this.#writes = [];
    for (const write of writes) write();
    this.#onStats(this.stats);
    return true;
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
        this.#writes.push(() => this.#display.refresh(element));
        continue;
      }
      this.#keys.set(element, key);
      const known = this.#verdicts.get(key);
      if (known) {
        this.#apply(element, key, known, read.comment);
      } else {
        if (markPending) this.#writes.push(() => element.setAttribute(STATE_ATTRIBUTE, 'pending'));
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
        this.#writes.push(() => element.removeAttribute(STATE_ATTRIBUTE));
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
    this.#writes.push(() => {
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
