import type { Locator } from '@playwright/test';
import { PNG } from 'pngjs';

/** A screenshot of the preview's own pixels: without the selected picture's outline and handles drawn over it. */
export const previewShot = (preview: Locator): Promise<Buffer> => preview.screenshot({ style: '.picture-handles { visibility: hidden; }' });

/**
 * The fixture barcode (16 cells across the top band, rows 0–39 of 360) read
 * from a screenshot of the preview canvas: what a person actually sees.
 * The preview keeps the output's 16:9 shape, so the band is where it is in the frame.
 */
export async function barcodeOnScreen(preview: Locator): Promise<number> {
  const shot = await previewShot(preview);
  if (process.env.SPOOL_DEBUG_SHOT) (await import('node:fs')).writeFileSync(process.env.SPOOL_DEBUG_SHOT, shot);
  const png = PNG.sync.read(shot);
  let value = 0;
  for (let bit = 0; bit < 16; bit++) {
    const x = Math.floor(((bit + 0.5) / 16) * png.width);
    const y = Math.floor((20 / 360) * png.height);
    const i = (y * png.width + x) * 4;
    const luma = 0.299 * png.data[i]! + 0.587 * png.data[i + 1]! + 0.114 * png.data[i + 2]!;
    if (luma > 128) value |= 1 << bit;
  }
  return value;
}
