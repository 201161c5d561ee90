/**
 * When the comment scanner's changes go into the page. Marks and cards are
 * queued here as they are decided, and written together: the latest
 * changes' at once (before they paint), while a backlog is worked off only
 * every so often, and then only as much as fits in the slice.
 *
 * A change to how a comment looks (hidden, pending, its card; a clean mark
 * costs nothing, see marks.js) makes the browser's next frame lay out the
 * page again, which on a long page costs far more than classifying
 * (measured on 5,000 comments: 12 s of rendering against 0.5 s of Schild),
 * so a backlog written slice by slice grew quadratically with the page.
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
  /** @type {(() => void)[]} changes to the page, in order, waiting to be written */
  #writes = [];
  /** @type {(() => void)[]} changes that may not wait (comments hidden until their verdict) */
  #urgent = [];
  #afterWrites;
  #interval = WRITE_INTERVAL_MS;
  #lastWrite = 0;
  #wroteBeforeYield = false;

  /** @param {() => void} afterWrites called after each batch of changes went in */
  constructor(afterWrites) {
    this.#afterWrites = afterWrites;
  }

  /**
   * Queues a change to the page. `urgent`: written at the next chance, not
   * when due. @param {() => void} write
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

  /** A backlog starts: write at the normal pace, counting from now. */
  start() {
    this.#lastWrite = performance.now();
    this.#wroteBeforeYield = false;
    this.#interval = WRITE_INTERVAL_MS;
  }

  /** Writes the urgent changes, and the others too if it is time (see write). */
  writeIfDue(deadline) {
    if (performance.now() - this.#lastWrite >= this.#interval) this.write(deadline);
    else if (this.#urgent.length > 0) this.#write(this.#urgent, deadline);
  }

  /**
   * Makes the queued changes, urgent ones first, until `deadline` (a
   * performance.now() time; Infinity for all), then calls afterWrites. What
   * the deadline leaves waits for the next call.
   */
  write(deadline) {
    this.#write(this.#urgent, deadline);
    this.#write(this.#writes, deadline);
    this.#lastWrite = performance.now();
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
    this.#wroteBeforeYield = true;
    this.#afterWrites();
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
}
