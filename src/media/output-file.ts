import type { WriteAt } from './export-muxer.ts';
import type { PatchableFile } from './mp4-edit-list.ts';

/** Where a finished export lives: an OPFS file (the usual case) or, where OPFS sync access is missing, a Blob. */
export type OutputResult = { kind: 'opfs'; path: string; size: number } | { kind: 'blob'; blob: Blob; size: number };

export const EXPORTS_DIR = 'exports';

/**
 * Where a muxer's bytes go as they are produced: an OPFS file through a sync
 * access handle (positional writes for the header patch-ups), so a long export
 * never sits in memory. `discard` removes every trace of a failed or canceled
 * export.
 */
export interface OutputFile extends PatchableFile {
  readonly write: WriteAt;
  finish(): Promise<OutputResult>;
  discard(): Promise<void>;
}

/** The worker-only OPFS handle (absent from the DOM typings). */
interface SyncAccessHandle {
  read(data: ArrayBufferView, options: { at: number }): number;
  write(data: ArrayBufferView, options: { at: number }): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
}
type WorkerFileHandle = FileSystemFileHandle & { createSyncAccessHandle?: () => Promise<SyncAccessHandle> };

async function exportsDir(): Promise<FileSystemDirectoryHandle | null> {
  try {
    const root = await navigator.storage.getDirectory();
    return await root.getDirectoryHandle(EXPORTS_DIR, { create: true });
  } catch {
    return null;
  }
}

export async function createOutputFile(name: string, mimeType: string, onWrite: (ms: number) => void): Promise<OutputFile> {
  const dir = await exportsDir();
  const fileHandle: WorkerFileHandle | null = dir ? await dir.getFileHandle(name, { create: true }).catch(() => null) : null;
  // Sync access handles exist only in workers; elsewhere the in-memory target below is used.
  const access = fileHandle && fileHandle.createSyncAccessHandle ? await fileHandle.createSyncAccessHandle().catch(() => null) : null;
  let size = 0;
  if (dir && access) {
    access.truncate(0);
    return {
      write(data, position) {
        const start = performance.now();
        access.write(data, { at: position });
        size = Math.max(size, position + data.byteLength);
        onWrite(performance.now() - start);
      },
      get size() {
        return size;
      },
      read(position, length) {
        const bytes = new Uint8Array(length);
        access.read(bytes, { at: position });
        return bytes;
      },
      async finish() {
        access.flush();
        access.close();
        return { kind: 'opfs', path: `${EXPORTS_DIR}/${name}`, size };
      },
      async discard() {
        try {
          access.close();
        } catch {
          // already closed
        }
        await dir.removeEntry(name).catch(() => undefined);
      },
    };
  }
  // No OPFS sync access (some WebKit builds): gather parts and patch positions in memory.
  if (dir && fileHandle) await dir.removeEntry(name).catch(() => undefined);
  const parts: { data: Uint8Array; position: number }[] = [];
  const gather = () => {
    const bytes = new Uint8Array(size);
    for (const part of parts) bytes.set(part.data, part.position);
    return bytes;
  };
  return {
    write(data, position) {
      parts.push({ data: data.slice(), position });
      size = Math.max(size, position + data.byteLength);
    },
    get size() {
      return size;
    },
    read(position, length) {
      return gather().subarray(position, position + length);
    },
    async finish() {
      const bytes = gather();
      return { kind: 'blob', blob: new Blob([bytes], { type: mimeType }), size };
    },
    async discard() {
      parts.length = 0;
    },
  };
}

/** The finished export as a File (disk-backed for OPFS: reading it streams from disk). */
export async function exportedFile(output: OutputResult): Promise<File> {
  if (output.kind === 'blob') return new File([output.blob], 'export', { type: output.blob.type });
  let dir = await navigator.storage.getDirectory();
  const parts = output.path.split('/');
  for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
  return (await dir.getFileHandle(parts[parts.length - 1]!)).getFile();
}

/** Deletes a finished export from OPFS (after it was downloaded, or when a newer one replaces it). */
export async function removeExport(path: string): Promise<void> {
  const dir = await exportsDir();
  const name = path.startsWith(`${EXPORTS_DIR}/`) ? path.slice(EXPORTS_DIR.length + 1) : path;
  await dir?.removeEntry(name).catch(() => undefined);
}

/** Names of files in the exports folder (tests use it to prove a canceled export left nothing). */
export async function listExports(): Promise<string[]> {
  const dir = await exportsDir();
  const names: string[] = [];
  if (!dir) return names;
  for await (const key of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(key);
  return names;
}
