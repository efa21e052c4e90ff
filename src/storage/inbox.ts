/**
 * Files shared to Spool (the manifest's share_target): the service worker
 * receives them in a POST, keeps them in OPFS (`inbox/<entry>/<name>`, so
 * names never clash), and the page imports them, then empties the inbox.
 */
export const INBOX_DIR = 'inbox';

async function inboxDir(): Promise<FileSystemDirectoryHandle> {
  return (await navigator.storage.getDirectory()).getDirectoryHandle(INBOX_DIR, { create: true });
}

/** Keeps shared files (called by the service worker; `createWritable` works there, sync access handles do not). */
export async function putInInbox(files: readonly File[]): Promise<void> {
  const inbox = await inboxDir();
  const batch = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  for (const [index, file] of files.entries()) {
    const entry = await inbox.getDirectoryHandle(`${batch}-${index}`, { create: true });
    const writable = await (await entry.getFileHandle(file.name || `shared-${index}`, { create: true })).createWritable();
    await file.stream().pipeTo(writable);
  }
}

/** What waits in the inbox, oldest first: each file with its entry (to remove once imported). */
export async function inboxFiles(): Promise<{ entry: string; file: File }[]> {
  const found: { entry: string; file: File }[] = [];
  type Entries = AsyncIterable<[string, FileSystemHandle]>;
  for await (const [entry, handle] of (await inboxDir() as unknown as { entries(): Entries }).entries()) {
    if (handle.kind !== 'directory') continue;
    for await (const [, inner] of (handle as unknown as { entries(): Entries }).entries()) {
      if (inner.kind === 'file') found.push({ entry, file: await (inner as FileSystemFileHandle).getFile() });
    }
  }
  return found.sort((a, b) => a.entry.localeCompare(b.entry, 'en', { numeric: true }));
}

export async function removeFromInbox(entries: readonly string[]): Promise<void> {
  const inbox = await inboxDir();
  for (const entry of entries) await inbox.removeEntry(entry, { recursive: true }).catch(() => undefined);
}
