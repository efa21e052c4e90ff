/**
 * Makes the manifest's PNGs once, at development time (they are committed):
 * icons rendered from public/icon.svg by Chromium, and two screenshots of the
 * built app with its sample open. Run against `npm start`:
 *   npx tsx scripts/pwa-images.ts http://127.0.0.1:4173
 */
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromiumLaunchOptions } from '../src/cli/chromium-launch.ts';

const appUrl = process.argv[2];
if (!appUrl) throw new Error('usage: npx tsx scripts/pwa-images.ts APP_URL');
const svg = `data:image/svg+xml;base64,${readFileSync('public/icon.svg').toString('base64')}`;
const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage();

/** `scale` < 1 leaves a full-bleed margin in the icon's own background: a maskable icon's artwork must sit in the central 80% circle. */
async function icon(size: number, path: string, scale = 1): Promise<void> {
  await page.setViewportSize({ width: size, height: size });
  const background = scale < 1 ? '#15171c' : 'transparent';
  await page.setContent(`<body style="margin:0;background:${background};display:grid;place-items:center;height:100vh"><img src="${svg}" width="${size * scale}" height="${size * scale}"></body>`);
  await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  await page.screenshot({ path, omitBackground: scale === 1 });
}

await icon(192, 'public/icon-192.png');
await icon(512, 'public/icon-512.png');
await icon(512, 'public/icon-maskable-512.png', 0.8);

mkdirSync('public/screenshots', { recursive: true });
for (const [name, width, height] of [['wide', 1280, 800], ['narrow', 540, 960]] as const) {
  await page.setViewportSize({ width, height });
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Open sample' }).click();
  // Settled: saved, thumbnail drawn, frame shown.
  await page.getByText('All changes saved').waitFor();
  await page.getByTestId('thumbnail').first().waitFor();
  await page.locator('[data-testid=shown-frame][data-source-us="0"]').waitFor({ state: 'attached' });
  await page.screenshot({ path: `public/screenshots/${name}.png` });
}
await browser.close();
