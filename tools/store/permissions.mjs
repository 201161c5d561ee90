// Every permission, host and exposed file the extension has, with the
// message (extension/_locales/<lang>/messages.json) that says why it needs
// it, in each language: the stores ask for these justifications, and
// tests/build/package.test.mjs fails when the built manifests have one that
// is not here (least privilege is checked, not hoped for).
export const EXPLAINED = {
  permissions: {
    storage: 'storeWhyStorage',
  },
  hosts: {
    '*://www.youtube.com/*': 'storeWhyYoutube',
    '*://m.youtube.com/*': 'storeWhyYoutubeMobile',
    '*://www.instagram.com/*': 'storeWhyInstagram',
  },
  exposedFiles: {
    'wasm/schild_bg.wasm': 'storeWhyWasm',
  },
};
