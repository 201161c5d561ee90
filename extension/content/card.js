/**
 * The card shown in place of a hidden comment. It starts as one line (a
 * shield, "Hidden: looks like a spam bot", Why? and Show), so a page full
 * of bots does not become a wall of cards; Why? opens it in place to the
 * full card: a tip, why it was hidden, and what one can do (show it anyway,
 * say it is not spam, report it, get help). The one-line card can carry the
 * tip as a second line (VerdictDisplay decides which card does).
 *
 * Built with DOM calls only; page text is only ever set as textContent. It
 * lives in a shadow root, so the site's styles cannot reach it and its
 * styles cannot reach the site. The card only draws and reports clicks;
 * VerdictDisplay decides what the clicks mean.
 */
import { helpListItems } from '../shared/help-list.js';
import { t as translate } from '../shared/i18n.js';
import { CARD_STYLES } from './card-styles.js';
import { CARD_ATTRIBUTE } from './marks.js';

/** Tips per audience in _locales: tipChild01…, tipTeen01… */
const TIP_COUNT = 12;
/** At most this many reasons are listed: the strongest come first. */
const MAX_REASONS = 3;

const t = (key, substitutions) => translate(key, substitutions) || key;

// Tips rotate from card to card, starting at a different one on each page.
let nextTip = Math.floor(Math.random() * TIP_COUNT);

/**
 * @typedef {object} CardModel
 * @property {{ reasons: { code: string, field: string }[] }} verdict
 * @property {string | null} author
 * @property {{ audience: string, revealPolicy: string, region: string, disableReveal?: boolean }} settings
 * @property {() => import('./sites/site.js').ReportRoute} report  the site's own routes,
 *   asked for when the card opens (two DOM queries a card that most cards never need)
 * @property {boolean} tip  the one-line card also shows its tip, on a second line
 * @property {'dark' | 'light' | null} theme  the page's, as its site says; null: the system's
 *
 * @typedef {object} CardActions
 * @property {() => void} reveal
 * @property {() => void} hideAgain
 * @property {() => void} notSpam
 * @property {() => void} undoNotSpam
 * @property {() => void} learnMore
 */

/**
 * The control that takes a control's place when the view changes under
 * it, so keyboard focus stays where the user was.
 */
const FOCUS_SUCCESSOR = {
  reveal: 'hide-again',
  'confirm-reveal': 'hide-again',
  'hide-again': 'reveal',
  'not-spam': 'undo',
  undo: 'not-spam',
};

/**
 * Creates the card host for one comment element. Call `render` on it to
 * show a state; the host is the element's first child. Whether the card is
 * open (full) or one line is the card's own: it starts as one line each
 * time the comment is hidden again.
 *
 * @param {Element} comment
 * @param {CardActions} actions
 */
export function createCard(comment, actions) {
  const host = document.createElement('div');
  host.setAttribute(CARD_ATTRIBUTE, '');
  // Open, not closed: assistive technology and accessibility checkers must
  // be able to read the card. Styles are isolated either way.
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = CARD_STYLES;
  root.append(style);
  comment.prepend(host);

  // The tip stays the card's own through redraws; the audience picks the set.
  const tipNumber = String((nextTip++ % TIP_COUNT) + 1).padStart(2, '0');
  let state = null;
  let model = null;
  let open = false;

  /** Draws the current state; `then` runs once the view is in the shadow root. */
  const draw = (then) => {
    host.setAttribute('data-theme', model.theme ?? systemTheme());
    const focused = root.activeElement?.dataset.action;
    const tipKey = `${model.settings.audience === 'teen' ? 'tipTeen' : 'tipChild'}${tipNumber}`;
    const view =
      state === 'revealed'
        ? revealedView(actions)
        : state === 'not-spam'
          ? notSpamView(model, actions)
          : hiddenView(model, actions, { open, tipKey, toggle, showFromLine });
    host.setAttribute('data-form', state === 'hidden' && open ? 'full' : 'line');
    // The style stays: taking it out and in again made Chromium restyle the
    // card from scratch (a redraw cost 3× as much, measured).
    if (root.lastChild === style) root.append(view);
    else root.lastChild.replaceWith(view);
    then?.();
    // Keep keyboard users where they were: on the same control if the
    // new view has it (a redraw), else on the one that replaced it.
    if (!focused || root.activeElement) return;
    (root.querySelector(`[data-action="${focused}"]`) ?? root.querySelector(`[data-action="${FOCUS_SUCCESSOR[focused]}"]`))?.focus();
  };

  /** Why?: opens the card in place, or folds it back to one line. */
  const toggle = (wanted = !open) => {
    open = wanted;
    draw(() => root.querySelector('[data-action="why"]')?.focus());
  };

  /** Show on the one-line card: with "ask first", the full card asks the question. */
  const showFromLine = () => {
    if (model.settings.revealPolicy !== 'confirm') return actions.reveal();
    open = true;
    draw(() => {
      const show = root.querySelector('.actions [data-action="reveal"]');
      const question = root.querySelector('[data-panel="confirm"]');
      if (show && question) openPanel(show, question);
    });
  };

  return {
    host,
    /** @param {'hidden' | 'revealed' | 'not-spam'} next @param {CardModel} nextModel */
    render(next, nextModel) {
      if (next !== state) open = false;
      state = next;
      model = nextModel;
      draw();
    },
  };
}

/**
 * The system's theme, for pages whose site does not say theirs. Asked once
 * per page and then followed: every `matchMedia` call made Chromium bring
 * the page's style up to date, in the middle of Schild's writes.
 */
let darkQuery;
let systemDark = false;
function systemTheme() {
  if (darkQuery === undefined) {
    darkQuery = globalThis.matchMedia?.('(prefers-color-scheme: dark)') ?? null;
    systemDark = darkQuery?.matches ?? false;
    darkQuery?.addEventListener?.('change', (event) => {
      systemDark = event.matches;
    });
  }
  return systemDark ? 'dark' : 'light';
}

/**
 * A hidden comment's card: the line (shield, title, Why?, and Show while
 * folded), then either the tip (a one-line card that carries it) or, open,
 * the tip, the reasons, the actions and their panels.
 *
 * @param {CardModel} model
 * @param {CardActions} actions
 */
function hiddenView(model, actions, { open, tipKey, toggle, showFromLine }) {
  const card = group();
  const canShow = model.settings.revealPolicy !== 'never';
  const details = el('div', { class: 'details', id: nextId('details') });
  const why = button('why', t('cardWhy'), () => toggle());
  why.setAttribute('aria-expanded', String(open));
  why.setAttribute('aria-controls', details.id);
  const buttons = el('span', { class: 'buttons' }, why);
  card.append(el('div', { class: 'line' }, shieldIcon(), el('span', { class: 'title' }, t('cardTitle')), buttons));
  if (!open) {
    if (canShow) buttons.append(button('reveal', t('cardShowShort'), showFromLine));
    details.hidden = true;
    card.append(details);
    if (model.tip) card.append(tipParagraph(tipKey));
    return card;
  }

  card.classList.add('open');
  card.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') toggle(false);
  });
  details.append(tipParagraph(tipKey), whyList(model.verdict));
  const actionButtons = el('div', { class: 'actions' });
  const panels = el('div', { class: 'panels' });

  if (canShow) {
    const confirm = model.settings.revealPolicy === 'confirm';
    const show = button('reveal', t('cardShow'), () => (confirm ? openPanel(show, confirmPanel) : actions.reveal()));
    const confirmPanel = panel(
      'confirm',
      el('p', {}, t('cardShowConfirm')),
      el(
        'div',
        { class: 'actions' },
        button('confirm-reveal', t('cardShowConfirmYes'), actions.reveal),
        button('cancel-reveal', t('cardShowConfirmNo'), () => closePanel(show, confirmPanel)),
      ),
    );
    if (confirm) linkToPanel(show, confirmPanel);
    actionButtons.append(show);
    panels.append(confirmPanel);
  }
  // A school's policy can take vouching away with revealing.
  if (model.author && !model.settings.disableReveal) actionButtons.append(button('not-spam', t('cardNotSpam'), actions.notSpam));

  const reportPanel = panel('report', ...reportContents(model.report()));
  const report = button('report', t('cardReport'), () => togglePanel(report, reportPanel));
  linkToPanel(report, reportPanel);
  const helpPanel = panel('help', ...helpContents(model.settings.region, actions));
  const help = button('help', t('cardHelp'), () => togglePanel(help, helpPanel));
  linkToPanel(help, helpPanel);
  actionButtons.append(report, help);
  panels.append(reportPanel, helpPanel);
  details.append(actionButtons, panels);
  card.append(details);
  return card;
}

/** @param {CardActions} actions */
function revealedView(actions) {
  const card = group();
  card.append(
    el(
      'div',
      { class: 'line' },
      shieldIcon(),
      el('span', { class: 'title' }, t('cardTitle')),
      el('span', { class: 'buttons' }, button('hide-again', t('cardHideAgain'), actions.hideAgain)),
    ),
  );
  return card;
}

/** @param {CardModel} model @param {CardActions} actions */
function notSpamView(model, actions) {
  const card = group();
  const done = el('p', { class: 'title', role: 'status' }, t('cardNotSpamDone', [model.author ?? '']));
  card.append(el('div', { class: 'line' }, done, el('span', { class: 'buttons' }, button('undo', t('cardUndo'), actions.undoNotSpam))));
  return card;
}

/**
 * The card's box: a named group, not a landmark (a page of bots would
 * otherwise fill the landmark list), in the card's own language.
 */
function group() {
  const card = el('div', { class: 'card', role: 'group', 'aria-label': t('cardLabel') });
  // Clicks on the card are the card's: the site must not see them (YouTube
  // would open the comment or the video).
  card.addEventListener('click', (event) => event.stopPropagation());
  card.lang = t('uiLanguage');
  return card;
}

function tipParagraph(tipKey) {
  return el('p', { class: 'tip', 'data-tip': tipKey }, el('strong', {}, t('cardTipHeading')), ' ', t(tipKey));
}

/** The verdict's reasons in plain words, each kind once. */
function whyList(verdict) {
  const seen = new Set();
  const items = [];
  for (const { code, field } of verdict.reasons ?? []) {
    if (seen.has(code) || items.length === MAX_REASONS) continue;
    seen.add(code);
    const reason = translate(`reason_${code.replaceAll('-', '_')}`);
    if (!reason) continue;
    const where = translate(`reasonIn${field.charAt(0).toUpperCase()}${field.slice(1)}`);
    // The child-abuse reason is two sentences (it asks to report); a place would not fit after it.
    const text = where && code !== 'child-abuse' ? `${reason} (${where})` : reason;
    items.push(el('li', { 'data-reason': code }, text));
  }
  const heading = el('p', { class: 'why-heading' }, t('cardWhyHeading'));
  return el('div', { class: 'why' }, heading, el('ul', {}, ...items));
}

/** How to report: the platform's own route, opened by the user, never automated. */
function reportContents({ menuButton, accountUrl, howTo, accountLabel }) {
  const contents = [el('p', {}, t(howTo))];
  const routes = el('div', { class: 'actions' });
  if (menuButton) {
    // Opens the site's own menu for this comment; the user picks "Report".
    routes.append(button('open-menu', t('cardReportOpenMenu'), () => menuButton.click()));
  }
  if (accountUrl) routes.append(externalLink('report-account', accountUrl, t(accountLabel)));
  if (routes.childElementCount > 0) contents.push(routes);
  return contents;
}

function helpContents(region, actions) {
  const list = el('ul', { class: 'help', 'data-region': region }, ...helpListItems(region));
  return [
    el('p', {}, t('cardHelpIntro')),
    el('p', { class: 'region' }, t('helpForRegion', [t(`region_${region}`)])),
    list,
    el('div', { class: 'actions' }, button('learn-more', t('cardLearnMore'), actions.learnMore)),
  ];
}

// --- small DOM helpers -------------------------------------------------------

/** An element with attributes and children (strings become text nodes). */
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

function button(action, label, onClick) {
  const b = el('button', { type: 'button', 'data-action': action }, label);
  b.addEventListener('click', onClick);
  return b;
}

function externalLink(action, href, label) {
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer', 'data-action': action }, label);
}

let ids = 0;
/** An id unique in the page's cards (ids in shadow roots only need to be unique within each). */
const nextId = (name) => `schild-${name}-${++ids}`;

function panel(name, ...children) {
  return el('div', { class: 'panel', 'data-panel': name, id: nextId('panel'), hidden: '' }, ...children);
}

function linkToPanel(control, target) {
  control.setAttribute('aria-expanded', 'false');
  control.setAttribute('aria-controls', target.id);
}

function openPanel(control, target) {
  for (const other of target.parentElement.children) other.hidden = other !== target;
  for (const other of control.parentElement.querySelectorAll('[aria-expanded]')) other.setAttribute('aria-expanded', 'false');
  target.hidden = false;
  control.setAttribute('aria-expanded', 'true');
  target.querySelector('button, a')?.focus();
}

function closePanel(control, target) {
  target.hidden = true;
  control.setAttribute('aria-expanded', 'false');
  control.focus();
}

function togglePanel(control, target) {
  if (target.hidden) openPanel(control, target);
  else closePanel(control, target);
}

function shieldIcon() {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3z');
  svg.append(path);
  return svg;
}
