import { expect, test, type CDPSession, type Locator, type Page } from '@playwright/test';
import { fixture } from './helpers.ts';

test.use({ hasTouch: true });

type Point = { x: number; y: number };

/**
 * Real multi-touch through Chromium's input pipeline (page.touchscreen only taps):
 * each step sends where every finger is now; Chromium turns them into touch pointer events.
 */
async function touchGesture(cdp: CDPSession, from: Point[], to: Point[], steps = 10) {
  const at = (t: number) => from.map((p, i) => ({ id: i, x: p.x + (to[i]!.x - p.x) * t, y: p.y + (to[i]!.y - p.y) * t }));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let step = 1; step <= steps; step++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(step / steps) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

const center = async (locator: Locator): Promise<Point> => {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};
const width = async (locator: Locator) => (await locator.boundingBox())!.width;
const pageScale = (page: Page) => page.evaluate(() => window.visualViewport?.scale ?? 1);

test('touch: tap selects a clip, one finger drags it, one finger swipes the timeline, two fingers pinch-zoom it', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles(fixture('barcode-h264-aac.mp4'));
  const clip = page.getByTestId('clip').first();
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await clip.scrollIntoViewIfNeeded();
  const cdp = await page.context().newCDPSession(page);

  // (a) A tap selects the clip. (The import selected it: Ctrl+click toggles it off first.)
  await clip.click({ modifiers: ['Control'] });
  await expect(clip).toHaveAttribute('aria-pressed', 'false');
  const tapAt = await center(clip);
  await page.touchscreen.tap(tapAt.x, tapAt.y);
  await expect(clip).toHaveAttribute('aria-pressed', 'true');
  await expect(clip).toHaveClass(/\bselected\b/);

  // (b) One finger on the clip body drags it right; one Undo puts it back.
  // (Selecting opened the inspector above the timeline, which pushed it down: back into view.)
  await clip.scrollIntoViewIfNeeded();
  const before = (await clip.boundingBox())!;
  const grab = await center(clip);
  await touchGesture(cdp, [grab], [{ x: grab.x + 200, y: grab.y }]);
  await expect.poll(async () => (await clip.boundingBox())!.x).toBeGreaterThan(before.x + 100);
  await page.getByTestId('undo').click();
  await expect.poll(async () => Math.round((await clip.boundingBox())!.x)).toBe(Math.round(before.x));

  // Fingers go on the empty audio track: they touch the timeline, not a clip (which would start a clip drag).
  const scroller = page.locator('.timeline-scroll');
  const emptyTrack = page.getByTestId('track').nth(1);
  await expect(emptyTrack.getByTestId('clip')).toHaveCount(0);
  await emptyTrack.scrollIntoViewIfNeeded();
  const scrollBox = (await scroller.boundingBox())!;
  const trackY = (await center(emptyTrack)).y;
  const mid = { x: scrollBox.x + scrollBox.width * 0.7, y: trackY };

  // (c) Pinch outwards zooms in (the clip gets wider), inwards zooms out; the page itself never zooms.
  const w0 = await width(clip);
  await touchGesture(cdp, [{ x: mid.x - 50, y: mid.y }, { x: mid.x + 50, y: mid.y }], [{ x: mid.x - 150, y: mid.y }, { x: mid.x + 150, y: mid.y }]);
  await expect.poll(() => width(clip)).toBeGreaterThan(w0 * 1.5);
  expect(await pageScale(page)).toBe(1);
  const w1 = await width(clip);
  await touchGesture(cdp, [{ x: mid.x - 150, y: mid.y }, { x: mid.x + 150, y: mid.y }], [{ x: mid.x - 50, y: mid.y }, { x: mid.x + 50, y: mid.y }]);
  await expect.poll(() => width(clip)).toBeLessThan(w1 / 1.5);
  expect(await pageScale(page)).toBe(1);

  // (d) One finger swiping left on the empty timeline scrolls it (natively: pan-x is allowed there).
  await scroller.evaluate((el) => (el.scrollLeft = 0));
  await touchGesture(cdp, [{ x: mid.x, y: mid.y }], [{ x: mid.x - 300, y: mid.y }]);
  await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(100);
  expect(await pageScale(page)).toBe(1);
});
