/**
 * The toolbar popup: what Schild does on the current tab. Reads the status
 * the background keeps per tab (counts only); writes nothing.
 *
 * popup.html?tab=<id> shows another tab's status: the browser tests open the
 * popup as a page of its own, which would otherwise look at itself.
 */
import { ext } from '../shared/browser-api.js';
import { Engine, tabStatus } from '../shared/messages.js';

const t = (key, ...substitutions) => ext.i18n.getMessage(key, substitutions.map(String));

async function render() {
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  const tabId = await currentTabId();
  const status = tabId === undefined ? null : tabStatus(await ext.storage.session.get(null), tabId);

  const statusLine = document.getElementById('status');
  const counts = document.getElementById('counts');
  if (!status) {
    statusLine.textContent = t('popupNotHere');
  } else if (status.engine === Engine.unavailable) {
    statusLine.dataset.state = 'inactive';
    statusLine.textContent = t('popupInactive');
  } else {
    statusLine.dataset.state = 'active';
    statusLine.textContent = t('popupActive');
    counts.textContent = t('popupCounts', status.hidden, status.checked);
  }
}

async function currentTabId() {
  const requested = new URLSearchParams(location.search).get('tab');
  if (requested) return Number(requested);
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

render().catch((error) => {
  document.getElementById('status').textContent = String(error);
});
