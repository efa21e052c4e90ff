import { expect, test } from '@playwright/test';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeProjectLink } from '../src/model/project-link-codec.ts';
import { validRecipe } from '../src/test-support/project-links.ts';
import type { RenderJob } from '../src/model/render-job.ts';
import { defaultTextStyle } from '../src/model/project.ts';
import { fixture, tempDir } from './helpers.ts';

const HOSTILE = '<img src=x onerror=alert(1)>';

// On the dev server, which has no CSP: markup injected anywhere would really run here, so only rendering as text passes.
test('file names and project text are shown as text, never run as HTML', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const dir = tempDir();
  const video = join(dir, `${HOSTILE}.mp4`);
  const noise = join(dir, '<svg onload=alert(2)>.mp4');
  copyFileSync(fixture('barcode-h264-aac.mp4'), video);
  writeFileSync(noise, Buffer.alloc(2_000, 7));

  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles(video);
  await expect(page.getByTestId('clip')).toHaveCount(1);
  const row = page.locator('[data-testid=bin-row]').filter({ hasText: `${HOSTILE}.mp4` });
  await expect(row).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('clip')).toHaveAttribute('aria-label', new RegExp(`^${HOSTILE.replace(/[()]/g, '\\$&')}\\.mp4, `));
  // A refused file's name comes back in the error message, as text.
  await page.getByTestId('import-input').setInputFiles(noise);
  await expect(page.getByTestId('error')).toHaveText(/^"<svg onload=alert\(2\)>\.mp4" is not a video file/);

  // A link whose every text field is markup: it opens, and the markup shows as written.
  const recipe = validRecipe();
  const job = {
    ...recipe,
    name: HOSTILE,
    media: { a: `${HOSTILE}.mov` },
    fingerprints: { a: 'fp-not-here' },
    tracks: [{ id: 'track:v1', kind: 'video', name: '<b onmouseover=alert(3)>Cam</b>' }],
    titles: { t: defaultTextStyle('<script>alert(4)</script>') },
    clips: [...recipe.clips, { title: 't', inUs: 0, outUs: 1_000_000 }],
    markers: [{ timeUs: 0, label: '<iframe src=javascript:alert(5)>' }],
  } satisfies RenderJob;
  await page.evaluate((hash) => (location.hash = hash), await encodeProjectLink(job));
  await expect(page.getByTestId('project-name')).toHaveValue(HOSTILE);
  await expect(page.getByTestId('missing-asset')).toHaveText(`${HOSTILE}.mov 0:10.000, video with sound`);
  await expect(page.locator('.track-name')).toHaveText('<b onmouseover=alert(3)>Cam</b>');
  await expect(page.getByTestId('track').nth(0)).toContainText('<script>alert(4)</script>');
  await expect(page.getByTestId('project-select').locator('option', { hasText: HOSTILE })).toHaveCount(1);

  await expect(page.locator('img[src="x"], svg[onload], b[onmouseover], iframe, script:not([src])')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
