/** Said in a tab when the project it shows is open in another tab of this browser too. */
export const SHARED_PROJECT_MESSAGE =
  'This project is open in another tab too. Edits made in both overwrite each other: close it there, or use Duplicate to work on a copy.';

/**
 * Notices a project open in two tabs at once (each tab saves its own view of
 * it, so the last writer would win record by record). The tab that opens a
 * project holds a Web Lock named after it; a tab that cannot get the lock is
 * told, and tells the holder over a BroadcastChannel, so both say so.
 */
export function createProjectPresence(onShared: () => void) {
  let current: string | null = null;
  let release: (() => void) | null = null;
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('spool-projects');
  channel?.addEventListener('message', (event: MessageEvent<{ opened?: string }>) => {
    if (current !== null && event.data.opened === current) onShared();
  });

  /** This tab now shows project `id` (the last one is let go). One at a time: two at once would each find the other's lock. */
  let queue = Promise.resolve();
  function open(id: string): Promise<void> {
    // A failed claim (no lock manager in this context) must not stop the next one.
    queue = queue.then(() => claim(id)).catch(() => undefined);
    return queue;
  }

  async function claim(id: string): Promise<void> {
    // Already held: letting go and asking again at once would find it still held (by this tab) and warn.
    if (id === current && release) return;
    release?.();
    release = null;
    current = id;
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    if (locks) {
      const held = await new Promise<boolean>((answered) => {
        void locks.request(`spool-project:${id}`, { ifAvailable: true }, (lock) => {
          answered(!!lock);
          // Held until this tab opens another project or closes.
          return lock ? new Promise<void>((resolve) => (release = resolve)) : undefined;
        });
      });
      if (!held && current === id) onShared();
    }
    channel?.postMessage({ opened: id });
  }

  function close(): void {
    release?.();
    channel?.close();
  }

  return { open, close };
}
