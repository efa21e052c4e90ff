import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';
import { playwright } from '@vitest/browser-playwright';
import { chromiumLaunchOptions } from './src/cli/chromium-launch.ts';

export default defineConfig({
  plugins: [solid()],
  worker: { format: 'es' },
  // Pre-bundled up front: otherwise the dev server discovers worker dependencies late and reloads the page mid-session.
  optimizeDeps: { include: ['solid-js', 'solid-js/web', 'comlink', 'idb', 'mp4box', 'mp4-muxer', 'mediabunny'] },
  build: { target: 'es2022' },
  preview: { host: '127.0.0.1' },
  test: {
    environment: 'node',
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'node', include: ['src/**/*.test.ts'], exclude: ['src/**/*.browser.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.ts'],
          testTimeout: 120_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions() }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
