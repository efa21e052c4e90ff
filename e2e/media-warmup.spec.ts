import { expect, test } from '@playwright/test';

declare global {
  interface Window {
    startOrder: string[];
  }
}

/**
 * WebKitGTK 2.50 kills its page process on the first WebCodecs call (in any worker) unless the page has
 * asked a media element about a type first (WebKit bug 320327): the app does that before starting a worker.
 */
test('the page starts its media framework before any worker, in the app and in the CLI bridge', async ({ page }) => {
  await page.addInitScript(() => {
    window.startOrder = [];
    const canPlayType = HTMLMediaElement.prototype.canPlayType;
    HTMLMediaElement.prototype.canPlayType = function (this: HTMLMediaElement, type: string) {
      window.startOrder.push(`canPlayType ${type}`);
      return canPlayType.call(this, type);
    };
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        window.startOrder.push(`worker ${options?.name ?? ''}`);
        super(url, options);
      }
    };
  });
  for (const path of ['/', '/?cli']) {
    await page.goto(path);
    await expect.poll(() => page.evaluate(() => window.startOrder.filter((entry) => entry.startsWith('worker')).length)).toBeGreaterThan(0);
    expect((await page.evaluate(() => window.startOrder))[0]).toBe('canPlayType video/mp4');
  }
});
