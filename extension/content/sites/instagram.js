/**
 * Where an Instagram comment is found, and how to read it, on the web site
 * (desktop and the narrow mobile layout; docs/reference/dom.md):
 *
 * | surface                                   | where the comments are          |
 * |-------------------------------------------|---------------------------------|
 * | post page /p/ID, reel page /reel/ID       | `main`, beside or under the post|
 * | post opened over the feed or a profile    | `div[role=dialog]`              |
 * | mobile layout: comments sheet             | `div[role=dialog]` or `main`    |
 *
 * Instagram's class names are generated anew with every build, and its
 * labels are in the user's language, so neither is used. A comment has no
 * element of its own either; what every comment row has is its time, in a
 * link to the comment itself:
 *
 *   a[href="/p/<post>/c/<comment>/"] > time[datetime]       (replies: …/r/<reply>/)
 *
 * From there the reader climbs to the smallest element that also holds the
 * author's profile link (`/<username>/`) and the text (a `span[dir=auto]`
 * that is not the name, not a button and not a label beside buttons), then
 * to the one that also holds the avatar: that element is the comment row
 * Schild marks and blurs. The climb never passes a list (`ul`), an `li`,
 * the post (`article`, `main`), the dialog, or an element that holds
 * another comment's time, so a row is always one comment and never its
 * replies. The post's caption has no comment link and is not a comment.
 *
 * The post's author (in the post's header, or the caption's) is trusted:
 * judged on the text alone, like a YouTube creator.
 */
import { readLinks, readText } from './dom-text.js';

/** Instagram's own hosts, and its wrapper around outside links: l.instagram.com/?u=<encoded URL>&e=… */
const LINKS = {
  ownHost: /(^|\.)instagram\.com$/,
  redirectTarget: (url) => (url.hostname === 'l.instagram.com' ? url.searchParams.get('u') : null),
};

/** A comment's permalink, and the time in it that every comment row shows. */
const PERMALINK = 'a[href*="/c/"]';
const PERMALINK_TIME = `${PERMALINK} time[datetime]`;
/** The comment id in a permalink: a reply's own id when it is a reply. */
const COMMENT_ID = /\/c\/([^/?#]+)(?:\/r\/([^/?#]+))?/;

/** `/<username>/`: Instagram usernames are letters, digits, `.` and `_`, at most 30. */
const PROFILE_PATH = /^\/([A-Za-z0-9._]{1,30})\/?$/;
/** First path segments that are Instagram's own pages, not accounts. */
const NOT_ACCOUNTS = new Set([
  'about', 'accounts', 'ar', 'challenge', 'developer', 'direct', 'emails', 'explore', 'legal',
  'lite', 'p', 'privacy', 'reel', 'reels', 'stories', 'tv', 'web',
]);
/** A post or reel page, possibly under its author's name: /<user>/p/ID/. */
const POST_PAGE = /^\/(?:([A-Za-z0-9._]{1,30})\/)?(?:p|reels?|tv)\/[^/]+/;

/** Elements the climb from a comment's time never goes past: lists, the post, the page. */
const CLIMB_STOPS = new Set(['ul', 'ol', 'article', 'main', 'header', 'section', 'nav', 'footer', 'form', 'body', 'html']);
/** Levels from the permalink up to the element with author and text. */
const BODY_CLIMB = 6;
/** Further levels from there up to the element with the avatar. */
const AVATAR_CLIMB = 3;
/** Levels a changed node climbs looking for the comment row it is in. */
const AROUND_CLIMB = 12;
/** The avatar: a picture in a link (emoji in the text are not in links). */
const AVATAR = 'a[href] img';

/** Comment rows found so far: a change inside one finds its row without searching. */
const knownRows = new WeakSet();

/** @typedef {import('./site.js').ReadComment} ReadComment */

/** Meta's theme classes: on <html> for the page, on an element for a part drawn otherwise. */
const DARK = '__fb-dark-mode';
const LIGHT = '__fb-light-mode';

/** Instagram's adapter (site.js says what an adapter provides; SITES names it and its hosts). */
export const instagram = {
  /** Instagram has no navigation event: the content script watches the address. */
  navigationEvents: [],

  /**
   * Instagram's own theme, which its web app marks with Meta's classes:
   * `__fb-dark-mode` or `__fb-light-mode` on <html> (set from the user's
   * choice, the system's, or `?theme=dark`), and on a part of the page that
   * is drawn in the other theme. The nearest mark around the comment wins;
   * without one, the card follows the system.
   */
  theme(element) {
    const marked = element.closest(`.${DARK}, .${LIGHT}`);
    if (!marked) return null;
    return marked.classList.contains(DARK) ? 'dark' : 'light';
  },

  /**
   * The comment rows in or around an added node.
   *
   * @param {Node} node
   * @returns {Element[]}
   */
  findComments(node) {
    if (node.nodeType === Node.DOCUMENT_NODE) return rowsIn(node);
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    if (!element) return [];
    const rows = node.nodeType === Node.ELEMENT_NODE ? rowsIn(element) : [];
    // The time itself, or something inside a row (its text filled in late,
    // Schild's own card).
    const around = element.matches(PERMALINK_TIME) ? rowOf(element) : rowAround(element);
    if (around && !rows.includes(around)) rows.push(around);
    return rows;
  },

  /** The comment row a changed node is part of. @param {Node} node */
  commentAround(node) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return element ? rowAround(element) : null;
  },

  /**
   * Instagram's own routes to report a comment: its "…" options button
   * (which offers Report) and the author's profile, whose menu reports the
   * account. Schild only opens them.
   */
  reportRoute(row) {
    const handle = authorOf(row);
    return {
      menuButton: optionsButton(row),
      accountUrl: handle ? new URL(`/${handle}/`, location.origin).href : null,
      howTo: 'cardReportHowInstagram',
      accountLabel: 'cardReportProfile',
    };
  },

  /** @param {Element} row @returns {ReadComment | null} */
  readComment(row) {
    const time = row.querySelector(PERMALINK_TIME);
    const handle = authorOf(row);
    const content = handle ? textSpanOf(row, handle) : null;
    const text = content ? readText(content) : '';
    // Still being filled in: the scanner sees the change and reads it again.
    if (!time || !text) return null;
    const author = postAuthor(row);
    return {
      id: commentId(time.closest(PERMALINK)),
      comment: {
        text,
        author: handle,
        links: readLinks(content, LINKS),
        trusted: author !== null && author.toLowerCase() === handle.toLowerCase(),
      },
    };
  },
};

/** @param {ParentNode} root */
function rowsIn(root) {
  const rows = [];
  for (const time of root.querySelectorAll(PERMALINK_TIME)) {
    const row = rowOf(time);
    if (row) rows.push(row);
  }
  return rows;
}

/**
 * The comment row of a comment's time: the smallest element around it that
 * holds the author and the text, widened to take in the avatar. Null while
 * the row has no text yet (a later mutation brings it).
 *
 * @param {Element} time
 */
function rowOf(time) {
  const permalink = time.closest(PERMALINK);
  if (!permalink) return null;
  let body = null;
  let element = permalink;
  for (let depth = 0; depth < BODY_CLIMB && !body; depth++) {
    const parent = climbTo(element);
    if (!parent) return null;
    element = parent;
    const handle = authorOf(element);
    if (handle && textSpanOf(element, handle)) body = element;
    else if (element.localName === 'li') return null;
  }
  if (!body) return null;
  let row = body;
  for (let depth = 0; depth < AVATAR_CLIMB && row.localName !== 'li' && !row.querySelector(AVATAR); depth++) {
    const parent = climbTo(row);
    if (!parent) break;
    row = parent;
  }
  knownRows.add(row);
  return row;
}

/**
 * The parent of an element inside a comment row, or null where the climb
 * stops: at lists, the post, the dialog, and at an element that also holds
 * another time (another comment, a reply, the caption).
 *
 * @param {Element} element
 */
function climbTo(element) {
  const parent = element.parentElement;
  if (!parent || CLIMB_STOPS.has(parent.localName) || parent.getAttribute('role') === 'dialog') return null;
  for (const child of parent.children) {
    // Looks into the siblings only, and stops at the first time: in a long
    // list that is the next row's, a few elements in.
    if (child !== element && (child.localName === 'time' || child.querySelector('time') !== null)) return null;
  }
  return parent;
}

/**
 * The comment row an element is in, if any: a row found before, else the
 * row of the first comment time found climbing up, if it holds the element.
 *
 * @param {Element} element
 */
function rowAround(element) {
  let e = element;
  for (let depth = 0; e && depth < AROUND_CLIMB; depth++, e = e.parentElement) {
    if (knownRows.has(e)) return e;
  }
  e = element;
  for (let depth = 0; e && depth < AROUND_CLIMB; depth++, e = e.parentElement) {
    if (CLIMB_STOPS.has(e.localName) || e.getAttribute('role') === 'dialog') return null;
    const time = e.querySelector(PERMALINK_TIME);
    if (time) {
      const row = rowOf(time);
      return row?.contains(element) ? row : null;
    }
  }
  return null;
}

/** The username a path such as `/horny_girls_now691/` names, or null. */
function handleFromPath(path) {
  const match = PROFILE_PATH.exec(path ?? '');
  return match && !NOT_ACCOUNTS.has(match[1].toLowerCase()) ? match[1] : null;
}

/**
 * The author of a comment row: its first profile link (the avatar's or the
 * name's; mentions in the text come after them). From the link, not the
 * name shown: the link is there even before the name is rendered.
 *
 * @param {Element} container
 */
function authorOf(container) {
  for (const link of container.querySelectorAll('a[href]')) {
    const handle = handleFromPath(link.getAttribute('href'));
    if (handle) return handle;
  }
  return null;
}

/**
 * The comment's text: the first `span[dir=auto]` that is not the name (the
 * username, or a heading around it), not in a link or a button, not a time,
 * and not a label beside buttons (the like count in the action bar).
 * Structure only: the labels are in the user's language.
 *
 * @param {Element} container
 * @param {string} handle the author's username
 */
function textSpanOf(container, handle) {
  for (const span of container.querySelectorAll('span[dir="auto"]')) {
    if (isInside(span, container, NOT_TEXT) || span.querySelector('h2, h3, time')) continue;
    // A label in the action bar (the like count) sits among its buttons;
    // a body that holds the time and its buttons directly is still a body.
    const parent = span.parentElement;
    if (hasButtonChild(parent) && !parent.querySelector('time')) continue;
    if (holdsName(span, handle)) continue;
    // Something to read: a separator (" · ") is not a comment.
    if (READABLE.test(span.textContent)) return span;
  }
  return null;
}

/** Letters, digits or symbols (emoji): text a person wrote. */
const READABLE = /[\p{L}\p{N}\p{S}]/u;

/**
 * Whether a span shows the author's name: its text is the username, or it
 * holds the name link (whose text is the username; a mention reads "@name").
 */
function holdsName(span, handle) {
  if (span.textContent.trim() === handle) return true;
  for (const link of span.querySelectorAll('a[href]')) {
    if (link.textContent.trim() === handle && handleFromPath(link.getAttribute('href')) === handle) return true;
  }
  return false;
}

/** Where a `span[dir=auto]` is a name, a link or a control, not the comment's text. */
const NOT_TEXT = 'a, [role="button"], [role="link"], button, h2, h3';

/** Whether an element or one of its ancestors below `container` matches `selector`. */
function isInside(element, container, selector) {
  for (let e = element; e && e !== container; e = e.parentElement) {
    if (e.matches(selector)) return true;
  }
  return false;
}

function hasButtonChild(element) {
  for (const child of element?.children ?? []) {
    if (child.localName === 'button' || child.getAttribute('role') === 'button') return true;
  }
  return false;
}

/**
 * The account that posted the post or reel a comment is under: the handle
 * in the post's header, else the caption's author, in the dialog, the post
 * (`article`) or the page around the comment; else the one in the address
 * (/<user>/p/ID/); else, on a post page, the header of the page's post
 * (the mobile comments sheet is outside the post).
 *
 * @param {Element} row
 */
function postAuthor(row) {
  const containers = new Set([row.closest('[role="dialog"]'), row.closest('article'), row.closest('main')]);
  for (const container of containers) {
    const handle = container && (headerAuthor(container) ?? captionAuthor(container));
    if (handle) return handle;
  }
  const page = POST_PAGE.exec(location.pathname);
  if (!page) return null;
  if (page[1] && handleFromPath(`/${page[1]}/`)) return page[1];
  const main = document.querySelector('main');
  return main && !containers.has(main) ? headerAuthor(main) : null;
}

function headerAuthor(container) {
  const header = container.querySelector('header');
  return header ? authorOf(header) : null;
}

/**
 * The author of the caption (the post's `h1`): the profile link beside it,
 * not a mention inside it.
 */
function captionAuthor(container) {
  const caption = container.querySelector('h1');
  let element = caption;
  for (let depth = 0; element && depth < 4; depth++) {
    element = element.parentElement;
    for (const link of element?.querySelectorAll('a[href]') ?? []) {
      const handle = caption.contains(link) ? null : handleFromPath(link.getAttribute('href'));
      if (handle) return handle;
    }
  }
  return null;
}

/**
 * The comment's "…" options button (Instagram renders its icon as three
 * dots, `circle` elements; the like button is a heart `path`).
 *
 * @param {Element} row
 */
function optionsButton(row) {
  for (const button of row.querySelectorAll('[role="button"], button')) {
    if (button.querySelectorAll('svg circle').length >= 3) return button;
  }
  return null;
}

/** The comment id from its permalink: the reply's own id for a reply. */
function commentId(permalink) {
  const match = COMMENT_ID.exec(permalink?.getAttribute('href') ?? '');
  return match ? (match[2] ?? match[1]) : '';
}
