import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the service worker. A new version waits until the person chooses
 * to reload (`onNeedRefresh`), so an update never lands mid-edit: only then is
 * it told to take over (`SKIP_WAITING`), and the page reloads once it controls
 * it. The reload is ours: Workbox's own fires only when a worker already
 * controlled the page when it loaded, not after a first visit.
 */
export function registerServiceWorker(onNeedRefresh: (reload: () => void) => void): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const update = registerSW({
    onNeedRefresh: () =>
      onNeedRefresh(() => {
        navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
        void update();
      }),
    onNeedReload: () => undefined,
  });
}
