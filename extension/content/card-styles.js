/**
 * The card's styles, inside its shadow root. `all: initial` on the host
 * stops the page's inherited styles (fonts, colours, spacing) at the door.
 * Contrast is at least WCAG AA in both themes; focus is always visible;
 * every control is at least 28 px tall (WCAG 2.2 asks 24).
 *
 * The line (shield, title, Why?, Show) is one row where it fits; on a
 * narrow card (a phone, the live chat) the title keeps a row of its own and
 * the buttons take the next, on the right, rather than squeezing the title
 * into three.
 */
export const CARD_STYLES = `
:host { all: initial; display: block; margin: 2px 0 6px; }
[hidden] { display: none !important; }
.card {
  box-sizing: border-box; max-width: 100%; padding: 3px 4px 3px 10px;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1f1f1f; background: #eef3fa; border: 1px solid #9fb1c8; border-radius: 10px;
  overflow-wrap: anywhere; hyphens: auto;
}
.card.open { padding: 3px 12px 10px 10px; }
.line { display: flex; flex-wrap: wrap; align-items: center; gap: 2px 6px; min-height: 30px; }
.title { flex: 1 1 15em; min-width: 0; margin: 0; font-weight: 600; }
.buttons { display: flex; gap: 6px; margin-inline-start: auto; }
.icon { flex: none; width: 18px; height: 18px; fill: #24589c; }
p { margin: 6px 0 0; }
.tip { margin: 0 0 3px; }
.open .tip { margin-top: 4px; }
.why-heading { font-weight: 600; }
ul { margin: 2px 0 0; padding-inline-start: 20px; }
li { margin: 2px 0; }
.help li { margin: 6px 0; }
.help-what { display: block; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
button {
  min-height: 32px; padding: 4px 12px; border-radius: 16px; cursor: pointer;
  font: inherit; font-weight: 600; color: #1f1f1f; background: #ffffff; border: 1px solid #5c6b7e;
}
.line button { min-height: 28px; padding: 0 10px; font-size: 13px; }
button:hover { background: #dfe7f2; }
button[aria-expanded="true"] { background: #24589c; color: #ffffff; border-color: #24589c; }
a { color: #0b4fb3; text-decoration: underline; }
button:focus-visible, a:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.panel { margin-top: 8px; padding-top: 6px; border-top: 1px solid #9fb1c8; }
:host([data-theme="dark"]) .card { color: #f1f1f1; background: #1d2633; border-color: #4d5f78; }
:host([data-theme="dark"]) .icon { fill: #8ab4f8; }
:host([data-theme="dark"]) button { color: #f1f1f1; background: #2a3546; border-color: #8a9ab0; }
:host([data-theme="dark"]) button:hover { background: #34425a; }
:host([data-theme="dark"]) button[aria-expanded="true"] { background: #8ab4f8; color: #0f1722; border-color: #8ab4f8; }
:host([data-theme="dark"]) a { color: #a8c7fa; }
:host([data-theme="dark"]) .panel { border-color: #4d5f78; }
:host([data-theme="dark"]) button:focus-visible, :host([data-theme="dark"]) a:focus-visible { outline-color: #a8c7fa; }
@media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
`;
