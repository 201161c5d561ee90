/**
 * Shows verdicts on the page: marks each comment element with its state
 * (marks.js: pending while its verdict is on the way, then clean, blurred,
 * revealed or allowed) and gives hidden ones their card. The one place that
 * writes those marks, and that knows what a user's choices (show anyway,
 * not spam) and settings do to a comment.
 *
 * It also keeps what a page visit saw (a visit ends when the page
 * navigates; a pause and resume is the same visit): which comments were
 * checked and which hidden, each counted once by its verdict key, for the
 * popup, the badge and the statistics; and, for the children's audience,
 * which hidden comment carries the visit's tip.
 */
import { ext } from '../shared/browser-api.js';
import { MessageType } from '../shared/messages.js';
import { setLanguage, wordsFromBundle } from '../shared/i18n.js';
import { onNotSpamChanged, onSettingsChanged, readNotSpam, readSettings, setNotSpam } from '../shared/settings.js';
import { createCard } from './card.js';
import { CARD_ATTRIBUTE, mark, markedSelector, SEXSPAM_STATES, STATE_ATTRIBUTE, State } from './marks.js';

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
  /** Children of blurred comments that Schild made inert (not the ones the site did). */
  #madeInert = new WeakSet();
  /**
   * Comment elements Schild made a child of inert, or gave a card: only
   * these have anything to take back, and nearly every comment is clean and
   * never had either (looking in every one cost a tenth of showing verdicts).
   */
  #touched = new WeakSet();
  #visit = newVisitId();
  /** Verdict keys of the comments checked, and hidden, on this page visit. */
  #checkedKeys = new Set();
  /** Verdicts shown on this page visit, each reading counted (a page read again after a settings change is judged again). */
  #judged = 0;
  #hiddenKeys = new Set();
  /**
   * The children's tip: the first hidden comment that comes into view on
   * a visit shows it under its one-line card; the others stay one line.
   */
  #tipKey = null;
  /** @type {IntersectionObserver | null} watches one-line cards until one is seen */
  #tipWatch = null;

  /** Reads the settings and the not-spam list, and follows their changes in any tab. */
  static async start(site) {
    const [settings, notSpam] = await Promise.all([readSettings(), readNotSpam()]);
    return new VerdictDisplay(site, settings, notSpam);
  }

  constructor(site, settings, notSpam) {
    this.#site = site;
    this.#settings = settings;
    this.#notSpam = new Set(Object.keys(notSpam[site.name] ?? {}));
    wordsFromBundle();
    setLanguage(settings.uiLanguage);
    onSettingsChanged((next) => {
      const cardsChange = cardSettings(next) !== cardSettings(this.#settings);
      this.#settings = next;
      setLanguage(next.uiLanguage);
      // The sensitivity and the sites change which comments are hidden, not
      // their cards: the page is judged again, and redrawing every card first
      // made a long task.
      if (cardsChange) this.#redrawAll();
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
   * What this page visit saw: comments checked and hidden, each once by its
   * verdict key, however often the page was read again (resume, a changed
   * sensitivity, a re-render). `visit` names the visit.
   */
  get visitCounts() {
    return { visit: this.#visit, hidden: this.#hiddenKeys.size, checked: this.#checkedKeys.size, judged: this.#judged };
  }

  /**
   * Marks a comment whose verdict is on the way: blurred until it comes.
   * @param {Element} element
   */
  markPending(element) {
    mark(element, State.pending);
  }

  /**
   * Takes the mark off a comment whose verdict will not come (its batch
   * failed): it shows as the page has it until a change reads it again.
   * @param {Element} element
   */
  clearPending(element) {
    this.#restoreForAssistiveTech(element);
    mark(element, null);
  }

  /**
   * Shows a verdict on its element. Returns whether the comment counts as
   * hidden (a comment its author was vouched for does not).
   */
  show(element, key, verdict, comment) {
    this.#checkedKeys.add(key);
    this.#judged++;
    if (!verdict.sexspam) {
      this.#shown.delete(element);
      this.#removeCard(element);
      this.#restoreForAssistiveTech(element);
      mark(element, State.clean);
      return false;
    }
    const entry = this.#shown.get(element);
    this.#shown.set(element, { key, verdict, comment, card: entry?.card });
    const hidden = this.#draw(element);
    if (hidden) this.#hiddenKeys.add(key);
    return hidden;
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
    } else if (element.getAttribute(STATE_ATTRIBUTE) === State.blurred) {
      // New parts of a hidden comment are hidden from assistive technology too.
      this.#hideFromAssistiveTech(element);
    }
  }

  /** A new page visit (the page navigated): what the user revealed, the counts and the tip start over. */
  reset() {
    this.#forgetChoices();
    this.#visit = newVisitId();
    this.#checkedKeys.clear();
    this.#hiddenKeys.clear();
    this.#judged = 0;
    this.#tipKey = null;
    this.#tipWatch?.disconnect();
    this.#tipWatch = null;
  }

  /**
   * Takes every mark and card off the page (protection paused here). The
   * visit goes on: its counts stay, so a resume does not count again.
   */
  clearAll() {
    this.#forgetChoices();
    for (const element of document.querySelectorAll(markedSelector())) {
      this.#removeCard(element);
      this.#restoreForAssistiveTech(element);
      mark(element, null);
    }
    this.#shown = new WeakMap();
  }

  /** Revealed comments are hidden again once Schild looks at them anew. */
  #forgetChoices() {
    this.#revealed.clear();
    this.#undoElement = null;
  }

  #draw(element) {
    const entry = this.#shown.get(element);
    const { key, comment } = entry;
    // Policy's disableReveal also sets aside what was vouched for before.
    const allowed = !this.#settings.disableReveal && comment.author !== null && this.#notSpam.has(comment.author);
    if (allowed && element !== this.#undoElement) {
      this.#removeCard(element);
      this.#restoreForAssistiveTech(element);
      mark(element, State.allowed);
      return false;
    }
    const revealed = this.#revealed.has(key) && this.#settings.revealPolicy !== 'never';
    const state = allowed ? State.allowed : revealed ? State.revealed : State.blurred;
    mark(element, state);
    if (state === State.blurred) this.#hideFromAssistiveTech(element);
    else this.#restoreForAssistiveTech(element);
    const view = allowed ? 'not-spam' : revealed ? 'revealed' : 'hidden';
    entry.card ??= this.#newCard(element);
    const tips = this.#settings.audience === 'child' && !(this.#site.compactCard?.(element) ?? false);
    entry.card.render(view, {
      verdict: entry.verdict,
      author: comment.author,
      settings: this.#settings,
      report: () => this.#site.reportRoute(element),
      tip: tips && this.#tipKey === key,
      theme: this.#site.theme?.(element) ?? null,
    });
    if (tips && view === 'hidden' && this.#tipKey === null) this.#watchForTip(entry.card.host);
    return !allowed;
  }

  /**
   * Watches a one-line card until it comes into view; the first one that
   * does, on this visit, carries the tip from then on. In view rather than
   * first on the page: the child should meet the tip where they read.
   */
  #watchForTip(host) {
    this.#tipWatch ??= new IntersectionObserver((entries) => {
      for (const { target, isIntersecting } of entries) {
        if (!isIntersecting || this.#tipKey !== null) continue;
        const element = target.parentElement;
        const entry = element && this.#shown.get(element);
        if (entry?.card?.host !== target || element.getAttribute(STATE_ATTRIBUTE) !== State.blurred) continue;
        this.#tipKey = entry.key;
        this.#tipWatch.disconnect();
        this.#tipWatch = null;
        this.#draw(element);
        return;
      }
    });
    this.#tipWatch.observe(host);
  }

  /**
   * Takes a blurred comment's own parts (name, avatar, text, links) out of
   * the accessibility tree and the tab order: `inert` on each child but the
   * card. Children the site made inert itself are left as they are, and
   * stay inert when Schild restores the rest.
   */
  #hideFromAssistiveTech(element) {
    this.#touched.add(element);
    for (const child of element.children) {
      if (child.inert || child.hasAttribute(CARD_ATTRIBUTE)) continue;
      child.inert = true;
      this.#madeInert.add(child);
    }
  }

  /** Gives back what #hideFromAssistiveTech took: only the children Schild made inert. */
  #restoreForAssistiveTech(element) {
    if (!this.#touched.has(element)) return;
    for (const child of element.children) {
      if (this.#madeInert.delete(child)) child.inert = false;
    }
  }

  #newCard(element) {
    this.#touched.add(element);
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
    if (!this.#touched.has(element)) return;
    for (const host of element.querySelectorAll(`:scope > [${CARD_ATTRIBUTE}]`)) {
      this.#tipWatch?.unobserve(host);
      host.remove();
    }
    const entry = this.#shown.get(element);
    if (entry) entry.card = undefined;
  }
}

/**
 * The settings a card may show, as a string to compare: all but those that
 * only say what is judged (and `chosen` and `managed`, which are for the
 * options page and repeat the others).
 */
function cardSettings({ sensitivity, sites, chosen, managed, ...others }) {
  return JSON.stringify(others);
}

/** A name for a page visit, unique enough to tell one visit's reports from the next. */
function newVisitId() {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
