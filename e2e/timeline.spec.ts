import { expect, test, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { exportAndInspect, fixture, inspectInBrowser, openWithBarcode, tempDir } from './helpers.ts';
import { PREVIEW_URL } from './playwright.config.ts';

const clips = (page: Page) => page.getByTestId('clip');
const clipOnTrack = (page: Page, trackIndex: number) => page.getByTestId('track').nth(trackIndex).getByTestId('clip');

async function seekFrame(page: Page, frame: number) {
  await page.getByTestId('playhead').fill(String(Math.round((frame * 1_000_000) / 30)));
}

test('edit with mouse and keyboard: split, ripple delete, undo/redo, drag, tracks, marker; reload; export the right frames', async ({ page, browser }) => {
  await page.goto(PREVIEW_URL);
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4'), fixture('tone.mp3')]);
  await expect(clips(page)).toHaveCount(1);
  await expect(page.locator('[data-testid=bin-row][data-name="tone.mp3"]')).toHaveAttribute('data-status', 'ready');

  // Split at 2 s and 4 s (S and Ctrl+B), then ripple-delete the middle piece: 0–2 s then 4–10 s, back to back.
  await seekFrame(page, 60);
  await page.keyboard.press('s');
  await seekFrame(page, 120);
  await page.keyboard.press('Control+b');
  await expect(clips(page)).toHaveCount(3);
  await clipOnTrack(page, 0).nth(1).click();
  await page.keyboard.press('Shift+Delete');
  await expect(clips(page)).toHaveCount(2);
  await expect(clipOnTrack(page, 0).nth(1).getByTestId('clip-duration')).toHaveText('0:06.000');

  // Undo brings the piece back; redo removes it again.
  await page.keyboard.press('Control+z');
  await expect(clips(page)).toHaveCount(3);
  await page.keyboard.press('Control+Shift+z');
  await expect(clips(page)).toHaveCount(2);

  // A second video track above; dragging a clip and pressing Escape mid-drag puts it back exactly.
  await page.getByTestId('add-video-track').click();
  await expect(page.getByTestId('track')).toHaveCount(3);
  await page.locator('[data-testid=bin-row][data-name="tone.mp3"] [data-testid=bin-add]').click();
  await expect(clipOnTrack(page, 2)).toHaveCount(1); // the sound went to the audio track (bottom)
  const second = clipOnTrack(page, 1).nth(1);
  await second.scrollIntoViewIfNeeded();
  const box = (await second.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height / 2, { steps: 5 });
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await expect(clipOnTrack(page, 1)).toHaveCount(2);
  expect((await second.boundingBox())!.x).toBeCloseTo(box.x, 0);

  // A real drag of the sound clip moves it (one undo step puts it back, whatever the number of moves).
  const tone = clipOnTrack(page, 2).first();
  await tone.scrollIntoViewIfNeeded();
  const toneBox = (await tone.boundingBox())!;
  await page.mouse.move(toneBox.x + toneBox.width / 2, toneBox.y + toneBox.height / 2);
  await page.mouse.down();
  await page.mouse.move(toneBox.x + toneBox.width / 2 + 150, toneBox.y + toneBox.height / 2, { steps: 10 });
  await page.mouse.up();
  expect((await tone.boundingBox())!.x).toBeGreaterThan(toneBox.x + 100);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => Math.round((await tone.boundingBox())!.x)).toBe(Math.round(toneBox.x));
  await page.keyboard.press('Control+y');
  await expect.poll(async () => (await tone.boundingBox())!.x).toBeGreaterThan(toneBox.x + 100);

  // M adds a marker; the help panel lists the shortcuts.
  await page.keyboard.press('m');
  await expect(page.getByTestId('marker')).toHaveCount(1);
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-help')).toContainText('Ripple delete');
  // A modal dialog: focus is in it, and Escape closes it.
  await expect(page.getByRole('button', { name: 'Close', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcut-help')).toBeHidden();

  // Reload: the same edit comes back.
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await page.reload();
  await expect(clips(page)).toHaveCount(3);
  await expect(page.getByTestId('marker')).toHaveCount(1);
  await expect(clipOnTrack(page, 1).nth(1).getByTestId('clip-duration')).toHaveText('0:06.000');

  // Export: frames 0–59 then 120–299, none dropped or repeated.
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 150_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  const saved = join(tempDir(), 'edit.mp4');
  await download.saveAs(saved);
  const checker = await browser.newPage();
  const out = await inspectInBrowser(checker, saved);
  expect(out.frameIndices).toEqual([...Array.from({ length: 60 }, (_, i) => i), ...Array.from({ length: 180 }, (_, i) => 120 + i)]);
});

test('a title and a crossfade, made in the UI, come out in the export', async ({ page, browser }) => {
  await page.goto(PREVIEW_URL);
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4')]);
  await expect(clips(page)).toHaveCount(1);
  // Cut out 2–4 s so two different moments meet at 2 s, then crossfade across that cut.
  await seekFrame(page, 60);
  await page.keyboard.press('s');
  await seekFrame(page, 120);
  await page.keyboard.press('s');
  await clipOnTrack(page, 0).nth(1).click();
  await page.keyboard.press('Shift+Delete');
  await expect(clips(page)).toHaveCount(2);
  await clipOnTrack(page, 0).nth(0).click();
  await page.getByTestId('transition').selectOption('crossfade');
  await expect(page.getByTestId('transition')).toHaveValue('crossfade');

  // A title on a new top track, its words changed in the inspector.
  await page.getByTestId('add-video-track').click();
  await seekFrame(page, 0);
  await page.getByTestId('add-title').click();
  await expect(clipOnTrack(page, 0)).toHaveCount(1);
  await page.getByTestId('title-text').fill('Day one');
  await page.getByTestId('title-text').blur();
  await expect(clipOnTrack(page, 0)).toContainText('Day one');

  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 150_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  const saved = join(tempDir(), 'titled.mp4');
  await download.saveAs(saved);
  const out = await inspectInBrowser(await browser.newPage(), saved);
  // Outside the 1 s crossfade (frames 45–74) each frame is exactly its source frame, title or not.
  expect(out.frameIndices.slice(0, 45)).toEqual(Array.from({ length: 45 }, (_, i) => i));
  expect(out.frameIndices.slice(75)).toEqual(Array.from({ length: 165 }, (_, i) => 135 + i));
  // Inside it, frames are blends of both sides: around the cut the barcode cells that differ turn grey.
  expect(Math.min(...out.barcodeClarity.slice(0, 40))).toBeGreaterThan(60);
  expect(Math.max(...out.barcodeClarity.slice(58, 63))).toBeLessThan(25);
});

test('keyboard alone: Enter selects the focused clip, Delete takes the focused one, Space presses the focused button (not Play)', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles(fixture('barcode-h264-aac.mp4'));
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await page.getByTestId('playhead').fill('5000000');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('s');
  await expect(page.getByTestId('clip')).toHaveCount(2);
  const [first, second] = [page.getByTestId('clip').nth(0), page.getByTestId('clip').nth(1)];
  await expect(first).toHaveAttribute('aria-label', /^barcode-h264-aac\.mp4, Video 1, starts 0:00\.000, length 0:05\.000$/);
  // Select the first with the mouse, then focus the second and press Enter: it is selected instead.
  await first.click();
  await second.focus();
  await page.keyboard.press('Enter');
  await expect(second).toHaveAttribute('aria-pressed', 'true');
  await expect(first).toHaveAttribute('aria-pressed', 'false');
  // Delete with the first focused (the second selected) takes the first.
  await first.focus();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await expect(page.getByTestId('clip')).toHaveAttribute('aria-label', /starts 0:05\.000/);
  // Focus moves to the clip left, not back to the page.
  await expect(page.getByTestId('clip')).toBeFocused();
  // Moved without a mouse: the inspector's Start box (snapped to a frame).
  await page.getByTestId('clip').click();
  await page.getByTestId('clip-start').fill('7.5');
  await page.getByTestId('clip-start').dispatchEvent('change');
  await expect(page.getByTestId('clip')).toHaveAttribute('aria-label', /starts 0:07\.500/);
  // Space on a focused button presses it; playback does not start.
  const loop = page.getByTestId('loop');
  await loop.focus();
  await page.keyboard.press(' ');
  await expect(loop).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  // Export from the keyboard: focus follows Export → Cancel → Download instead of falling back to the page.
  await page.getByTestId('export-button').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('download')).toBeFocused({ timeout: 60_000 });
});

test('keyboard alone: , . < > move the focused clip, [ ] { } trim it, one undo step a press, said aloud; a locked track refuses', async ({ page }) => {
  await openWithBarcode(page);
  const clip = clips(page);
  const announcer = page.getByTestId('announcer');
  // The clip keeps focus; its name says where it is once focus leaves it (under focus it stays as it was: see accessibility.spec.ts).
  const expectClip = async (starts: string, length: string) => {
    await expect(clip).toBeFocused();
    await clip.blur();
    await expect(clip).toHaveAttribute('aria-label', new RegExp(`starts ${starts.replace('.', '\\.')}, length ${length.replace('.', '\\.')}$`));
    await clip.focus();
  };
  // Focused, not selected: the key takes the focused clip (30 fps: a frame is 33 ms).
  await clip.focus();
  await page.keyboard.press('Shift+Enter');
  await expect(clip).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('.');
  await expectClip('0:00.033', '0:10.000');
  await expect(announcer).toHaveText('Moved: barcode-h264-aac.mp4 starts 0:00.033, length 0:10.000.');
  await page.keyboard.press('>');
  await expectClip('0:01.033', '0:10.000');
  await page.keyboard.press(',');
  await expectClip('0:01.000', '0:10.000');
  await page.keyboard.press('<');
  await expectClip('0:00.000', '0:10.000');
  await page.keyboard.press('<'); // at the start already: refused, and said so
  await expect(announcer).toHaveText('Already at the start of the timeline.');
  await page.keyboard.press('>');
  await expectClip('0:01.000', '0:10.000');
  // Trim: the start a frame later (the picture starts a frame into the file), back, and no further (the file begins there).
  await page.keyboard.press(']');
  await expectClip('0:01.033', '0:09.967');
  await expect(announcer).toHaveText('Trimmed: barcode-h264-aac.mp4 starts 0:01.033, length 0:09.967.');
  await page.keyboard.press('[');
  await expectClip('0:01.000', '0:10.000');
  await page.keyboard.press('[');
  await expect(announcer).toHaveText('Cannot start earlier: the media or the timeline begins there.');
  await page.keyboard.press('{');
  await expectClip('0:01.000', '0:09.967');
  await page.keyboard.press('}');
  await expectClip('0:01.000', '0:10.000');
  await page.keyboard.press('}');
  await expect(announcer).toHaveText('Cannot end later: the media ends there.');
  // Each press that changed something is one undo step: 9 of them, undone one by one.
  await page.keyboard.press('Control+z');
  await expectClip('0:01.000', '0:09.967');
  for (let i = 0; i < 7; i++) await page.keyboard.press('Control+z');
  await expectClip('0:00.033', '0:10.000');
  await page.keyboard.press('Control+z');
  await expectClip('0:00.000', '0:10.000');
  // The step before is the import's (the clip going onto the timeline).
  await page.keyboard.press('Control+z');
  await expect(clips(page)).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(clips(page)).toHaveCount(1);
  // A locked track refuses, as it refuses a drag.
  await page.getByRole('button', { name: 'Lock Video 1' }).focus();
  await page.keyboard.press('Enter');
  await clip.focus();
  await page.keyboard.press('.');
  await expect(announcer).toHaveText('The clip is on a locked track.');
  await expectClip('0:00.000', '0:10.000');
  // The shortcut help lists the keys.
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-help')).toContainText('Move the selected (or focused) clips one frame earlier / later');
  await expect(page.getByTestId('shortcut-help')).toContainText('Trim the selected (or focused) clips: end one frame earlier / later');
});

test('Detach sound puts a clip’s sound on the audio track as its own clip, which then moves apart from the picture', async ({ page, browser }) => {
  await openWithBarcode(page);
  await clips(page).first().click();
  await page.getByTestId('detach-sound').click();
  // Video 1 keeps the picture, silent; Audio 1 has the sound, same span.
  await expect(clipOnTrack(page, 1)).toHaveCount(1);
  await expect(page.getByTestId('volume')).toHaveValue('0.00');
  await expect(page.getByTestId('detach-sound')).toHaveCount(0);
  const sound = clipOnTrack(page, 1).first();
  await expect(sound.getByTestId('clip-duration')).toHaveText('0:10.000');

  // The sound alone moves a second later (`>`): the beeps follow, the frames stay.
  await sound.click();
  await expect(page.getByTestId('detach-sound')).toHaveCount(0); // already on an audio track
  await page.keyboard.press('>');
  await expect(page.getByTestId('clip-start')).toHaveValue('1.000');
  await expect(page.getByTestId('export-video-path')).toBeVisible();
  await expect(page.getByTestId('export-no-picture')).toHaveCount(0);
  const out = await exportAndInspect(page, browser);
  expect(out.frameIndices.slice(0, 3)).toEqual([0, 1, 2]);
  // The fixture beeps at 0.25 s and every second after; a second later now, and heard once only (the picture's clip is silent).
  expect(out.beepOnsetsUs.map((us) => Math.round(us / 10_000))).toEqual([125, 225, 325, 425, 525, 625, 725, 825, 925, 1025]);

  // Two undo steps: the move, then the detach (one step, both clips).
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(clips(page)).toHaveCount(1);
  await clips(page).first().click();
  await expect(page.getByTestId('volume')).toHaveValue('1.00');
});

test('Q and W cut a clip off before and after the playhead; ↑ and ↓ step the playhead between edits', async ({ page }) => {
  await openWithBarcode(page);
  await seekFrame(page, 120);
  await page.keyboard.press('w');
  await expect(clips(page).getByTestId('clip-duration')).toHaveText('0:04.000');
  await seekFrame(page, 30);
  await page.keyboard.press('q');
  await expect(clips(page).getByTestId('clip-duration')).toHaveText('0:03.000');

  // From the start: the clip's start (1 s), then its end (shown as its last frame), and back.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('shown-frame')).toHaveAttribute('data-source-us', '1000000');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('shown-frame')).toHaveAttribute('data-source-us', '3966667');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('shown-frame')).toHaveAttribute('data-source-us', '1000000');

  // One undo step each.
  await page.keyboard.press('Control+z');
  await expect(clips(page).getByTestId('clip-duration')).toHaveText('0:04.000');
});

test('F freezes the frame at the playhead for 3 s: the clip splits, the rest moves later, and the export holds that frame', async ({ page, browser }) => {
  await openWithBarcode(page);
  await seekFrame(page, 60);
  await page.keyboard.press('f');
  await expect(clipOnTrack(page, 0)).toHaveCount(3);
  await expect(page.locator('[data-testid=bin-row][data-name="barcode-h264-aac-frame-60.png"]')).toHaveAttribute('data-status', 'ready');
  await expect(clipOnTrack(page, 0).getByTestId('clip-duration')).toHaveText(['0:02.000', '0:03.000', '0:08.000']);

  const out = await exportAndInspect(page, browser);
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  expect(out.frameIndices).toEqual([...range(0, 60), ...Array<number>(90).fill(60), ...range(60, 300)]);
  // The hold is silent; the sound carries on with the picture after it (beeps at 0.25 s and each second of the source).
  expect(out.beepOnsetsUs.map((us) => Math.round(us / 10_000))).toEqual([25, 125, 525, 625, 725, 825, 925, 1025, 1125, 1225]);

  await page.keyboard.press('Control+z');
  await expect(clips(page)).toHaveCount(1);

  // On a locked track: said, and nothing is made (no frame left in the bin).
  await page.getByRole('button', { name: 'Lock Video 1' }).click();
  await seekFrame(page, 30);
  await page.keyboard.press('f');
  await expect(page.getByTestId('error')).toHaveText('Video 1 is locked: unlock it to freeze a frame there.');
  await expect(page.locator('[data-testid=bin-row][data-name="barcode-h264-aac-frame-30.png"]')).toHaveCount(0);
  await expect(clips(page)).toHaveCount(1);
});

test('F on a clip whose sound is detached: the sound splits there too and moves 3 s later, in step with the picture', async ({ page, browser }) => {
  await openWithBarcode(page);
  await clips(page).first().click();
  await page.getByTestId('detach-sound').click();
  await expect(clipOnTrack(page, 1)).toHaveCount(1);
  await seekFrame(page, 60);
  await page.keyboard.press('f');
  await expect(clipOnTrack(page, 0).getByTestId('clip-duration')).toHaveText(['0:02.000', '0:03.000', '0:08.000']);
  await expect(clipOnTrack(page, 1).getByTestId('clip-duration')).toHaveText(['0:02.000', '0:08.000']);
  const out = await exportAndInspect(page, browser);
  // As with the sound in the clip: the hold is silent and every beep after it comes 3 s later, with its picture.
  expect(out.beepOnsetsUs.map((us) => Math.round(us / 10_000))).toEqual([25, 125, 525, 625, 725, 825, 925, 1025, 1125, 1225]);
});

test('S and Shift+Delete on a picture whose sound is detached take the sound alike: what follows stays in step', async ({ page }) => {
  await openWithBarcode(page);
  await clips(page).first().click();
  await page.getByTestId('detach-sound').click();
  await expect(clipOnTrack(page, 1)).toHaveCount(1);
  // Only the picture is selected: S splits its sound with it.
  await seekFrame(page, 60);
  await page.keyboard.press('s');
  await expect(clipOnTrack(page, 0).getByTestId('clip-duration')).toHaveText(['0:02.000', '0:08.000']);
  await expect(clipOnTrack(page, 1).getByTestId('clip-duration')).toHaveText(['0:02.000', '0:08.000']);
  // Ripple-deleting the first picture takes its sound, and both tracks close up: the rest starts at 0, picture and sound.
  await clipOnTrack(page, 0).first().click();
  await page.keyboard.press('Shift+Delete');
  for (const track of [0, 1]) {
    await expect(clipOnTrack(page, track)).toHaveCount(1);
    await expect(clipOnTrack(page, track)).toHaveAttribute('aria-label', /starts 0:00\.000/);
    await expect(clipOnTrack(page, track).getByTestId('clip-duration')).toHaveText('0:08.000');
  }
  // One undo step puts both back.
  await page.keyboard.press('Control+z');
  await expect(clipOnTrack(page, 0)).toHaveCount(2);
  await expect(clipOnTrack(page, 1)).toHaveCount(2);
});

test('a gap its detached sound does not share stays open, and double-clicking it says why (closing the picture alone would put them out of step)', async ({ page }) => {
  await openWithBarcode(page);
  await clips(page).first().click();
  await page.getByTestId('detach-sound').click();
  await expect(clipOnTrack(page, 1)).toHaveCount(1);
  for (const frame of [60, 120]) {
    await seekFrame(page, frame);
    await page.keyboard.press('s');
  }
  await expect(clipOnTrack(page, 0)).toHaveCount(3);
  // The middle picture alone deleted (Delete leaves its sound): a gap from 2 s to 4 s over sound that plays on.
  await clipOnTrack(page, 0).nth(1).click();
  await page.keyboard.press('Delete');
  await expect(clipOnTrack(page, 0)).toHaveCount(2);
  const [before, after] = [(await clipOnTrack(page, 0).nth(0).boundingBox())!, (await clipOnTrack(page, 0).nth(1).boundingBox())!];
  await page.mouse.dblclick((before.x + before.width + after.x) / 2, after.y + after.height / 2);
  await expect(page.getByTestId('error')).toContainText('This gap stays: the detached sound (or picture) of a clip after it has something in the same span');
  await expect(clipOnTrack(page, 0).nth(1)).toHaveAttribute('aria-label', /starts 0:04\.000/);
});

test('Record voice stops when another project is opened: the recording is kept in the bin, not placed in the project now open', async ({ page }) => {
  await openWithBarcode(page);
  await page.getByTestId('record-voice').click();
  await expect(page.getByTestId('record-voice')).toHaveAccessibleName('Stop recording');
  await page.waitForTimeout(1000);
  await page.getByTestId('project-new').click();
  await expect(page.getByTestId('record-voice')).toHaveAccessibleName('Record voice');
  await expect(page.getByTestId('error')).toContainText(/The recording stopped when its project was closed: "voice-over-.*\.webm" is in the bin/);
  await expect(page.locator('[data-testid=bin-row][data-name^="voice-over-"]')).toHaveAttribute('data-status', 'ready');
  await expect(clips(page)).toHaveCount(0);
});

test('Record voice records the microphone while the timeline plays, and places the recording where it started, on an audio track', async ({ page, browser }) => {
  await openWithBarcode(page);
  await seekFrame(page, 30);
  await page.getByTestId('record-voice').click();
  await expect(page.getByTestId('record-voice')).toHaveAccessibleName('Stop recording');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'true');
  await page.waitForTimeout(2500);
  await page.getByTestId('record-voice').click();
  await expect(page.getByTestId('record-voice')).toHaveAccessibleName('Record voice');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  // A WebM of about 2.5 s in the bin, and on Audio 1 from 1 s.
  const voice = clipOnTrack(page, 1);
  await expect(voice).toHaveCount(1, { timeout: 30_000 });
  await expect(voice).toHaveAttribute('aria-label', /^voice-over-.*\.webm, Audio 1, starts 0:01\.000/);
  const seconds = Number((await voice.getByTestId('clip-duration').textContent())!.split(':')[1]);
  expect(seconds).toBeGreaterThan(2);
  expect(seconds).toBeLessThan(5);

  // The export carries it: sound where the fixture's own sound is silent (between its beeps, from 1.5 s).
  await page.getByTestId('export-container').selectOption('m4a');
  const out = await exportAndInspect(page, browser);
  const samples = Object.values(out.audioSamples) as number[];
  const rate = out.audioSampleRate!;
  const loudest = (fromS: number, toS: number) => Math.max(...samples.slice(Math.round(fromS * rate), Math.round(toS * rate)).map(Math.abs));
  expect(loudest(1.5, 2.2)).toBeGreaterThan(0.01);

  // Two undo steps: the format, then the placed recording.
  await voice.click();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(clipOnTrack(page, 1)).toHaveCount(0);
});

test('multi-select and drag: dragging one of the selected clips moves them all; a click without moving selects it alone', async ({ page }) => {
  await openWithBarcode(page);
  await seekFrame(page, 90);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('s');
  await seekFrame(page, 180);
  await page.keyboard.press('s');
  await expect(clips(page)).toHaveCount(3);
  const [first, middle, last] = [clips(page).nth(0), clips(page).nth(1), clips(page).nth(2)];
  await first.click();
  await last.click({ modifiers: ['Shift'] });
  // Alt: no snapping, so the drag moves by exactly what the mouse did (60 px a second at the default zoom).
  const box = (await last.boundingBox())!;
  await page.keyboard.down('Alt');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up('Alt');
  await expect(first).toHaveAttribute('aria-label', /starts 0:02\.000/);
  await expect(middle).toHaveAttribute('aria-label', /starts 0:03\.000/);
  await expect(last).toHaveAttribute('aria-label', /starts 0:08\.000/);
  for (const clip of [first, last]) await expect(clip).toHaveAttribute('aria-pressed', 'true');
  await last.click();
  await expect(last).toHaveAttribute('aria-pressed', 'true');
  await expect(first).toHaveAttribute('aria-pressed', 'false');
});

test('the inspector shows no transition once the next clip has moved away (none is drawn), and shows it again when undone', async ({ page }) => {
  await openWithBarcode(page);
  await seekFrame(page, 150);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('s');
  await clips(page).nth(0).click();
  await page.getByTestId('transition').selectOption('dip');
  await expect(page.getByTestId('transition')).toHaveValue('dip');
  await clips(page).nth(1).click();
  await page.keyboard.press('>');
  await expect(page.getByTestId('announcer')).toHaveText(/starts 0:06\.000/);
  await clips(page).nth(0).click();
  await expect(page.getByTestId('transition')).toHaveValue('');
  await expect(page.getByTestId('transition')).toBeDisabled();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('transition')).toHaveValue('dip');
});

test('tracks and markers can be removed; a marker takes the playhead to it; a title has no sound or speed fields; a new frame rate snaps the playhead', async ({ page }) => {
  await openWithBarcode(page);
  // Tracks: a new audio track goes again with ×; the only video track stays, and says why.
  await page.getByTestId('add-audio-track').click();
  await expect(page.getByTestId('track')).toHaveCount(3);
  await page.getByRole('button', { name: 'Remove Audio 2' }).click();
  await expect(page.getByTestId('track')).toHaveCount(2);
  await page.getByRole('button', { name: 'Remove Video 1' }).click();
  await expect(page.getByTestId('error')).toHaveText('The last video track stays: pictures need one. Unlock a locked track to remove it.');
  await expect(clips(page)).toHaveCount(1);

  // Markers: M at 2 s; from 0, a click on the marker goes there; Delete on it removes it.
  await seekFrame(page, 60);
  await page.keyboard.press('m');
  await expect(page.getByTestId('marker')).toHaveCount(1);
  await page.keyboard.press('Home');
  await expect(page.getByTestId('timecode')).toContainText('0:00.000 /');
  await page.getByTestId('marker').click();
  await expect(page.getByTestId('timecode')).toContainText('0:02.000 /');
  await page.getByTestId('marker').press('Delete');
  await expect(page.getByTestId('marker')).toHaveCount(0);
  await expect(clips(page)).toHaveCount(1); // Delete on the marker removed the marker only
  // As in Safari on macOS, where a click gives a button no focus: the press alone, the clip selected; Delete still takes the marker.
  await page.keyboard.press('m');
  await clips(page).click();
  await page.getByTestId('marker').dispatchEvent('pointerdown');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('marker')).toHaveCount(0);
  await expect(clips(page)).toHaveCount(1);

  // 2.3 s at 30 fps lies between two 24 fps frames: the playhead moves to the one before.
  await seekFrame(page, 69);
  await page.getByTestId('fps').selectOption('24');
  await expect(page.getByTestId('timecode')).toContainText('0:02.292 /');

  // A title: no volume, fades or speed.
  await page.getByTestId('add-title').click();
  await expect(page.getByTestId('title-text')).toBeVisible();
  await expect(page.getByTestId('volume')).toHaveCount(0);
  await expect(page.getByTestId('speed')).toHaveCount(0);
});

test('Ctrl+A selects every clip, Escape none', async ({ page }) => {
  await openWithBarcode(page);
  await seekFrame(page, 60);
  await page.keyboard.press('s');
  await expect(clips(page)).toHaveCount(2);
  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('selected-clips')).toContainText('2 clips selected');
  await expect(clips(page).nth(0)).toHaveAttribute('aria-pressed', 'true');
  await expect(clips(page).nth(1)).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('selected-clips')).toHaveCount(0);
  await expect(clips(page).nth(0)).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('region', { name: 'Selected clip' })).toHaveCount(0);
});

test('a video clip shows a filmstrip of its own part of the file: trimming its start moves the pictures along', async ({ page }) => {
  await openWithBarcode(page);
  const strip = clips(page).getByTestId('thumbnail');
  await expect.poll(() => strip.count(), { timeout: 60_000 }).toBeGreaterThan(3);
  await expect(strip.first()).toHaveAttribute('data-index', '0');
  await clips(page).click();
  await page.getByTestId('trim-in').fill('8');
  await page.getByTestId('trim-in').dispatchEvent('change');
  await expect(clips(page).getByTestId('clip-duration')).toHaveText('0:02.000');
  // Its first tile is now a picture from 8 s on, not the file's first.
  await expect.poll(async () => Number(await strip.first().getAttribute('data-index'))).toBeGreaterThan(3);
});

/**
 * Drags a bin row onto a track at `x` px from the track's left as the browser's drag and drop would, event by event
 * (dragstart, dragover, drop, dragend, sharing one DataTransfer): a pointer-driven drag raced the bin's layout under load.
 */
async function dragFromBin(page: Page, row: Locator, track: Locator, x: number): Promise<void> {
  const data = await page.evaluateHandle(() => new DataTransfer());
  await row.dispatchEvent('dragstart', { dataTransfer: data });
  const box = (await track.boundingBox())!;
  const at = { dataTransfer: data, clientX: box.x + x, clientY: box.y + 10 };
  await track.dispatchEvent('dragover', at);
  await track.dispatchEvent('drop', at);
  await row.dispatchEvent('dragend', { dataTransfer: data });
}

test('media dragged from the bin lands where it is dropped: on that track, at that time; a sound-only file is refused by a video track, a still by an audio track', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4'), fixture('tone.mp3')]);
  await expect(clips(page)).toHaveCount(1);
  const tone = page.locator('[data-testid=bin-row][data-name="tone.mp3"]');
  await expect(tone).toHaveAttribute('data-status', 'ready');
  const pxPerSecond = (await clips(page).first().boundingBox())!.width / 10;
  await dragFromBin(page, tone, page.getByTestId('track').nth(1), 3 * pxPerSecond + 1);
  await expect(clipOnTrack(page, 1)).toHaveCount(1);
  await clipOnTrack(page, 1).click();
  expect(Math.abs(Number(await page.getByTestId('clip-start').inputValue()) - 3)).toBeLessThan(0.05);
  await dragFromBin(page, tone, page.getByTestId('track').nth(0), 12 * pxPerSecond);
  await expect(page.getByTestId('error')).toHaveText('"tone.mp3" has no picture for Video 1: drop it on an audio track.');
  await expect(clips(page)).toHaveCount(2);
  // A still has no sound for an audio track, where it would neither show nor play.
  await page.getByTestId('import-input').setInputFiles(fixture('still.png'));
  const still = page.locator('[data-testid=bin-row][data-name="still.png"]');
  await expect(still).toHaveAttribute('data-status', 'ready');
  await dragFromBin(page, still, page.getByTestId('track').nth(1), 12 * pxPerSecond);
  await expect(page.getByTestId('error')).toHaveText('"still.png" has no sound for Audio 1: drop it on a video track.');
  await expect(clips(page)).toHaveCount(2);
});

test('the timeline scrolls to keep the playhead in view (End, Home, zoom)', async ({ page }) => {
  await openWithBarcode(page);
  const scroller = page.locator('.timeline-scroll');
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
  const playheadInView = async () => {
    const [view, playhead] = [(await scroller.boundingBox())!, (await page.locator('.playhead').boundingBox())!];
    return playhead.x >= view.x && playhead.x <= view.x + view.width;
  };
  await page.locator('body').press('End');
  await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  expect(await playheadInView()).toBe(true);
  await page.locator('body').press('Home');
  await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBe(0);
  expect(await playheadInView()).toBe(true);
});

test('Shift+Q and Shift+W cut off before or after the playhead and close the gap: what follows moves up', async ({ page }) => {
  await openWithBarcode(page);
  await seekFrame(page, 150);
  await page.keyboard.press('s');
  await expect(clips(page)).toHaveCount(2);
  await page.keyboard.press('Escape');
  await seekFrame(page, 60);
  await page.keyboard.press('Shift+Q');
  await expect(clips(page).getByTestId('clip-duration')).toHaveText(['0:03.000', '0:05.000']);
  await expect(page.getByTestId('timecode')).toContainText('/ 0:08.000');
  // From 1 s, Shift+W: the first clip ends there, and the second follows on at once.
  await seekFrame(page, 30);
  await page.keyboard.press('Shift+W');
  await expect(clips(page).getByTestId('clip-duration')).toHaveText(['0:01.000', '0:05.000']);
  await expect(page.getByTestId('timecode')).toContainText('/ 0:06.000');
});

test('Remove pauses cuts a clip’s silences out (0.15 s kept either side of the sound) and closes up: every beep stays, the pauses go', async ({ page, browser }) => {
  await openWithBarcode(page);
  await expect(page.locator('[data-testid=bin-row][data-name="barcode-h264-aac.mp4"]')).toHaveAttribute('data-analysis', /computed|cache/, { timeout: 60_000 });
  await clips(page).click();
  await page.getByTestId('remove-pauses').click();
  // Ten beeps of 30 ms, one a second from 0.25 s: ten pieces of about a third of a second.
  await expect(clips(page)).toHaveCount(10);
  const out = await exportAndInspect(page, browser);
  expect(out.beepOnsetsUs).toHaveLength(10);
  expect(Math.abs(out.videoDurationUs - 3_400_000)).toBeLessThan(200_000);
  // One undo step brings the whole clip back.
  await clips(page).first().click();
  await page.keyboard.press('Control+z');
  await expect(clips(page)).toHaveCount(1);
});

test('Remove pauses on a clip whose sound is detached cuts the sound alike: each beep still sounds on its own frame', async ({ page, browser }) => {
  await openWithBarcode(page);
  await expect(page.locator('[data-testid=bin-row][data-name="barcode-h264-aac.mp4"]')).toHaveAttribute('data-analysis', /computed|cache/, { timeout: 60_000 });
  await clips(page).click();
  await page.getByTestId('detach-sound').click();
  await expect(clipOnTrack(page, 1)).toHaveCount(1);
  await clipOnTrack(page, 0).click();
  await page.getByTestId('remove-pauses').click();
  await expect(clipOnTrack(page, 0)).toHaveCount(10);
  await expect(clipOnTrack(page, 1)).toHaveCount(10);
  const out = await exportAndInspect(page, browser);
  // The fixture's k-th beep is at 0.25 s + k s of the source, frame 7.5 + 30k: the picture at each beep is within two frames of it.
  expect(out.beepOnsetsUs).toHaveLength(10);
  const offsets = out.beepOnsetsUs.map((us, k) => out.frameIndices[Math.floor((us * 30) / 1_000_000)]! - (7.5 + 30 * k));
  expect(offsets.every((d) => Math.abs(d) <= 2), `picture minus sound, in frames: ${offsets.join(', ')}`).toBe(true);
});

test('Fit (or \\) zooms the timeline so all of it is in view', async ({ page }) => {
  await openWithBarcode(page);
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
  const view = (await page.locator('.timeline-scroll').boundingBox())!;
  expect((await clips(page).boundingBox())!.width).toBeGreaterThan(view.width);
  await page.getByTestId('zoom-fit').click();
  await expect.poll(async () => (await clips(page).boundingBox())!.width / view.width).toBeGreaterThan(0.9);
  expect((await clips(page).boundingBox())!.width).toBeLessThanOrEqual(view.width);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.locator('body').press('\\');
  await expect.poll(async () => (await clips(page).boundingBox())!.width / view.width).toBeGreaterThan(0.9);
});
