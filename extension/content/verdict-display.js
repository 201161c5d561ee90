/**
 * Shows verdicts on the page: marks each comment element with its state
 * (marks.js: pending while its verdict is on the way, then clean, blurred,
 * revealed or allowed) and gives hidden ones their card. The one place that
 * writes those marks, and that knows what a user's choices (show anyway,
 * not spam) and settings do to a comment.
 */
import { ext } from '../shared/browser-api.js';
import { MessageType } from '../shared/messages.js';
import { setLanguage } from '../shared/i18n.js';
import { onNotSpamChanged, onSettingsChanged, readNotSpam, readSettings, setNotSpam } from '../shared/settings.js';
import { createCard } from './card.js';
import { CARD_ATTRIBUTE, markedSelector, SEXSPAM_STATES, STATE_ATTRIBUTE, State } from './marks.js';

export class VerdictDisplay {
  #site;
  #settings;
  /** @type {Set<string>} authors marked "not spam" on this site */
  #notSpam;
  /** @type {WeakMap<Element, { key: string, verdict: object, comment: object, card?: object }>} */
  #shown = new WeakMap();
  /** Keys of comments the user chose to see; they stay shown while on this page. */
  #revealed = new Set();
  /** The element where the user last said "not spam": it shows the undo. */
  #undoElement = null;

  /** Reads the settings and the not-spam list, and follows their changes in any tab. */
  static async start(site) {
    const [settings, notSpam] = await Promise.all([readSettings(), readNotSpam()]);
    return new VerdictDisplay(site, settings, notSpam);
  }

  constructor(site, settings, notSpam) {
    this.#site = site;
    this.#settings = settings;
    this.#notSpam = new Set(Object.keys(notSpam[site.name] ?? {}));
    setLanguage(settings.uiLanguage);
    onSettingsChanged((next) => {
      this.#settings = next;
      setLanguage(next.uiLanguage);
      this.#redrawAll();
    });
    onNotSpamChanged((next) => {
      const authors = Object.keys(next[site.name] ?? {});
      // This tab's own change was drawn when the user clicked.
      if (authors.length === this.#notSpam.size && authors.every((a) => this.#notSpam.has(a))) return;
      this.#notSpam = new Set(authors);
      this.#redrawAll();
    });
  }

  get settings() {
    return this.#settings;
  }

  /**
   * Marks a comment whose verdict is on the way: blurred until it comes.
   * @param {Element} element
   */
  markPending(element) {
    element.setAttribute(STATE_ATTRIBUTE, State.pending);
  }

  /**
   * Takes the mark off a comment whose verdict will not come (its batch
   * failed): it shows as the page has it until a change reads it again.
   * @param {Element} element
   */
  clearPending(element) {
    element.removeAttribute(STATE_ATTRIBUTE);
  }

  /**
   * Shows a verdict on its element. Returns whether the comment counts as
   * hidden (a comment its author was vouched for does not).
   */
  show(element, key, verdict, comment) {
    if (!verdict.sexspam) {
      this.#shown.delete(element);
      this.#removeCard(element);
      element.setAttribute(STATE_ATTRIBUTE, State.clean);
      return false;
    }
    const entry = this.#shown.get(element);
    this.#shown.set(element, { key, verdict, comment, card: entry?.card });
    return this.#draw(element);
  }

  /**
   * Called when an element's comment is unchanged but its content was
   * touched: the site may have re-rendered it and dropped the card.
   */
  refresh(element) {
    const entry = this.#shown.get(element);
    if (entry?.card && !entry.card.host.isConnected) {
      entry.card = undefined;
      this.#draw(element);
    }
  }

  /** Forgets what the user revealed (another page). */
  reset() {
    this.#revealed.clear();
    this.#undoElement = null;
  }

  /** Takes every mark and card off the page (protection paused here). */
  clearAll() {
    this.reset();
    for (const element of document.querySelectorAll(markedSelector())) {
      this.#removeCard(element);
      element.removeAttribute(STATE_ATTRIBUTE);
    }
    this.#shown = new WeakMap();
  }

  #draw(element) {
    const entry = this.#shown.get(element);
    const { key, comment } = entry;
    // Policy's disableReveal also sets aside what was vouched for before.
    const allowed = !this.#settings.disableReveal && comment.author !== null && this.#notSpam.has(comment.author);
    if (allowed && element !== this.#undoElement) {
      this.#removeCard(element);
      element.setAttribute(STATE_ATTRIBUTE, State.allowed);
      return false;
    }
    const revealed = this.#revealed.has(key) && this.#settings.revealPolicy !== 'never';
    element.setAttribute(STATE_ATTRIBUTE, allowed ? State.allowed : revealed ? State.revealed : State.blurred);
    const view = allowed ? 'not-spam' : revealed ? 'revealed' : 'hidden';
    entry.card ??= this.#newCard(element);
    entry.card.render(view, {
      verdict: entry.verdict,
      author: comment.author,
      settings: this.#settings,
      report: this.#site.reportRoute(element),
      compact: this.#site.compactCard?.(element) ?? false,
      theme: this.#site.theme?.() ?? null,
    });
    return !allowed;
  }

  #newCard(element) {
    // The element's current comment, at the time of the click: sites reuse elements.
    const current = () => this.#shown.get(element);
    return createCard(element, {
      reveal: () => {
        if (this.#settings.revealPolicy === 'never') return;
        this.#revealed.add(current().key);
        this.#draw(element);
      },
      hideAgain: () => {
        this.#revealed.delete(current().key);
        this.#draw(element);
      },
      notSpam: () => {
        this.#undoElement = element;
        this.#setNotSpam(current().comment.author, true);
      },
      undoNotSpam: () => {
        this.#undoElement = null;
        this.#setNotSpam(current().comment.author, false);
      },
      learnMore: () =>
        ext.runtime.sendMessage({ type: MessageType.openLearnPage, region: this.#settings.region }).catch(() => {}),
    });
  }

  #setNotSpam(author, notSpam) {
    // Shown at once here; storage tells the other tabs.
    if (notSpam) this.#notSpam.add(author);
    else this.#notSpam.delete(author);
    this.#redrawAll();
    setNotSpam(this.#site.name, author, notSpam).catch((error) => console.debug('Schild: not-spam list not saved', error));
  }

  #redrawAll() {
    for (const element of document.querySelectorAll(markedSelector(...SEXSPAM_STATES))) {
      if (this.#shown.has(element)) this.#draw(element);
    }
  }

  #removeCard(element) {
    for (const host of element.querySelectorAll(`:scope > [${CARD_ATTRIBUTE}]`)) host.remove();
    const entry = this.#shown.get(element);
    if (entry) entry.card = undefined;
  }
}
