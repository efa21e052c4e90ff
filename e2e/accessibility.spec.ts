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

/** Splits the clip under the playhead at each time, from the Playhead slider's keyboard. */
async function splitAt(page: Page, ...timesUs: number[]): Promise<void> {
  const slider = page.getByRole('slider', { name: 'Playhead' });
  for (const us of timesUs) {
    await slider.fill(String(us));
    await slider.press('s');
  }
}

test('a clip moved from the keyboard is said once: by the live region, while the focused clip keeps its element and its name', async ({ page }) => {
  const clip = await openWithClip(page);
  await clip.focus();
  const nameBefore = await clip.getAttribute('aria-label');
  expect(nameBefore).toMatch(/starts 0:00\.000, length 0:10\.000$/);
  await clip.evaluate((element) => ((element as HTMLElement & { seen?: boolean }).seen = true));
  await page.keyboard.press('.');
  await expect(page.getByTestId('announcer')).toHaveText('Moved: barcode-h264-aac.mp4 starts 0:00.033, length 0:10.000.');
  // The same element keeps focus (a new one taking focus is read out whole) and its name does not change under focus (read out again).
  expect(await page.evaluate(() => (document.activeElement as HTMLElement & { seen?: boolean }).seen === true)).toBe(true);
  await expect(clip).toHaveAttribute('aria-label', nameBefore!);
  // Once focus leaves, the name says where the clip is now.
  await page.getByTestId('play').focus();
  await expect(clip).toHaveAttribute('aria-label', /starts 0:00\.033, length 0:10\.000$/);
});

test('after a move key, another edit of the focused clip (W) is not kept quiet: its name says what it did, as nothing else does', async ({ page }) => {
  const clip = await openWithClip(page);
  await page.getByRole('slider', { name: 'Playhead' }).fill(String(5_000_000));
  await clip.focus();
  await page.keyboard.press('.');
  await expect(page.getByTestId('announcer')).toHaveText('Moved: barcode-h264-aac.mp4 starts 0:00.033, length 0:10.000.');
  await expect(clip).toHaveAttribute('aria-label', /starts 0:00\.000, length 0:10\.000$/);
  await page.keyboard.press('w');
  await expect(clip).toHaveAttribute('aria-label', /starts 0:00\.033, length 0:04\.967$/);
  // Move keys hold its name again.
  await page.keyboard.press(',');
  await expect(page.getByTestId('announcer')).toHaveText('Moved: barcode-h264-aac.mp4 starts 0:00.000, length 0:04.967.');
  await expect(clip).toHaveAttribute('aria-label', /starts 0:00\.033, length 0:04\.967$/);
});

test('routine saves are not announced; only the live region speaks for an edit', async ({ page }) => {
  await openWithClip(page);
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await expect(page.getByRole('status').filter({ hasText: /sav/i })).toHaveCount(0);
});

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

/**
 * WCAG contrast of an element's text (or its border) against what is painted under it, with the opacity of its ancestors: under
 * the element's own fill, or under the element itself (`outside`: what its border meets on the outside).
 */
function contrast(element: Element, { border = false, outside = false }: { border?: boolean; outside?: boolean } = {}): number {
  type Rgb = [number, number, number];
  const parse = (css: string): [number, number, number, number] => {
    const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
    return [r, g, b, a];
  };
  const over = (top: Rgb, alpha: number, bottom: Rgb): Rgb => [0, 1, 2].map((i) => top[i]! * alpha + bottom[i]! * (1 - alpha)) as Rgb;
  const chain: Element[] = [];
  for (let e: Element | null = outside ? element.parentElement : element; e; e = e.parentElement) chain.unshift(e);
  let backdrop: Rgb = [255, 255, 255];
  const groups: { opacity: number; outer: Rgb }[] = [];
  for (const e of chain) {
    const style = getComputedStyle(e);
    if (Number(style.opacity) < 1) groups.push({ opacity: Number(style.opacity), outer: backdrop });
    const [r, g, b, a] = parse(style.backgroundColor);
    backdrop = over([r, g, b], a, backdrop);
  }
  const [r, g, b, a] = parse(getComputedStyle(element)[border ? 'borderTopColor' : 'color']);
  let text = over([r, g, b], a, backdrop);
  for (const group of groups.reverse()) {
    text = over(text, group.opacity, group.outer);
    backdrop = over(backdrop, group.opacity, group.outer);
  }
  const luminance = (c: Rgb) => {
    const [lr, lg, lb] = c.map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)) as Rgb;
    return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
  };
  const [light, dark] = [luminance(text), luminance(backdrop)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

test('a clip on a hidden track is still readable (4.5:1): it can still be selected and edited', async ({ page }) => {
  const clip = await openWithClip(page);
  await page.getByRole('button', { name: 'Hide Video 1' }).click();
  await expect(page.getByTestId('track').first()).toHaveClass(/hidden/);
  expect(await clip.locator('.clip-name').evaluate(contrast)).toBeGreaterThanOrEqual(4.5);
  expect(await clip.getByTestId('clip-duration').evaluate(contrast)).toBeGreaterThanOrEqual(4.5);
});

test("a button's border, which alone outlines it (M, S, L, H on a track), stands out 3:1 from its fill and from what is around it", async ({ page }) => {
  await openWithClip(page);
  const mute = page.getByRole('button', { name: 'Mute Video 1' });
  expect(await mute.evaluate(contrast, { border: true })).toBeGreaterThanOrEqual(3);
  expect(await mute.evaluate(contrast, { border: true, outside: true })).toBeGreaterThanOrEqual(3);
  // On a panel, not on the page.
  const square = page.getByTestId('aspect-1:1');
  await expect(square).toHaveAttribute('aria-pressed', 'false');
  expect(await square.evaluate(contrast, { border: true, outside: true })).toBeGreaterThanOrEqual(3);
});

test('a marker is a button from the keyboard too: Enter or Space takes the playhead to it', async ({ page }) => {
  await openWithClip(page);
  const slider = page.getByRole('slider', { name: 'Playhead' });
  await slider.fill(String(3_000_000));
  await slider.press('m');
  await slider.fill('0');
  const marker = page.getByRole('button', { name: 'Marker at 0:03.000' });
  await marker.press('Enter');
  await expect(page.getByTestId('timecode')).toHaveText('0:03.000 / 0:10.000');
  await slider.fill('0');
  await marker.press(' ');
  await expect(page.getByTestId('timecode')).toHaveText('0:03.000 / 0:10.000');
});

test('track header buttons keep focus when pressed from the keyboard, and a removed track or marker hands focus on, not to the page', async ({ page }) => {
  const clip = await openWithClip(page);
  for (const name of ['Mute Video 1', 'Lock Video 1', 'Hide Video 1', 'Solo Audio 1']) {
    const button = page.getByRole('button', { name });
    await button.press('Enter');
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(button).toBeFocused();
  }
  // A clip keeps focus too when its track changes under it.
  await clip.focus();
  await page.getByRole('button', { name: 'Lock Video 1' }).evaluate((button: HTMLElement) => button.click());
  await expect(clip).toBeFocused();
  // Removing a track: the same button on the track now in its place, else the one before.
  await page.getByTestId('add-audio-track').press('Enter');
  await page.getByTestId('add-audio-track').press('Enter');
  await page.getByRole('button', { name: 'Remove Audio 2' }).press('Enter');
  await expect(page.getByRole('button', { name: 'Remove Audio 3' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Remove Audio 1' })).toBeFocused();
  // Removing markers: the next one, else the one before, else the timeline.
  const slider = page.getByRole('slider', { name: 'Playhead' });
  for (const us of [1_000_000, 2_000_000, 3_000_000]) {
    await slider.fill(String(us));
    await slider.press('m');
  }
  await page.getByRole('button', { name: 'Marker at 0:02.000' }).press('Delete');
  await expect(page.getByRole('button', { name: 'Marker at 0:03.000' })).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('button', { name: 'Marker at 0:01.000' })).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('marker')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeFocused();
});

/** A button named for what a press does: no pressed state; pressed with Enter, it keeps focus under its other name, again with no pressed state. */
async function expectActionButton(page: Page, before: string, after: string): Promise<void> {
  const button = page.getByRole('button', { name: before, exact: true });
  await expect(button).not.toHaveAttribute('aria-pressed');
  await button.press('Enter');
  const then = page.getByRole('button', { name: after, exact: true });
  await expect(then).toBeFocused();
  await expect(then).not.toHaveAttribute('aria-pressed');
}

test('Record voice says what a press does (Record voice / Stop recording), not a pressed state under a name that changes', async ({ page }) => {
  await openWithClip(page);
  await expectActionButton(page, 'Record voice', 'Stop recording');
  await page.getByRole('button', { name: 'Stop recording', exact: true }).press('Enter');
  await expect(page.getByRole('button', { name: 'Record voice', exact: true })).toBeFocused();
});

test('Play is a toggle that keeps its name: pressed while playing ("Pause, pressed" read as paused)', async ({ page }) => {
  await openWithClip(page);
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await play.press('Enter');
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  await play.press('Enter');
  await expect(play).toHaveAttribute('aria-pressed', 'false');
});

test('Alt+↑ and Alt+↓ move the focused clip to the track above or below: a drag across tracks, from the keyboard, said once', async ({ page }) => {
  const clip = await openWithClip(page);
  await page.getByTestId('add-video-track').click();
  await clip.focus();
  const nameBefore = await clip.getAttribute('aria-label');
  expect(nameBefore).toMatch(/, Video 1, starts 0:00\.000/);
  await clip.evaluate((element: HTMLElement & { blurs?: number }) => {
    element.blurs = 0;
    element.addEventListener('blur', () => element.blurs!++);
  });
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByTestId('announcer')).toHaveText('Moved to Video 2.');
  await expect(page.getByTestId('track').nth(0).getByTestId('clip')).toHaveCount(1);
  // Only the live region speaks: the same element keeps focus throughout (focus given anew is read out whole) and its name (see the test of `.`).
  expect(await page.evaluate(() => (document.activeElement as HTMLElement & { blurs?: number }).blurs)).toBe(0);
  await expect(clip).toBeFocused();
  await expect(clip).toHaveAttribute('aria-label', nameBefore!);
  await page.getByTestId('play').focus();
  await expect(page.getByTestId('track').nth(0).getByTestId('clip')).toHaveAttribute('aria-label', /, Video 2, starts 0:00\.000/);
  await clip.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByTestId('announcer')).toHaveText('No track above takes this clip.');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByTestId('announcer')).toHaveText('Moved to Video 1.');
  await expect(page.getByTestId('track').nth(1).getByTestId('clip')).toHaveCount(1);
  await expect(clip).toBeFocused();
  // One undo step a press.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('track').nth(0).getByTestId('clip')).toHaveCount(1);
});

test('a button is called what it shows (speech control users say what they see): Stats', async ({ page }) => {
  await openWithClip(page);
  const stats = page.getByRole('button', { name: 'Stats', exact: true });
  await stats.press('Enter');
  await expect(stats).toHaveAttribute('aria-pressed', 'true');
});

test('the playback statistics are not a live region: their figures change many times a second while playing', async ({ page }) => {
  await openWithClip(page);
  await page.getByRole('button', { name: 'Stats', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Playback statistics' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Playback statistics' })).toHaveCount(0);
});

test('the preview is an image with a name (a canvas is not in the accessibility tree by itself)', async ({ page }) => {
  await openWithClip(page);
  await expect(page.getByRole('img', { name: 'Preview of the frame at the playhead' })).toBeVisible();
});

test('the bin layout button says what a press does (Grid / List), not a pressed state under a name that changes', async ({ page }) => {
  await openWithClip(page);
  await expectActionButton(page, 'Grid', 'List');
});

test('a gap closes from the keyboard too: "Close the gap before it" in the inspector does what a double-click on the gap does', async ({ page }) => {
  const clip = await openWithClip(page);
  await splitAt(page, 2_000_000, 4_000_000);
  await expect(clip).toHaveCount(3);
  await clip.nth(1).press('Delete');
  await expect(clip).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Close the gap before it' })).toHaveCount(0);
  await clip.nth(1).press('Enter');
  await page.getByRole('button', { name: 'Close the gap before it' }).press('Enter');
  await expect(page.getByRole('spinbutton', { name: 'Start (s)' })).toHaveValue('2.000');
  await expect(page.getByRole('spinbutton', { name: 'Start (s)' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Close the gap before it' })).toHaveCount(0);
  // The first clip has nothing before it to close.
  await clip.nth(0).press('Enter');
  await expect(page.getByRole('region', { name: 'Selected clip' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close the gap before it' })).toHaveCount(0);
});

test('buttons that go when pressed hand focus on: Remove clip to a clip, Detach sound to Volume (one clip) or the panel (several)', async ({ page }) => {
  const clip = await openWithClip(page);
  await splitAt(page, 2_000_000, 4_000_000);
  await clip.nth(0).press('Enter');
  await page.getByRole('button', { name: 'Remove clip' }).press('Enter');
  await expect(clip).toHaveCount(2);
  await expect(clip.first()).toBeFocused();
  await clip.nth(0).press('Enter');
  await clip.nth(1).press('Shift+Enter');
  await page.getByRole('region', { name: 'Selected clips' }).getByRole('button', { name: 'Detach sound' }).press('Enter');
  await expect(page.getByRole('region', { name: 'Selected clips' })).toBeFocused();
  await page.keyboard.press('Control+z');
  await clip.first().press('Enter');
  await page.getByRole('button', { name: 'Detach sound' }).press('Enter');
  await expect(page.getByRole('spinbutton', { name: 'Volume', exact: true })).toBeFocused();
});

test('shortcuts on character keys can be turned off in the shortcut help (WCAG 2.1.4), and stay off after a reload', async ({ page }) => {
  const clip = await openWithClip(page);
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  const setting = page.getByRole('checkbox', { name: /Shortcuts on letter, digit and punctuation keys/ });
  await expect(setting).toBeChecked();
  await setting.press(' ');
  await expect(setting).not.toBeChecked();
  await page.keyboard.press('Escape');
  // M (marker), . (move) and S (split) do nothing now; Space and Ctrl+Z still work.
  await clip.focus();
  await page.keyboard.press('m');
  await page.keyboard.press('.');
  await page.keyboard.press('s');
  await expect(page.getByTestId('marker')).toHaveCount(0);
  await expect(clip).toHaveCount(1);
  await clip.blur();
  await expect(clip).toHaveAttribute('aria-label', /starts 0:00\.000, length 0:10\.000$/);
  await clip.focus();
  await page.keyboard.press('Control+z');
  await expect(clip).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(setting).not.toBeChecked();
  await setting.press(' ');
  await page.keyboard.press('Escape');
  await page.getByRole('slider', { name: 'Playhead' }).press('m');
  await expect(page.getByTestId('marker')).toHaveCount(1);
});

test('? opens the shortcut help while the project is still opening', async ({ page }) => {
  // Browser storage that never answers keeps the project opening.
  await page.addInitScript(() => (navigator.storage.getDirectory = () => new Promise(() => {})));
  await page.goto('/');
  await expect(page.getByTestId('save-state')).toHaveText('Opening…');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
});

test('every control is in a landmark, the project menu too: landmark navigation reaches it', async ({ page }) => {
  await openWithClip(page);
  await expect(page.getByRole('region', { name: 'Projects' }).getByRole('combobox', { name: 'Open project' })).toBeVisible();
  const outside = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, [tabindex]')]
      .filter((e) => e.checkVisibility() && !e.closest('header, main, nav, footer, section[aria-label], dialog'))
      .map((e) => e.getAttribute('aria-label') ?? e.textContent),
  );
  expect(outside).toEqual([]);
});

test("the ruler's tick labels are not read out (a run of timecodes); its markers are", async ({ page }) => {
  await openWithClip(page);
  await page.getByRole('slider', { name: 'Playhead' }).fill(String(3_000_000));
  await page.getByRole('slider', { name: 'Playhead' }).press('m');
  expect(await page.getByTestId('ruler').ariaSnapshot()).toBe('- button "Marker at 0:03.000"');
});

test('Open sample and Import media keep focus while what they open imports (disabled under focus, they dropped it to the page)', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  const sample = page.getByRole('button', { name: 'Open sample' });
  await sample.press('Enter');
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await expect(sample).toBeFocused();
  await expect(sample).not.toHaveAttribute('aria-disabled');
  // Focus is back on Import media… as the file picker closes.
  const importMedia = page.getByRole('button', { name: 'Import media…' });
  await importMedia.focus();
  await page.getByTestId('import-input').setInputFiles(fixture('barcode-h264-aac.mp4'));
  await expect(page.getByRole('button', { name: 'Add barcode-h264-aac.mp4 to the timeline' })).toBeVisible();
  await expect(importMedia).toBeFocused();
});

test('S, Q and W from the keyboard are said by the live region (the timeline changes away from focus), and so is a press that cuts nothing', async ({ page }) => {
  const clip = await openWithClip(page);
  await clip.click(); // selected: Q and W take it
  const slider = page.getByRole('slider', { name: 'Playhead' });
  await slider.fill('2400000');
  await slider.press('s');
  await expect(page.getByTestId('clip')).toHaveCount(2);
  await expect(page.getByTestId('announcer')).toHaveText('Split at 0:02.400.');
  await slider.fill('1000000');
  await slider.press('q');
  await expect(page.getByTestId('announcer')).toHaveText('Cut off what lies before 0:01.000.');
  await slider.fill('9000000');
  await slider.press('Shift+W');
  await expect(page.getByTestId('announcer')).toHaveText('Cut off what lies after 0:09.000; what follows moved up.');
  // In the gap Q left: nothing to cut, and it says so.
  await slider.fill('500000');
  await slider.press('s');
  await expect(page.getByTestId('announcer')).toHaveText('No clip to cut at 0:00.500.');
});

test('the first Tab offers "Skip to the timeline" (it comes after the side panels, some 60 presses in): shown on focus, it takes focus to the first clip', async ({ page }) => {
  const clip = await openWithClip(page);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the timeline' });
  await expect(skip).toBeFocused();
  // Out of sight until focused, then on screen.
  expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0);
  await page.keyboard.press('Enter');
  await expect(clip).toBeFocused();
  expect(page.url()).not.toContain('#timeline');
});
