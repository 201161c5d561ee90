/**
 * The card shown in place of a hidden comment: a tip, why it was hidden,
 * and what one can do (show it anyway, say it is not spam, report it, get
 * help). Built with DOM calls only; page text is only ever set as
 * textContent. It lives in a shadow root, so the site's styles cannot
 * reach it and its styles cannot reach the site.
 *
 * The card only draws and reports clicks; VerdictDisplay decides what the
 * clicks mean.
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
 * @property {{ audience: string, revealPolicy: string, region: string }} settings
 * @property {import('./sites/site.js').ReportRoute} report  the site's own routes
 * @property {boolean} compact  a one-line card (live chat), opened on demand
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
 * Creates the card host for one comment element. Call `render` on it to
 * show a state; the host is the element's first child.
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

  const card = {
    host,
    /** @param {'hidden' | 'revealed' | 'not-spam'} state @param {CardModel} model */
    render(state, model) {
      host.setAttribute('data-theme', model.theme ?? systemTheme());
      const focused = root.activeElement?.dataset.action;
      const view =
        state === 'revealed'
          ? revealedView(actions)
          : state === 'not-spam'
            ? notSpamView(model, actions)
            : hiddenView(model, actions);
      root.replaceChildren(style, view);
      // Keep keyboard users where they were: on the same control if the
      // new view has it (a redraw), else on the one that replaced it.
      if (!focused) return;
      const replacement = {
        reveal: 'hide-again',
        'confirm-reveal': 'hide-again',
        'hide-again': 'reveal',
        'not-spam': 'undo',
        undo: 'not-spam',
      }[focused];
      (root.querySelector(`[data-action="${focused}"]`) ?? root.querySelector(`[data-action="${replacement}"]`))?.focus();
    },
  };
  return card;
}

/** The system's theme, for pages whose site does not say theirs. */
function systemTheme() {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** @param {CardModel} model @param {CardActions} actions */
function hiddenView(model, actions) {
  const section = region();
  const title = el('p', { class: 'title' }, shieldIcon(), el('span', {}, t('cardTitle')));
  section.append(title);

  const details = el('div', { class: 'details' });
  details.append(tipParagraph(model.settings.audience), whyList(model.verdict));

  const buttons = el('div', { class: 'actions' });
  const panels = el('div', { class: 'panels' });

  if (model.settings.revealPolicy !== 'never') {
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
    buttons.append(show);
    panels.append(confirmPanel);
  }
  // A school's policy can take vouching away with revealing.
  if (model.author && !model.settings.disableReveal) buttons.append(button('not-spam', t('cardNotSpam'), actions.notSpam));

  const reportPanel = panel('report', ...reportContents(model.report));
  const report = button('report', t('cardReport'), () => togglePanel(report, reportPanel));
  linkToPanel(report, reportPanel);
  const helpPanel = panel('help', ...helpContents(model.settings.region, actions));
  const help = button('help', t('cardHelp'), () => togglePanel(help, helpPanel));
  linkToPanel(help, helpPanel);
  buttons.append(report, help);
  panels.append(reportPanel, helpPanel);

  if (model.compact) {
    // Live chat: one line; the rest opens on demand.
    const more = button('more', '⋯', () => {
      details.hidden = !details.hidden;
      more.setAttribute('aria-expanded', String(!details.hidden));
    });
    more.setAttribute('aria-label', t('cardWhyHeading'));
    more.setAttribute('aria-expanded', 'false');
    details.hidden = true;
    title.append(more);
  }
  section.append(details, buttons, panels);
  return section;
}

/** @param {CardActions} actions */
function revealedView(actions) {
  const section = region();
  section.classList.add('compact');
  section.append(
    el('p', { class: 'title' }, shieldIcon(), el('span', {}, t('cardTitle'))),
    el('div', { class: 'actions' }, button('hide-again', t('cardHideAgain'), actions.hideAgain)),
  );
  return section;
}

/** @param {CardModel} model @param {CardActions} actions */
function notSpamView(model, actions) {
  const section = region();
  section.classList.add('compact');
  const done = el('p', { class: 'title', role: 'status' }, t('cardNotSpamDone', [model.author ?? '']));
  section.append(done, el('div', { class: 'actions' }, button('undo', t('cardUndo'), actions.undoNotSpam)));
  return section;
}

function region() {
  const section = el('section', { class: 'card', 'aria-label': t('cardLabel') });
  // Clicks on the card are the card's: the site must not see them (YouTube
  // would open the comment or the video).
  section.addEventListener('click', (event) => event.stopPropagation());
  section.lang = t('uiLanguage');
  return section;
}

function tipParagraph(audience) {
  const prefix = audience === 'teen' ? 'tipTeen' : 'tipChild';
  const number = String((nextTip++ % TIP_COUNT) + 1).padStart(2, '0');
  return el('p', { class: 'tip', 'data-tip': `${prefix}${number}` }, el('strong', {}, t('cardTipHeading')), ' ', t(`${prefix}${number}`));
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

let panelIds = 0;
function panel(name, ...children) {
  return el('div', { class: 'panel', 'data-panel': name, id: `schild-panel-${++panelIds}`, hidden: '' }, ...children);
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
