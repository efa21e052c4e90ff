import { expect, type Page } from '@playwright/test';
import { PREVIEW_URL } from './playwright.config.ts';

/** Opens the built app and waits until its service worker is active (precache complete) and controls the page. */
export async function openControlled(page: Page): Promise<void> {
  await page.goto(PREVIEW_URL);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Names in an OPFS folder of the page's origin (created empty if absent). */
export function opfsNames(page: Page, folder: string): Promise<string[]> {
  return page.evaluate(async (name) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true });
    const names: string[] = [];
    for await (const key of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(key);
    return names.sort();
  }, folder);
}

export const binRow = (page: Page, name: string) => page.locator(`[data-testid=bin-row][data-name="${name}"]`);

/** Imports the clip, trims it to 1–3 s (off its keyframes: re-encoded), exports, and returns the export's local link as Copy link puts it on the clipboard. */
export async function editAndExport(page: Page, path: string): Promise<string> {
  await page.getByTestId('import-input').setInputFiles(path);
  await expect(page.getByTestId('clip')).toHaveCount(1);
  for (const [edge, seconds] of [['in', '1'], ['out', '3']] as const) {
    await page.getByTestId(`trim-${edge}`).fill(seconds);
    await page.getByTestId(`trim-${edge}`).dispatchEvent('change');
  }
  await expect(page.getByTestId('clip-duration')).toHaveText('0:02.000');
  await page.getByTestId('export-button').click();
  const done = page.getByTestId('export-done');
  await expect(done).toBeVisible({ timeout: 60_000 });
  await done.getByTestId('copy-link').click();
  await expect(done.getByTestId('copy-link')).toHaveText('Link copied');
  return page.evaluate(() => navigator.clipboard.readText());
}
