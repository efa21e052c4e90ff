import { expect, test } from '@playwright/test';
import { appendFileSync, cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { serveStatic } from '../src/cli/static-server.ts';
import { fixture, tempDir } from './helpers.ts';
import { binRow, openControlled, opfsNames } from './pwa-helpers.ts';
import { PREVIEW_URL } from './playwright.config.ts';

/**
 * A maskable icon is cropped to any shape down to the central circle of 40% radius: it must be
 * opaque to the edges, with everything that is not plain background inside that circle.
 */
function checkMaskable(bytes: Buffer): void {
  const { width, height, data } = PNG.sync.read(bytes);
  const at = (x: number, y: number) => data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4);
  const background = [...at(0, 0)];
  expect(background[3]).toBe(255);
  let outside = 0;
  let artwork = 0;
  let transparent = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const pixel = at(x, y);
      if (pixel[3] !== 255) transparent++;
      if (pixel.every((v, i) => Math.abs(v - background[i]!) <= 8)) continue;
      artwork++;
      if (Math.hypot(x + 0.5 - width / 2, y + 0.5 - height / 2) > 0.4 * width) outside++;
    }
  }
  expect(transparent).toBe(0);
  expect(artwork).toBeGreaterThan(0.05 * width * height);
  expect(outside).toBe(0);
}

/** A PNG's size from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the manifest makes Spool installable, opens media files and receives shares; the service worker controls the page', async ({ page }) => {
  await openControlled(page);
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifest = await (await page.request.get(new URL(href!, PREVIEW_URL).href)).json();
  expect(manifest).toMatchObject({ id: '/', name: 'Spool', start_url: '/', scope: '/', display: 'standalone', theme_color: '#15171c', background_color: '#15171c' });

  type Image = { src: string; sizes: string; type: string; purpose?: string; form_factor?: string };
  const checkImage = async (image: Image) => {
    const response = await page.request.get(new URL(image.src, PREVIEW_URL).href);
    expect(response.status(), image.src).toBe(200);
    if (image.type !== 'image/png') return;
    const { width, height } = pngSize(await response.body());
    expect(`${width}x${height}`, image.src).toBe(image.sizes);
  };
  for (const image of [...manifest.icons, ...manifest.screenshots] as Image[]) await checkImage(image);
  const icons = manifest.icons as Image[];
  for (const size of ['192x192', '512x512']) expect(icons.some((i) => i.type === 'image/png' && i.sizes === size && i.purpose !== 'maskable'), size).toBe(true);
  const maskable = icons.find((i) => i.type === 'image/png' && i.sizes === '512x512' && i.purpose === 'maskable');
  checkMaskable(await (await page.request.get(new URL(maskable!.src, PREVIEW_URL).href)).body());
  expect((manifest.screenshots as Image[]).map((s) => s.form_factor).sort()).toEqual(['narrow', 'wide']);

  const accepted = Object.values(manifest.file_handlers[0].accept as Record<string, string[]>).flat();
  for (const extension of ['.mp4', '.mov', '.webm', '.mkv', '.ts', '.mts', '.m2ts', '.m4a', '.mp3', '.wav', '.flac']) expect(accepted).toContain(extension);
  expect(manifest.share_target).toEqual({
    action: '/share-target',
    method: 'POST',
    enctype: 'multipart/form-data',
    params: { files: [{ name: 'media', accept: ['video/*', 'audio/*', 'image/*'] }] },
  });
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${PREVIEW_URL}/service-worker.js`);
});

test('Install appears when the browser offers its prompt, shows it, and goes', async ({ page }) => {
  await openControlled(page);
  await expect(page.getByTestId('install')).toHaveCount(0);
  await expect(page.getByTestId('install-hint')).toHaveCount(0); // Chromium is not Safari
  // Simulated: headless Chromium never judges a page installable, so the event the browser would fire is dispatched here.
  await page.evaluate(() => {
    const event = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: async () => void document.body.setAttribute('data-prompted', 'yes'),
    });
    window.dispatchEvent(event);
  });
  await page.getByTestId('install').click();
  await expect(page.locator('body')).toHaveAttribute('data-prompted', 'yes');
  await expect(page.getByTestId('install')).toHaveCount(0);
});

test('Safari (no install prompt, navigator.standalone) gets the Add to Home Screen steps; an installed app gets no offer', async ({ page }) => {
  // Simulated: Safari's traits put on Chromium before the app starts (WebKit is not among the browsers tested here).
  await page.addInitScript(() => {
    delete (window as { onbeforeinstallprompt?: unknown }).onbeforeinstallprompt; // on the global itself, as WebIDL puts a [Global]'s attributes
    Object.defineProperty(Navigator.prototype, 'standalone', { get: () => sessionStorage.getItem('standalone') === 'yes', configurable: true });
  });
  await openControlled(page);
  await expect(page.getByTestId('install-hint')).toHaveText('To install: Share → Add to Home Screen');
  await expect(page.getByTestId('install')).toHaveCount(0);
  // Opened from the home screen: navigator.standalone is true, and nothing is offered.
  await page.evaluate(() => sessionStorage.setItem('standalone', 'yes'));
  await page.reload();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await expect(page.getByTestId('install-hint')).toHaveCount(0);
});

test('a share (multipart POST to the share action) lands in the inbox, is imported like a drop, and the inbox is emptied', async ({ page }) => {
  await openControlled(page);
  // What the system does on a share: a navigation POST of a multipart form to the manifest's action.
  await page.evaluate(() => {
    const form = Object.assign(document.createElement('form'), { method: 'POST', action: '/share-target', enctype: 'multipart/form-data' });
    form.append(Object.assign(document.createElement('input'), { type: 'file', name: 'media', multiple: true, id: 'share-files' }));
    document.body.append(form);
  });
  await page.locator('#share-files').setInputFiles([fixture('tone.mp3'), fixture('still.png')]);
  await Promise.all([page.waitForURL(`${PREVIEW_URL}/?shared=1`), page.locator('#share-files').evaluate((input: HTMLInputElement) => input.form!.submit())]);
  for (const name of ['tone.mp3', 'still.png']) await expect(binRow(page, name)).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('clip')).toHaveCount(1);
  // Imported, so the inbox is emptied and the marker leaves the address (a reload would not import twice).
  await expect(page).toHaveURL(`${PREVIEW_URL}/`);
  expect(await opfsNames(page, 'inbox')).toEqual([]);
});

test('files the system opens with Spool (launchQueue) are imported like a drop', async ({ page }) => {
  // Simulated: only an installed app launched by the OS gets launch params. The page's real consumer is captured
  // from launchQueue.setConsumer and called with real FileSystemFileHandles (made in OPFS), as Chromium would.
  await page.addInitScript(() => {
    Object.defineProperty(window, 'launchQueue', {
      value: { setConsumer: (consumer: unknown) => Object.assign(window, { spoolLaunchConsumer: consumer }) },
    });
  });
  await openControlled(page);
  await page.waitForFunction(() => 'spoolLaunchConsumer' in window);
  const bytes = readFileSync(fixture('tone.wav')).toString('base64');
  await page.evaluate(async (base64) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('launch-test', { create: true });
    const wav = await dir.getFileHandle('launched tone.wav', { create: true });
    const writable = await wav.createWritable();
    await writable.write(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    await writable.close();
    // A folder handle too: only files are imported.
    const consume = (window as unknown as { spoolLaunchConsumer: (params: { files: FileSystemHandle[] }) => void }).spoolLaunchConsumer;
    consume({ files: [wav, dir] });
  }, bytes);
  await expect(binRow(page, 'launched tone.wav')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('bin-row')).toHaveCount(1);
});

test('a new version waits until the person chooses Reload, then takes over', async ({ page }) => {
  // A deploy of its own: the built app copied and served from the copy, so the service worker can change under the page.
  const root = join(tempDir(), 'dist');
  cpSync(fileURLToPath(new URL('../dist', import.meta.url)), root, { recursive: true });
  const server = await serveStatic(root);
  try {
    await page.goto(server.url);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    appendFileSync(join(root, 'service-worker.js'), '\n// the next version\n'); // any byte changed is a new version
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect(page.getByTestId('update-banner')).toHaveText('A new version is ready — Reload');
    // It waits (installed, not active) while the old one still controls the page: no skipWaiting of its own.
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting?.state)).toBe('installed');
    await Promise.all([page.waitForEvent('load'), page.getByTestId('update-banner').getByRole('button', { name: 'Reload' }).click()]);
    await page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return registration?.waiting === null && registration.active?.state === 'activated' && navigator.serviceWorker.controller?.state === 'activated';
    });
    await expect(page.getByTestId('update-banner')).toHaveCount(0);
  } finally {
    await server.close();
  }
});
