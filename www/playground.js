// The playground: classifies what is typed with the same wasm the extension
// runs. Everything happens in this page; nothing is sent anywhere.
import init, { classify, normalize } from './wasm/schild.js';

const form = document.getElementById('playground');
const result = document.getElementById('result');
const $ = (id) => document.getElementById(id);

function show() {
  const comment = { author: form.author.value, text: form.text.value };
  const verdict = classify(comment);
  result.dataset.sexspam = String(verdict.sexspam);
  $('verdict').textContent = verdict.sexspam
    ? 'Sex-spam: Schild would blur this comment.'
    : 'Not sex-spam: Schild leaves this comment alone.';
  $('score').textContent = `Score ${verdict.score.toFixed(2)}`;
  $('reasons').replaceChildren(
    ...verdict.reasons.map((reason) => {
      const item = document.createElement('li');
      item.textContent = reason.message;
      return item;
    }),
  );
  $('normalized-author').textContent = normalize(comment.author);
  $('normalized-text').textContent = normalize(comment.text);
}

try {
  await init({ module_or_path: new URL('./wasm/schild_bg.wasm', import.meta.url) });
  form.addEventListener('input', show);
  show();
} catch (error) {
  $('verdict').textContent = `The classifier could not load: ${error}`;
}
