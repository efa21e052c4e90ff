import type { WriteAt } from './export-muxer.ts';
import { writeFully } from './sync-write.ts';
import type { PatchableFile } from './mp4-edit-list.ts';

/**
 * A finished export kept in OPFS as `exports/<id>/<name>` beside `record.json`
 * (this record). The record is written last, so a folder without one is an
 * export that never finished: the library ignores it and start-up removes it.
 */
export interface ExportRecord {
  id: string;
  name: string;
  size: number;
  mimeType: string;
  /** Milliseconds since the epoch, when the file was complete. */
  createdAt: number;
}

/** Where a finished export lives: an OPFS file (the usual case) or, where OPFS sync access is missing, a Blob. */
export type OutputResult = { kind: 'opfs'; record: ExportRecord; size: number } | { kind: 'blob'; blob: Blob; size: number };

export const EXPORTS_DIR = 'exports';
export const EXPORT_RECORD_FILE = 'record.json';

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

export async function exportsRoot(): Promise<FileSystemDirectoryHandle> {
  return (await navigator.storage.getDirectory()).getDirectoryHandle(EXPORTS_DIR, { create: true });
}

async function writeRecord(dir: FileSystemDirectoryHandle, record: ExportRecord): Promise<void> {
  const handle: WorkerFileHandle = await dir.getFileHandle(EXPORT_RECORD_FILE, { create: true });
  const access = await handle.createSyncAccessHandle!();
  writeFully(access, new TextEncoder().encode(JSON.stringify(record)), 0);
  access.flush();
  access.close();
}

/** Opens `exports/<id>/<name>` for writing; `id` must be unique (a job id). */
export async function createOutputFile(id: string, name: string, mimeType: string, onWrite: (ms: number) => void): Promise<OutputFile> {
  const root = await exportsRoot().catch(() => null);
  const dir = root ? await root.getDirectoryHandle(id, { create: true }).catch(() => null) : null;
  const fileHandle: WorkerFileHandle | null = dir ? await dir.getFileHandle(name, { create: true }).catch(() => null) : null;
  // Sync access handles exist only in workers; elsewhere the in-memory target below is used.
  const access = fileHandle && fileHandle.createSyncAccessHandle ? await fileHandle.createSyncAccessHandle().catch(() => null) : null;
  const removeFolder = () => root!.removeEntry(id, { recursive: true }).catch(() => undefined);
  let size = 0;
  if (dir && access) {
    access.truncate(0);
    // The record goes last: none may stand for a file still being written (a reused id).
    await dir.removeEntry(EXPORT_RECORD_FILE).catch(() => undefined);
    return {
      write(data, position) {
        const start = performance.now();
        writeFully(access, data, position);
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
        const record: ExportRecord = { id, name, size, mimeType, createdAt: Date.now() };
        await writeRecord(dir, record);
        return { kind: 'opfs', record, size };
      },
      async discard() {
        try {
          access.close();
        } catch {
          // already closed
        }
        await removeFolder();
      },
    };
  }
  // No OPFS sync access (some WebKit builds): gather parts and patch positions in memory.
  if (dir) await removeFolder();
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

/** A kept export's file (disk-backed: reading it streams from disk), or null when it is gone. */
export async function storedExportFile(id: string, name: string): Promise<File | null> {
  try {
    return await (await (await (await exportsRoot()).getDirectoryHandle(id)).getFileHandle(name)).getFile();
  } catch {
    return null;
  }
}

/** The finished export as a File. */
export async function exportedFile(output: OutputResult): Promise<File> {
  if (output.kind === 'blob') return new File([output.blob], 'export', { type: output.blob.type });
  const file = await storedExportFile(output.record.id, output.record.name);
  if (!file) throw new Error(`the export "${output.record.name}" is no longer in browser storage`);
  return file;
}
