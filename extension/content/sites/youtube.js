/**
 * Where a YouTube comment is found, and how to read it, on every surface a
 * child meets comments (docs/reference/dom.md):
 *
 * | surface                                   | element                             |
 * |-------------------------------------------|-------------------------------------|
 * | watch page, replies, Shorts panel, posts  | `ytd-comment-view-model` (2024 on)  |
 * |   … the older generation                  | `ytd-comment-renderer`              |
 * | live chat (its own same-origin frame)     | every kind of item in CHAT_ITEMS    |
 * | m.youtube.com                             | `ytm-comment-renderer`              |
 *
 * Ids such as #content-text repeat in every comment, so every query runs
 * inside one comment element; replies are never inside their parent's
 * element. A comment is read only once its text is there (YouTube fills
 * elements lazily); the scanner reads it again when it changes.
 */
import { readLinks, readText, textOf } from './dom-text.js';

const DESKTOP = 'ytd-comment-view-model, ytd-comment-renderer';
const MOBILE = 'ytm-comment-renderer';

/**
 * The kinds of live chat item a viewer writes or sends, each an element of
 * its own in the chat's list (`div#items`), its id the item's id. Every kind
 * shows the author in an author chip (`yt-live-chat-author-chip >
 * span#author-name`; older paid messages: `div#author-name`) and the
 * avatar in `#author-photo`; `author-type` (owner, moderator, member) is on
 * text messages. The value is the id of the element with the viewer's own
 * words, if the kind has any: YouTube's own words in an item ("New member", "Member for 6
 * months", "gifted 5 memberships", the amount) are not the viewer's.
 *
 * The paid message's markup is from a capture of YouTube's chat; the other
 * kinds follow YouTube's element names and the same pattern (unverified).
 * Paid and membership items are the most visible in a chat: YouTube shows
 * them in colour and pins the larger ones above it.
 */
const CHAT_ITEMS = {
  // <span id="message"> after the author chip.
  'yt-live-chat-text-message-renderer': 'message',
  // Super Chat: #card > #header (chip, #purchase-amount) and #content >
  // <div id="message" dir="auto">, empty when the viewer wrote nothing.
  'yt-live-chat-paid-message-renderer': 'message',
  // New member (#header-subtext: YouTube's welcome) or a milestone
  // (#header-primary-text: "Member for 6 months", then the viewer's #message).
  'yt-live-chat-membership-item-renderer': 'message',
  // Super Sticker: #card > #author-info (chip, #price-column) and a sticker
  // from YouTube's own set, whose alt text YouTube wrote: the name only.
  'yt-live-chat-paid-sticker-renderer': null,
  // Gift memberships, bought for others and received: the name only.
  'ytd-sponsorships-live-chat-gift-purchase-announcement-renderer': null,
  'ytd-sponsorships-live-chat-gift-redemption-announcement-renderer': null,
};

const CHAT_SELECTOR = Object.keys(CHAT_ITEMS).join(', ');

/** YouTube's own hosts, and its wrapper around outside links: `/redirect?…&q=<url>`. */
const LINKS = {
  ownHost: /(^|\.)(youtube\.com|youtu\.be)$/,
  redirectTarget: (url) => (url.pathname === '/redirect' ? url.searchParams.get('q') : null),
};

/** @typedef {import('./site.js').ReadComment} ReadComment */

/** YouTube's adapter (site.js says what an adapter provides; SITES names it and its hosts). */
export const youtube = {
  /**
   * The comment elements of the page: each kind of page has its own (the
   * live chat is a page of its own, in a frame), and a selector of two
   * names is answered in half the time of one that lists all nine.
   */
  commentSelector(location) {
    if (youtube.surface(location) === 'youtubeLiveChat') return CHAT_SELECTOR;
    return location.hostname === 'm.youtube.com' ? MOBILE : DESKTOP;
  },
  /** Events after which the page shows another video's comments. */
  navigationEvents: ['yt-navigate-finish'],

  /** The part of YouTube a page is, when settings can switch it off on its own. */
  surface(location) {
    if (location.pathname.startsWith('/live_chat')) return 'youtubeLiveChat';
    if (location.pathname.startsWith('/shorts/')) return 'youtubeShorts';
    return null;
  },

  /**
   * YouTube's own routes to report a comment: its ⋮ menu (YouTube renders
   * it on hover, so it may not exist yet) and the author's channel, whose
   * "Report user" covers the account. Schild only opens them.
   */
  reportRoute(element) {
    const menuButton = element.querySelector('#action-menu button, #menu button, ytm-menu-renderer button');
    const authorLink = element.querySelector('#author-text[href], a.comment-icon-container[href], a[href^="/@"]');
    const href = authorLink?.getAttribute('href');
    return {
      menuButton,
      accountUrl: href && /^\/(@|channel\/)/.test(href) ? new URL(href, location.origin).href : null,
      howTo: 'cardReportHowYoutube',
      accountLabel: 'cardReportChannel',
    };
  },

  /**
   * YouTube's own theme, marked on <html> (`dark`, or `light` on <html> or
   * ytd-app); null where the page marks neither: the card then follows the
   * system.
   */
  theme() {
    const html = document.documentElement;
    if (html.hasAttribute('dark')) return 'dark';
    // One ytd-app: asking for it is quick, where `ytd-app[light]` searched the whole page when absent.
    if (html.hasAttribute('light') || document.querySelector('ytd-app')?.hasAttribute('light')) return 'light';
    return null;
  },

  /** Live chat items are one line each: so is their card, until opened. */
  compactCard: (element) => element.localName in CHAT_ITEMS,

  /** @param {Element} element @returns {ReadComment | null} */
  readComment(element) {
    if (element.localName === 'ytm-comment-renderer') return readMobile(element);
    if (element.localName in CHAT_ITEMS) return readLiveChat(element, CHAT_ITEMS[element.localName]);
    return readDesktop(element);
  },
};

/**
 * The elements of one comment by their id. YouTube repeats ids in every
 * comment, and Chromium answers `element.querySelector('#id')` by checking
 * every element of the document with that id: on a page of 2,000 comments
 * that is 2,000 checks per query. A list of ids is matched by one walk over
 * the comment's own elements instead, which costs the same on any page. The
 * first element with an id wins: the comment's own parts come before
 * anything nested deeper.
 *
 * @param {Element} element
 * @param {string} idList the ids, as a selector list (`#a, #b`)
 * @returns {Map<string, Element>}
 */
function partsById(element, idList) {
  const parts = new Map();
  for (const part of element.querySelectorAll(idList)) {
    if (!parts.has(part.id)) parts.set(part.id, part);
  }
  return parts;
}

const idList = (...ids) => ids.map((id) => `#${id}`).join(', ');
const COMMENT_PARTS = idList(
  'content-text',
  'author-text',
  'author-comment-badge',
  'pinned-comment-badge',
  'creator-heart',
  'published-time-text',
  'author-thumbnail-button',
);
const CHAT_PARTS = idList('message', 'author-name');
/** The chat author chip's class for the channel's owner and its moderators. */
const STAFF_CLASS = /(^|\s)(owner|moderator)(\s|$)/;

/** Watch page, replies, Shorts and posts, both markup generations. */
function readDesktop(element) {
  const parts = partsById(element, COMMENT_PARTS);
  const content = parts.get('content-text');
  const text = content ? readText(content) : '';
  const author = desktopHandle(parts);
  // Still being filled in: the scanner sees the change and reads it again.
  if (!text || (author === null && parts.has('author-text'))) return null;
  // The pinned badge, the creator badge and the creator's heart are empty
  // slots unless they apply; replies carry their own.
  const pinned = parts.get('pinned-comment-badge')?.firstElementChild != null;
  const byCreator = parts.get('author-comment-badge')?.firstElementChild != null;
  const hearted = parts.get('creator-heart')?.querySelector('ytd-creator-heart-renderer') != null;
  const permalink = (parts.get('published-time-text') ?? element.querySelector('.published-time-text'))?.querySelector('a');
  return {
    id: commentId(permalink),
    comment: {
      text,
      author,
      links: readLinks(content, LINKS),
      trusted: pinned || hearted || byCreator,
    },
  };
}

/**
 * The @handle shown with the comment (YouTube stopped showing display
 * names in 2023). The channel's own comments hide #author-text and show the
 * handle in a creator badge; the avatar button's label is the last resort.
 *
 * @param {Map<string, Element>} parts
 */
function desktopHandle(parts) {
  const authorLink = parts.get('author-text');
  // Asked in order, and only as far as needed: each is a DOM call.
  const candidates = [
    () => (authorLink && !authorLink.hasAttribute('hidden') ? authorLink.textContent : null),
    () => parts.get('author-comment-badge')?.querySelector('[id="text"], [id="name"]')?.textContent,
    () => parts.get('author-thumbnail-button')?.getAttribute('aria-label'),
    () => authorLink?.textContent,
  ];
  for (const candidate of candidates) {
    const handle = candidate()?.trim();
    if (handle) return handle;
  }
  return null;
}

/**
 * m.youtube.com, the current and the older class names. The mobile site
 * shows no permalink, so the id is empty and the verdict is keyed by author
 * and text alone. Its badges follow the desktop names with `ytm-`.
 */
function readMobile(element) {
  const content = element.querySelector('.YtmCommentRendererText, .comment-text');
  const text = content ? readText(content) : '';
  if (!text) return null;
  const author =
    textOf(element, '.YtmCommentRendererTitle, .comment-title') ??
    handleFromPath(element.querySelector('a.comment-icon-container, a[href^="/@"]')?.getAttribute('href'));
  return {
    id: '',
    comment: {
      text,
      author,
      links: readLinks(content, LINKS),
      trusted:
        element.querySelector(
          'ytm-pinned-comment-badge-renderer, ytm-creator-heart-renderer, ytm-author-comment-badge-renderer',
        ) !== null,
    },
  };
}

/**
 * A live chat item: display name, the viewer's own words (none for some
 * kinds: `ownWords` null), and who the author is.
 *
 * @param {Element} element
 * @param {string | null} ownWords the id of the element with the viewer's text (CHAT_ITEMS)
 */
function readLiveChat(element, ownWords) {
  const parts = partsById(element, CHAT_PARTS);
  const message = ownWords ? parts.get(ownWords) : undefined;
  const text = message ? readText(message) : '';
  const name = parts.get('author-name');
  const author = name?.textContent.trim() || null;
  if (!text && !author) return null;
  // The channel owner and its moderators: `author-type` on text messages,
  // the chip's name says it (a class) on every kind.
  const authorType = element.getAttribute('author-type');
  const trusted = authorType === 'owner' || authorType === 'moderator' || STAFF_CLASS.test(name?.className ?? '');
  return {
    // The element's id is the item's id.
    id: element.id || '',
    comment: {
      text,
      author,
      links: message ? readLinks(message, LINKS) : [],
      trusted,
    },
  };
}

/**
 * The comment id from its permalink (`…&lc=<id>`), or '' when absent. A
 * pattern rather than `new URL`, which costs more than the rest of reading.
 */
function commentId(permalink) {
  const match = /[?&]lc=([^&#]+)/.exec(permalink?.getAttribute('href') ?? '');
  return match?.[1] ?? '';
}

/** `/@handle` → `@handle`. */
function handleFromPath(path) {
  const match = path?.match(/^\/(@[^/?#]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}
