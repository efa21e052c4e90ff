import { describe, expect, it } from 'vitest';
import { listStoredMedia, removeStoredMedia, storeMedia, storedMedia } from './media-store.ts';
import { fingerprintBlob } from './fingerprint.ts';
import { fixtureFile } from '../test-support/fixtures.ts';

async function allMediaNames(): Promise<string[]> {
  const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('media', { create: true });
  const names: string[] = [];
  for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
  return names;
}

describe('media store (OPFS)', () => {
  it('streams a file in with progress, stores identical bytes once, and finds it again', async () => {
    const file = await fixtureFile('barcode');
    const fingerprint = await fingerprintBlob(file);
    await removeStoredMedia(fingerprint);
    const progress: number[] = [];
    const first = await storeMedia(file, file.name, fingerprint, (f) => progress.push(f));
    expect(first.alreadyStored).toBe(false);
    expect(first.file.size).toBe(file.size);
    expect(progress[progress.length - 1]).toBe(1);
    const again = await storeMedia(new File([file], 'renamed.mp4'), 'renamed.mp4', fingerprint, () => undefined);
    expect(again.alreadyStored).toBe(true);
    expect(await listStoredMedia()).toContain(fingerprint);
    expect(new Uint8Array(await (await storedMedia(fingerprint, file.size))!.arrayBuffer())).toEqual(new Uint8Array(await file.arrayBuffer()));
  });

  it('refuses a file larger than the storage left, with the sizes in the message, writing nothing', async () => {
    const file = await fixtureFile('barcode');
    const fingerprint = await fingerprintBlob(file);
    await removeStoredMedia(fingerprint);
    const before = await allMediaNames();
    const fullDisk = async () => ({ usage: 9_000_000, quota: 10_000_000 });
    await expect(storeMedia(file, 'big.mp4', fingerprint, () => undefined, fullDisk)).rejects.toMatchObject({
      name: 'StorageQuotaError',
      message: '"big.mp4" (1.0 MB) does not fit: only 0.1 MB of this browser\'s storage is free for Spool. Delete media or exports you no longer need, or free disk space, then import it again.',
    });
    expect(await allMediaNames()).toEqual(before);
  });

  it('removes a partial copy when the source fails mid-stream', async () => {
    const before = await allMediaNames();
    const failing = new Blob([new Uint8Array(10)]);
    Object.defineProperty(failing, 'stream', {
      value: () => new ReadableStream({ pull: (controller) => controller.error(new Error('the disk went away')) }),
    });
    await expect(storeMedia(failing, 'x.mp4', 'fp-test-failing', () => undefined)).rejects.toThrow('the disk went away');
    expect(await allMediaNames()).toEqual(before);
  });

  it('says the file does not fit when the browser refuses even to create its entry (the estimate had said there was room)', async () => {
    const file = await fixtureFile('barcode');
    const fingerprint = await fingerprintBlob(file);
    await removeStoredMedia(fingerprint);
    const before = await allMediaNames();
    const original = FileSystemDirectoryHandle.prototype.getFileHandle;
    FileSystemDirectoryHandle.prototype.getFileHandle = function (name, options) {
      if (options?.create && name.startsWith('.partial-')) return Promise.reject(new DOMException('The operation failed because it would cause the application to exceed its storage quota.', 'QuotaExceededError'));
      return original.call(this, name, options);
    };
    try {
      // Room before the copy, none when the browser refuses it.
      const estimates = [{ usage: 0, quota: 10_000_000 }, { usage: 9_500_000, quota: 10_000_000 }];
      const estimate = async () => estimates.shift() ?? { usage: 9_500_000, quota: 10_000_000 };
      await expect(storeMedia(file, 'big.mp4', fingerprint, () => undefined, estimate)).rejects.toMatchObject({ name: 'StorageQuotaError', message: expect.stringMatching(/^"big\.mp4" \(1\.0 MB\) does not fit: only 0\.5 MB/) });
    } finally {
      FileSystemDirectoryHandle.prototype.getFileHandle = original;
    }
    expect(await allMediaNames()).toEqual(before);
  });
});
