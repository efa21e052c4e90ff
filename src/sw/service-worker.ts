/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { EXPORTS_PATH, serveExport } from './serve-export.ts';
import { SHARE_ACTION, receiveShare } from './receive-share.ts';

declare const self: ServiceWorkerGlobalScope;

// The app shell, workers, WGSL (bundled into the scripts), icons and the sample: everything the app needs offline.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Before the navigation fallback: these are served from OPFS, not the app shell.
registerRoute(({ url, request }) => url.pathname.startsWith(EXPORTS_PATH) && request.method === 'GET', ({ request, url }) => serveExport(request, url));
registerRoute(({ url }) => url.pathname === SHARE_ACTION, ({ request }) => receiveShare(request), 'POST');
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html')));

// A new version waits (registerType 'prompt'): it takes over only when the page says the person chose Reload.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
// The first install controls the open page at once (nothing older is running), so its exports links work without a reload.
clientsClaim();
