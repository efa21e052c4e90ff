import { writeFully } from '../media/sync-write.ts';
import { StorageQuotaError } from '../media/errors.ts';
import { deleteMediaBlob, getMediaBlob, mediaBlobKeys, putMediaBlob } from './library-db.ts';

/**
 * Imported media bytes in OPFS (`media/<fingerprint>`), so projects work
 * offline and after a reload. Files are streamed in (never held whole in
 * memory) under a `.partial-` name and renamed once complete, so a failed or
 * interrupted copy never passes for a stored file. Where OPFS is missing or
 * offers no way to write (WebKitGTK 2.50 without feature flags has neither
 * createSyncAccessHandle nor createWritable), the file goes whole into
 * IndexedDB instead, which stores Blobs.
 */
export const MEDIA_DIR = 'media';
const PARTIAL_PREFIX = '.partial-';
/** Room left free beyond the file itself (the database, its analysis). */
const HEADROOM_BYTES = 1024 * 1024;

/** OPFS's media folder, or null where the browser has no OPFS. */
async function mediaDir(): Promise<FileSystemDirectoryHandle | null> {
  if (typeof navigator.storage?.getDirectory !== 'function') return null;
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(MEDIA_DIR, { create: true });
}

/** The browser's storage estimate, or nothing known where it has none. */
const browserEstimate = async (): Promise<StorageEstimateLike> => (await navigator.storage?.estimate?.()) ?? {};

export interface StorageEstimateLike {
  usage?: number;
  quota?: number;
}

const mb = (bytes: number) => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.max(0.1, bytes / 1e6).toFixed(1)} MB`);

function quotaError(name: string, size: number, free: number): StorageQuotaError {
  return new StorageQuotaError(
    `"${name}" (${mb(size)}) does not fit: only ${mb(Math.max(0, free))} of this browser's storage is free for Spool. Delete media or exports you no longer need, or free disk space, then import it again.`,
  );
}

async function opfsFile(fingerprint: string): Promise<File | null> {
  const dir = await mediaDir().catch(() => null);
  return dir ? dir.getFileHandle(fingerprint).then((handle) => handle.getFile(), () => null) : null;
}

async function databaseFile(fingerprint: string): Promise<File | null> {
  const blob = await getMediaBlob(fingerprint).catch(() => undefined);
  if (!blob) return null;
  return blob instanceof File ? blob : new File([blob], fingerprint, { type: blob.type });
}

/** The stored copy of `fingerprint`, or null when absent or incomplete (wrong size). */
export async function storedMedia(fingerprint: string, expectedSize?: number): Promise<File | null> {
  try {
    const file = (await opfsFile(fingerprint)) ?? (await databaseFile(fingerprint));
    return file && (expectedSize === undefined || file.size === expectedSize) ? file : null;
  } catch {
    return null;
  }
}

type Writer = { write(chunk: Uint8Array, at: number): void | Promise<void>; close(): Promise<void> };
type SyncAccess = { write(data: Uint8Array, o: { at: number }): number; flush(): void; close(): void };
type WorkerFileHandle = FileSystemFileHandle & { createSyncAccessHandle?: () => Promise<SyncAccess> };

const partialNameFor = (fingerprint: string) => `${PARTIAL_PREFIX}${fingerprint}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * The Web Lock a copy holds on its partial entry while it is written. The browser lets go of it when the tab
 * or worker holding it goes, however it goes: the worker of a page just reloaded runs on for a moment, still
 * writing, so start-up removes such an entry only once its lock is free.
 */
const partialLock = (name: string) => `spool-media-partial:${name}`;
const lockManager = () => (navigator as Navigator & { locks?: LockManager }).locks;

/** Takes lock `name` and resolves with its release; where the browser has no Web Locks, there is nothing to hold. */
function holdLock(name: string): Promise<() => void> {
  const locks = lockManager();
  if (!locks) return Promise.resolve(() => undefined);
  return new Promise((held) => void locks.request(name, () => new Promise<void>((release) => held(release))));
}

async function openWritable(handle: FileSystemFileHandle): Promise<Writer> {
  const writable = await handle.createWritable();
  return { write: (chunk, at) => writable.write({ type: 'write', position: at, data: chunk as Uint8Array<ArrayBuffer> }), close: () => writable.close() };
}

const canCreateWritable = (handle: FileSystemFileHandle) => typeof (handle as Partial<FileSystemFileHandle>).createWritable === 'function';

/**
 * Creates a partial copy and opens it for writing: through a sync access handle in workers (fast,
 * positional), else a writable stream; null (nothing left behind) where OPFS offers neither.
 * `made` hears each entry made, so a failure can remove it, and each entry's lock, held until the copy ends.
 */
async function openPartial(dir: FileSystemDirectoryHandle, fingerprint: string, made: { entries: string[]; locks: (() => void)[] }): Promise<{ handle: FileSystemFileHandle; writer: Writer } | null> {
  const create = async () => {
    const name = partialNameFor(fingerprint);
    // Taken before the entry exists, so start-up never finds a live copy's entry unlocked.
    made.locks.push(await holdLock(partialLock(name)));
    const handle: WorkerFileHandle = await dir.getFileHandle(name, { create: true });
    made.entries.push(name);
    return handle;
  };
  const handle = await create();
  if (handle.createSyncAccessHandle) {
    try {
      const access = await handle.createSyncAccessHandle();
      const writer: Writer = {
        write: (chunk, at) => writeFully(access, chunk, at),
        close: async () => {
          access.flush();
          access.close();
        },
      };
      return { handle, writer };
    } catch (error) {
      // WebKitGTK 2.50 has the method but its storage refuses it (NotSupportedError), and afterwards refuses
      // a writable stream on that path too (InvalidStateError, even once removed): a fresh entry takes the stream.
      if (!(error instanceof DOMException && error.name === 'NotSupportedError')) throw error;
      await dir.removeEntry(handle.name).catch(() => undefined);
      if (!canCreateWritable(handle)) return null;
      const fresh = await create();
      return { handle: fresh, writer: await openWritable(fresh) };
    }
  }
  if (canCreateWritable(handle)) return { handle, writer: await openWritable(handle) };
  await dir.removeEntry(handle.name).catch(() => undefined);
  return null;
}

/**
 * Copies `file` into OPFS as `fingerprint` (nothing to do when already stored),
 * reporting progress 0–1, or whole into the database where OPFS cannot be
 * written. Checks the quota first and cleans up on any failure.
 */
export async function storeMedia(
  file: Blob,
  name: string,
  fingerprint: string,
  onProgress: (fraction: number) => void,
  estimate: () => Promise<StorageEstimateLike> = browserEstimate,
): Promise<{ file: File; alreadyStored: boolean }> {
  const existing = await storedMedia(fingerprint, file.size);
  if (existing) {
    onProgress(1);
    return { file: existing, alreadyStored: true };
  }
  const { usage = 0, quota = Infinity } = await estimate();
  if (file.size + HEADROOM_BYTES > quota - usage) throw quotaError(name, file.size, quota - usage - HEADROOM_BYTES);
  const dir = await mediaDir();
  const made = { entries: [] as string[], locks: [] as (() => void)[] };
  let renamed = false;
  let inDatabase = false;
  try {
    // Inside the try: with storage full, even creating the entry can be refused.
    const opened = dir && (await openPartial(dir, fingerprint, made));
    if (!opened) {
      inDatabase = true;
      await putMediaBlob(fingerprint, file);
      onProgress(1);
    } else {
      const { handle, writer } = opened;
      let written = 0;
      try {
        const reader = file.stream().getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          await writer.write(value, written);
          written += value.byteLength;
          onProgress(file.size > 0 ? written / file.size : 1);
        }
      } finally {
        await writer.close();
      }
      // Storage that fills up may cut the copy short without any write failing: checked before it takes its name.
      if ((await handle.getFile()).size !== file.size) throw new DOMException(`the copy of "${name}" came out short`, 'QuotaExceededError');
      await renameTo(dir, handle, fingerprint);
      renamed = true;
    }
    const stored = await storedMedia(fingerprint, file.size);
    if (!stored) throw new Error(`The copy of "${name}" in this browser's storage came out incomplete: import it again.`);
    return { file: stored, alreadyStored: false };
  } catch (error) {
    // Nothing of a failed copy stays, under any name.
    if (inDatabase) await deleteMediaBlob(fingerprint).catch(() => undefined);
    for (const entry of renamed ? [fingerprint] : made.entries) await dir?.removeEntry(entry).catch(() => undefined);
    throw await explainStoreError(error, name, file.size, estimate);
  } finally {
    for (const release of made.locks) release();
  }
}

/** A full store, however the browser reports it, says the file does not fit and how much room there is. */
export async function explainStoreError(
  error: unknown,
  name: string,
  size: number,
  estimate: () => Promise<StorageEstimateLike> = browserEstimate,
): Promise<unknown> {
  if (!(error instanceof DOMException && error.name === 'QuotaExceededError')) return error;
  const now = await estimate().catch((): StorageEstimateLike => ({}));
  return quotaError(name, size, (now.quota ?? 0) - (now.usage ?? 0));
}

/** OPFS `move` where the browser has it; else a copy under the final name. */
async function renameTo(dir: FileSystemDirectoryHandle, handle: FileSystemFileHandle, name: string): Promise<void> {
  const movable = handle as FileSystemFileHandle & { move?: (directory: FileSystemDirectoryHandle, newName: string) => Promise<void> };
  if (movable.move) {
    // The two-argument form: WebKitGTK 2.50 refuses `move(name)` alone ("Not enough arguments").
    await movable.move(dir, name);
    return;
  }
  const target = await dir.getFileHandle(name, { create: true });
  const writable = await target.createWritable();
  await (await handle.getFile()).stream().pipeTo(writable);
  await dir.removeEntry(handle.name);
}

export async function removeStoredMedia(fingerprint: string): Promise<void> {
  await (await mediaDir().catch(() => null))?.removeEntry(fingerprint).catch(() => undefined);
  await deleteMediaBlob(fingerprint).catch(() => undefined);
}

/** Names of stored media files (complete copies only). */
export async function listStoredMedia(): Promise<string[]> {
  const names: string[] = [];
  const dir = await mediaDir();
  if (dir) for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) if (!name.startsWith(PARTIAL_PREFIX)) names.push(name);
  return [...names, ...(await mediaBlobKeys())];
}

/**
 * Removes partial copies a closed tab left behind. Call at start-up, before any import runs. One still
 * being written (by another tab, or by the worker of the page just reloaded) is removed once its writer
 * lets go of it, and `onRemovedLater` is told then.
 */
export async function removePartialCopies(onRemovedLater?: () => void): Promise<void> {
  const dir = await mediaDir();
  if (!dir) return;
  const partials: string[] = [];
  for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) if (name.startsWith(PARTIAL_PREFIX)) partials.push(name);
  const remove = (name: string) => dir.removeEntry(name).then(() => true, () => false);
  const locks = lockManager();
  for (const name of partials) {
    if (!locks) {
      await remove(name);
      continue;
    }
    const free = await locks.request(partialLock(name), { ifAvailable: true }, async (lock) => lock !== null && (await remove(name), true));
    if (!free) void locks.request(partialLock(name), async () => (await remove(name)) && onRemovedLater?.());
  }
}
