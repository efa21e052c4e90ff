import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';
import { playwright } from '@vitest/browser-playwright';
import { chromiumLaunchOptions } from './src/cli/chromium-launch.ts';
import { contentSecurityPolicy } from './vite-plugin-csp.ts';

export default defineConfig({
  plugins: [
    solid(),
    contentSecurityPolicy(),
    // Offline: the service worker precaches the app shell, workers, WGSL (bundled) and the sample clip.
    VitePWA({
      registerType: 'prompt',
      injectRegister: null,
      manifest: {
        name: 'Spool',
        short_name: 'Spool',
        description: 'A video editor that runs entirely in your browser.',
        theme_color: '#15171c',
        background_color: '#15171c',
        display: 'standalone',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,mp4,webmanifest}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: '/index.html',
      },
    }),
  ],
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
