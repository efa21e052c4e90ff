import { createSignal } from 'solid-js';

/** Said when an edit is refused in a tab that only shows its project. */
export const OPEN_ELSEWHERE_MESSAGE = 'This project is being edited in another tab: use Edit here to edit it in this tab instead, or Duplicate to work on a copy.';

/** `ifHidden`: only from a tab no one is looking at (a tab opening the project asks that of the one editing it). */
type PresenceMessage = { saved: string } | { handOver: string; ifHidden?: boolean };

/**
 * One tab at a time edits a project: two tabs saving their own views of it
 * would overwrite each other record by record (a clip deleted in one came back
 * from the other's next save). The tab that edits holds a Web Lock named after
 * the project; another tab showing it only shows it, re-reads it whenever the
 * holder says it saved, and waits for the lock: it edits once the holder lets
 * go (closed, another project opened there) or hands it over, asked to by
 * "Edit here" over a BroadcastChannel, after writing what it has pending. A tab
 * that opens a project is handed it by a holder behind other tabs, so the tab
 * in front edits (a reload of it would otherwise leave it only showing, the
 * tab behind having taken the lock as it went).
 */
export function createProjectPresence(hooks: {
  /** This tab now edits project `id`: read it afresh (its last holder may have saved since). */
  onGained: (id: string) => Promise<void>;
  /** The tab editing `id`, shown here, saved it. */
  onSavedElsewhere: (id: string) => void;
  /** Another tab saved a project (the list of projects may have changed). */
  onAnySavedElsewhere: () => void;
  /** Before handing the project over: pending changes written; false if they could not be (kept here, the project stays). */
  beforeHandOver: () => Promise<boolean>;
}) {
  // No lock manager (an older browser): every tab edits, as before there was one.
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  const [editing, setEditing] = createSignal(true);
  let current: string | null = null;
  let release: (() => void) | null = null;
  let stopWaiting: AbortController | null = null;
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('spool-projects');
  channel?.addEventListener('message', (event: MessageEvent<PresenceMessage>) => {
    const message = event.data;
    if ('saved' in message) hooks.onAnySavedElsewhere();
    if ('saved' in message && message.saved === current && !editing()) hooks.onSavedElsewhere(current);
    if ('handOver' in message && message.handOver === current && release && (!message.ifHidden || document.visibilityState === 'hidden')) void handOver(current);
  });

  /** Asks for the lock on `id`: its release once granted (`wait`: when it is, else at once), or null. */
  function request(id: string, wait: boolean): Promise<(() => void) | null> {
    if (!locks) return Promise.resolve(() => undefined);
    const controller = wait ? new AbortController() : null;
    stopWaiting = controller;
    return new Promise((answered) => {
      const options: LockOptions = controller ? { signal: controller.signal } : { ifAvailable: true };
      locks
        // Held until this tab opens another project, hands it over or closes.
        .request(`spool-project:${id}`, options, (lock) => (lock ? new Promise<void>((resolve) => answered(resolve)) : answered(null)))
        .catch(() => answered(null)); // aborted: another project was opened
    });
  }

  /** Takes the lock just granted for `id`, unless another project was opened meanwhile. */
  function keep(id: string, granted: (() => void) | null): boolean {
    if (current !== id) granted?.();
    else release = granted;
    return current === id && !!granted;
  }

  /** Waits for the lock on `id`, then edits it (read afresh first, so nothing older is saved over it). */
  async function waitFor(id: string): Promise<void> {
    if (!keep(id, await request(id, true))) return;
    try {
      await hooks.onGained(id);
      if (current === id) setEditing(true);
    } catch {
      // Left showing, not editing: onGained has said why.
    }
  }

  async function handOver(id: string): Promise<void> {
    // No edit starts while what is pending is written: made after that, it would be saved over the next holder's.
    setEditing(false);
    const written = await hooks.beforeHandOver();
    if (current !== id || !release) return;
    if (!written) return void setEditing(true);
    release();
    release = null;
    void waitFor(id);
  }

  /** This tab now shows project `id` (the last one is let go). One at a time: two at once would each find the other's lock. */
  let queue = Promise.resolve();
  function open(id: string): Promise<void> {
    // A failed claim must not stop the next one.
    queue = queue.then(() => claim(id)).catch(() => undefined);
    return queue;
  }

  async function claim(id: string): Promise<void> {
    // Already held: letting go and asking again at once would find it still held (by this tab).
    if (id === current && release) return;
    release?.();
    release = null;
    stopWaiting?.abort();
    current = id;
    const held = keep(id, await request(id, false));
    if (current !== id) return;
    setEditing(held);
    if (held) return;
    void waitFor(id);
    channel?.postMessage({ handOver: id, ifHidden: true });
  }

  return {
    open,
    /** Whether this tab edits the project it shows (else another tab does, and this one follows it). */
    editing,
    /** Asks the tab editing this project to hand it over. */
    takeOver: () => current !== null && channel?.postMessage({ handOver: current }),
    /** Tells tabs showing `id` that what is saved of it changed. */
    saved: (id: string) => channel?.postMessage({ saved: id }),
    close(): void {
      release?.();
      stopWaiting?.abort();
      channel?.close();
    },
  };
}
