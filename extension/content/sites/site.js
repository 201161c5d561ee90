/**
 * The sites Schild protects, and what each site's adapter provides: the one
 * contract between the content script and a site's markup.
 *
 * SITES is the one list of sites. Everything else derives from it: the
 * content script picks the adapter by host (siteAt); settings make a switch
 * of every site and surface (defaults, validation, the policy schema the
 * build writes), which the options page shows with the `site_<switch>`
 * messages of _locales; a unit test holds the manifest's host matches to the
 * hosts (tests/unit/sites.test.mjs).
 *
 * Adding a site takes its adapter (sites/<name>.js), its entry and adapter
 * here, and its messages in _locales (`site_<name>`, the card's report
 * how-to). Its hosts also go into manifest.json by hand, as a permission is
 * granted deliberately: a unit test holds them to SITES, and
 * tests/build/package.test.mjs asks why each host is needed.
 *
 * Only the content script calls siteAt: the other pages import SITES alone,
 * and the bundler leaves the adapters out of them (a build test checks).
 */
import { instagram } from './instagram.js';
import { youtube } from './youtube.js';

/**
 * @typedef {object} Site
 * @property {string} name  the site's switch in settings, its key in
 *   statistics and the not-spam list, and `site_<name>` in _locales
 * @property {string[]} hosts  the hosts the content script runs on (the
 *   manifest's matches are `*://<host>/*`)
 * @property {string[]} surfaces  parts of the site settings can switch off on
 *   their own (`site.surface(location)` names them); each needs `site_<surface>`
 */

/** @type {readonly Site[]} */
export const SITES = Object.freeze([
  { name: 'youtube', hosts: ['www.youtube.com', 'm.youtube.com'], surfaces: ['youtubeShorts', 'youtubeLiveChat'] },
  { name: 'instagram', hosts: ['www.instagram.com'], surfaces: [] },
]);

/** Each site's adapter, by name. @type {Record<string, SiteBehaviour>} */
const ADAPTERS = { youtube, instagram };

/**
 * The site a page is on, with its adapter; undefined on any other host.
 *
 * @param {string} hostname
 * @returns {SiteAdapter | undefined}
 */
export function siteAt(hostname) {
  const site = SITES.find(({ hosts }) => hosts.includes(hostname));
  return site && { ...site, ...ADAPTERS[site.name] };
}

/**
 * A comment as the classifier takes it (src/wasm.rs reads text, author,
 * links and trusted). Not its avatar: the corpora have no avatars to learn
 * from, and bots' avatar URLs all differ; reading one was a DOM query per
 * comment for nothing.
 *
 * @typedef {object} Comment
 * @property {string} text  what it says, emoji images as their characters
 * @property {string | null} author  the name it shows (a YouTube @handle, an Instagram username)
 * @property {string[]} links  outside links in the text, the site's redirects unwrapped (readLinks)
 * @property {boolean} trusted  from the page's own channel or account (or one it
 *   pinned, hearted, made moderator): judged on the text alone, not the name
 *
 * @typedef {object} ReadComment
 * @property {string} id  the site's id of the comment ('' when the page shows none);
 *   with author and text it keys the verdict, so a reused element is read again
 * @property {Comment} comment
 *
 * @typedef {object} ReportRoute  the site's own ways to report; Schild only opens them
 * @property {HTMLElement | null} menuButton  the comment's menu that offers "Report"
 * @property {string | null} accountUrl  the author's page, whose menu reports the account
 * @property {string} howTo  the message that says how (a key in _locales)
 * @property {string} accountLabel  the message that names the author's page
 */

/**
 * What a site does, in its adapter (sites/<name>.js). Three readers use it:
 * main.js (surface, navigationEvents), comment-scanner.js (finding and
 * reading comments) and verdict-display.js (reportRoute, compactCard,
 * theme, for the card). A site names its comment elements with one
 * selector, or, where comments have no element of their own, finds them.
 *
 * @typedef {object} SiteBehaviour
 * @property {(location: Location) => string} [commentSelector]  every comment
 *   element a page at `location` can have, in one selector; a comment element
 *   never holds another (replies are beside their comment, not in it)
 * @property {(node: Node) => Iterable<Element>} [findComments]  else: the
 *   comments in or around an added node (or the document) …
 * @property {(node: Node) => Element | null} [commentAround]  … and the
 *   comment a changed node is part of
 * @property {(element: Element) => ReadComment | null} readComment  null while
 *   the element is still being filled in: the scanner reads it again when it changes
 * @property {(element: Element) => ReportRoute} reportRoute
 * @property {(element: Element) => boolean} [compactCard]  the comment's card stays
 *   one line unless opened: it never carries the children's tip (live chat, whose
 *   messages are one line each)
 * @property {(element: Element) => 'dark' | 'light' | null} [theme]  the theme the
 *   page shows around a comment, when the site says; else the card follows the system's
 * @property {(location: Location) => string | null} [surface]  which of the site's
 *   surfaces a page is, if any
 * @property {string[]} [navigationEvents]  events after which the page shows other
 *   comments without loading (the content script also watches the address)
 *
 * @typedef {Site & SiteBehaviour} SiteAdapter
 */
