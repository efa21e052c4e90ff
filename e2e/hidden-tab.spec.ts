import { expect, test } from '@playwright/test';
import { CdpBrowser } from './cdp-page.ts';
import { fixture } from './helpers.ts';
import { PORT } from './playwright.config.ts';

const exportDone = `document.querySelector('[data-testid=export-done]')`;

/** Starts an export; the finished one's fps (timed by the export itself, not the throttled page) is read from `export-done`. */
const startExport = `(() => { window.__visibility = [document.visibilityState]; document.querySelector('[data-testid=export-button]').click(); return ${exportDone} === null; })()`;

test('an export keeps its speed in a hidden tab (a real second tab in front: visibilityState hidden, timers throttled)', async () => {
  const browser = await CdpBrowser.launch();
  try {
    const tab = await browser.openTab('about:blank');
    await tab.navigate(`http://127.0.0.1:${PORT}/`);
    await tab.waitFor(`document.querySelector('[data-testid=import-input]')`, 30_000);
    await tab.evaluate(`document.addEventListener('visibilitychange', () => window.__visibility.push(document.visibilityState)), true`);
    await tab.setInputFiles('[data-testid=import-input]', [fixture('barcode-h264-aac.mp4')]);
    await tab.waitFor(`document.querySelectorAll('[data-testid=clip]').length === 1`, 30_000);
    // Half opacity sends every frame through the compositor, the export's longest path.
    await tab.evaluate(`(() => {
      document.querySelector('.picture-fields summary').click();
      const opacity = document.querySelector('[data-testid=opacity]');
      opacity.value = '50';
      opacity.dispatchEvent(new Event('input', { bubbles: true }));
      opacity.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    })()`);

    // The first export warms up (compositor start, shader compile); the second is the visible yardstick.
    for (let run = 0; run < 2; run++) {
      expect(await tab.evaluate(startExport)).toBe(true);
      await tab.waitFor(exportDone, 120_000);
    }
    const visibleFps = Number(await tab.evaluate<string>(`${exportDone}.dataset.fps`));
    expect(await tab.evaluate<string[]>('window.__visibility')).toEqual(['visible']);

    expect(await tab.evaluate(startExport)).toBe(true);
    const front = await browser.openTab('about:blank');
    // Proof the page is really in the background: hidden, and its timers throttled.
    await tab.waitFor(`document.visibilityState === 'hidden'`, 5_000);
    await tab.waitFor(exportDone, 120_000);
    const hiddenFps = Number(await tab.evaluate<string>(`${exportDone}.dataset.fps`));
    const visibility = await tab.evaluate<string[]>('window.__visibility');
    const stillHidden = await tab.evaluate<string>('document.visibilityState');
    // Five 10 ms intervals take 50 ms in a visible page; a hidden one runs timers at most once a second.
    const intervalsMs = await tab.evaluate<number>(`new Promise((done) => { let n = 0; const start = performance.now(); const id = setInterval(() => { if (++n === 5) { clearInterval(id); done(performance.now() - start); } }, 10); })`);
    await front.close();

    console.log(`export fps: visible ${visibleFps}, hidden ${hiddenFps} (${(hiddenFps / visibleFps).toFixed(2)}×); visibility ${visibility.join(' → ')}; five 10 ms intervals took ${Math.round(intervalsMs)} ms`);
    expect(visibility).toEqual(['visible', 'hidden']);
    expect(stillHidden).toBe('hidden');
    expect(intervalsMs).toBeGreaterThan(500);
    expect(visibleFps).toBeGreaterThan(0);
    expect(hiddenFps).toBeGreaterThanOrEqual(visibleFps * 0.7);
  } finally {
    await browser.close();
  }
});
