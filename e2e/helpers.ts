import { expect, type Browser, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InspectedExport } from '../src/test-support/export-check.ts';

export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

export const tempDir = () => mkdtempSync(join(tmpdir(), 'spool-e2e-'));

/** Bad files as people bring them: empty, noise, a picture, a download cut short, a whole file with a damaged index. */
export function makeBadFiles(dir: string): Record<'empty' | 'noise' | 'png' | 'truncated' | 'damaged', string> {
  const noise = Buffer.alloc(50_000);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + 13) % 251;
  // A 1×1 PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const whole = readFileSync(fixture('barcode-h264-aac.mp4'));
  const files = {
    empty: join(dir, 'empty.mp4'),
    noise: join(dir, 'noise.mp4'),
    png: join(dir, 'picture.mp4'),
    truncated: join(dir, 'truncated.mp4'),
    damaged: join(dir, 'damaged.mp4'),
  };
  writeFileSync(files.empty, Buffer.alloc(0));
  writeFileSync(files.noise, noise);
  writeFileSync(files.png, png);
  writeFileSync(files.truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
  // Every byte there, but the video's first chunk offset (in the movie box, before the media data) points 5 MB past the end.
  const damaged = Buffer.from(whole);
  damaged.writeUInt32BE(whole.length + 5_000_000, damaged.indexOf('stco') - 4 + 16);
  writeFileSync(files.damaged, damaged);
  return files;
}

/** Plays until the picture has moved past 0.5 s, then pauses and waits for the pause to show. */
export async function playAWhile(page: Page): Promise<void> {
  await page.getByTestId('play').click();
  await expect.poll(async () => Number(await page.getByTestId('shown-frame').getAttribute('data-source-us'))).toBeGreaterThan(500_000);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
}

/** Decodes an exported file in a fresh page with the same checker the browser tests use. */
export async function inspectInBrowser(page: Page, path: string): Promise<InspectedExport> {
  await page.goto('/?cli'); // the headless bridge page: no UI to get in the way
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('input'), { type: 'file', id: 'inspect-file' })));
  await page.locator('#inspect-file').setInputFiles(path);
  return page.evaluate(async (checkerUrl) => {
    const { inspectExport } = (await import(/* @vite-ignore */ checkerUrl)) as typeof import('../src/test-support/export-check.ts');
    return inspectExport(document.querySelector<HTMLInputElement>('#inspect-file')!.files![0]!);
  }, '/src/test-support/export-check.ts');
}

/** A fresh app with the barcode fixture imported (and so placed on the timeline as its one clip). */
export async function openWithBarcode(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles(fixture('barcode-h264-aac.mp4'));
  await expect(page.getByTestId('clip')).toHaveCount(1);
}

/** Exports the project as the panel is set, downloads the file and reads it back in a fresh page of `browser`. */
export async function exportAndInspect(page: Page, browser: Browser): Promise<InspectedExport> {
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 120_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  const saved = join(tempDir(), download.suggestedFilename());
  await download.saveAs(saved);
  return inspectInBrowser(await browser.newPage(), saved);
}
