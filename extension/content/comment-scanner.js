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
 *
 * The work is cut to fit between the page's frames. The comments of the
 * latest changes come first, in the task that hands them over (the page's
 * own, or an animation frame; before they first paint): what that slice
 * judges is never seen unjudged, and what it only sends to the background
 * is hidden until its verdict is in. Whatever does not fit (a page of thousands at once) is
 * worked off after, in short slices.
 */
import { yieldToPage } from '../shared/tasks.js';
import { PageWriter } from './page-writer.js';

/** Most comments per classifier call (one message on the background path). */
export const BATCH_SIZE = 100;
/**
 * Longest stretch of work before giving the page its main thread back. The
 * slice for the latest changes runs before they first paint and may take
 * longer; both stay well under the 50 ms after which a task delays what the
 * user does.
 */
const SLICE_BUDGET_MS = 8;
const FIRST_SLICE_BUDGET_MS = 20;
/** Comments of the latest changes, at most, hidden while they wait for a later slice. */
const HIDE_UNREAD_MAX = 300;
/** Batches at most in the background's hands at once. */
const MAX_IN_FLIGHT = 4;
/** What one comment is assumed to cost (ms) until measured: code not yet optimised. */
const FIRST_COST_MS = 0.3;
/** Verdicts remembered per page, for reused elements and re-renders. */
const CACHE_LIMIT = 5_000;

export class CommentScanner {
  #site;
  #engine;
  #display;
  #onWritten;
  /** @type {Set<Element>} comment elements of the latest changes: read first */
  #fresh = new Set();
  /** @type {Set<Node>} added nodes whose comments are still to be found */
  #addedNodes = new Set();
  /** @type {Set<Element>} comment elements still to read (the backlog) */
  #pending = new Set();
  /** @type {Set<Promise<void>>} batches the background is judging */
  #inFlight = new Set();
  /** @type {WeakSet<Element>} comments hidden before they were read (see enqueue) */
  #hiddenUnread = new WeakSet();
  /** @type {WeakMap<Element, string>} the key each element was last read with */
  #keys = new WeakMap();
  #root = null;
  /** @type {Map<string, object>} key → verdict */
  #verdicts = new Map();
  #draining = null;
  /** Counts resets: a batch sent before the last reset belongs to another page. */
  #generation = 0;
  /** What reading (and, in the page, classifying) one comment costs the main thread, in ms: a moving average. */
  #costPerComment = FIRST_COST_MS;
  #writer = new PageWriter(() => this.#onWritten());
  /**
   * Makes a function that gives the comments in or around an added node,
   * for one run over nodes added together (it may remember what they share).
   * @type {() => (node: Node) => Iterable<Element>}
   */
  #finder;
  /** @type {(node: Node) => Element | null} the comment a changed node is part of */
  #commentAround;

  /**
   * @param {import('./sites/site.js').SiteAdapter} site  finds and reads the comments
   * @param {{ classify: (comments: object[]) => object[] | Promise<object[]> }} engine
   *   answers at once (classifier in the page) or later (in the background)
   * @param {{ show: (element: Element, key: string, verdict: object, comment: object) => boolean,
   *           refresh: (element: Element) => void, markPending: (element: Element) => void,
   *           clearPending: (element: Element) => void }} display
   *   shows verdicts (verdict-display.js), and counts them
   * @param {() => void} onWritten  called after verdicts went into the page (the counts may have changed)
   */
  constructor(site, engine, display, onWritten) {
    this.#site = site;
    this.#engine = engine;
    this.#display = display;
    this.#onWritten = onWritten;
    if (site.findComments) {
      this.#finder = () => (node) => site.findComments(node);
      this.#commentAround = (node) => site.commentAround(node);
    } else {
      const selector = site.commentSelector(location);
      this.#finder = () => {
        const around = sameParentAround(selector);
        return (node) => commentsInOrAround(node, selector, around);
      };
      this.#commentAround = (node) => commentAround(node, selector);
    }
  }

  /**
   * Judges the comments that changes touched (those in or around added
   * nodes, and those around changed ones): as many as fit in one slice at
   * once, the rest after. Returns when all are classified.
   *
   * @param {{ added?: Node[], changed?: Node[] }} changes
   * @param {{ showingVerdicts?: boolean }} [options] `showingVerdicts`: the
   *   comments show verdicts already (the page read again for a new
   *   sensitivity), so none is about to paint unjudged: a slice of the usual
   *   length, and none hidden while it waits
   */
  enqueue({ added = [], changed = [] }, { showingVerdicts = false } = {}) {
    const firstSliceMs = showingVerdicts ? SLICE_BUDGET_MS : FIRST_SLICE_BUDGET_MS;
    const deadline = performance.now() + firstSliceMs;
    for (const node of changed) {
      const element = this.#commentAround(node);
      if (element) this.#fresh.add(element);
    }
    // Finding comments gets half the slice at most, judging them the rest;
    // past that, finding them is left to the backlog too.
    const findUntil = performance.now() + firstSliceMs / 2;
    let found = 0;
    let late = false;
    const commentsInOrAround = this.#finder();
    for (const node of added) {
      if (node.nodeType === Node.DOCUMENT_NODE) this.#root = node;
      if (!late && (++found & 15) === 0) late = performance.now() > findUntil;
      if (late) this.#addedNodes.add(node);
      else for (const element of commentsInOrAround(node)) this.#fresh.add(element);
    }
    this.#slice(deadline, { fresh: true });
    this.#writer.writeUrgent();
    this.#writeWhenDue();
    // What did not fit joins the backlog, so the next changes are again
    // judged first; the first of it is hidden until judged, as it may be
    // on screen (a burst of chat messages). Hiding all of a flood would
    // cost it a long task.
    let hidden = 0;
    for (const element of this.#fresh) {
      // Only never-read ones: a comment read before keeps the verdict it shows.
      if (!showingVerdicts && hidden < HIDE_UNREAD_MAX && !this.#keys.has(element)) {
        this.#display.markPending(element);
        this.#hiddenUnread.add(element);
        hidden++;
      }
      this.#pending.add(element);
    }
    this.#fresh.clear();
    // Most changes fit in this slice: no backlog, no task of its own.
    if (this.#toRead() || this.#writer.hasWrites || this.#inFlight.size > 0) {
      this.#draining ??= this.#drain().finally(() => {
        this.#draining = null;
      });
    }
    return this.#draining ?? Promise.resolve();
  }

  /**
   * Forgets the page (after navigation, or a new sensitivity): the
   * verdicts start over, and the comments still shown are read again, so
   * the page context is the new page's. `showingVerdicts`: the page shows
   * the comments it showed, with their verdicts (a new sensitivity), and
   * each keeps its verdict until the new one comes (hiding them meanwhile
   * made them blink, and cost the page a restyle of each twice).
   */
  reset({ showingVerdicts = false } = {}) {
    this.stop();
    if (this.#root) this.enqueue({ added: [this.#root] }, { showingVerdicts });
  }

  /**
   * Stops work on this page (protection paused, or before a reset): queued
   * comments are dropped, batches in flight discarded.
   */
  stop() {
    this.#fresh.clear();
    this.#addedNodes.clear();
    this.#pending.clear();
    this.#writer.clear();
    this.#verdicts.clear();
    this.#keys = new WeakMap();
    this.#generation++;
    this.#onWritten();
  }

  /** Whether a slice has comments to read: the latest changes', or else the backlog. */
  #toRead({ fresh = false } = {}) {
    return fresh ? this.#fresh.size > 0 : this.#addedNodes.size + this.#pending.size > 0;
  }

  /**
   * Works off what the first slice left, in slices of SLICE_BUDGET_MS with
   * the page's turn between them; the writer writes when it is due, and at
   * the end. Batches sent to the background are not waited for, up to
   * MAX_IN_FLIGHT of them: the page reads on while the background judges.
   */
  async #drain() {
    const writer = this.#writer;
    for (;;) {
      await yieldToPage();
      if (this.#toRead()) {
        this.#slice(performance.now() + SLICE_BUDGET_MS, { fresh: false });
        writer.writeUrgent();
        this.#writeWhenDue();
        if (this.#inFlight.size >= MAX_IN_FLIGHT) await Promise.race(this.#inFlight);
        continue;
      }
      // All read: what is left is to write, and the background's verdicts.
      writer.writeUrgent();
      if (writer.hasWrites) await writer.writeWhenDue({ now: true });
      else if (this.#inFlight.size > 0) await Promise.race(this.#inFlight);
      else return;
    }
  }

  /** Has the writer write the backlog's changes when due, telling it how much reading is left. */
  #writeWhenDue() {
    // An added node not yet searched counts as one comment (a thread, a message).
    this.#writer.writeWhenDue({ lastIn: (this.#addedNodes.size + this.#pending.size) * this.#costPerComment });
  }

  /**
   * Reads and classifies until the deadline, in batches sized to the time
   * left. `fresh`: the slice runs before the latest changes paint, so what
   * goes to the background is hidden until its verdict is in.
   */
  #slice(deadline, { fresh }) {
    // One batch at least, however little time is left, so every slice moves
    // on; before a paint, one of a few comments (what a screen shows).
    const least = fresh ? 10 : 1;
    for (let started = performance.now(); this.#toRead({ fresh }); started = performance.now()) {
      const limit = Math.max(least, Math.min(BATCH_SIZE, Math.floor((deadline - started) / this.#costPerComment)));
      const { batch, read } = this.#takeBatch({ fresh, limit, deadline });
      if (batch.length > 0) this.#classify(batch, { urgent: fresh });
      this.#learnCost(performance.now() - started, read);
      if (performance.now() >= deadline) return;
    }
  }

  /** Keeps the moving average of one comment's cost. */
  #learnCost(ms, read) {
    if (read === 0) return;
    this.#costPerComment = Math.max(0.005, 0.7 * this.#costPerComment + 0.3 * (ms / read));
  }

  /**
   * Reads queued elements until `limit` of them need the classifier or the
   * deadline passes: with `fresh`, the latest changes' (which have
   * not painted yet: what they need is written at once), else the
   * backlog's. Returns the batch, and how many elements were read.
   */
  #takeBatch({ fresh, limit, deadline }) {
    const batch = [];
    let read = 0;
    let steps = 0;
    const commentsInOrAround = this.#finder();
    for (const queue of fresh ? [this.#fresh] : [this.#addedNodes, this.#pending]) {
      for (const item of queue) {
        if (batch.length === limit || ((++steps & 15) === 0 && performance.now() > deadline)) return { batch, read };
        queue.delete(item);
        if (queue === this.#addedNodes) {
          for (const element of commentsInOrAround(item)) this.#pending.add(element);
          continue;
        }
        read++;
        const element = item;
        if (!element.isConnected) continue;
        const comment = this.#site.readComment(element);
        // Hidden unread, and still being filled in: shown as it is until it changes.
        const wasHidden = this.#hiddenUnread.delete(element);
        if (!comment) {
          if (wasHidden) this.#writer.queue(() => this.#display.clearPending(element), { urgent: true });
          continue;
        }
        const { author, text, trusted } = comment.comment;
        const key = `${comment.id}\u0001${author ?? ''}\u0001${trusted ? 1 : 0}\u0001${text}`;
        // Before they paint, every change is urgent.
        if (this.#keys.get(element) === key) {
          this.#writer.queue(() => this.#display.refresh(element), { urgent: fresh });
          continue;
        }
        this.#keys.set(element, key);
        const known = this.#verdicts.get(key);
        if (known) {
          this.#apply(element, key, known, comment.comment, { urgent: fresh });
        } else {
          batch.push({ element, key, comment: comment.comment });
        }
      }
    }
    return { batch, read };
  }

  /**
   * Classifies a batch and queues what to show: at once when the classifier
   * is in the page, else when the background answers. `urgent`: the
   * comments wait hidden, so their verdicts go into the page as soon as
   * they come.
   */
  #classify(batch, { urgent }) {
    const generation = this.#generation;
    const failed = (error) => {
      if (generation !== this.#generation) return;
      // Leave these comments as they are; a later change retries them.
      console.debug('Schild: a batch could not be classified', error);
      for (const { element } of batch) {
        this.#keys.delete(element);
        this.#writer.queue(() => this.#display.clearPending(element), { urgent });
      }
    };
    const handle = (verdicts) => {
      // The page changed meanwhile: reset() queued these comments again.
      if (generation !== this.#generation) return;
      batch.forEach(({ element, key, comment }, i) => {
        const verdict = verdicts[i];
        if (!verdict || 'error' in verdict) return;
        this.#remember(key, verdict);
        // The element may have been reused for another comment meanwhile.
        if (this.#keys.get(element) === key) this.#apply(element, key, verdict, comment, { urgent });
      });
    };
    let answer;
    try {
      answer = this.#engine.classify(batch.map((item) => item.comment));
    } catch (error) {
      failed(error);
      return;
    }
    if (typeof answer?.then !== 'function') {
      handle(answer);
      return;
    }
    // The verdicts come later: hidden until then, if they have not painted
    // yet (in the page the verdicts come at once, and a pending mark would
    // only cost the page a restyle).
    if (urgent) for (const { element } of batch) this.#writer.queue(() => this.#display.markPending(element), { urgent: true });
    const handled = answer.then(handle, failed).finally(() => this.#inFlight.delete(handled));
    this.#inFlight.add(handled);
  }

  #remember(key, verdict) {
    if (this.#verdicts.size >= CACHE_LIMIT) {
      this.#verdicts.delete(this.#verdicts.keys().next().value);
    }
    this.#verdicts.set(key, verdict);
  }

  #apply(element, key, verdict, comment, { urgent = false } = {}) {
    // A clean mark costs the page nothing (marks.js): it need not wait for a frame.
    this.#writer.queue(
      () => {
        // Read again since, for another comment: that one's verdict will follow.
        if (this.#keys.get(element) !== key) return;
        this.#display.show(element, key, verdict, comment);
      },
      { urgent: urgent || !verdict.sexspam },
    );
  }
}

/** The comment element a node is part of, if any. */
function commentAround(node, selector) {
  const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  return element?.closest(selector) ?? null;
}

/**
 * commentAround for a run of nodes added together: a page adds a list's
 * items at once (with the text between them), and each would look up the
 * same ancestors; the parent's answer is kept for the next node of the same
 * parent. Only for one synchronous run: the page may move things after.
 */
function sameParentAround(selector) {
  let parent;
  let parentsComment = null;
  return (node) => {
    if (node.nodeType === Node.ELEMENT_NODE && node.matches(selector)) return node;
    if (node.parentNode !== parent) {
      parent = node.parentNode;
      parentsComment = parent?.nodeType === Node.ELEMENT_NODE ? parent.closest(selector) : null;
    }
    return parentsComment;
  };
}

/**
 * The comment elements an added node is in or contains. A comment element
 * holds no other (site.js), so one that is, or is in, a comment has
 * nothing more to find inside (a live chat message comes alone).
 */
function commentsInOrAround(node, selector, around) {
  if (node.nodeType === Node.DOCUMENT_NODE) return node.querySelectorAll(selector);
  const comment = around(node);
  if (comment) return [comment];
  return node.nodeType === Node.ELEMENT_NODE && node.firstElementChild ? node.querySelectorAll(selector) : [];
}
