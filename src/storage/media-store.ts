import { writeFully } from '../media/sync-write.ts';
import { StorageQuotaError } from '../media/errors.ts';

/**
 * Imported media bytes in OPFS (`media/<fingerprint>`), so projects work
 * offline and after a reload. Files are streamed in (never held whole in
 * memory) under a `.partial-` name and renamed once complete, so a failed or
 * interrupted copy never passes for a stored file.
 */
export const MEDIA_DIR = 'media';
const PARTIAL_PREFIX = '.partial-';
/** Room left free beyond the file itself (the database, its analysis). */
const HEADROOM_BYTES = 1024 * 1024;

async function mediaDir(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(MEDIA_DIR, { create: true });
}

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

/** The stored copy of `fingerprint`, or null when absent or incomplete (wrong size). */
export async function storedMedia(fingerprint: string, expectedSize?: number): Promise<File | null> {
  try {
    const file = await (await (await mediaDir()).getFileHandle(fingerprint)).getFile();
    return expectedSize === undefined || file.size === expectedSize ? file : null;
  } catch {
    return null;
  }
}

type Writer = { write(chunk: Uint8Array, at: number): void | Promise<void>; close(): Promise<void> };

/** A sync access handle in workers (fast, positional); a writable stream elsewhere. */
async function openWriter(handle: FileSystemFileHandle): Promise<Writer> {
  const syncCapable = handle as FileSystemFileHandle & {
    createSyncAccessHandle?: () => Promise<{ write(data: Uint8Array, o: { at: number }): number; flush(): void; close(): void }>;
  };
  if (syncCapable.createSyncAccessHandle) {
    const access = await syncCapable.createSyncAccessHandle();
    return {
      write: (chunk, at) => writeFully(access, chunk, at),
      close: async () => {
        access.flush();
        access.close();
      },
    };
  }
  const writable = await handle.createWritable();
  return { write: (chunk, at) => writable.write({ type: 'write', position: at, data: chunk as Uint8Array<ArrayBuffer> }), close: () => writable.close() };
}

/**
 * Copies `file` into OPFS as `fingerprint` (nothing to do when already stored),
 * reporting progress 0–1. Checks the quota first and cleans up on any failure.
 */
export async function storeMedia(
  file: Blob,
  name: string,
  fingerprint: string,
  onProgress: (fraction: number) => void,
  estimate: () => Promise<StorageEstimateLike> = () => navigator.storage.estimate(),
): Promise<{ file: File; alreadyStored: boolean }> {
  const existing = await storedMedia(fingerprint, file.size);
  if (existing) {
    onProgress(1);
    return { file: existing, alreadyStored: true };
  }
  const { usage = 0, quota = Infinity } = await estimate();
  if (file.size + HEADROOM_BYTES > quota - usage) throw quotaError(name, file.size, quota - usage - HEADROOM_BYTES);
  const dir = await mediaDir();
  const partialName = `${PARTIAL_PREFIX}${fingerprint}-${Math.random().toString(36).slice(2, 8)}`;
  let renamed = false;
  try {
    // Inside the try: with storage full, even creating the entry can be refused.
    const handle = await dir.getFileHandle(partialName, { create: true });
    const writer = await openWriter(handle);
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
    const stored = await storedMedia(fingerprint, file.size);
    if (!stored) throw new Error(`The copy of "${name}" in this browser's storage came out incomplete: import it again.`);
    return { file: stored, alreadyStored: false };
  } catch (error) {
    // Nothing of a failed copy stays, under either name.
    await dir.removeEntry(renamed ? fingerprint : partialName).catch(() => undefined);
    throw await explainStoreError(error, name, file.size, estimate);
  }
}

/** A full store, however the browser reports it, says the file does not fit and how much room there is. */
export async function explainStoreError(
  error: unknown,
  name: string,
  size: number,
  estimate: () => Promise<StorageEstimateLike> = () => navigator.storage.estimate(),
): Promise<unknown> {
  if (!(error instanceof DOMException && error.name === 'QuotaExceededError')) return error;
  const now = await estimate().catch((): StorageEstimateLike => ({}));
  return quotaError(name, size, (now.quota ?? 0) - (now.usage ?? 0));
}

/** OPFS `move` where the browser has it; else a copy under the final name. */
async function renameTo(dir: FileSystemDirectoryHandle, handle: FileSystemFileHandle, name: string): Promise<void> {
  const movable = handle as FileSystemFileHandle & { move?: (newName: string) => Promise<void> };
  if (movable.move) {
    await movable.move(name);
    return;
  }
  const target = await dir.getFileHandle(name, { create: true });
  const writable = await target.createWritable();
  await (await handle.getFile()).stream().pipeTo(writable);
  await dir.removeEntry(handle.name);
}

export async function removeStoredMedia(fingerprint: string): Promise<void> {
  await (await mediaDir()).removeEntry(fingerprint).catch(() => undefined);
}

/** Names of stored media files (complete copies only). */
export async function listStoredMedia(): Promise<string[]> {
  const names: string[] = [];
  for await (const name of ((await mediaDir()) as unknown as { keys(): AsyncIterable<string> }).keys()) if (!name.startsWith(PARTIAL_PREFIX)) names.push(name);
  return names;
}

/** Removes partial copies a closed tab left behind. Call at start-up, before any import runs. */
export async function removePartialCopies(): Promise<void> {
  const dir = await mediaDir();
  for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) {
    if (name.startsWith(PARTIAL_PREFIX)) await dir.removeEntry(name).catch(() => undefined);
  }
}
