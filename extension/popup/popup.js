/**
 * The toolbar popup: what Schild does on the current tab (counts only), the
 * day's count, and one switch to pause Schild on this site. Pausing asks
 * for the parent PIN when one is set; a school's policy can lock the switch.
 *
 * It draws at once: the layout is in the HTML, texts are filled in before
 * anything is awaited, the status as soon as storage answers. The switch
 * stays disabled until the organisation's policy is known (it can take
 * seconds at the start of a browser session; settings.js), so a switch the
 * policy locks is never shown unlocked.
 *
 * popup.html?tab=<id> shows another tab's status: the browser tests open the
 * popup as a page of its own, which would otherwise look at itself.
 */
import { ext } from '../shared/browser-api.js';
import { setLanguage, t } from '../shared/i18n.js';
import { Engine, tabStatus } from '../shared/messages.js';
import { hasPin, verifyPin } from '../shared/pin.js';
import { canChange, readSettings, readSettingsNow, writeSettings } from '../shared/settings.js';
import { dayKey, dayTotal, readStats } from '../shared/stats.js';

const $ = (id) => document.getElementById(id);

/** The site of the tab, once its status says (null: not a site Schild serves). */
let site = null;

function fillTexts() {
  document.documentElement.lang = t('uiLanguage');
  document.title = t('extName');
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
}

async function main() {
  const [{ settings, policyKnown }, tabId, stats] = await Promise.all([readSettingsNow(), currentTabId(), readStats()]);
  setLanguage(settings.uiLanguage);
  fillTexts();
  const status = tabId === undefined ? null : tabStatus(await ext.storage.session.get(null), tabId);
  showStatus(status);
  $('today').textContent = t('popupToday', [dayTotal(stats, dayKey()).hidden]);
  site = status?.site ?? null;
  if (!site) return done();
  $('site-control').hidden = false;
  $('site-switch-label').textContent = t('popupProtectSite', [t(`site_${site}`)]);
  showSwitch(settings, { policyKnown });
  if (!policyKnown) showSwitch(await readSettings({ live: true }), { policyKnown: true });
  done();
}

const done = () => document.querySelector('main').setAttribute('aria-busy', 'false');

function showStatus(status) {
  const line = $('status');
  if (!status) {
    line.dataset.state = 'none';
    line.textContent = t('popupNotHere');
  } else if (status.engine === Engine.unavailable) {
    line.dataset.state = 'inactive';
    line.textContent = t('popupInactive');
  } else if (status.paused) {
    line.dataset.state = 'paused';
    line.textContent = t('popupPaused');
  } else {
    line.dataset.state = 'active';
    line.textContent = t('popupActive');
    $('counts').textContent = t('popupCounts', [status.hidden, status.checked]);
  }
}

/**
 * The switch that pauses Schild on the tab's site, as the settings say:
 * disabled while the policy is not known, and for good when it locks it.
 */
function showSwitch(settings, { policyKnown }) {
  const input = $('site-switch');
  input.checked = settings.sites[site] !== false;
  const locked = !canChange(settings, `sites.${site}`);
  input.disabled = !policyKnown || locked;
  $('site-managed').hidden = !locked;
}

/** Pausing asks for the PIN when one is set; switching back on never does. */
function wireSwitch() {
  const input = $('site-switch');
  const form = $('pin-form');
  const pinInput = $('pin');
  const save = async (on) => {
    await writeSettings({ sites: { [site]: on } });
    input.checked = on;
    form.hidden = true;
  };
  input.addEventListener('change', async () => {
    const on = input.checked;
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
      $('pin-error').textContent = '';
      await save(false);
    } else {
      $('pin-error').textContent = result.waitMs > 0 ? t('pinWait', [Math.ceil(result.waitMs / 1000)]) : t('pinWrong');
    }
  });
}

async function currentTabId() {
  const requested = new URLSearchParams(location.search).get('tab');
  if (requested) return Number(requested);
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

$('open-options').addEventListener('click', () => {
  ext.runtime.openOptionsPage();
  window.close();
});

// The layout's texts in the browser's language, before anything is read.
fillTexts();
wireSwitch();
main().catch((error) => {
  $('status').textContent = String(error);
});
