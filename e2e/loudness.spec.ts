import { expect, test, type Page } from '@playwright/test';
import { exportAndInspect, fixture } from './helpers.ts';

/** A clip on the timeline by its file's name (its accessible name starts with it). */
const clipOf = (page: Page, name: string) => page.locator(`[data-testid="clip"][aria-label^="${name},"]`);

/** The amplitude of the steady sine in `samples` between `fromS` and `toS` seconds, from its RMS (peaks ripple after lossy coding). */
function sineAmplitude(samples: Float32Array, rate: number, fromS: number, toS: number): number {
  let sum = 0;
  const [from, to] = [Math.round(fromS * rate), Math.round(toS * rate)];
  for (let i = from; i < to; i++) sum += samples[i]! * samples[i]!;
  return Math.sqrt((2 * sum) / (to - from));
}

test('Normalize loudness sets each clip to play at −14 LUFS (+6 dB at most), as one undo step, and the export plays at it', async ({ page, browser }) => {
  await page.goto('/');
  // A 3 s tone at −8 LUFS (placed by the import) and an 8 s one at −23 LUFS after it.
  await page.getByTestId('import-input').setInputFiles([fixture('tone-8lufs.m4a'), fixture('tone-23lufs.m4a')]);
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await page.getByTestId('bin-row').filter({ hasText: 'tone-23lufs.m4a' }).getByTestId('bin-add').click();
  await expect(page.getByTestId('clip')).toHaveCount(2);
  const loud = clipOf(page, 'tone-8lufs.m4a');
  const quiet = clipOf(page, 'tone-23lufs.m4a');

  // One clip: the inspector measures it (once analysed) and turns it down 6 dB.
  await loud.click();
  await expect(page.getByTestId('clip-loudness')).toHaveText(/^Loudness: −(7\.9|8\.0|8\.1) LUFS$/, { timeout: 60_000 });
  await page.getByTestId('normalize-loudness').click();
  await expect(page.getByTestId('volume')).toHaveValue('0.50');
  await expect(page.getByTestId('clip-loudness')).toHaveText(/^Loudness: −(13\.9|14\.0|14\.1) LUFS$/);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('volume')).toHaveValue('1.00');

  // Both: one press sets each on its own loudness; the quiet one can come up only 6 dB (to −17 LUFS).
  await quiet.click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selected-clips')).toContainText('2 clips selected');
  await page.getByTestId('selected-clips').getByTestId('normalize-loudness').click();
  await quiet.click();
  await expect(page.getByTestId('volume')).toHaveValue('2.00');
  await expect(page.getByTestId('clip-loudness')).toHaveText(/^Loudness: −(16\.9|17\.0|17\.1) LUFS$/);
  await loud.click();
  await expect(page.getByTestId('volume')).toHaveValue('0.50');
  // One undo step takes both back.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('volume')).toHaveValue('1.00');
  await quiet.click();
  await expect(page.getByTestId('volume')).toHaveValue('1.00');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('volume')).toHaveValue('2.00');

  // What is heard: the −8 dBFS tone now plays at −14 dBFS (amplitude 0.1995), the −23 dBFS one at −17 dBFS (0.1416).
  // Sound only on the timeline: a video export is said to be the background colour, and M4A suggested.
  await expect(page.getByTestId('export-no-picture')).toContainText('For sound alone, export M4A');
  await expect(page.getByTestId('export-video-path')).toHaveCount(0);
  await page.getByTestId('export-container').selectOption('m4a');
  await expect(page.getByTestId('export-no-picture')).toHaveCount(0);
  const out = await exportAndInspect(page, browser);
  const samples = new Float32Array(Object.values(out.audioSamples));
  const rate = out.audioSampleRate!;
  expect(Math.abs(sineAmplitude(samples, rate, 0.5, 2.5) / 0.1995 - 1)).toBeLessThan(0.02);
  expect(Math.abs(sineAmplitude(samples, rate, 4, 10) / 0.1416 - 1)).toBeLessThan(0.02);
});

test('ducking: while a clip that asks plays, the other tracks’ sound is 12 dB lower, in the export', async ({ page, browser }) => {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4'), fixture('tone-23lufs.m4a')]);
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await page.getByTestId('bin-row').filter({ hasText: 'tone-23lufs.m4a' }).getByTestId('bin-add').click();
  await expect(page.getByTestId('clip')).toHaveCount(2);
  // The barcode's 0–3 s (beeps at 0.25, 1.25 and 2.25 s) over the 8 s tone, lowering it.
  const voice = clipOf(page, 'barcode-h264-aac.mp4');
  await voice.click();
  await page.getByTestId('trim-out').fill('3');
  await page.getByTestId('trim-out').dispatchEvent('change');
  await page.getByTestId('duck-others').check();
  await expect(page.getByTestId('duck-others')).toBeChecked();
  await page.getByTestId('export-container').selectOption('m4a');
  const out = await exportAndInspect(page, browser);
  const samples = new Float32Array(Object.values(out.audioSamples));
  const rate = out.audioSampleRate!;
  // Between beeps the tone alone: 0.0708 × 0.25 under the clip, 0.0708 after it (past the 0.25 s ease).
  expect(Math.abs(sineAmplitude(samples, rate, 1.45, 2.15) / (0.0708 * 0.25) - 1)).toBeLessThan(0.05);
  expect(Math.abs(sineAmplitude(samples, rate, 4, 7) / 0.0708 - 1)).toBeLessThan(0.03);
});
