/**
 * When the comment scanner's changes go into the page. Marks and cards are
 * queued here as they are decided. The latest changes' go in at once
 * (urgent: they are for comments about to paint, or waiting hidden); a
 * backlog's go in together, in an animation frame, so right before the
 * page renders, and only every so often.
 *
 * A change to how a comment looks (hidden, its card; a clean mark costs
 * nothing, see marks.js) makes the browser lay out the page again, which on
 * a long page costs far more than classifying (measured on 10,000
 * comments: a second or more for each frame with a card in it), so a
 * backlog written slice by slice grew quadratically with the page.
 */
import { afterPagesTurn } from '../shared/tasks.js';

/**
 * A backlog's changes go into the page at most every WRITE_INTERVAL_MS,
 * and on a page whose rendering is slow, at most every RENDER_SHARE × what
 * the last frame with changes took to render (up to MAX_WRITE_INTERVAL_MS):
 * the page gets most of its time for itself. Once the backlog is read, the
 * rest goes in at once. (With a cap of 2 s, 50,000 comments inserted at
 * once took 579 s to be judged, a relayout of tens of seconds every 2 s;
 * with 10 s, 120 s.)
 */
const WRITE_INTERVAL_MS = 100;
const RENDER_SHARE = 4;
const MAX_WRITE_INTERVAL_MS = 10_000;
/**
 * How long a frame's writes may take (what is left waits for the next
 * frame): a share of what the last frame took to render, within
 * FRAME_WRITE_BUDGET_MS. A frame with a card in it costs a page of 10,000
 * comments about a second of layout, with one card or with twenty
 * (measured), so such a page gets its cards in few frames: where a frame
 * renders for many seconds, writing two seconds' worth in one is cheaper
 * than another frame. Once the backlog is read, on a page whose frames
 * take longer to render than a long task (SLOW_RENDER_MS), the last of it
 * may take twice as long as a frame renders, up to LAST_FRAME_WRITE_MS
 * (measured on 20,000 comments: with as long as a frame renders, the last
 * verdicts went in two frames, and the second cost 1.6 s of rendering for
 * 0.1 s of writing). Other pages keep the frame budget: no long task.
 */
const FRAME_WRITE_SHARE = 1 / 4;
/**
 * A backlog's changes wait for the last of it when reading the rest takes
 * less than this (ms of work) or less than the write interval: each frame
 * with changes costs a long page a layout (20,000 comments: 1–1.5 s of
 * rendering), more than a bot's verdict off screen gains by going in a
 * second or two earlier.
 */
const LAST_WAIT_MS = 2_000;
const SLOW_RENDER_MS = 50;
const LAST_FRAME_WRITE_SHARE = 2;
const LAST_FRAME_WRITE_MS = 10_000;
const FRAME_WRITE_BUDGET_MS = [8, 2_000];

export class PageWriter {
  /** @type {(() => void)[]} changes to the page, in order, waiting to be written */
  #writes = [];
  /** @type {(() => void)[]} changes that may not wait */
  #urgent = [];
  #afterWrites;
  /** How long the last frame with changes took to render (0 before any): the write interval and budgets follow. */
  #renderMs = 0;
  #lastWrite = -Infinity;
  /** @type {Promise<void> | null} a frame's writing, once asked for */
  #frame = null;

  /** @param {() => void} afterWrites called after each batch of changes went in */
  constructor(afterWrites) {
    this.#afterWrites = afterWrites;
  }

  /**
   * Queues a change to the page. `urgent`: written by the next writeUrgent,
   * not when due. @param {() => void} write
   */
  queue(write, { urgent = false } = {}) {
    (urgent ? this.#urgent : this.#writes).push(write);
  }

  get hasWrites() {
    return this.#writes.length + this.#urgent.length > 0;
  }

  /** Drops the queued changes (the page they were for is gone). */
  clear() {
    this.#writes = [];
    this.#urgent = [];
  }

  /** Makes the urgent changes now. */
  writeUrgent() {
    this.#write(this.#urgent, Infinity);
  }

  /**
   * Has the other changes written in the next animation frame, once they
   * are due (`now`: whenever they are, as the backlog is read and these
   * are the last of it, written in one frame). `lastIn`: how many ms of
   * work the backlog still needs, if known; when that is little
   * (LAST_WAIT_MS), these wait for the last of it. Returns a promise of
   * that frame's writing, or null when none is asked for yet.
   */
  writeWhenDue({ now = false, lastIn = Infinity } = {}) {
    if (this.#frame || this.#writes.length === 0) return this.#frame;
    const interval = clamp(RENDER_SHARE * this.#renderMs, WRITE_INTERVAL_MS, MAX_WRITE_INTERVAL_MS);
    if (!now && performance.now() - this.#lastWrite < interval) return null;
    if (!now && lastIn < Math.max(interval, LAST_WAIT_MS)) return null;
    this.#frame = new Promise((resolve) =>
      beforeNextRender(() => {
        this.#frame = null;
        const budget =
          now && this.#renderMs > SLOW_RENDER_MS
            ? Math.min(LAST_FRAME_WRITE_SHARE * this.#renderMs, LAST_FRAME_WRITE_MS)
            : clamp(FRAME_WRITE_SHARE * this.#renderMs, ...FRAME_WRITE_BUDGET_MS);
        this.#write(this.#writes, performance.now() + budget);
        const written = performance.now();
        this.#lastWrite = written;
        // A task queued now runs once the page has rendered this frame.
        afterPagesTurn(() => {
          this.#renderMs = performance.now() - written;
        });
        resolve();
      }),
    );
    return this.#frame;
  }

  #write(writes, deadline) {
    if (writes.length === 0) return;
    let done = 0;
    // Every change is cheap but a card's: check the time every few.
    while (done < writes.length && ((done & 7) !== 7 || performance.now() < deadline)) {
      try {
        writes[done++]();
      } catch (error) {
        // One comment's failure must not keep the others' verdicts out.
        console.debug('Schild: a change was not made', error);
      }
    }
    writes.splice(0, done);
    this.#afterWrites();
  }
}

/** Calls `callback` right before the page next renders; in a tab in the background (no frames), soon. */
function beforeNextRender(callback) {
  if (document.visibilityState === 'visible') requestAnimationFrame(callback);
  else setTimeout(callback, 0);
}

const clamp = (value, min, max) => Math.min(max, Math.max(min, value));
