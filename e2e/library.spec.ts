import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, makeBadFiles, tempDir } from './helpers.ts';
import { PREVIEW_URL } from './playwright.config.ts';

const row = (page: Page, name: string) => page.locator(`[data-testid=bin-row][data-name="${name}"]`);

/**
 * The origin's storage use once it stops changing: just after a load or an
 * import, databases compact and caches settle, and a quota set from a figure
 * about to shrink leaves more room than the test means to.
 */
async function settledUsage(page: Page): Promise<number> {
  const usage = () => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  let last = await usage();
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(300);
    const now = await usage();
    if (now === last) return now;
    last = now;
  }
  return last;
}

async function storedMedia(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('media', { create: true });
    const names: string[] = [];
    for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    return names.sort();
  });
}

test('a drop of good and bad files: each bad one says why on its own row, the rest import, analyse, and survive an offline reload', async ({ page, context }) => {
  const bad = makeBadFiles(tempDir());
  await page.goto(PREVIEW_URL);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // This Chromium decodes 10-bit H.264, so it is a good file here (browsers that cannot get a message naming it).
  const good = ['barcode-h264-aac.mp4', 'tone.mp3', 'still.png', 'barcode-vp9-opus.webm', 'tone.wav', 'h264-10bit.mp4', 'barcode-h264-aac.m2t'];
  await page.getByTestId('import-input').setInputFiles([
    ...good.map((name) => fixture(name)),
    bad.empty,
    bad.noise,
    bad.truncated,
    bad.damaged,
    fixture('zero-duration.mp4'),
    fixture('hevc.mp4'),
    fixture('mpeg2-mp2.m2t'),
  ]);
  const errors: [string, RegExp][] = [
    ['empty.mp4', /^"empty\.mp4" is empty \(0 bytes\): it is not a video file\.$/],
    ['noise.mp4', /^"noise\.mp4" is not a video file: its contents match no video, audio or image format Spool knows\.$/],
    ['truncated.mp4', /^"truncated\.mp4" is cut short: .*Copy or download it again from the original\.$/],
    ['damaged.mp4', /^"damaged\.mp4" is damaged: its index points to data up to .*, but the file is complete .*\(it is not cut short\)\. Export it again .*$/],
    ['zero-duration.mp4', /^"zero-duration\.mp4" (has no video or audio track|is damaged: it has zero duration)\.$/],
    ['hevc.mp4', /^This browser can't decode HEVC \(H\.265\) video \("hevc\.mp4"\)\./],
    ['mpeg2-mp2.m2t', /^No browser can decode MPEG-2 video \("mpeg2-mp2\.m2t"\)\. Convert it to H\.264 video with AAC audio, then import it\.$/],
  ];
  for (const [name, message] of errors) {
    await expect(row(page, name)).toHaveAttribute('data-status', 'failed');
    await expect(row(page, name).getByTestId('bin-error')).toHaveText(message);
  }
  for (const name of good) await expect(row(page, name)).toHaveAttribute('data-analysis', 'computed', { timeout: 60_000 });
  await expect(row(page, 'barcode-h264-aac.mp4').getByTestId('thumbnail')).toBeVisible();
  await expect(row(page, 'tone.mp3').getByTestId('waveform')).toBeVisible();
  await expect(row(page, 'barcode-h264-aac.m2t').getByTestId('thumbnail')).toBeVisible(); // an MPEG-TS, as camcorders write
  await expect(page.getByTestId('clip')).toHaveCount(1); // the first good file went onto the empty timeline
  // Exactly the good files' bytes are stored: nothing from a bad file, no partial copy.
  expect(await storedMedia(page)).toHaveLength(good.length);
  await expect(page.getByTestId('storage-use')).toContainText('used');

  // The same bytes under another name are stored once and flagged, not analysed again.
  await page.getByTestId('import-input').setInputFiles({ name: 'copy of tone.mp3', mimeType: 'audio/mpeg', buffer: readFileSync(fixture('tone.mp3')) });
  await expect(row(page, 'tone.mp3').getByTestId('bin-notice')).toHaveText('"copy of tone.mp3" has the same contents as "tone.mp3", which is already here.');
  expect(await storedMedia(page)).toHaveLength(good.length);

  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await context.setOffline(true);
  await page.reload();
  for (const name of good) await expect(row(page, name)).toHaveAttribute('data-analysis', 'cache');
  await expect(row(page, 'barcode-h264-aac.mp4').getByTestId('thumbnail')).toBeVisible();
  await expect(row(page, 'tone.mp3').getByTestId('waveform')).toBeVisible();
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await expect(page.getByTestId('shown-frame')).toHaveAttribute('data-source-us', '0');
});

test("a MOV's PCM sound imports with its name; sound Spool or the browser cannot play is left out with a notice that analysis keeps", async ({ page }) => {
  await page.goto(PREVIEW_URL);
  // The same MOV saying its PCM has 12 bits a sample, which Spool does not read (the size sits 22 bytes past the fourcc).
  const twelveBit = readFileSync(fixture('sound-pcm.mov'));
  twelveBit.writeUInt16BE(12, twelveBit.indexOf('sowt') + 22);
  const twelveBitPath = join(tempDir(), 'twelve-bit.mov');
  writeFileSync(twelveBitPath, twelveBit);
  await page.getByTestId('import-input').setInputFiles([fixture('sound-pcm.mov'), fixture('sound-ac3.mp4'), twelveBitPath]);
  for (const name of ['sound-pcm.mov', 'sound-ac3.mp4', 'twelve-bit.mov']) await expect(row(page, name)).toHaveAttribute('data-analysis', 'computed', { timeout: 60_000 });
  await expect(row(page, 'sound-pcm.mov').locator('.badge')).toHaveText(['H.264', '16-bit PCM (little-endian)']);
  await expect(row(page, 'sound-pcm.mov').getByTestId('bin-notice')).toHaveCount(0);
  await expect(row(page, 'twelve-bit.mov').getByTestId('bin-notice')).toHaveText('Spool can\'t play the sound of "twelve-bit.mov" (12-bit PCM), so it was imported as picture only.');
  // Chromium here has no AC-3 decoder.
  await expect(row(page, 'sound-ac3.mp4').getByTestId('bin-notice')).toHaveText('This browser can\'t play the Dolby Digital (AC-3) sound of "sound-ac3.mp4", so it was imported as picture only.');
});

test('what a file holds that Spool does not import is named on its row, and still after a reload', async ({ page }) => {
  await page.goto(PREVIEW_URL);
  await page.getByTestId('import-input').setInputFiles([fixture('extra-tracks.mp4'), fixture('extra-tracks.mkv'), fixture('barcode-h264-aac.mp4')]);
  const notices = {
    'extra-tracks.mp4': 'Subtitles (2 tracks), chapters and a second video track of "extra-tracks.mp4" are not imported: Spool imports picture and sound only, from its first video track.',
    'extra-tracks.mkv': 'Subtitles (2 tracks), chapters and a second video track of "extra-tracks.mkv" are not imported: Spool imports picture and sound only, from its first video track.',
  };
  const check = async () => {
    for (const [name, notice] of Object.entries(notices)) await expect(row(page, name).getByTestId('bin-notice')).toHaveText(notice);
    await expect(row(page, 'barcode-h264-aac.mp4')).toHaveAttribute('data-status', 'ready');
    await expect(row(page, 'barcode-h264-aac.mp4').getByTestId('bin-notice')).toHaveCount(0);
  };
  await check();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await page.reload();
  for (const name of Object.keys(notices)) await expect(row(page, name)).toHaveAttribute('data-status', 'ready');
  await check();
});

test('a file imported before Spool could read all of it (PCM sound, once dropped) is read afresh when it opens: its row, its record and the export see the sound', async ({ page }) => {
  await page.goto(PREVIEW_URL);
  await page.getByTestId('import-input').setInputFiles([fixture('sound-pcm.mov')]);
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await expect(row(page, 'sound-pcm.mov')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  /** Runs `change` on every stored library asset and project record, in one transaction. */
  const rewrite = (picture: boolean) =>
    page.evaluate(async (pictureOnly) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('spool');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction(['assets', 'records'], 'readwrite');
      const all = <T>(store: IDBObjectStore) => new Promise<T[]>((resolve) => (store.getAll().onsuccess = (e) => resolve((e.target as IDBRequest<T[]>).result)));
      const sounds: boolean[] = [];
      for (const asset of await all<{ probe: { tracks: { kind: string }[] } }>(tx.objectStore('assets'))) {
        sounds.push(asset.probe.tracks.some((t) => t.kind === 'audio'));
        // What Spool recorded before it read PCM: the picture only.
        if (pictureOnly) tx.objectStore('assets').put({ ...asset, probe: { ...asset.probe, tracks: asset.probe.tracks.filter((t) => t.kind !== 'audio') } });
      }
      for (const stored of await all<{ record: { id: string; hasAudio?: boolean } }>(tx.objectStore('records'))) {
        if (pictureOnly && stored.record.id.startsWith('asset:')) tx.objectStore('records').put({ ...stored, record: { ...stored.record, hasAudio: false } });
      }
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
      return sounds;
    }, picture);
  expect(await rewrite(true)).toEqual([true]);
  await page.reload();
  await expect(row(page, 'sound-pcm.mov').locator('.badge')).toHaveText(['H.264', '16-bit PCM (little-endian)']);
  await expect(page.getByTestId('export-sound')).toContainText('Opus sound');
  expect(await rewrite(false)).toEqual([true]);
});

test('deleting from the bin frees its bytes; media on the timeline cannot be deleted', async ({ page }) => {
  await page.goto(PREVIEW_URL);
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4'), fixture('tone.mp3')]);
  await expect(row(page, 'tone.mp3')).toHaveAttribute('data-status', 'ready');
  expect(await storedMedia(page)).toHaveLength(2);
  await row(page, 'barcode-h264-aac.mp4').getByTestId('bin-remove').click();
  await expect(page.getByTestId('error')).toHaveText('"barcode-h264-aac.mp4" is on the timeline. Remove its clips first.');
  await page.getByTestId('bin-layout').click();
  await expect(page.locator('ul.bin-rows.grid')).toBeVisible();
  await row(page, 'tone.mp3').getByTestId('bin-remove').click();
  await expect(row(page, 'tone.mp3')).toHaveCount(0);
  // The refusal's message goes with it: left up, it would say this removal failed too.
  await expect(page.getByTestId('error')).toHaveCount(0);
  expect(await storedMedia(page)).toHaveLength(1);
  // From another project the clip is not on the timeline, but its project still needs the media.
  await page.getByTestId('project-name').fill('Uses it');
  await page.getByTestId('project-name').press('Enter');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await page.getByTestId('project-new').click();
  await expect(page.getByTestId('clip')).toHaveCount(0);
  await row(page, 'barcode-h264-aac.mp4').getByTestId('bin-remove').click();
  await expect(page.getByTestId('error')).toHaveText('"barcode-h264-aac.mp4" is used by the project "Uses it". Remove its clips there first, or delete that project.');
  expect(await storedMedia(page)).toHaveLength(1);
});

test('two imports at once on an empty timeline put only the first file on it', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles(fixture('barcode-h264-aac.mp4'));
  await page.getByTestId('import-input').setInputFiles(fixture('tone.mp3'));
  await expect(row(page, 'barcode-h264-aac.mp4')).toHaveAttribute('data-status', 'ready');
  await expect(row(page, 'tone.mp3')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('clip')).toHaveCount(1);
});

test('files dropped on the window or pasted are imported', async ({ page }) => {
  await page.goto(PREVIEW_URL);
  await page.evaluate(async () => {
    const file = async (url: string, name: string) => new File([await (await fetch(url)).blob()], name);
    const drop = new DataTransfer();
    drop.items.add(await file('/samples/sample.mp4', 'dropped.mp4'));
    document.querySelector('.app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: drop, bubbles: true, cancelable: true }));
    const paste = new DataTransfer();
    paste.items.add(new File([await (await fetch('/icon.svg')).blob()], 'pasted.mp4'));
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: paste, bubbles: true, cancelable: true }));
  });
  await expect(row(page, 'dropped.mp4')).toHaveAttribute('data-status', 'ready');
  // The pasted file is an SVG, which Spool does not read: it still gets its own row and reason.
  await expect(row(page, 'pasted.mp4').getByTestId('bin-error')).toHaveText(/^"pasted\.mp4" is not a video file/);
  await expect(page.getByTestId('clip')).toHaveCount(1);
});

test('storage that fills up mid-copy: the import says the file does not fit, and nothing of it is left behind', async ({ page }) => {
  await page.goto(PREVIEW_URL);
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  const usage = await settledUsage(page);
  const cdp = await page.context().newCDPSession(page);
  // Room for half of the 1 MB file.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(PREVIEW_URL).origin, quotaSize: usage + 500_000 });
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4')]);
  await expect(row(page, 'barcode-h264-aac.mp4')).toHaveAttribute('data-status', 'failed');
  await expect(row(page, 'barcode-h264-aac.mp4').getByTestId('bin-error')).toContainText('does not fit');
  expect(await storedMedia(page)).toEqual([]);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(PREVIEW_URL).origin });
});

test('storage that fills up during an export: it says there is no room, and leaves no file', async ({ page }) => {
  await page.goto(PREVIEW_URL);
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4')]);
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await expect(row(page, 'barcode-h264-aac.mp4')).toHaveAttribute('data-status', 'ready');
  const usage = await settledUsage(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(PREVIEW_URL).origin, quotaSize: usage + 300_000 });
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-error')).toContainText("There is no room left in this browser's storage for the export", { timeout: 60_000 });
  const exports = await page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('exports', { create: true });
    const names: string[] = [];
    for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    return names;
  });
  expect(exports).toEqual([]);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(PREVIEW_URL).origin });
});

test('keyboard alone: removing a bin row moves focus to the next row (else the one before), dismissing the error banner returns focus to where it came from', async ({ page }) => {
  await page.goto('/');
  // The first file lands on the timeline (so its row cannot be removed); the other two can.
  await page.getByTestId('import-input').setInputFiles([fixture('tone.mp3'), fixture('tone.wav'), fixture('still.png')]);
  await expect(page.getByTestId('clip')).toHaveCount(1);
  for (const name of ['tone.mp3', 'tone.wav', 'still.png']) await expect(row(page, name)).toHaveAttribute('data-status', 'ready');
  const remove = (name: string) => row(page, name).getByTestId('bin-remove');

  // The middle row goes: focus takes the same button in the row now in its place.
  await remove('tone.wav').focus();
  await page.keyboard.press('Enter');
  await expect(row(page, 'tone.wav')).toHaveCount(0);
  await expect(remove('still.png')).toBeFocused();
  // The last row goes: the row before.
  await page.keyboard.press('Enter');
  await expect(row(page, 'still.png')).toHaveCount(0);
  await expect(remove('tone.mp3')).toBeFocused();
  // That one is on the timeline: it stays, the banner says why, and focus stays.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('error')).toHaveText(/"tone\.mp3" is on the timeline/);
  await expect(remove('tone.mp3')).toBeFocused();

  // Into the banner from the control before it (Tab), dismissed with Enter: focus goes back to that control.
  const before = page.getByTestId('project-copy-link');
  await before.focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Dismiss message' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(before).toBeFocused();
  // Reached from nothing focused (the page): the main region, not the page.
  await remove('tone.mp3').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Dismiss message' }).evaluate((button) => {
    (document.activeElement as HTMLElement).blur();
    (button as HTMLElement).focus();
  });
  await page.keyboard.press('Space');
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(page.locator('main')).toBeFocused();
  // Off the timeline, the last row goes too: the list itself.
  await page.getByTestId('clip').focus();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('clip')).toHaveCount(0);
  await remove('tone.mp3').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bin-row')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Media files' })).toBeFocused();
});

test('keyboard alone: a bin row redrawn as its analysis progresses keeps focus on the same control', async ({ page }) => {
  await page.goto('/');
  // One analysis worker here: the second file waits for the first, so its row is redrawn many times while focused.
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4'), fixture('barcode-vp9-opus.webm')]);
  const webm = row(page, 'barcode-vp9-opus.webm');
  await expect(webm).toHaveAttribute('data-status', 'ready');
  await expect(webm).toHaveAttribute('data-analysis', 'pending');
  await webm.getByTestId('bin-remove').focus();
  await expect(webm).toHaveAttribute('data-analysis', 'computed', { timeout: 60_000 });
  await expect(webm.getByTestId('bin-remove')).toBeFocused();
});
