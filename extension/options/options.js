/**
 * The options page: reads and writes settings, the not-spam list, the
 * statistics and the parent PIN. Every change is saved at once and reaches
 * open tabs through storage. With a PIN set, nothing can be changed before
 * it is entered; what an organisation set by policy is shown and locked.
 *
 * It draws at once: the layout is in the HTML, the texts are filled in
 * before anything is awaited, and the values as soon as storage.local
 * answers. The organisation's policy can take seconds to arrive at the
 * start of a browser session (Chromium's managed storage, settings.js), so
 * until it is known every setting stays disabled (the HTML starts so) and
 * the page busy: a control the policy locks is never shown unlocked.
 */
import { LANGUAGES, REGIONS, canChange, exportSettings, importSettings, onNotSpamChanged, onSettingsChanged, readNotSpam, readSettings, readSettingsNow, setNotSpam, writeSettings } from '../shared/settings.js';
import { hasPin, MIN_PIN_LENGTH, removePin, setPin, verifyPin } from '../shared/pin.js';
import { setLanguage, t } from '../shared/i18n.js';
import { clearStats, readStats } from '../shared/stats.js';
import { ext } from '../shared/browser-api.js';
import { SITES } from '../content/sites/site.js';

const $ = (id) => document.getElementById(id);

/** How long the policy may keep the page waiting before it says why. */
const PENDING_NOTE_DELAY_MS = 400;

/** Whether the PIN was entered on this page (or none is set). */
let unlocked = false;
/** Whether the organisation's policy in `settings` is known for this session. */
let policyKnown = false;
let settings;

/** The layout, in the browser's language, before anything is read. */
function drawLayout() {
  fillSiteSwitches();
  fillTexts();
  fillSelects();
  wireSettings();
  wireNotSpam();
  wireStats();
  wireFile();
  wirePin();
}

async function main() {
  const pendingNote = setTimeout(() => {
    $('policy-pending').hidden = policyKnown;
  }, PENDING_NOTE_DELAY_MS);
  const [now, pin] = await Promise.all([readSettingsNow(), hasPin()]);
  settings = now.settings;
  policyKnown = now.policyKnown;
  unlocked = !pin;
  showLanguage();
  await renderAll();
  onSettingsChanged(async (next) => {
    const languageChanged = next.uiLanguage !== settings.uiLanguage;
    settings = next;
    if (languageChanged) showLanguage();
    await renderAll();
  });
  onNotSpamChanged(() => renderNotSpam());
  ext.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && 'stats' in changes) renderStats();
  });
  if (!policyKnown) {
    const live = await readSettings({ live: true });
    settings = live;
    policyKnown = true;
    showLanguage();
    await renderAll();
  }
  clearTimeout(pendingNote);
  $('policy-pending').hidden = true;
}

/** The texts in the chosen language (the browser's until the settings say). */
function showLanguage() {
  setLanguage(settings.uiLanguage);
  fillTexts();
  fillSelects();
}

function fillTexts() {
  document.documentElement.lang = t('uiLanguage');
  document.title = t('optionsTitle');
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
}

/** A checkbox per site, and under it one per surface of the site (SITES), labelled `site_<switch>`. */
function fillSiteSwitches() {
  const fieldset = document.querySelector('[data-setting="sites"]');
  for (const { name, surfaces } of SITES) {
    for (const value of [name, ...surfaces]) {
      const label = document.createElement('label');
      if (value !== name) label.className = 'sub';
      const input = Object.assign(document.createElement('input'), { type: 'checkbox', name: 'sites', value });
      const text = document.createElement('span');
      text.dataset.i18n = `site_${value}`;
      label.append(input, ' ', text);
      fieldset.append(label);
    }
  }
}

function fillSelects() {
  const options = (select, values, label) =>
    $(select).replaceChildren(
      ...values.map((value) => Object.assign(document.createElement('option'), { value, textContent: label(value) })),
    );
  options('uiLanguage', ['auto', ...LANGUAGES], (value) => t(`language_${value}`));
  options('region', ['auto', ...REGIONS], (value) => (value === 'auto' ? t('region_auto') : t(`region_${value}`)));
}

async function renderAll() {
  renderSettings();
  await Promise.all([renderNotSpam(), renderStats(), renderPin()]);
}

/**
 * Shows the values in force; locks what policy set, and everything while
 * the policy is not yet known or the PIN is not entered.
 */
function renderSettings() {
  const chosen = settings.chosen;
  document.querySelector('main').setAttribute('aria-busy', String(!policyKnown));
  $('managed-banner').hidden = !(settings.lockSettings || settings.managed.length > 0 || settings.disableReveal);
  $('unlock').hidden = unlocked;
  $('settings').disabled = !policyKnown || !unlocked;
  for (const name of ['sensitivity', 'audience', 'revealPolicy']) {
    const value = name === 'revealPolicy' ? settings.revealPolicy : chosen[name];
    for (const input of document.querySelectorAll(`input[name="${name}"]`)) {
      input.checked = input.value === value;
      input.disabled = !canChange(settings, name) || (name === 'revealPolicy' && settings.disableReveal);
    }
    markManaged(name, !canChange(settings, name) || (name === 'revealPolicy' && settings.disableReveal));
  }
  let anySiteManaged = false;
  for (const input of document.querySelectorAll('input[name="sites"]')) {
    input.checked = settings.sites[input.value] !== false;
    input.disabled = !canChange(settings, `sites.${input.value}`);
    anySiteManaged ||= input.disabled;
  }
  markManaged('sites', anySiteManaged);
  for (const name of ['uiLanguage', 'region']) {
    $(name).value = chosen[name];
    $(name).disabled = !canChange(settings, name);
    markManaged(name, $(name).disabled);
  }
  const locked = settings.lockSettings;
  $('import').disabled = locked;
  $('clear-stats').disabled = locked;
}

/** The "set by your organisation" line under a setting. */
function markManaged(name, managed) {
  const container = document.querySelector(`[data-setting="${name}"]`);
  let note = container.querySelector('.managed-note');
  if (managed && !note) {
    note = Object.assign(document.createElement('p'), { className: 'managed-note' });
    container.append(note);
  }
  if (note) {
    note.textContent = t('setByOrganisation');
    note.hidden = !managed;
  }
}

function wireSettings() {
  $('settings').addEventListener('change', async (event) => {
    const input = event.target;
    if (input.type === 'file') return;
    const change =
      input.name === 'sites' ? { sites: { [input.value]: input.checked } } : { [input.name]: input.value };
    await save(() => writeSettings(change));
  });
}

/** Runs a change and says whether it was saved. */
async function save(change, message = 'optionsSaved') {
  try {
    await change();
    $('saved').textContent = t(message);
  } catch (error) {
    $('saved').textContent = t('optionsNotSaved');
    console.debug('Schild: not saved', error);
    await renderAll();
  }
}

/** The authors marked "not spam", each with a button to take it back. */
let lastRemoved = null;

async function renderNotSpam() {
  const all = await readNotSpam();
  const items = [];
  for (const [site, authors] of Object.entries(all)) {
    for (const author of Object.keys(authors).sort()) {
      const name = Object.assign(document.createElement('span'), { textContent: author });
      const where = Object.assign(document.createElement('span'), { textContent: `(${t(`site_${site}`)})` });
      const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: t('optionsNotSpamRemove') });
      remove.setAttribute('aria-label', t('optionsNotSpamRemoveLabel', [author]));
      remove.dataset.author = author;
      remove.disabled = settings.lockSettings;
      remove.addEventListener('click', () =>
        save(async () => {
          await setNotSpam(site, author, false);
          lastRemoved = { site, author };
          $('not-spam-removed').textContent = t('optionsNotSpamRemoved', [author]);
          $('not-spam-undo-row').hidden = false;
          $('not-spam-undo').focus();
        }),
      );
      const item = document.createElement('li');
      item.append(name, where, remove);
      items.push(item);
    }
  }
  $('not-spam-list').replaceChildren(...items);
  $('not-spam-empty').hidden = items.length > 0;
}

function wireNotSpam() {
  $('not-spam-undo').addEventListener('click', () =>
    save(async () => {
      if (!lastRemoved) return;
      await setNotSpam(lastRemoved.site, lastRemoved.author, true);
      lastRemoved = null;
      $('not-spam-undo-row').hidden = true;
    }),
  );
}

/** Counts per day and site, newest first; never any text. */
async function renderStats() {
  const stats = await readStats();
  const rows = [];
  for (const day of Object.keys(stats).sort().reverse()) {
    for (const [site, counts] of Object.entries(stats[day])) {
      const row = document.createElement('tr');
      for (const value of [day, t(`site_${site}`), counts.hidden, counts.checked]) {
        row.append(Object.assign(document.createElement('td'), { textContent: String(value) }));
      }
      rows.push(row);
    }
  }
  document.querySelector('#stats tbody').replaceChildren(...rows);
  $('stats').hidden = rows.length === 0;
  $('stats-empty').hidden = rows.length > 0;
}

function wireStats() {
  $('clear-stats').addEventListener('click', () => save(clearStats, 'optionsStatsCleared'));
}

/** Export as a file the user saves; import replaces settings and the not-spam list. */
function wireFile() {
  $('export').addEventListener('click', async () => {
    const file = new Blob([`${JSON.stringify(await exportSettings(), null, 2)}\n`], { type: 'application/json' });
    const link = Object.assign(document.createElement('a'), {
      href: URL.createObjectURL(file),
      download: 'schild-settings.json',
    });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  });
  $('import').addEventListener('change', async () => {
    const [file] = $('import').files;
    if (!file) return;
    try {
      await importSettings(JSON.parse(await file.text()));
      $('import-status').textContent = t('optionsImported');
    } catch (error) {
      $('import-status').textContent = t('optionsImportFailed', [error.message]);
    }
    $('import').value = '';
  });
}

async function renderPin() {
  const set = await hasPin();
  $('pin-state').textContent = t(set ? 'pinStateSet' : 'pinStateNone');
  $('set-pin').textContent = t(set ? 'pinChange' : 'pinSet');
  $('remove-pin').hidden = !set;
  // Changing or removing a PIN needs it entered first.
  for (const id of ['new-pin', 'new-pin-repeat', 'set-pin', 'remove-pin']) $(id).disabled = !unlocked;
}

function wirePin() {
  $('unlock').addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = await verifyPin($('unlock-pin').value);
    $('unlock-pin').value = '';
    if (result.ok) {
      unlocked = true;
      $('unlock-error').textContent = '';
      await renderAll();
      document.querySelector('#settings input:not(:disabled)')?.focus();
    } else {
      $('unlock-error').textContent =
        result.waitMs > 0 ? t('pinWait', [Math.ceil(result.waitMs / 1000)]) : t('pinWrong');
    }
  });
  $('pin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const pin = $('new-pin').value;
    if (pin.length < MIN_PIN_LENGTH) return say('pinTooShort');
    if (pin !== $('new-pin-repeat').value) return say('pinMismatch');
    await setPin(pin);
    $('new-pin').value = '';
    $('new-pin-repeat').value = '';
    say('pinSaved');
    await renderPin();
  });
  $('remove-pin').addEventListener('click', async () => {
    await removePin();
    say('pinRemoved');
    await renderPin();
  });
}

const say = (key) => {
  $('pin-message').textContent = t(key, [MIN_PIN_LENGTH]);
};

drawLayout();
main().catch((error) => {
  $('saved').textContent = String(error);
});
