// Schild's icons, drawn from one source, extension/icons/schild.svg (the
// shield of the site's favicon), by Chromium's own SVG renderer:
//
//   extension/icons/schild-{16,32,48,128}.png   the manifest's icons, committed
//   dist/store/…                                the stores' icons and promo tile
//
// The extension's PNGs are committed so that building needs no browser;
// `tools/store.sh icons` draws them again after a change to the SVG, and
// tests/e2e/store-listing.test.mjs fails while they differ from it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ICON_SVG = path.join(ROOT, 'extension', 'icons', 'schild.svg');

/**
 * The extension's icons: size → transparent padding on each side. The 128
 * one is also the stores' icon, which both ask to be 96 px of artwork in
 * 128 px (Chrome Web Store image guidelines).
 */
export const EXTENSION_ICONS = { 16: 0, 32: 0, 48: 2, 128: 16 };

export const extensionIconFile = (size) => path.join(ROOT, 'extension', 'icons', `schild-${size}.png`);

const svgDataUrl = () => `data:image/svg+xml;base64,${fs.readFileSync(ICON_SVG).toString('base64')}`;

/** The SVG drawn at `size` px with `padding` px around it, as PNG bytes, in `page`. */
export async function renderIcon(page, size, padding) {
  const dataUrl = await page.evaluate(
    async ({ svg, size, padding }) => {
      const image = new Image();
      image.src = svg;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = size;
      canvas.getContext('2d').drawImage(image, padding, padding, size - 2 * padding, size - 2 * padding);
      return canvas.toDataURL('image/png');
    },
    { svg: svgDataUrl(), size, padding },
  );
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

/**
 * How far a PNG is from the SVG drawn again at its size: the largest
 * difference of any channel of any pixel (0–255), computed in `page`.
 */
export async function iconDrift(page, png, size, padding) {
  const fresh = await renderIcon(page, size, padding);
  return page.evaluate(
    async ({ committed, fresh, size }) => {
      const pixels = async (base64) => {
        const image = new Image();
        image.src = `data:image/png;base64,${base64}`;
        await image.decode();
        if (image.width !== size || image.height !== size) return null;
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = size;
        const context = canvas.getContext('2d');
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, size, size).data;
      };
      const [a, b] = [await pixels(committed), await pixels(fresh)];
      if (!a || !b) return 255;
      let most = 0;
      for (let i = 0; i < a.length; i++) most = Math.max(most, Math.abs(a[i] - b[i]));
      return most;
    },
    { committed: png.toString('base64'), fresh: fresh.toString('base64'), size },
  );
}

/**
 * The Chrome Web Store's small promo tile (440×280): the shield and the
 * name on Schild's blue, as PNG bytes.
 */
export async function renderPromoTile(page) {
  await page.setViewportSize({ width: 440, height: 280 });
  await page.setContent(`<!doctype html><html><body style="margin:0;width:440px;height:280px;display:flex;align-items:center;justify-content:center;gap:4px;background:#eef3fb;font:700 64px/1 'DejaVu Sans',sans-serif;color:#1a4d8f">
    <img src="${svgDataUrl()}" width="128" height="128" alt=""><span>Schild</span></body></html>`);
  await page.locator('img').evaluate((image) => image.decode());
  return page.screenshot({ clip: { x: 0, y: 0, width: 440, height: 280 } });
}

/** Writes the extension's icons from the SVG (`tools/store.sh icons`). */
export async function writeExtensionIcons(page) {
  for (const [size, padding] of Object.entries(EXTENSION_ICONS)) {
    fs.writeFileSync(extensionIconFile(size), await renderIcon(page, Number(size), padding));
  }
}
