/**
 * The help services of a region as list items, the same in the card and on
 * the learn page: name (linked to its site), phone, free/anonymous, and
 * what one can go there for. DOM calls only.
 */
import { helpFor, telUrl } from './help-resources.js';
import { t } from './i18n.js';


/** @returns {HTMLLIElement[]} */
export function helpListItems(region) {
  return helpFor(region).map((service) => {
    const item = document.createElement('li');
    item.dataset.help = service.id;
    const name = document.createElement(service.url ? 'a' : 'strong');
    name.textContent = service.name;
    if (service.url) {
      name.href = service.url;
      name.target = '_blank';
      name.rel = 'noopener noreferrer';
    }
    item.append(name);
    if (service.phone) {
      const phone = document.createElement('a');
      phone.href = telUrl(service.phone);
      phone.dataset.phone = service.phone;
      phone.textContent = t('helpCall', [service.phone]);
      item.append(' · ', phone);
    }
    const notes = [service.free && t('helpFree'), service.anonymous && t('helpAnonymous')].filter(Boolean);
    if (notes.length > 0) item.append(` (${notes.join(', ')})`);
    const what = document.createElement('span');
    what.className = 'help-what';
    what.textContent = t(`help_${service.id}`);
    item.append(what);
    return item;
  });
}
