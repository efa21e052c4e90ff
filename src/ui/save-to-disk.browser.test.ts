import { afterEach, describe, expect, test } from 'vitest';
import { canSaveToDisk, saveToDisk } from './save-to-disk.ts';

/**
 * The picker itself cannot be clicked in a test, so it is replaced by one that
 * "picks" a real OPFS file: the handle, its writable stream and the commit on
 * close are the browser's own.
 */
const scope = globalThis as { showSaveFilePicker?: unknown };
const NAME = 'save-to-disk-test.mp4';

async function pickedHandle(): Promise<FileSystemFileHandle> {
  return (await navigator.storage.getDirectory()).getFileHandle(NAME, { create: true });
}

async function savedBytes(): Promise<Uint8Array> {
  return new Uint8Array(await (await (await pickedHandle()).getFile()).arrayBuffer());
}

afterEach(async () => {
  delete scope.showSaveFilePicker;
  await (await navigator.storage.getDirectory()).removeEntry(NAME).catch(() => undefined);
});

describe('saveToDisk', () => {
  test('streams the export into the picked file, byte for byte', async () => {
    const bytes = new Uint8Array(3_000_000).map((_, i) => (i * 31) & 255);
    let asked: { suggestedName: string; types?: { accept: Record<string, string[]> }[] } | undefined;
    scope.showSaveFilePicker = async (options: typeof asked) => ((asked = options), pickedHandle());
    expect(canSaveToDisk()).toBe(true);
    expect(await saveToDisk(new Blob([bytes], { type: 'video/mp4' }), 'edit.mp4')).toBe('saved');
    expect(asked?.suggestedName).toBe('edit.mp4');
    expect(asked?.types?.[0]?.accept).toEqual({ 'video/mp4': ['.mp4'] });
    expect(await savedBytes()).toEqual(bytes);
  });

  test('a cancelled picker is not an error and writes nothing', async () => {
    scope.showSaveFilePicker = () => Promise.reject(new DOMException('The user aborted a request.', 'AbortError'));
    expect(await saveToDisk(new Blob([new Uint8Array(10)]), 'edit.mp4')).toBe('cancelled');
  });

  test('a read that fails midway leaves the picked file as it was (no half file)', async () => {
    const before = new Uint8Array([1, 2, 3]);
    const writable = await (await pickedHandle()).createWritable();
    await writable.write(before);
    await writable.close();
    scope.showSaveFilePicker = pickedHandle;
    let sent = 0;
    const failing = {
      type: 'video/mp4',
      stream: () =>
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent++ < 3) controller.enqueue(new Uint8Array(1_000_000));
            else controller.error(new Error('disk read failed'));
          },
        }),
    } as unknown as Blob;
    await expect(saveToDisk(failing, 'edit.mp4')).rejects.toThrow('disk read failed');
    expect(await savedBytes()).toEqual(before);
  });

  test('without the File System Access picker it says so', async () => {
    scope.showSaveFilePicker = undefined; // shadows a native one, if this browser has it
    expect(canSaveToDisk()).toBe(false);
    await expect(saveToDisk(new Blob([]), 'edit.mp4')).rejects.toThrow('Download');
  });
});
