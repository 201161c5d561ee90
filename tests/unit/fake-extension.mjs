// A stand-in for the extension API's storage.local, for unit tests of the
// shared modules that keep data there (stats, PIN). It keeps values as
// chrome.storage does: copies in and out, absent keys left out of answers.
// Install it before importing those modules: browser-api.js picks up
// `globalThis.chrome` when it is first imported.

/** Installs `globalThis.chrome` with an empty storage.local; returns the store's contents. */
export function installFakeExtension() {
  const stored = new Map();
  const pick = (keys) => {
    const wanted = keys === null || keys === undefined ? [...stored.keys()] : [keys].flat();
    return Object.fromEntries(wanted.filter((key) => stored.has(key)).map((key) => [key, structuredClone(stored.get(key))]));
  };
  globalThis.chrome = {
    storage: {
      local: {
        async get(keys) {
          return pick(keys);
        },
        async set(items) {
          for (const [key, value] of Object.entries(items)) stored.set(key, structuredClone(value));
        },
        async remove(keys) {
          for (const key of [keys].flat()) stored.delete(key);
        },
      },
    },
  };
  return stored;
}
