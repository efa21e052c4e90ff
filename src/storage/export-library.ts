import { EXPORT_RECORD_FILE, exportsRoot, storedExportFile, type ExportRecord } from '../media/output-file.ts';

/**
 * The exports library: every finished export, kept in OPFS until deleted
 * (written by `createOutputFile`). Read by the page (the library panel) and by
 * the service worker, which serves `/exports/<id>/<name>` from here.
 */
type Entries = AsyncIterable<[string, FileSystemHandle]>;
const entriesOf = (dir: FileSystemDirectoryHandle) => (dir as unknown as { entries(): Entries }).entries();

/** The exports folder, or null where the browser has no OPFS (WebKitGTK without its Storage API): then nothing is kept. */
const exportsFolder = async (): Promise<FileSystemDirectoryHandle | null> => (typeof navigator.storage?.getDirectory === 'function' ? exportsRoot() : null);

async function readRecord(dir: FileSystemDirectoryHandle): Promise<ExportRecord | null> {
  try {
    const record = JSON.parse(await (await (await dir.getFileHandle(EXPORT_RECORD_FILE)).getFile()).text()) as ExportRecord;
    return record.id === dir.name ? record : null;
  } catch {
    return null;
  }
}

/** Finished exports, newest first. */
export async function listExportRecords(): Promise<ExportRecord[]> {
  const records: ExportRecord[] = [];
  const root = await exportsFolder();
  if (!root) return records;
  for await (const [, handle] of entriesOf(root)) {
    const record = handle.kind === 'directory' ? await readRecord(handle as FileSystemDirectoryHandle) : null;
    if (record) records.push(record);
  }
  return records.sort((a, b) => b.createdAt - a.createdAt);
}

/** A finished export's record and file, when `name` is its file's name; null for anything else (unfinished, deleted, wrong name). */
export async function openExport(id: string, name: string): Promise<{ record: ExportRecord; file: File } | null> {
  const dir = (await (await exportsFolder())?.getDirectoryHandle(id).catch(() => null)) ?? null;
  const record = dir && (await readRecord(dir));
  if (!record || record.name !== name) return null;
  const file = await storedExportFile(id, name);
  return file && file.size === record.size ? { record, file } : null;
}

export async function deleteExport(id: string): Promise<void> {
  await (await exportsFolder())?.removeEntry(id, { recursive: true }).catch(() => undefined);
}

/** Everything in the exports folder, finished or not (tests prove a failed export left nothing). */
export async function exportEntries(): Promise<string[]> {
  const names: string[] = [];
  const root = await exportsFolder();
  if (root) for await (const [name] of entriesOf(root)) names.push(name);
  return names;
}

/**
 * Removes what an export that never finished left (a tab closed mid-export)
 * and files from before the library had folders. An export still being written
 * is locked by its sync access handle, so its removal fails and it is kept.
 */
export async function removeUnfinishedExports(): Promise<void> {
  const root = await exportsFolder();
  if (!root) return;
  for await (const [name, handle] of entriesOf(root)) {
    if (handle.kind === 'file' || !(await readRecord(handle as FileSystemDirectoryHandle))) await root.removeEntry(name, { recursive: true }).catch(() => undefined);
  }
}
