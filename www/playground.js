// The playground: classifies what is typed with the same wasm the extension
// runs. Everything happens in this page; nothing is sent anywhere. The page
// holds the form (www/playground.html, filled in each language by
// tools/build/site.mjs); this script adds the example buttons and writes the
// verdict, built from DOM nodes only. strings.js is made by the build: the
// site's words and the card's own reasons from extension/_locales.
import init, { classify, normalize } from './wasm/schild.js';
import { EXAMPLES } from './examples.js';
import { STRINGS } from './strings.js';

const lang = document.documentElement.lang;
const t = STRINGS[lang] ?? STRINGS.en;
const $ = (id) => document.getElementById(id);
/** A sentence of strings.js with its `{name}`s filled in. */
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => values[name]);

const form = $('playground');
const result = $('result');
const fields = { author: $('pg-author'), text: $('pg-text'), sensitivity: $('pg-sensitivity') };

/** An element with attributes and children (strings become text). */
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** User text inside a sentence, isolated so right-to-left letters cannot reorder it. */
const bdi = (text, className) => el('bdi', className ? { class: className } : {}, text);

function addExamples() {
  const list = $('pg-examples-list');
  for (const example of EXAMPLES) {
    const button = el(
      'button',
      { type: 'button', 'data-example': example.id, 'data-kind': example.kind },
      example.label[lang] ?? example.label.en,
    );
    button.addEventListener('click', () => {
      fields.author.value = example.author;
      fields.text.value = example.text;
      show();
    });
    list.append(el('li', {}, button));
  }
  $('pg-examples').hidden = false;
}

function reasonItem(reason) {
  const label = el('span', { class: 'reason' }, t.reasons[reason.code] ?? reason.code);
  const where = t.where[reason.field];
  const evidence = reason.revealed
    ? fill(t.read, { written: reason.evidence, read: reason.revealed })
    : fill(t.quoted, { evidence: reason.evidence });
  return el(
    'li',
    { 'data-reason': reason.code, 'data-field': reason.field },
    el('span', { class: 'where' }, ...(where ? [label, ` (${where})`] : [label])),
    el('span', { class: 'evidence' }, bdi(evidence)),
  );
}

/** "written → read" for one field, or just what was written when nothing changed. */
function readAs(written, normalized) {
  if (!written) return ['—'];
  return [bdi(written, 'written'), el('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'), bdi(normalized, 'normalized')];
}

function show() {
  const comment = { author: fields.author.value, text: fields.text.value };
  if (!comment.author.trim() && !comment.text.trim()) {
    result.dataset.verdict = 'empty';
    $('pg-verdict').textContent = t.empty;
    $('pg-details').hidden = true;
    return;
  }
  let verdict;
  try {
    verdict = classify(comment, fields.sensitivity.value);
  } catch (error) {
    result.dataset.verdict = 'error';
    $('pg-verdict').textContent = `${t.failed} ${error}`;
    $('pg-details').hidden = true;
    return;
  }
  result.dataset.verdict = verdict.sexspam ? 'sexspam' : 'clean';
  $('pg-verdict').textContent = verdict.sexspam ? t.sexspam : t.clean;
  $('pg-score').textContent = verdict.score.toFixed(2);
  $('pg-meter').value = verdict.score;
  $('pg-reasons').replaceChildren(
    ...(verdict.reasons.length ? verdict.reasons.map(reasonItem) : [el('li', { class: 'none' }, t.noReasons)]),
  );
  $('pg-read-name').replaceChildren(...readAs(comment.author, normalize(comment.author)));
  $('pg-read-text').replaceChildren(...readAs(comment.text, normalize(comment.text)));
  $('pg-raw').textContent = JSON.stringify(verdict, null, 2);
  $('pg-details').hidden = false;
}

form.addEventListener('submit', (event) => event.preventDefault());
$('pg-verdict').textContent = t.loading;
try {
  await init({ module_or_path: new URL('./wasm/schild_bg.wasm', import.meta.url) });
  addExamples();
  form.addEventListener('input', show);
  form.addEventListener('change', show);
  result.dataset.state = 'ready';
  show();
} catch (error) {
  console.error('Schild: the classifier could not load', error);
  result.dataset.state = 'failed';
  result.dataset.verdict = 'error';
  $('pg-verdict').textContent = t.loadFailed;
}
