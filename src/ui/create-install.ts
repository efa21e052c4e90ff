import { createSignal, onCleanup, onMount } from 'solid-js';

/** Chromium's install prompt event (not in the DOM typings). */
interface InstallPromptEvent extends Event {
  prompt(): Promise<unknown>;
}

/** True when Spool runs as an installed app (its own window), where offering to install makes no sense. */
export const isStandalone = () => matchMedia('(display-mode: standalone)').matches || (navigator as Navigator & { standalone?: boolean }).standalone === true;

/**
 * What to offer for installing Spool: Chromium's own prompt once it says the
 * app is installable (`beforeinstallprompt`), or, in Safari on iPhone and iPad
 * (which has no such event but flags home-screen apps with
 * `navigator.standalone`), how to add it by hand. Nothing when installed.
 */
export function createInstall() {
  const [prompt, setPrompt] = createSignal<InstallPromptEvent | null>(null);
  const [installed, setInstalled] = createSignal(isStandalone());
  const onPrompt = (event: Event) => {
    event.preventDefault(); // shown by our button instead of the browser's mini-bar
    setPrompt(event as InstallPromptEvent);
  };
  const onInstalled = () => setInstalled(true);
  onMount(() => {
    window.addEventListener('beforeinstallprompt', onPrompt);
    window.addEventListener('appinstalled', onInstalled);
  });
  onCleanup(() => {
    window.removeEventListener('beforeinstallprompt', onPrompt);
    window.removeEventListener('appinstalled', onInstalled);
  });
  return {
    canPrompt: () => !installed() && prompt() !== null,
    /** Safari's way: no event, so tell the person where the menu item is. */
    showManualHint: () => !installed() && !('onbeforeinstallprompt' in window) && 'standalone' in navigator,
    /** The browser's prompt can be shown once: the button goes, whatever the answer. */
    install: async () => {
      const event = prompt();
      setPrompt(null);
      await event?.prompt();
    },
  };
}
