/**
 * The "learn more" page: about spam bots for children, teens and parents,
 * and where to get help (the region the card showed, else the one from
 * settings; any other can be picked to look at, which changes nothing).
 * Texts come from _locales.
 */
import { helpListItems } from '../shared/help-list.js';
import { setLanguage, t } from '../shared/i18n.js';
import { readSettings, REGIONS } from '../shared/settings.js';

function fillTexts() {
  document.documentElement.lang = t('uiLanguage');
  document.title = t('learnTitle');
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  // Paragraphs numbered from 1 (learnChild1, learnChild2, …) as long as they exist.
  for (const list of document.querySelectorAll('[data-i18n-list]')) {
    for (let n = 1; t(`${list.dataset.i18nList}${n}`); n++) {
      const item = document.createElement('li');
      item.textContent = t(`${list.dataset.i18nList}${n}`);
      list.append(item);
    }
  }
}

function showHelp(region) {
  document.getElementById('help-list').replaceChildren(...helpListItems(region));
}

async function main() {
  const settings = await readSettings();
  setLanguage(settings.uiLanguage);
  fillTexts();
  // The region the card showed (learn.html?region=…), else the settings'.
  const asked = new URLSearchParams(location.search).get('region');
  const region = REGIONS.includes(asked) ? asked : settings.region;
  const select = document.getElementById('region');
  for (const option of REGIONS) {
    const element = document.createElement('option');
    element.value = option;
    element.textContent = t(`region_${option}`);
    select.append(element);
  }
  select.value = region;
  select.addEventListener('change', () => showHelp(select.value));
  showHelp(region);
}

main();
