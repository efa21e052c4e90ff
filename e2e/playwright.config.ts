import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../src/cli/chromium-launch.ts';

/** Ports can be moved (SPOOL_E2E_PORT, SPOOL_E2E_PREVIEW_PORT) so two checkouts can run e2e side by side. */
export const PORT = Number(process.env.SPOOL_E2E_PORT ?? 5199);
const PREVIEW_PORT = Number(process.env.SPOOL_E2E_PREVIEW_PORT ?? 5198);
/** The built app (with its service worker), for offline tests. `npm test` builds it first. */
export const PREVIEW_URL = `http://127.0.0.1:${PREVIEW_PORT}`;

/**
 * e2e runs the app from Vite's dev server (so a test page can also load the
 * export checker from src/test-support), the built app (service worker,
 * offline) from `vite preview`, and the CLI against the built app.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../test-results/e2e-artifacts',
  timeout: 180_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list'], ['json', { outputFile: '../test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    // A fake microphone (Chromium's test tone), granted without asking: for recording a voice-over.
    launchOptions: { ...chromiumLaunchOptions(), args: [...chromiumLaunchOptions().args, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] },
    acceptDownloads: true,
    viewport: { width: 1280, height: 1000 },
  },
  webServer: [
    {
      command: `npx vite --port ${PORT} --strictPort --host 127.0.0.1`,
      cwd: '..',
      url: `http://127.0.0.1:${PORT}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npx vite preview --port ${PREVIEW_PORT} --strictPort --host 127.0.0.1`,
      cwd: '..',
      url: PREVIEW_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
