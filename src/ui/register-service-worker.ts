import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the offline service worker. A new version waits until the person
 * chooses to reload (`onNeedRefresh`), so an update never lands mid-edit.
 */
export function registerServiceWorker(onNeedRefresh: (reload: () => void) => void): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const update = registerSW({ onNeedRefresh: () => onNeedRefresh(() => void update(true)) });
}
