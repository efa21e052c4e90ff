import { describe, expect, it } from 'vitest';
import { EXPORT_RECORD_FILE, exportsRoot, type ExportRecord } from '../media/output-file.ts';
import { deleteExport, exportEntries, listExportRecords, openExport, removeUnfinishedExports } from './export-library.ts';

async function write(dir: FileSystemDirectoryHandle, name: string, text: string): Promise<void> {
  const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
  await writable.write(text);
  await writable.close();
}

/** An export folder as `createOutputFile` leaves it: the file, and the record when finished. */
async function exportFolder(id: string, name: string, finished: boolean, createdAt = 1): Promise<ExportRecord> {
  const dir = await (await exportsRoot()).getDirectoryHandle(id, { create: true });
  await write(dir, name, 'movie bytes');
  const record: ExportRecord = { id, name, size: 11, mimeType: 'video/mp4', createdAt };
  if (finished) await write(dir, EXPORT_RECORD_FILE, JSON.stringify(record));
  return record;
}

// Other test files share this origin's OPFS: only this file's folders (lib-…) are looked at.
const mine = async () => (await exportEntries()).filter((name) => name.startsWith('lib-')).sort();
const myRecords = async () => (await listExportRecords()).filter((record) => record.id.startsWith('lib-'));

describe('exports library', () => {
  it('lists finished exports newest first, opens one only by its own name, and removes what never finished', async () => {
    for (const name of await mine()) await deleteExport(name);
    const older = await exportFolder('lib-older', 'a-edit.mp4', true, 1000);
    const newer = await exportFolder('lib-newer', 'b-edit.mp4', true, 2000);
    await exportFolder('lib-unfinished', 'c-edit.mp4', false);
    await write(await exportsRoot(), 'legacy.mp4', 'from before folders');

    expect(await myRecords()).toEqual([newer, older]);
    const opened = await openExport('lib-newer', 'b-edit.mp4');
    expect(opened?.record).toEqual(newer);
    expect(await opened?.file.text()).toBe('movie bytes');
    expect(await openExport('lib-newer', 'a-edit.mp4')).toBeNull();
    expect(await openExport('lib-unfinished', 'c-edit.mp4')).toBeNull();
    expect(await openExport('lib-gone', 'x.mp4')).toBeNull();

    await removeUnfinishedExports();
    expect(await mine()).toEqual(['lib-newer', 'lib-older']);
    expect(await exportEntries()).not.toContain('legacy.mp4');
    await deleteExport('lib-older');
    expect(await mine()).toEqual(['lib-newer']);
    expect(await myRecords()).toEqual([newer]);
    await deleteExport('lib-newer');
  });

  it('refuses a file whose size differs from its record (changed after it was finished)', async () => {
    const record = await exportFolder('lib-resized', 'r-edit.mp4', true);
    await write(await (await exportsRoot()).getDirectoryHandle(record.id), record.name, 'shorter');
    expect(await openExport(record.id, record.name)).toBeNull();
    await deleteExport(record.id);
  });

  it('is empty, and nothing fails, where the browser has no OPFS (WebKitGTK 2.50 without its Storage API)', async () => {
    Object.defineProperty(navigator, 'storage', { value: undefined, configurable: true });
    try {
      expect(await listExportRecords()).toEqual([]);
      await expect(removeUnfinishedExports()).resolves.toBeUndefined();
      expect(await openExport('lib-any', 'a.mp4')).toBeNull();
      await expect(deleteExport('lib-any')).resolves.toBeUndefined();
    } finally {
      delete (navigator as { storage?: unknown }).storage;
    }
    expect(typeof navigator.storage.getDirectory).toBe('function');
  });
});
