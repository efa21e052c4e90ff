import { expect, test, type Locator, type Page } from '@playwright/test';
import { fixture } from './helpers.ts';

/** What a screen reader or keyboard user meets: names, live regions, contrast. */

async function openWithClip(page: Page): Promise<Locator> {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles(fixture('barcode-h264-aac.mp4'));
  const clip = page.getByTestId('clip');
  await expect(clip).toHaveCount(1);
  return clip;
}

test('the playhead slider says a timecode, not microseconds', async ({ page }) => {
  await openWithClip(page);
  const slider = page.getByRole('slider', { name: 'Playhead' });
  await slider.fill(String(2_000_000));
  await expect(slider).toHaveAttribute('aria-valuetext', '0:02.000');
});

test('every picture field has a name of its own (the crop sides say crop)', async ({ page }) => {
  const clip = await openWithClip(page);
  await clip.click();
  await page.getByText('Picture', { exact: true }).click();
  for (const side of ['left', 'right', 'top', 'bottom']) await expect(page.getByRole('spinbutton', { name: `Crop ${side} %`, exact: true })).toBeVisible();
});
