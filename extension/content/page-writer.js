/**
 * When the comment scanner's changes go into the page. Marks and cards are
 * queued here as they are decided, and written together: in a drain's
 * first slice at once, while a backlog is worked off only every so often.
 *
 * Every change makes the browser's next frame lay out the page again, which
 * on a long page costs far more than classifying (measured on 5,000
 * comments: 12 s of rendering against 0.5 s of Schild), so a backlog written
 * slice by slice grew quadratically with the page.
 */

/**
 * While a backlog is worked off, changes go into the page at most every
 * WRITE_INTERVAL_MS, and on a page whose frames are slow, at most every
 * RENDER_SHARE × the last frame's time (up to MAX_WRITE_INTERVAL_MS).
 */
const WRITE_INTERVAL_MS = 100;
const RENDER_SHARE = 4;
const MAX_WRITE_INTERVAL_MS = 2_000;

export class PageWriter {
  /** @type {(() => void)[]} changes to the page, in order, waiting for flush */
  #writes = [];
  #afterWrites;
  #interval = WRITE_INTERVAL_MS;
  #lastWrite = 0;
  #wroteBeforeYield = false;

  /** @param {() => void} afterWrites called after each batch of changes went in */
  constructor(afterWrites) {
    this.#afterWrites = afterWrites;
  }

  /** Queues a change to the page. @param {() => void} write */
  queue(write) {
    this.#writes.push(write);
  }

  /** Drops the queued changes (the page they were for is gone). */
  clear() {
    this.#writes = [];
  }

  /** A drain starts: write at the normal pace, counting from now. */
  start() {
    this.#lastWrite = performance.now();
    this.#wroteBeforeYield = false;
    this.#interval = WRITE_INTERVAL_MS;
  }

  /**
   * Writes the queued changes if it is time, and always in a drain's first
   * slice (before its comments paint).
   */
  writeIfDue({ firstSlice = false } = {}) {
    const now = performance.now();
    if (firstSlice || now - this.#lastWrite >= this.#interval) {
      this.#wroteBeforeYield = this.flush();
      this.#lastWrite = now;
    }
  }

  /**
   * The scanner gave the page its main thread back for `pausedMs`: if
   * changes went in just before, that pause is what the page took to show
   * them, so slow pages get their changes less often.
   */
  resumed(pausedMs) {
    if (!this.#wroteBeforeYield) return;
    this.#interval = Math.min(MAX_WRITE_INTERVAL_MS, Math.max(WRITE_INTERVAL_MS, RENDER_SHARE * pausedMs));
    this.#wroteBeforeYield = false;
  }

  /** Makes the queued changes, then calls afterWrites. Returns whether there were any. */
  flush() {
    if (this.#writes.length === 0) return false;
    const writes = this.#writes;
    this.#writes = [];
    for (const write of writes) write();
    this.#afterWrites();
    return true;
  }
}
