import { expect, test, type ConsoleMessage } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../vite-plugin-csp.ts';
import { fixture, playAWhile } from './helpers.ts';
import { PREVIEW_URL } from './playwright.config.ts';

declare global {
  interface Window {
    cspViolations: string[];
  }
}

test('the built app runs under its Content Security Policy: sample, import, edit, preview, export with no violation', async ({ page }) => {
  // Every violation the page sees, and every CSP complaint logged by the page or its workers.
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const complaints: string[] = [];
  const listen = (message: ConsoleMessage) => /Content Security Policy|Refused to/i.test(message.text()) && complaints.push(message.text());
  page.on('console', listen);
  page.on('worker', (worker) => worker.on('console', listen));

  const response = await page.goto(PREVIEW_URL);
  expect(response!.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CONTENT_SECURITY_POLICY);
  await page.evaluate(() => navigator.serviceWorker.ready);

  await page.getByRole('button', { name: 'Open sample' }).click();
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4'), fixture('tone.mp3')]);
  await expect(page.locator('[data-testid=bin-row][data-name="barcode-h264-aac.mp4"] [data-testid=thumbnail]')).toBeVisible();
  await expect(page.locator('[data-testid=bin-row][data-name="tone.mp3"]')).toHaveAttribute('data-status', 'ready');
  await page.locator('[data-testid=bin-row][data-name="barcode-h264-aac.mp4"] [data-testid=bin-add]').click();
  await page.locator('[data-testid=bin-row][data-name="tone.mp3"] [data-testid=bin-add]').click();

  // Edit: a split, a title on its own track (drawn in the worker), a transition.
  await page.getByTestId('playhead').fill('2000000');
  await page.keyboard.press('s');
  await expect(page.getByTestId('clip')).toHaveCount(4);
  await page.getByTestId('add-video-track').click();
  await page.getByTestId('add-title').click();
  await page.getByTestId('title-text').fill('Under policy');
  await page.getByTestId('title-text').blur();
  await page.getByTestId('track').nth(1).getByTestId('clip').nth(0).click();
  await page.getByTestId('transition').selectOption('crossfade');

  // Preview: scrub, then play until the picture has moved on.
  await page.getByTestId('playhead').fill('0');
  await expect(page.getByTestId('shown-frame')).toHaveAttribute('data-source-us', '0');
  await playAWhile(page);

  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 150_000 });

  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
  expect(complaints).toEqual([]);

  // The listeners are live: an inline script is refused (by the meta and the header alike) and reported both ways.
  await page.evaluate(() => document.head.append(Object.assign(document.createElement('script'), { textContent: 'window.inlineRan = true' })));
  await expect.poll(() => page.evaluate(() => window.cspViolations)).toEqual(['script-src-elem inline', 'script-src-elem inline']);
  await expect.poll(() => complaints.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => 'inlineRan' in window)).toBe(false);
});
