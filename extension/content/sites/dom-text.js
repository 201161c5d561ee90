/**
 * Reading what a comment shows, the same way on every site: its text with
 * emoji images as their characters, and the outside links in it (by the
 * site's own LinkRules).
 */

/** Longest text passed to the classifier; YouTube itself allows 10,000. */
export const MAX_TEXT_LENGTH = 10_000;

/**
 * The text of an element as a person sees it: text nodes plus the alt text
 * of emoji images. Never innerText, which forces a layout. The walker has no
 * filter function on purpose: calling back into JavaScript for every node
 * made reading a comment seven times slower (measured in Chromium).
 *
 * Without emoji pictures in it, the text is what textContent gives, in one
 * call: walking the nodes costs a call into the DOM each (in a content
 * script, 2.3 µs a comment against 0.45 µs, measured on the bench page).
 *
 * @param {Element} root
 */
export function readText(root) {
  if (root.querySelector('img') === null) return root.textContent.trim().slice(0, MAX_TEXT_LENGTH);
  let text = '';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node && text.length < MAX_TEXT_LENGTH; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) text += node.data;
    else if (node.localName === 'img') text += node.getAttribute('alt') ?? '';
  }
  return text.trim().slice(0, MAX_TEXT_LENGTH);
}

/** A URL relative to the page, or null when it is not one. */
export function parseUrl(href) {
  if (!href) return null;
  try {
    return new URL(href, location.href);
  } catch {
    return null;
  }
}

/**
 * How a site's links read: which hosts are the site's own (their links are
 * timestamps, @mentions, hashtags: not evidence), and the outside URL a link
 * of the site's own wraps, if it is one of the site's redirects.
 *
 * @typedef {{ ownHost: RegExp, redirectTarget: (url: URL) => string | null }} LinkRules
 */

/**
 * Outside links in an element, the site's redirects unwrapped.
 *
 * @param {Element} root
 * @param {LinkRules} rules the site's (each adapter has its own)
 */
export function readLinks(root, { ownHost, redirectTarget }) {
  const links = [];
  for (const anchor of root.querySelectorAll('a[href]')) {
    const url = parseUrl(anchor.getAttribute('href'));
    if (!url) continue;
    if (ownHost.test(url.hostname)) {
      const target = redirectTarget(url);
      if (target) links.push(target);
    } else if (url.protocol === 'http:' || url.protocol === 'https:') {
      links.push(url.href);
    }
  }
  return links;
}

/** The trimmed text content of the first match of `selector` in `root`. */
export function textOf(root, selector) {
  return root.querySelector(selector)?.textContent?.trim() || null;
}
