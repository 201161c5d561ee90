/**
 * The one place that knows Chrome calls the extension API `chrome` and
 * Firefox `browser`. Both return promises in Manifest V3.
 */
export const ext = globalThis.browser ?? globalThis.chrome;
