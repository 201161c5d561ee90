// What Schild must make of the comments on the YouTube watch pages that
// several test files open (tests/fixtures/youtube/watch-*.html), by the
// comments' data-case names: one table per fixture, kept here once.

/** watch-current.html: the current markup (ytd-comment-view-model). */
export const WATCH_CURRENT = Object.freeze({
  'creator-pinned': 'clean',
  'normal-with-timestamp': 'clean',
  'spam-script-letters-and-link': 'blurred',
  'normal-short-reply': 'clean',
  'spam-name-only': 'blurred',
  'normal-member': 'clean',
  'spam-look-at-profile': 'blurred',
});

/** The two comments watch-current.html adds late (window.fixture.addLateComments). */
export const WATCH_CURRENT_LATE = Object.freeze({ 'spam-late-loaded': 'blurred', 'normal-late-loaded': 'clean' });

/** watch-legacy.html: the older markup (ytd-comment-renderer). */
export const WATCH_LEGACY = Object.freeze({
  'normal-with-link': 'clean',
  'spam-leet-name': 'blurred',
  'normal-hard-negative': 'clean',
});
