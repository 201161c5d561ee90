// The one place the store tools get a browser from: the test harness's
// Chromium with the built extension and the fixture pages (tests/e2e). When
// launchBrowser moves to tools/lib, point these imports there.
export { activeTabId, launchBrowser, openFixture, waitForVerdicts } from '../../tests/e2e/harness.mjs';
