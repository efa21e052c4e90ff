import { expect, test, type Page } from '@playwright/test';
import { fixture } from './helpers.ts';
import { barcodeOnScreen } from './preview-reader.ts';

interface Stats {
  playing: boolean;
  framesShown: number;
  framesDropped: number;
  fps: number;
  frameMs: number;
  avOffsetMs: { mean: number; maxAbs: number; samples: number; withinFrameShare: number };
  lateAudioBlocks: number;
  shown: { timelineUs: number; sourceUs: number | null };
}

const readStats = async (page: Page): Promise<Stats> => JSON.parse((await page.getByTestId('playback-stats').getAttribute('data-stats'))!) as Stats;

/** The barcode clip on Video 1 and again on a new Video 2 above it at half size: a two-layer picture. */
async function twoLayerProject(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles(fixture('barcode-h264-aac.mp4'));
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await page.getByTestId('add-video-track').click();
  await page.locator('[data-testid=bin-row][data-name="barcode-h264-aac.mp4"] [data-testid=bin-add]').click();
  const top = page.getByTestId('track').nth(0).getByTestId('clip');
  await expect(top).toHaveCount(1);
  await top.click();
  await page.locator('.picture-fields summary').click();
  const scale = page.getByTestId('scale');
  await scale.fill('50');
  await scale.dispatchEvent('change');
  await page.getByTestId('stats-toggle').click();
}

test('plays a two-track project for 3 s on the audio clock: frames shown and dropped add up, A/V within a frame, no late sound', async ({ page }) => {
  await twoLayerProject(page);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'true');
  await page.waitForTimeout(3_000);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  const stats = await readStats(page);
  console.log(`playback 3 s, 640×360 two layers: ${JSON.stringify(stats)}`);
  expect(stats.playing).toBe(false);
  expect(stats.framesShown).toBeGreaterThan(10);
  // Playback got well into the clip, and every frame from the first to the last shown was either shown or counted as dropped.
  expect(stats.shown.timelineUs).toBeGreaterThan(1_500_000);
  const lastFrame = Math.round((stats.shown.timelineUs * 30) / 1_000_000);
  expect(Math.abs(stats.framesShown + stats.framesDropped - (lastFrame + 1))).toBeLessThanOrEqual(1);
  expect(stats.avOffsetMs.samples).toBeGreaterThan(5);
  // On average the picture is where the sound is, within a frame, however loaded the machine.
  expect(Math.abs(stats.avOffsetMs.mean)).toBeLessThan(1000 / 30);
  // Frame by frame too, when a frame takes less than half its slot to draw (a loaded machine spreads them by its own jitter).
  if (stats.frameMs < 1000 / 30 / 2) expect(stats.avOffsetMs.withinFrameShare).toBeGreaterThan(0.8);
  expect(stats.lateAudioBlocks).toBe(0);
  // The playhead stopped where the picture did, and the picture is that frame.
  const playheadUs = Number(await page.getByTestId('playhead').inputValue());
  expect(playheadUs).toBeGreaterThan(2_000_000);
  await expect(page.getByTestId('shown-frame')).toHaveAttribute('data-source-us', /\d+/);
  const sourceUs = Number(await page.getByTestId('shown-frame').getAttribute('data-source-us'));
  await expect.poll(() => barcodeOnScreen(page.getByTestId('preview'))).toBe(Math.round((sourceUs * 30) / 1_000_000));
});

test('scrubbing and frame steps show exactly the frame asked for (long GOP: decoded from the keyframe before)', async ({ page }) => {
  await twoLayerProject(page);
  const preview = page.getByTestId('preview');
  for (const frame of [45, 200, 7, 151, 290]) {
    await page.getByTestId('playhead').fill(String(Math.round((frame * 1_000_000) / 30)));
    await expect(page.getByTestId('shown-frame')).toHaveAttribute('data-source-us', String(Math.round((frame * 1_000_000) / 30)));
    await expect.poll(() => barcodeOnScreen(preview)).toBe(frame);
  }
  // Back and forth a frame at a time: each step lands on its frame.
  await page.getByTestId('playhead').fill(String(Math.round((100 * 1_000_000) / 30)));
  await expect.poll(() => barcodeOnScreen(preview)).toBe(100);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (const [key, frame] of [['ArrowLeft', 99], ['ArrowLeft', 98], ['ArrowRight', 99], ['ArrowRight', 100], ['ArrowRight', 101]] as const) {
    await page.keyboard.press(key);
    await expect.poll(() => barcodeOnScreen(preview)).toBe(frame);
  }
});

test('the scrubber reaches the last frame, and Play there starts again from the beginning', async ({ page }) => {
  await twoLayerProject(page);
  const slider = page.getByTestId('playhead');
  // Dragged (or Ended) all the way right: frame 299 of 300 (it stopped at 298).
  await slider.fill((await slider.getAttribute('max'))!);
  await expect(page.getByTestId('shown-frame')).toHaveAttribute('data-source-us', String(Math.round((299 * 1_000_000) / 30)));
  await expect.poll(() => barcodeOnScreen(page.getByTestId('preview'))).toBe(299);
  // Play from where playing stops plays from the start (it did nothing).
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'true');
  await page.waitForTimeout(700);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  expect(Number(await slider.inputValue())).toBeLessThan(2_000_000);
});

test('J/K/L shuttle: L plays and doubles, K stops, J plays backwards', async ({ page }) => {
  await twoLayerProject(page);
  await page.getByTestId('playhead').fill('5000000');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('l');
  await page.keyboard.press('l');
  await expect(page.getByTestId('shuttle-rate')).toHaveText('2×');
  await page.waitForTimeout(1_000);
  await page.keyboard.press('k');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  const afterForward = Number(await page.getByTestId('playhead').inputValue());
  expect(afterForward).toBeGreaterThan(5_800_000);
  await page.keyboard.press('j');
  await expect(page.getByTestId('shuttle-rate')).toHaveText('◀ 1×');
  // Backwards for a third of a second at least (a loaded machine takes a moment to decode the GOP it starts in).
  await expect.poll(async () => Number(await page.getByTestId('playhead').inputValue()), { timeout: 10_000 }).toBeLessThan(afterForward - 300_000);
  await page.keyboard.press('k');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  expect(Number(await page.getByTestId('playhead').inputValue())).toBeLessThan(afterForward - 300_000);
});

test('loop: I and O mark a range, Shift+L loops it, playback stays inside it', async ({ page }) => {
  await twoLayerProject(page);
  await page.getByTestId('playhead').fill('1000000');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('i');
  await page.getByTestId('playhead').fill('1600000');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('o');
  await page.keyboard.press('Shift+L');
  await expect(page.getByTestId('loop')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press(' ');
  await page.waitForTimeout(2_500); // more than four times round the 0.6 s range
  await page.keyboard.press(' ');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  const at = Number(await page.getByTestId('playhead').inputValue());
  expect(at).toBeGreaterThanOrEqual(1_000_000);
  expect(at).toBeLessThan(1_600_000);
  const stats = await readStats(page);
  expect(stats.lateAudioBlocks).toBe(0);
  expect(stats.framesShown).toBeGreaterThan(30);
});

test('End and → at the end stay on the last frame of a trimmed clip (they showed the frame after its out point, which the export never holds)', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles(fixture('barcode-h264-aac.mp4'));
  await expect(page.getByTestId('clip')).toHaveCount(1);
  for (const [edge, seconds] of [['in', '2'], ['out', '5']] as const) {
    await page.getByTestId(`trim-${edge}`).fill(seconds);
    await page.getByTestId(`trim-${edge}`).dispatchEvent('change');
  }
  await expect(page.getByTestId('clip-duration')).toHaveText('0:03.000');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const lastFrame = String(Math.round((149 * 1_000_000) / 30));
  await page.keyboard.press('End');
  await expect(page.getByTestId('shown-frame')).toHaveAttribute('data-source-us', lastFrame);
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(200);
  await expect(page.getByTestId('shown-frame')).toHaveAttribute('data-source-us', lastFrame);
  await expect.poll(() => barcodeOnScreen(page.getByTestId('preview'))).toBe(149);
});

test('opening another project stops playback (it played the old project on over the new one)', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles(fixture('barcode-h264-aac.mp4'));
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'true');
  // Its copy, with the same 10 s to play: nothing stops it but the switch.
  await page.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByTestId('project-name')).toHaveValue(/copy/);
  // At once, not when the 10 s have played out.
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false', { timeout: 3000 });
});
