import { expect, test, type Page } from '@playwright/test';
import { fixture } from './helpers.ts';
import { editAndExport, openControlled, opfsNames } from './pwa-helpers.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const HAVE_CURRENT_DATA = 2;

/** Plays `video` a little, seeks it to 1 s, and returns what it reports once the seek is done. */
async function playAndSeek(page: Page, video: string) {
  return page.locator(video).evaluate(async (element: HTMLVideoElement) => {
    if (element.readyState < HTMLMediaElement.HAVE_METADATA) await new Promise((resolve) => element.addEventListener('loadedmetadata', resolve, { once: true }));
    element.muted = true;
    await element.play();
    element.pause();
    const seeked = new Promise((resolve) => element.addEventListener('seeked', resolve, { once: true }));
    element.currentTime = 1;
    await seeked;
    if (element.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) await new Promise((resolve) => element.addEventListener('loadeddata', resolve, { once: true }));
    return { duration: element.duration, currentTime: element.currentTime, readyState: element.readyState, error: element.error?.message ?? null };
  });
}

test('offline after one visit: import, edit, export, then the export’s local link plays, seeks and answers byte ranges', async ({ page, context }) => {
  await openControlled(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');

  const link = await editAndExport(page, fixture('barcode-h264-aac.mp4'));
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/exports\/spool-[a-z0-9]+\/barcode-h264-aac-edit\.mp4$/);

  // The link in its own tab, still offline: the service worker serves it from OPFS, and the browser's player seeks in it.
  const player = await context.newPage();
  await player.goto(link);
  const played = await playAndSeek(player, 'video');
  expect(played.error).toBeNull();
  expect(Math.abs(played.duration - 2)).toBeLessThan(0.1);
  expect(Math.abs(played.currentTime - 1)).toBeLessThan(0.05);
  expect(played.readyState).toBeGreaterThanOrEqual(HAVE_CURRENT_DATA);

  // Byte ranges, checked against the file in OPFS.
  const ranges = await player.evaluate(async (url) => {
    const id = new URL(url).pathname.split('/')[2]!;
    const exports = await (await navigator.storage.getDirectory()).getDirectoryHandle('exports');
    const dir = await exports.getDirectoryHandle(id);
    const record = JSON.parse(await (await (await dir.getFileHandle('record.json')).getFile()).text()) as { name: string; size: number };
    const bytes = new Uint8Array(await (await (await dir.getFileHandle(record.name)).getFile()).arrayBuffer());
    const ask = async (range: string | null) => {
      const response = await fetch(url, range ? { headers: { Range: range } } : {});
      const body = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, type: response.headers.get('Content-Type'), contentRange: response.headers.get('Content-Range'), acceptRanges: response.headers.get('Accept-Ranges'), body: [...body.slice(0, 8)], length: body.length };
    };
    const expected = (start: number, end: number) => [...bytes.slice(start, Math.min(end, start + 8))];
    return {
      size: bytes.length,
      recordSize: record.size,
      full: await ask(null),
      middle: await ask('bytes=100-199'),
      middleExpected: expected(100, 200),
      open: await ask(`bytes=${bytes.length - 10}-`),
      openExpected: expected(bytes.length - 10, bytes.length),
      suffix: await ask('bytes=-20'),
      suffixExpected: expected(bytes.length - 20, bytes.length),
      beyond: await ask(`bytes=${bytes.length}-`),
    };
  }, link);
  expect(ranges.recordSize).toBe(ranges.size);
  expect(ranges.full).toMatchObject({ status: 200, type: 'video/mp4', acceptRanges: 'bytes', length: ranges.size });
  expect(ranges.middle).toMatchObject({ status: 206, contentRange: `bytes 100-199/${ranges.size}`, length: 100, body: ranges.middleExpected });
  expect(ranges.open).toMatchObject({ status: 206, contentRange: `bytes ${ranges.size - 10}-${ranges.size - 1}/${ranges.size}`, length: 10, body: ranges.openExpected });
  expect(ranges.suffix).toMatchObject({ status: 206, contentRange: `bytes ${ranges.size - 20}-${ranges.size - 1}/${ranges.size}`, length: 20, body: ranges.suffixExpected });
  expect(ranges.beyond).toMatchObject({ status: 416, contentRange: `bytes */${ranges.size}`, length: 0 });
});

test('the exports library lists each finished export with its size, plays it in place, and Delete removes its files', async ({ page }) => {
  // Counts the page's requests for persistent storage (passed through to the browser).
  await page.addInitScript(() => {
    const persist = StorageManager.prototype.persist;
    StorageManager.prototype.persist = function () {
      document.documentElement.dataset.persistAsked = String(Number(document.documentElement.dataset.persistAsked ?? 0) + 1);
      return persist.call(this);
    };
  });
  await openControlled(page);
  const link = await editAndExport(page, fixture('barcode-h264-aac.mp4'));
  // The first import asked the browser to keep Spool's storage; the bin says what it answered.
  await expect(page.locator('html')).toHaveAttribute('data-persist-asked', '1');
  const persisted = await page.evaluate(() => navigator.storage.persisted());
  await expect(page.getByTestId('storage-use')).toHaveAttribute('data-persisted', String(persisted));
  await expect(page.getByTestId('storage-use')).toContainText(persisted ? 'kept' : 'may be cleared');
  const row = page.getByTestId('export-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('barcode-h264-aac-edit.mp4');
  await expect(row).toContainText(/\d+\.\d MB · /);
  // Download hands over the kept file under its name.
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('download-export').click()]);
  expect(download.suggestedFilename()).toBe('barcode-h264-aac-edit.mp4');
  // Share only where the system share sheet takes the file (not on desktop Linux): the button follows canShare.
  const shareable = await page.evaluate(() => typeof navigator.canShare === 'function' && navigator.canShare({ files: [new File(['x'], 'x.mp4', { type: 'video/mp4' })] }));
  await expect(row.getByTestId('share')).toHaveCount(shareable ? 1 : 0);

  await row.getByTestId('play-export').click();
  const played = await playAndSeek(page, '[data-testid=export-player]');
  expect(played.error).toBeNull();
  expect(Math.abs(played.currentTime - 1)).toBeLessThan(0.05);

  const id = await row.getAttribute('data-id');
  expect(await opfsNames(page, 'exports')).toEqual([id]);
  await row.getByTestId('delete-export').click();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId('export-done')).toHaveCount(0); // the panel no longer offers what was deleted
  expect(await opfsNames(page, 'exports')).toEqual([]);
  expect(await page.evaluate(async (url) => (await fetch(url)).status, link)).toBe(404);
});
