/**
 * The toolbar popup: what Schild does on the current tab (counts only), the
 * day's count, and one switch to pause Schild on this site. Pausing asks
 * for the parent PIN when one is set; a school's policy can lock the switch.
 *
 * popup.html?tab=<id> shows another tab's status: the browser tests open the
 * popup as a page of its own, which would otherwise look at itself.
 */
import { ext } from '../shared/browser-api.js';
import { setLanguage, t } from '../shared/i18n.js';
import { Engine, tabStatus } from '../shared/messages.js';
import { hasPin, verifyPin } from '../shared/pin.js';
import { canChange, readSettings, writeSettings } from '../shared/settings.js';
import { dayKey, dayTotal, readStats } from '../shared/stats.js';

async function render() {
  const settings = await readSettings({ live: true });
  setLanguage(settings.uiLanguage);
  document.documentElement.lang = t('uiLanguage');
  document.title = t('extName');
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  const tabId = await currentTabId();
  const status = tabId === undefined ? null : tabStatus(await ext.storage.session.get(null), tabId);

  const statusLine = document.getElementById('status');
  if (!status) {
    statusLine.textContent = t('popupNotHere');
  } else if (status.engine === Engine.unavailable) {
    statusLine.dataset.state = 'inactive';
    statusLine.textContent = t('popupInactive');
  } else if (status.paused) {
    statusLine.dataset.state = 'paused';
    statusLine.textContent = t('popupPaused');
  } else {
    statusLine.dataset.state = 'active';
    statusLine.textContent = t('popupActive');
    document.getElementById('counts').textContent = t('popupCounts', [status.hidden, status.checked]);
  }
  const today = dayTotal(await readStats(), dayKey());
  document.getElementById('today').textContent = t('popupToday', [today.hidden]);
  if (status?.site) siteSwitch(status.site, settings);
}

/** The switch that pauses Schild on the tab's site. */
function siteSwitch(site, settings) {
  document.getElementById('site-control').hidden = false;
  const input = document.getElementById('site-switch');
  document.getElementById('site-switch-label').textContent = t('popupProtectSite', [t(`site_${site}`)]);
  input.checked = settings.sites[site] !== false;
  if (!canChange(settings, `sites.${site}`)) {
    input.disabled = true;
    document.getElementById('site-managed').hidden = false;
    return;
  }
  const form = document.getElementById('pin-form');
  const pinInput = document.getElementById('pin');
  const error = document.getElementById('pin-error');
  const save = async (on) => {
    await writeSettings({ sites: { [site]: on } });
    input.checked = on;
    form.hidden = true;
  };
  input.addEventListener('change', async () => {
    const on = input.checked;
    // Switching protection back on never needs the PIN.
    if (on || !(await hasPin())) return save(on);
    input.checked = true;
    form.hidden = false;
    pinInput.focus();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = await verifyPin(pinInput.value);
    pinInput.value = '';
    if (result.ok) {
      error.textContent = '';
      await save(false);
    } else {
      error.textContent = result.waitMs > 0 ? t('pinWait', [Math.ceil(result.waitMs / 1000)]) : t('pinWrong');
    }
  });
}

async function currentTabId() {
  const requested = new URLSearchParams(location.search).get('tab');
  if (requested) return Number(requested);
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

document.getElementById('open-options').addEventListener('click', () => {
  ext.runtime.openOptionsPage();
  window.close();
});

render().catch((error) => {
  document.getElementById('status').textContent = String(error);
});
