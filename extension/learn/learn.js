/**
 * The "learn more" page: about spam bots for children, teens and parents,
 * and where to get help (the region from settings; any other can be
 * picked to look at, which changes nothing). Texts come from _locales.
 */
import { ext } from '../shared/browser-api.js';
import { helpFor, telUrl } from '../shared/help-resources.js';
import { readSettings, REGIONS } from '../shared/settings.js';

const t = (key, substitutions) => ext.i18n.getMessage(key, substitutions);

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
  const list = document.getElementById('help-list');
  list.replaceChildren();
  for (const service of helpFor(region)) {
    const item = document.createElement('li');
    const name = document.createElement(service.url ? 'a' : 'strong');
    name.textContent = service.name;
    if (service.url) {
      name.href = service.url;
      name.rel = 'noopener noreferrer';
      name.target = '_blank';
    }
    item.append(name);
    if (service.phone) {
      const phone = document.createElement('a');
      phone.href = telUrl(service.phone);
      phone.textContent = t('helpCall', [service.phone]);
      item.append(' · ', phone);
    }
    const what = document.createElement('p');
    what.textContent = t(`help_${service.id}`);
    item.append(what);
    list.append(item);
  }
}

async function main() {
  fillTexts();
  const { region } = await readSettings();
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
