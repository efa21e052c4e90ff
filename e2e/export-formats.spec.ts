import { expect, test, type Page } from '@playwright/test';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, inspectInBrowser, tempDir } from './helpers.ts';

async function setField(page: Page, testid: string, value: string) {
  const field = page.getByTestId(testid);
  await field.fill(value);
  await field.dispatchEvent('change');
}

const setTrim = (page: Page, edge: 'in' | 'out', seconds: string) => setField(page, `trim-${edge}`, seconds);

async function exportAndSave(page: Page): Promise<{ name: string; path: string }> {
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 120_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  const path = join(tempDir(), download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), path };
}

test('the export menu offers what this browser encodes; WebM (VP8) and M4A come out right', async ({ page, browser }) => {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles(fixture('barcode-h264-aac.mp4'));
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await setTrim(page, 'in', '2');
  await setTrim(page, 'out', '4');

  // MP4 offers H.264, AV1 and VP9 here (no HEVC encoder in this Chromium); WebM offers VP9, AV1 and VP8.
  await expect(page.getByTestId('export-video-codec').locator('option')).toHaveText(['H.264', 'AV1', 'VP9']);
  // Cut on keyframes (2 and 4 s), in the output's codec and size: the video, B-frames and all, is copied, and the panel says so before exporting.
  await expect(page.getByTestId('export-video-path')).toHaveText('Video copied as it is: lossless, and as fast as the disk.');
  // The sound is the source's AAC, unchanged: copied too, which needs no AAC encoder (this Chromium has none). The menu says so before exporting.
  await expect(page.getByTestId('export-sound')).toHaveText('AAC sound copied as it is (lossless)');
  // A change to the sound means mixing and encoding it, and the panel says why it is not copied.
  await setField(page, 'volume', '0.5');
  await expect(page.getByTestId('export-sound')).toHaveText('Opus sound (this browser has no AAC encoder) — not copied: "barcode-h264-aac.mp4" has a volume or fade');
  await setField(page, 'volume', '1');
  await expect(page.getByTestId('export-sound')).toHaveText('AAC sound copied as it is (lossless)');
  await page.getByTestId('export-audio-codec').selectOption('opus');
  await expect(page.getByTestId('export-sound')).toHaveText('Opus sound');
  // To WebM and back: MP4's usual codec again (and the copy with it), not WebM's VP9.
  await page.getByTestId('export-container').selectOption('webm');
  await expect(page.getByTestId('export-video-codec')).toHaveValue('vp9');
  await page.getByTestId('export-container').selectOption('mp4');
  await expect(page.getByTestId('export-video-codec')).toHaveValue('avc');
  await expect(page.getByTestId('export-video-path')).toHaveAttribute('data-path', 'copy');
  await page.getByTestId('export-container').selectOption('webm');
  await expect(page.getByTestId('export-video-codec').locator('option')).toHaveText(['VP9', 'AV1', 'VP8']);
  await page.getByTestId('export-video-codec').selectOption('vp8');
  // Presets: 720p at the project's shape, high quality.
  await page.getByTestId('export-size').selectOption('720p');
  await expect(page.getByTestId('export-size').locator('option').first()).toHaveText('1280×720');
  // The menus show what will be exported, after their options were rebuilt for the new size.
  await expect(page.getByTestId('export-video-codec')).toHaveValue('vp8');
  await expect(page.getByTestId('export-audio-codec')).toHaveCount(0); // WebM: Opus, no choice
  await page.getByTestId('export-quality').selectOption('high');
  await expect(page.getByTestId('export-quality')).toHaveValue('high');
  // High follows a change of size rather than becoming the old size's bitrate.
  await page.getByTestId('export-size').selectOption('1080p');
  await expect(page.getByTestId('export-quality')).toHaveValue('high');
  await page.getByTestId('export-size').selectOption('720p');
  await expect(page.getByTestId('export-quality')).toHaveValue('high');
  await expect(page.getByTestId('export-video-codec')).toHaveValue('vp8');
  await expect(page.getByTestId('export-button')).toHaveText('Export WEBM');
  const webm = await exportAndSave(page);
  expect(webm.name).toBe('barcode-h264-aac-edit.webm');
  await expect(page.getByTestId('export-sound-path')).toHaveText('mixed and encoded (not copied: WebM carries only Opus)');
  const checker = await browser.newPage();
  const video = await inspectInBrowser(checker, webm.path);
  expect(video).toMatchObject({ container: 'webm', videoCodec: 'vp8', audioCodec: 'opus', width: 1280, height: 720 });
  expect(video.frameIndices).toEqual(Array.from({ length: 60 }, (_, i) => 60 + i));
  expect(video.beepOnsetsUs).toHaveLength(2);

  // Sound only: no video menu, an .m4a with the beeps where they were.
  await page.getByTestId('export-container').selectOption('m4a');
  await expect(page.getByTestId('export-video-codec')).toHaveCount(0);
  const m4a = await exportAndSave(page);
  expect(m4a.name).toBe('barcode-h264-aac-edit.m4a');
  const sound = await inspectInBrowser(checker, m4a.path);
  expect(sound).toMatchObject({ container: 'mp4', videoCodec: null });
  expect(sound.beepOnsetsUs.map((us) => Math.round(us / 10_000))).toEqual([25, 125]);

  // With its track muted nothing is heard: the panel says so before exporting, and an M4A cannot be asked for.
  await page.getByRole('button', { name: 'Mute Video 1' }).click();
  await expect(page.getByTestId('export-sound')).toHaveText('No sound to export: no clip that is heard has any (is a track muted?)');
  await expect(page.getByTestId('export-button')).toBeDisabled();
  await page.getByTestId('export-container').selectOption('mp4');
  await expect(page.getByTestId('export-sound')).toHaveText('No sound');
  await expect(page.getByTestId('export-button')).toBeEnabled();
  // The M4A made above is offered until another project is opened (it stays in the exports library).
  await expect(page.getByTestId('download')).toHaveCount(1);
  await page.getByTestId('project-new').click();
  await expect(page.getByTestId('clip')).toHaveCount(0);
  await expect(page.getByTestId('download')).toHaveCount(0);
});

test('a cut off a keyframe stops the copy; "Snap cuts to keyframes" moves it and the export copies the video', async ({ page, browser }) => {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles(fixture('barcode-nobframes.mp4'));
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await expect(page.getByTestId('export-video-path')).toHaveAttribute('data-path', 'copy');
  await setTrim(page, 'in', '1.4');
  await setTrim(page, 'out', '3.2');
  await expect(page.getByTestId('export-video-path')).toHaveAttribute('data-path', 'reencode');
  await expect(page.getByTestId('export-video-path')).toContainText('is not on a keyframe of "barcode-nobframes.mp4"');
  // Offered only where snapping would let the video be copied: not while the track is locked (snapping would move nothing).
  await page.getByRole('button', { name: 'Lock Video 1' }).click();
  await expect(page.getByTestId('snap-keyframes')).toHaveCount(0);
  await page.getByRole('button', { name: 'Lock Video 1' }).click();
  await expect(page.getByTestId('snap-keyframes')).toHaveCount(1);
  // Nor when something else stops the copy (a chosen quality is encoded to).
  await page.getByTestId('export-quality').selectOption('high');
  await expect(page.getByTestId('export-video-path')).toContainText('a quality (bitrate) is chosen');
  await expect(page.getByTestId('snap-keyframes')).toHaveCount(0);
  await page.getByTestId('export-quality').selectOption('standard');
  await page.getByTestId('snap-keyframes').click();
  await expect(page.getByTestId('export-video-path')).toHaveAttribute('data-path', 'copy');
  await expect(page.getByTestId('clip-duration')).toHaveText('0:02.000'); // 1 s to 3 s: the nearest keyframes
  const copied = await exportAndSave(page);
  const checker = await browser.newPage();
  expect((await inspectInBrowser(checker, copied.path)).frameIndices).toEqual(Array.from({ length: 60 }, (_, i) => 30 + i));
  // One undo puts the cuts back where they were.
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('clip-duration')).toHaveText('0:01.800');
});

test('a codec this browser cannot encode at the output size is not exported: the panel says so and Export waits', async ({ page }) => {
  const file = join(tempDir(), 'huge.spool.json');
  writeFileSync(file, JSON.stringify({ name: 'Huge', output: { width: 8192, height: 8192 }, media: {}, titles: { t: { content: 'Big' } }, clips: [{ title: 't', outUs: 1_000_000 }] }));
  await page.goto('/');
  await page.getByTestId('project-import').setInputFiles(file);
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await expect(page.getByTestId('export-codec-refused')).toHaveText('This browser cannot encode H.264 at 8192×8192: pick another codec or a smaller size.', { timeout: 30_000 });
  await expect(page.getByTestId('export-button')).toBeDisabled();
  await page.getByTestId('export-size').selectOption('1080p');
  await expect(page.getByTestId('export-codec-refused')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('export-button')).toBeEnabled();
});

test('the panel estimates the file size before exporting, and the file comes out near it', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles(fixture('barcode-h264-aac.mp4'));
  await expect(page.getByTestId('clip')).toHaveCount(1);
  // A change of the picture makes it re-encoded, at the standard quality: 640×360 at 30 fps is 691 kbit/s, with 150 for the sound, over 10 s.
  await page.getByTestId('clip').click();
  await page.locator('.picture-fields summary').click();
  await page.getByTestId('look').selectOption('Vivid');
  await expect(page.getByTestId('export-estimate')).toHaveText(' · about 1.1 MB');
  const saved = await exportAndSave(page);
  const bytes = statSync(saved.path).size;
  expect(bytes).toBeGreaterThan(1_051_500 * 0.5);
  expect(bytes).toBeLessThan(1_051_500 * 1.5);
});

test('the range I and O mark exports alone: exactly its frames and sound, the timeline left as it is', async ({ page, browser }) => {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles(fixture('barcode-h264-aac.mp4'));
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await expect(page.getByTestId('export-range')).toHaveCount(0);
  for (const [us, key] of [['2000000', 'i'], ['5000000', 'o']] as const) {
    await page.getByTestId('playhead').fill(us);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(key);
  }
  await expect(page.getByTestId('export-range')).toHaveValue('all');
  await page.getByTestId('export-range').selectOption('marked');
  await expect(page.getByTestId('export-range').locator('option:checked')).toHaveText('Marked range (I–O), 0:02.000–0:05.000');
  const saved = await exportAndSave(page);
  const inspected = await inspectInBrowser(await browser.newPage(), saved.path);
  expect(inspected.frameIndices).toEqual(Array.from({ length: 90 }, (_, i) => 60 + i));
  expect(inspected.audioDurationUs).toBeGreaterThan(2_950_000);
  expect(inspected.audioDurationUs).toBeLessThan(3_100_000);
  // The source's beeps (a second apart, from 0.25 s) of 2–5 s, now from 0: at 0.25, 1.25 and 2.25 s.
  expect(inspected.beepOnsetsUs).toHaveLength(3);
  inspected.beepOnsetsUs.forEach((us, i) => expect(Math.abs(us - (250_000 + i * 1_000_000))).toBeLessThan(30_000));
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await expect(page.getByTestId('clip-duration')).toHaveText('0:10.000');
});
