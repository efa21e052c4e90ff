import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';
import { manifest } from './pwa-manifest.ts';
import { playwright } from '@vitest/browser-playwright';
import { chromiumLaunchOptions } from './src/cli/chromium-launch.ts';
import { contentSecurityPolicy } from './vite-plugin-csp.ts';
import { mediabunnyFix, mediabunnyFixForDeps } from './vite-plugin-mediabunny-fix.ts';

export default defineConfig({
  plugins: [
    mediabunnyFix(),
    solid(),
    contentSecurityPolicy(),
    // Offline, installable, opens and receives files: our own service worker (src/sw/) with Workbox precaching.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'service-worker.ts',
      registerType: 'prompt',
      injectRegister: null,
      manifest,
      injectManifest: {
        rollupFormat: 'iife',
        // The app shell, worker scripts (WGSL is bundled into them), icons and the sample; screenshots are only for install dialogs.
        globPatterns: ['**/*.{js,css,html,svg,png,mp4,webmanifest,wasm}'],
        globIgnores: ['screenshots/**'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
    }),
  ],
  worker: { format: 'es' },
  // Pre-bundled up front: otherwise the dev server discovers worker dependencies late and reloads the page mid-session.
  optimizeDeps: { include: ['solid-js', 'solid-js/web', 'comlink', 'idb', 'mp4box', 'mp4-muxer', 'mediabunny'], rolldownOptions: { plugins: [mediabunnyFixForDeps] } },
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
