/**
 * Chrome's message format, for the catalogs in _locales: what
 * `i18n.getMessage` does with a message and its substitutions. i18n.js uses
 * it when the user chose a language other than the browser's; being pure,
 * it is also what the tests compare Schild's texts against.
 */

/**
 * A message with its substitutions: $NAME$ placeholders (case-insensitive)
 * whose content holds $1…$9, $1…$9 in the message itself, and $$ for a
 * dollar. A missing substitution is empty; an unknown placeholder stays.
 *
 * @param {{ message: string, placeholders?: Record<string, { content: string }> }} entry
 * @param {string[]} substitutions
 */
export function format({ message, placeholders = {} }, substitutions) {
  const positional = (text) => text.replace(/\$(\d)/g, (_, n) => substitutions[n - 1] ?? '');
  return message.replace(/\$([\w@]+)\$|\$(\d)|\$\$/g, (whole, name, digit) => {
    if (name) {
      const placeholder = placeholders[name.toLowerCase()];
      return placeholder ? positional(placeholder.content) : whole;
    }
    if (digit) return substitutions[digit - 1] ?? '';
    return '$';
  });
}
