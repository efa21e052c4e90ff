import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportAndInspect, fixture, inspectInBrowser, makeBadFiles, openWithBarcode, playAWhile, tempDir } from './helpers.ts';
import { PORT, PREVIEW_URL } from './playwright.config.ts';
import { previewShot } from './preview-reader.ts';

async function importFile(page: Page, path: string) {
  await page.getByTestId('import-input').setInputFiles(path);
}

async function setTrim(page: Page, edge: 'in' | 'out', seconds: string) {
  const field = page.getByTestId(`trim-${edge}`);
  await field.fill(seconds);
  await field.dispatchEvent('change');
}

async function exportFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle('exports', { create: true });
    const names: string[] = [];
    for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    return names;
  });
}

test('import, trim 2–5 s, scrub, export: the download holds exactly frames 60–149 with audio', async ({ page, browser }) => {
  await openWithBarcode(page);
  await expect(page.getByTestId('clip-duration')).toHaveText('0:10.000');

  await setTrim(page, 'in', '2');
  await setTrim(page, 'out', '5');
  await expect(page.getByTestId('clip-duration')).toHaveText('0:03.000');

  // Scrub: playhead 1.5 s into the trimmed clip shows source frame 105 (3.5 s).
  await page.getByTestId('playhead').fill('1500000');
  await expect(page.getByTestId('shown-frame')).toHaveAttribute('data-source-us', '3500000');

  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 120_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  const saved = join(tempDir(), download.suggestedFilename());
  await download.saveAs(saved);
  expect(download.suggestedFilename()).toBe('barcode-h264-aac-edit.mp4');

  const checker = await browser.newPage();
  const out = await inspectInBrowser(checker, saved);
  expect(out.frameIndices).toEqual(Array.from({ length: 90 }, (_, i) => 60 + i));
  expect(Math.abs(out.videoDurationUs - 3_000_000)).toBeLessThanOrEqual(33_334);
  expect(out.beepOnsetsUs.length).toBe(3);
  out.beepOnsetsUs.forEach((t, i) => expect(Math.abs(t - (250_000 + i * 1_000_000))).toBeLessThanOrEqual(33_333));
});

test("a title's new look shows in the preview at once (the preview kept its cached old frame)", async ({ page }) => {
  await page.goto('/');
  // Opened first: an edit while the project is still opening is refused (under load, this click came before it).
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await page.getByTestId('add-title').click();
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await page.getByTestId('clip').click();
  const preview = page.getByTestId('preview');
  /** Pixels of the middle band of the preview (where the title is) that are clearly red. */
  const redPixels = async () => {
    const png = PNG.sync.read(await previewShot(preview));
    let red = 0;
    for (let y = Math.floor(png.height * 0.4); y < png.height * 0.6; y++)
      for (let x = 0; x < png.width; x++) {
        const i = (y * png.width + x) * 4;
        if (png.data[i]! > 180 && png.data[i + 1]! < 80 && png.data[i + 2]! < 80) red++;
      }
    return red;
  };
  // Shown (and cached) as it is: white words, no box.
  await expect.poll(async () => (await previewShot(preview)).length).toBeGreaterThan(0);
  await page.waitForTimeout(500);
  expect(await redPixels()).toBe(0);
  const box = page.locator('.title-fields label', { hasText: 'Box' }).locator('input[type=color]');
  await box.fill('#ff0000');
  await box.dispatchEvent('change');
  await expect.poll(redPixels, { timeout: 10_000 }).toBeGreaterThan(500);
});

test('a second export of the same project gets its own name, in the panel and in the exports library', async ({ page }) => {
  await openWithBarcode(page);
  await setTrim(page, 'out', '1');
  for (const name of ['barcode-h264-aac-edit.mp4', 'barcode-h264-aac-edit-2.mp4']) {
    await page.getByTestId('export-button').click();
    await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 120_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    expect(download.suggestedFilename()).toBe(name);
  }
  await expect(page.getByTestId('export-row')).toHaveCount(2);
  await expect(page.getByTestId('export-row').nth(0)).toContainText('barcode-h264-aac-edit-2.mp4');
  await expect(page.getByTestId('export-row').nth(1)).toContainText('barcode-h264-aac-edit.mp4');
});

test('inspector: a refused or clamped entry shows the value kept; a clip on a locked track cannot be edited', async ({ page }) => {
  await openWithBarcode(page);
  await page.getByTestId('clip').click();
  // Out past the 10 s source is refused: the box shows 10 again, not the 20 typed.
  await setTrim(page, 'out', '20');
  await expect(page.getByTestId('trim-out')).toHaveValue('10.000');
  await setTrim(page, 'in', '1');
  await expect(page.getByTestId('clip-duration')).toHaveText('0:09.000');
  // An emptied box changes nothing (it committed 0, moving In back to the start).
  await setTrim(page, 'in', '');
  await expect(page.getByTestId('trim-in')).toHaveValue('1.000');
  await expect(page.getByTestId('clip-duration')).toHaveText('0:09.000');

  await page.getByRole('button', { name: 'Lock Video 1' }).click();
  await expect(page.getByTestId('inspector-locked')).toBeVisible();
  await expect(page.getByTestId('trim-out')).toBeDisabled();
  await expect(page.getByTestId('volume')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Remove clip' })).toBeDisabled();
  await page.getByRole('button', { name: 'Lock Video 1' }).click();
  await expect(page.getByTestId('trim-out')).toBeEnabled();
});

test('on a 1280×720 screen the timeline is in view under the preview with a clip selected; the panels scroll beside them', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openWithBarcode(page);
  // The first import is selected: the inspector is open.
  await expect(page.getByTestId('trim-in')).toBeAttached();
  // Both tracks are in the window with the page unscrolled (they were below every panel, from y ≈ 1350).
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const lastTrack = (await page.getByTestId('track').last().boundingBox())!;
  expect(lastTrack.y + lastTrack.height).toBeLessThanOrEqual(720);
  // The last panel is reached by scrolling the panels, not the page.
  await page.getByTestId('export-button').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('export-button')).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

for (const [where, url] of [['the dev server', '/'], ['the built (minified) app', `${PREVIEW_URL}/`]] as const) {
  test(`Cancel stops the export and leaves no file, and is no error (${where})`, async ({ page }) => {
    await page.goto(url);
    await importFile(page, fixture('barcode-h264-aac.mp4'));
    await expect(page.getByTestId('clip')).toHaveCount(1);
    // Half opacity makes every frame go through the compositor: a plain clip would export before Cancel could be pressed.
    await page.locator('.picture-fields summary').click();
    await page.getByTestId('opacity').fill('50');
    await page.getByTestId('opacity').dispatchEvent('change');
    await page.getByTestId('export-button').click();
    await expect(page.getByTestId('export-progress')).toBeVisible();
    await page.getByTestId('export-cancel').click();
    await expect(page.getByTestId('export-button')).toBeVisible({ timeout: 5_000 });
    await expect(page.getByTestId('download')).toHaveCount(0);
    await expect(page.getByTestId('export-error')).toHaveCount(0);
    expect(await exportFiles(page)).toEqual([]);
  });
}

test('bad files get specific messages and leave the project as it was', async ({ page }) => {
  const bad = makeBadFiles(tempDir());
  await openWithBarcode(page);
  await setTrim(page, 'in', '1');
  const cases: [string, RegExp][] = [
    [bad.empty, /"empty\.mp4" is empty \(0 bytes\): it is not a video file\./],
    [bad.noise, /"noise\.mp4" is not a video file: its contents match no video, audio or image format Spool knows\./],
    [bad.truncated, /"truncated\.mp4" is cut short/],
    [fixture('hevc.mp4'), /This browser can't decode HEVC \(H\.265\) video \("hevc\.mp4"\)/],
  ];
  for (const [path, message] of cases) {
    await importFile(page, path);
    await expect(page.getByTestId('error')).toHaveText(message);
    await expect(page.getByTestId('clip')).toHaveCount(1);
    await expect(page.getByTestId('clip-duration')).toHaveText('0:09.000');
  }
  // A picture named .mp4 is read by its contents: it imports as a still, with a note saying so.
  await importFile(page, bad.png);
  await expect(page.locator('[data-testid=bin-row][data-name="picture.mp4"] [data-testid=bin-notice]')).toHaveText(
    '"picture.mp4" is really a PNG image, whatever its .mp4 name says; it was imported as such.',
  );
  await expect(page.getByTestId('clip')).toHaveCount(1);
  // Still fully working: scrub and export after all that.
  await page.getByTestId('playhead').fill('0');
  await expect(page.getByTestId('shown-frame')).toHaveAttribute('data-source-us', '1000000');
  expect(existsSync(bad.truncated)).toBe(true);
});

for (const [server, origin] of [
  ['dev server', `http://127.0.0.1:${PORT}`],
  ['built app', PREVIEW_URL],
] as const) {
  test(`${server}: the built-in sample opens with no network, and opening, importing, previewing and exporting ask nothing of any other origin`, async ({ page, context }) => {
    const foreign: string[] = [];
    await context.route((url) => url.origin !== origin, (route) => {
      foreign.push(route.request().url());
      return route.abort();
    });
    await page.goto(`${origin}/`);
    await page.getByRole('button', { name: 'Open sample' }).click();
    await expect(page.getByTestId('clip')).toHaveCount(1);
    await expect(page.getByTestId('clip-duration')).toHaveText('0:08.000');
    await expect(page.getByTestId('shown-frame')).toHaveAttribute('data-source-us', '0');
    await importFile(page, fixture('barcode-h264-aac.mp4'));
    await page.locator('[data-testid=bin-row][data-name="barcode-h264-aac.mp4"] [data-testid=bin-add]').click();
    await expect(page.getByTestId('clip')).toHaveCount(2);
    await playAWhile(page);
    await page.getByTestId('export-button').click();
    await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 150_000 });
    expect(foreign).toEqual([]);
  });
}

test('Save to disk streams the finished export into the file the person picks', async ({ page }) => {
  // The system picker cannot be clicked in a test: it is replaced by one that picks a real OPFS file (the writable stream is the browser's own).
  await page.addInitScript(() => {
    Object.assign(window, {
      showSaveFilePicker: async (options: { suggestedName: string }) => (await navigator.storage.getDirectory()).getFileHandle(`picked-${options.suggestedName}`, { create: true }),
    });
  });
  await openWithBarcode(page);
  await setTrim(page, 'out', '2');
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('export-done').getByTestId('save-to-disk').click();
  await expect(page.getByTestId('export-done').getByTestId('save-to-disk')).toHaveText('Saved');
  const same = await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const picked = await (await root.getFileHandle('picked-barcode-h264-aac-edit.mp4')).getFile();
    const exports = await root.getDirectoryHandle('exports');
    for await (const [, folder] of (exports as unknown as { entries(): AsyncIterable<[string, FileSystemDirectoryHandle]> }).entries()) {
      const kept = await (await folder.getFileHandle('barcode-h264-aac-edit.mp4').catch(() => null))?.getFile();
      if (!kept) continue;
      const [a, b] = [new Uint8Array(await kept.arrayBuffer()), new Uint8Array(await picked.arrayBuffer())];
      return { size: b.length, equal: a.length === b.length && a.every((value, i) => value === b[i]) };
    }
    return null;
  });
  expect(same).toMatchObject({ equal: true });
  expect(same!.size).toBeGreaterThan(10_000);
});

test('Save frame downloads the frame at the playhead at the full output size, drawn as export draws it', async ({ page }) => {
  await openWithBarcode(page);
  await page.getByTestId('playhead').fill('3000000');
  await expect(page.getByTestId('shown-frame')).toHaveAttribute('data-source-us', '3000000');
  // A 1080p output: larger than the preview draws on this screen.
  await page.getByTestId('export-size').selectOption('1080p');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-frame').click()]);
  expect(download.suggestedFilename()).toBe('barcode-h264-aac-frame-90.png');
  const saved = join(tempDir(), download.suggestedFilename());
  await download.saveAs(saved);
  const png = PNG.sync.read(readFileSync(saved));
  expect([png.width, png.height]).toEqual([1920, 1080]);
  // The fixture's barcode (16 cells across its top band) reads 90.
  let value = 0;
  for (let bit = 0; bit < 16; bit++) {
    const i = (Math.floor((20 / 360) * png.height) * png.width + Math.floor(((bit + 0.5) / 16) * png.width)) * 4;
    if (0.299 * png.data[i]! + 0.587 * png.data[i + 1]! + 0.114 * png.data[i + 2]! > 128) value |= 1 << bit;
  }
  expect(value).toBe(90);
});

test('picture fades: the clip fades in from the background and out to it, in preview and export alike', async ({ page, browser }) => {
  await openWithBarcode(page);
  await page.getByTestId('clip').click();
  await page.locator('.picture-fields summary').click();
  for (const [testid, seconds] of [['picture-fade-in', '1'], ['picture-fade-out', '0.5']] as const) {
    await page.getByTestId(testid).fill(seconds);
    await page.getByTestId(testid).dispatchEvent('change');
  }
  await expect(page.getByTestId('picture-fade-in')).toHaveValue('1.000');
  // The preview at 0.5 s: the fixture's white barcode cells at half brightness.
  const brightest = async () => {
    const png = PNG.sync.read(await previewShot(page.getByTestId('preview')));
    let max = 0;
    for (let i = 0; i < png.data.length; i += 4) max = Math.max(max, png.data[i]!);
    return max;
  };
  await page.getByTestId('playhead').fill('2000000');
  await expect(page.getByTestId('shown-frame')).toHaveAttribute('data-source-us', '2000000');
  await expect.poll(brightest).toBeGreaterThan(230);
  await page.getByTestId('playhead').fill('500000');
  await expect(page.getByTestId('shown-frame')).toHaveAttribute('data-source-us', '500000');
  await expect.poll(brightest).toBeLessThan(140);
  await expect(page.getByTestId('export-video-path')).toContainText('not copied: "barcode-h264-aac.mp4" has picture or speed settings');

  const out = await exportAndInspect(page, browser);
  expect(out.frameIndices).toHaveLength(300);
  // Half way into the fade-in (frame 15) the white cells are too dark to read; the last frame is nearly black; between, every frame is its own.
  expect(out.frameIndices[15]).toBe(0);
  expect(out.frameIndices[299]).toBe(0);
  expect(out.frameIndices.slice(30, 290)).toEqual(Array.from({ length: 260 }, (_, i) => 30 + i));
});

test('a slow zoom (End scale) moves the picture from its start size to its end size over the clip, in the export', async ({ page, browser }) => {
  await openWithBarcode(page);
  await page.getByTestId('clip').click();
  await page.locator('.picture-fields summary').click();
  await page.getByTestId('end-scale').fill('200');
  await page.getByTestId('end-scale').dispatchEvent('change');
  await expect(page.getByTestId('end-none')).toBeVisible();
  // A row's boxes line up, however many lines their labels wrap to beside the No motion button (End across % took three).
  for (const row of [['end-scale', 'end-x', 'end-y'], ['crop-left', 'crop-right', 'crop-top', 'crop-bottom']]) {
    const tops = await Promise.all(row.map(async (id) => Math.round((await page.getByTestId(id).boundingBox())!.y)));
    expect(new Set(tops).size, row.join(', ')).toBe(1);
  }
  const out = await exportAndInspect(page, browser);
  // At first (scale near 100 %) the barcode band reads; by the middle (150 %) and the end (200 %) it is zoomed out of view.
  expect(out.frameIndices.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  expect(out.frameIndices[150]).not.toBe(150);
  expect(out.frameIndices[299]).not.toBe(299);
  // No motion: back to the plain clip, every frame its own.
  await page.getByTestId('end-none').click();
  await expect(page.getByTestId('end-scale')).toHaveValue('100');
  await expect(page.getByTestId('end-none')).toHaveCount(0);
});

test('a caption file (.srt) becomes title clips on a new top track, drawn over the picture; a bad one says which line', async ({ page }) => {
  const dir = tempDir();
  const srt = join(dir, 'talk.srt');
  writeFileSync(srt, '1\n00:00:01,000 --> 00:00:02,000\nHello <i>there</i>\n\n2\n00:00:03,000 --> 00:00:04,500\nSecond\n');
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4'), srt]);
  await expect(page.getByTestId('clip')).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Mute Captions: talk.srt' })).toBeVisible();
  await expect(page.getByTestId('track').first().getByTestId('clip-duration')).toHaveText(['0:01.000', '0:01.500']);
  // The bottom of the picture changes where a caption shows.
  const bottomBand = async () => {
    const png = PNG.sync.read(await previewShot(page.getByTestId('preview')));
    return png.data.subarray(Math.floor(png.height * 0.8) * png.width * 4);
  };
  await page.getByTestId('playhead').fill('500000');
  await expect(page.getByTestId('shown-frame')).toHaveAttribute('data-source-us', '500000');
  const without = Buffer.from(await bottomBand());
  await page.getByTestId('playhead').fill('1500000');
  await expect(page.getByTestId('timecode')).toContainText('0:01.500 /');
  await expect.poll(async () => Buffer.compare(Buffer.from(await bottomBand()), without)).not.toBe(0);
  // One undo step takes the captions away.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('clip')).toHaveCount(1);

  const bad = join(dir, 'bad.vtt');
  writeFileSync(bad, 'WEBVTT\n\n00:05.000 --> 00:04.000\nBackwards\n');
  await page.getByTestId('import-input').setInputFiles(bad);
  await expect(page.getByTestId('error')).toHaveText('Captions from "bad.vtt" were not added: line 3: the caption ends (00:04.000) before it starts.');
  await expect(page.getByTestId('clip')).toHaveCount(1);
});

test("dragging on the preview moves the selected clip's picture (one undo step; Escape puts it back), only where it is shown", async ({ page }) => {
  await openWithBarcode(page);
  await page.getByTestId('clip').click();
  await page.locator('.picture-fields summary').click();
  const preview = page.getByTestId('preview');
  const box = (await preview.boundingBox())!;
  // The 16:9 output as drawn inside the canvas box.
  const shownWidth = Math.min(box.width, (box.height * 16) / 9);
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + shownWidth / 4, cy - (shownWidth * 9) / 16 / 10, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('pos-x')).toHaveValue('75');
  await expect(page.getByTestId('pos-y')).toHaveValue('40');
  // Escape mid-drag leaves it where it was.
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx - 100, cy, { steps: 3 });
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await expect(page.getByTestId('pos-x')).toHaveValue('75');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('pos-x')).toHaveValue('50');
  await expect(page.getByTestId('pos-y')).toHaveValue('50');
  // A picture not on screen is not dragged unseen: the clip moved past the playhead, then its track hidden.
  const dragAcross = async () => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + shownWidth / 4, cy, { steps: 3 });
    await page.mouse.up();
  };
  await page.getByTestId('clip-start').fill('3');
  await page.getByTestId('clip-start').dispatchEvent('change');
  await page.getByTestId('clip').click();
  await page.keyboard.press('Home');
  await dragAcross();
  await expect(page.getByTestId('pos-x')).toHaveValue('50');
  await page.keyboard.press('End');
  await page.getByRole('button', { name: 'Hide Video 1' }).click();
  await dragAcross();
  await expect(page.getByTestId('pos-x')).toHaveValue('50');
  // Shown again, it drags.
  await page.getByRole('button', { name: 'Hide Video 1' }).click();
  await dragAcross();
  await expect(page.getByTestId('pos-x')).toHaveValue('75');
});

test("the selected picture's outline on the preview has corner handles that scale it about its centre (one undo step; Escape puts it back); none when nothing is selected", async ({ page }) => {
  await openWithBarcode(page);
  await page.getByTestId('clip').click();
  await page.locator('.picture-fields summary').click();
  const scale = page.getByTestId('scale');
  await scale.fill('50');
  await scale.dispatchEvent('change');
  // The outline is the picture as drawn: half the output's size, centred in it.
  const preview = (await page.getByTestId('preview').boundingBox())!;
  const shownWidth = Math.min(preview.width, (preview.height * 16) / 9);
  const outline = (await page.getByTestId('picture-outline').boundingBox())!;
  expect(Math.abs(outline.width - shownWidth / 2)).toBeLessThan(2);
  expect(Math.abs(outline.x + outline.width / 2 - (preview.x + preview.width / 2))).toBeLessThan(2);
  const corner = (await page.locator('[data-testid=picture-handle][data-corner="bottom right"]').boundingBox())!;
  const [hx, hy] = [corner.x + corner.width / 2, corner.y + corner.height / 2];
  const [cx, cy] = [outline.x + outline.width / 2, outline.y + outline.height / 2];
  // Escape mid-drag leaves it as it was.
  await page.mouse.move(hx, hy);
  await page.mouse.down();
  await page.mouse.move((hx + cx) / 2, (hy + cy) / 2, { steps: 3 });
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await expect(scale).toHaveValue('50');
  // The bottom-right corner dragged twice as far from the centre doubles the scale; one undo puts the whole drag back.
  await page.mouse.move(hx, hy);
  await page.mouse.down();
  await page.mouse.move(cx + (hx - cx) * 2, cy + (hy - cy) * 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Number(await scale.inputValue())).toBeCloseTo(100, -0.5);
  await expect(page.getByTestId('pos-x')).toHaveValue('50');
  await page.keyboard.press('Control+z');
  await expect(scale).toHaveValue('50');
  // Larger than the preview, its corners are out of sight: the handles stay at its edge, and still scale it.
  await scale.fill('200');
  await scale.dispatchEvent('change');
  const edge = (await page.locator('[data-testid=picture-handle][data-corner="bottom right"]').boundingBox())!;
  expect(edge.x + edge.width).toBeLessThanOrEqual(preview.x + preview.width + 1);
  expect(edge.y + edge.height).toBeLessThanOrEqual(preview.y + preview.height + 1);
  const [ex, ey] = [edge.x + edge.width / 2, edge.y + edge.height / 2];
  await page.mouse.move(ex, ey);
  await page.mouse.down();
  await page.mouse.move(cx + (ex - cx) / 2, cy + (ey - cy) / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Number(await scale.inputValue())).toBeCloseTo(100, -0.5);
  // On a locked track, no handles: they could not scale it.
  await page.getByRole('button', { name: 'Lock Video 1' }).click();
  await expect(page.getByTestId('picture-outline')).toHaveCount(0);
  await page.getByRole('button', { name: 'Lock Video 1' }).click();
  await expect(page.getByTestId('picture-outline')).toHaveCount(1);
  // Nothing selected (Escape), no outline.
  await page.getByTestId('clip').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('picture-outline')).toHaveCount(0);
});

test('a look sets brightness, contrast and saturation at once (Black & white greys the preview); changed by hand it is Custom', async ({ page }) => {
  await openWithBarcode(page);
  await page.getByTestId('clip').click();
  await page.locator('.picture-fields summary').click();
  await expect(page.getByTestId('look')).toHaveValue('Natural');
  /** Pixels of the preview with a strong colour (one channel far from another). */
  const coloured = async () => {
    const png = PNG.sync.read(await previewShot(page.getByTestId('preview')));
    let n = 0;
    for (let i = 0; i < png.data.length; i += 4) if (Math.max(Math.abs(png.data[i]! - png.data[i + 1]!), Math.abs(png.data[i + 1]! - png.data[i + 2]!)) > 60) n++;
    return n;
  };
  await expect.poll(coloured).toBeGreaterThan(1000);
  await page.getByTestId('look').selectOption('Black & white');
  await expect(page.getByTestId('saturation')).toHaveValue('0');
  await expect(page.getByTestId('contrast')).toHaveValue('110');
  await expect.poll(coloured).toBe(0);
  await page.getByTestId('saturation').fill('50');
  await page.getByTestId('saturation').dispatchEvent('change');
  await expect(page.getByTestId('look')).toHaveValue('');
  await expect(page.getByTestId('look').locator('option:checked')).toHaveText('Custom');
});

test("a copied clip's picture settings paste onto other clips (Shift+Ctrl+V, or the inspector's button; one undo step each)", async ({ page }) => {
  await openWithBarcode(page);
  await page.locator('[data-testid=bin-row][data-name="barcode-h264-aac.mp4"] [data-testid=bin-add]').click();
  const clips = page.getByTestId('clip');
  await expect(clips).toHaveCount(2);
  await clips.nth(0).click();
  await page.locator('.picture-fields summary').click();
  await page.getByTestId('look').selectOption('Black & white');
  const scale = page.getByTestId('scale');
  await scale.fill('60');
  await scale.dispatchEvent('change');
  await clips.nth(0).click();
  await page.keyboard.press('Control+c');
  // Not onto itself: no button there.
  await expect(page.getByTestId('paste-picture')).toHaveCount(0);
  await clips.nth(1).click();
  await expect(page.getByTestId('look')).toHaveValue('Natural');
  await page.keyboard.press('Control+Shift+V');
  await expect(page.getByTestId('look')).toHaveValue('Black & white');
  await expect(scale).toHaveValue('60');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('look')).toHaveValue('Natural');
  await page.getByTestId('paste-picture').click();
  await expect(page.getByTestId('look')).toHaveValue('Black & white');
  await expect(scale).toHaveValue('60');
});

test('a copied sound has no picture settings to paste: the picture keeps its own', async ({ page }) => {
  await openWithBarcode(page);
  const clips = page.getByTestId('clip');
  await clips.first().click();
  await page.locator('.picture-fields summary').click();
  const scale = page.getByTestId('scale');
  await scale.fill('60');
  await scale.dispatchEvent('change');
  await page.getByTestId('detach-sound').click();
  // The detached sound alone is copied.
  await page.getByTestId('track').nth(1).getByTestId('clip').click();
  await page.keyboard.press('Control+c');
  await clips.first().click();
  await expect(page.getByTestId('paste-picture')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+V');
  await expect(page.getByTestId('error')).toHaveText('Copy a clip on a video track first (Ctrl/⌘+C): its picture settings are what is pasted.');
  await expect(scale).toHaveValue('60');
});

test('green screen: keying out a still’s background colour (picked from its edges) shows the clip below, in preview and export; the subject stays', async ({ page, browser }) => {
  await openWithBarcode(page);
  // A 640×360 green screen, a shade no preset would guess, with a red subject away from the barcode's rows at the top.
  const screen = new PNG({ width: 640, height: 360 });
  for (let y = 0; y < 360; y++)
    for (let x = 0; x < 640; x++) screen.data.set(x >= 260 && x < 380 && y >= 150 && y < 300 ? [230, 50, 50, 255] : [64, 179, 77, 255], (y * 640 + x) * 4);
  const path = join(tempDir(), 'green-screen.png');
  writeFileSync(path, PNG.sync.write(screen));
  await page.getByTestId('add-video-track').click();
  await importFile(page, path);
  await page.locator('[data-testid=bin-row][data-name="green-screen.png"] [data-testid=bin-add]').click();
  const still = page.getByTestId('track').nth(0).getByTestId('clip');
  await expect(still).toHaveCount(1);
  await still.click();
  await page.locator('.picture-fields summary').click();
  /** Preview pixels of the screen's green, and of the red subject. */
  const count = async () => {
    const png = PNG.sync.read(await previewShot(page.getByTestId('preview')));
    const n = { green: 0, red: 0 };
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      if (Math.abs(r - 64) < 12 && Math.abs(g - 179) < 12 && Math.abs(b - 77) < 12) n.green++;
      if (r > 200 && g < 80 && b < 80) n.red++;
    }
    return n;
  };
  await expect.poll(async () => (await count()).green).toBeGreaterThan(1000);
  // Ticked once the colour is picked and the key set (not at the click).
  await page.getByTestId('key-out').click();
  await expect(page.getByTestId('key-out')).toBeChecked();
  await expect(page.getByTestId('key-colour')).toHaveValue('#40b34d');
  await expect(page.getByTestId('key-tolerance')).toHaveValue('15');
  await expect.poll(count).toMatchObject({ green: 0, red: expect.any(Number) });
  expect((await count()).red).toBeGreaterThan(500);
  // The barcode below reads through the keyed still in every frame of the export.
  const exported = await exportAndInspect(page, browser);
  expect(exported.frameIndices).toEqual(Array.from({ length: 300 }, (_, i) => i));
  // Unticked, the screen is back (one undo step each way).
  await page.getByTestId('key-out').uncheck();
  await expect(page.getByTestId('key-colour')).toHaveCount(0);
  await expect.poll(async () => (await count()).green).toBeGreaterThan(1000);
});
