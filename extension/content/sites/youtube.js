/**
 * Where a YouTube comment is found, and how to read it.
 *
 * Covers both generations of comment markup on the watch page:
 * `ytd-comment-view-model` (2024 on, also used for replies) and the older
 * `ytd-comment-renderer`. Ids such as #content-text repeat in every comment,
 * so every query runs inside one comment element; replies are not inside
 * their parent's element in either generation. Reference:
 * ../shared/reference/dom.md.
 */

/** Every element that is one comment. */
const COMMENT_SELECTOR = 'ytd-comment-view-model, ytd-comment-renderer';

/** Longest text passed to the classifier; YouTube itself allows 10,000. */
const MAX_TEXT_LENGTH = 10_000;

/** The YouTube site adapter, as the comment scanner uses it. */
export const youtube = {
  name: 'youtube',
  commentSelector: COMMENT_SELECTOR,
  readComment,
};

const YOUTUBE_HOST = /(^|\.)(youtube\.com|youtu\.be)$/;

/**
 * Reads one comment element. Returns null while YouTube has not filled in
 * its text yet (it renders lazily); the element is read again when it
 * changes, so an author filled in after the text leads to a new verdict.
 *
 * @param {Element} element a node matching COMMENT_SELECTOR
 * @returns {{ id: string, comment: { text: string, author: string | null, links: string[] } } | null}
 */
function readComment(element) {
  const content = element.querySelector('#content-text');
  const text = content ? readText(content) : '';
  if (!text) return null;
  return {
    id: readCommentId(element),
    comment: { text, author: readHandle(element), links: readLinks(content) },
  };
}

/**
 * The @handle shown with the comment. YouTube stopped showing display names
 * in 2023. The channel's own comments hide #author-text and show the handle
 * in a creator badge instead; the avatar button's label is the last resort.
 */
function readHandle(element) {
  const authorLink = element.querySelector('#author-text');
  const candidates = [
    authorLink && !authorLink.hasAttribute('hidden') ? authorLink.textContent : null,
    element.querySelector('#author-comment-badge #text, #author-comment-badge #name')?.textContent,
    element.querySelector('#author-thumbnail-button')?.getAttribute('aria-label'),
    authorLink?.textContent,
  ];
  for (const candidate of candidates) {
    const handle = candidate?.trim();
    if (handle) return handle;
  }
  return null;
}

/**
 * The comment text as a person sees it: text nodes plus the alt text of
 * emoji images. Never innerText, which forces a layout.
 */
function readText(content) {
  let text = '';
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node && text.length < MAX_TEXT_LENGTH; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) text += node.data;
    else if (node.tagName === 'IMG') text += node.getAttribute('alt') ?? '';
  }
  return text.trim().slice(0, MAX_TEXT_LENGTH);
}

/**
 * Outside links in the comment. YouTube wraps them as
 * /redirect?…&q=<url>; links within YouTube (timestamps, @mentions,
 * hashtags) are not evidence and are left out.
 */
function readLinks(content) {
  const links = [];
  for (const anchor of content.querySelectorAll('a[href]')) {
    const url = parseUrl(anchor.getAttribute('href'));
    if (!url) continue;
    if (YOUTUBE_HOST.test(url.hostname)) {
      const target = url.pathname === '/redirect' ? url.searchParams.get('q') : null;
      if (target) links.push(target);
    } else {
      links.push(url.href);
    }
  }
  return links;
}

/** The comment id from its permalink (`…&lc=<id>`), or '' when absent. */
function readCommentId(element) {
  const permalink = element.querySelector('#published-time-text a, .published-time-text a');
  return parseUrl(permalink?.getAttribute('href'))?.searchParams.get('lc') ?? '';
}

function parseUrl(href) {
  if (!href) return null;
  try {
    return new URL(href, location.href);
  } catch {
    return null;
  }
}
