import { afterEach, describe, expect, it } from 'vitest';
import { listStoredMedia, removePartialCopies, removeStoredMedia, storeMedia, storedMedia } from './media-store.ts';
import { fingerprintBlob } from './fingerprint.ts';
import { fixtureFile } from '../test-support/fixtures.ts';
import { getMediaBlob } from './library-db.ts';

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

  it('leaves a copy still being written at start-up (the worker of a page just reloaded runs on), and removes it once its writer is gone', async () => {
    // A worker copying a file whose bytes stop coming: as a reloaded page's library worker, mid-import.
    const moduleUrl = new URL('./media-store.ts', import.meta.url).href;
    const script = `
      import { storeMedia } from ${JSON.stringify(moduleUrl)};
      const stalled = new Blob([new Uint8Array(1000)]);
      Object.defineProperty(stalled, 'stream', { value: () => new ReadableStream({ start: (c) => c.enqueue(new Uint8Array(10)) }) });
      storeMedia(stalled, 'x.mp4', 'fp-test-stalled', () => postMessage('writing'));`;
    const worker = new Worker(URL.createObjectURL(new Blob([script], { type: 'text/javascript' })), { type: 'module' });
    const before = await allMediaNames();
    try {
      await new Promise((writing) => (worker.onmessage = writing));
      const partial = (await allMediaNames()).find((name) => !before.includes(name));
      expect(partial).toMatch(/^\.partial-fp-test-stalled-/);
      let removedLater = false;
      await removePartialCopies(() => (removedLater = true));
      expect(await allMediaNames()).toContain(partial);
      worker.terminate();
      await expect.poll(allMediaNames).toEqual(before);
      expect(removedLater).toBe(true); // so the storage shown can be brought up to date
    } finally {
      worker.terminate();
    }
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

  describe('as WebKitGTK 2.50 offers OPFS', () => {
    const proto = FileSystemFileHandle.prototype as FileSystemFileHandle & Record<string, unknown>;
    const saved = new Map<string, PropertyDescriptor | undefined>();
    /** Replaces a FileSystemFileHandle method for one test (undefined: the browser has none). */
    const patch = (name: string, value: unknown) => {
      if (!saved.has(name)) saved.set(name, Object.getOwnPropertyDescriptor(proto, name));
      Object.defineProperty(proto, name, { value, configurable: true, writable: true });
    };
    afterEach(() => {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(proto, name, descriptor);
        else delete proto[name];
      }
      saved.clear();
    });

    async function storesAndFinds(): Promise<void> {
      const file = await fixtureFile('barcode');
      const fingerprint = await fingerprintBlob(file);
      await removeStoredMedia(fingerprint);
      const before = await allMediaNames();
      const stored = await storeMedia(file, file.name, fingerprint, () => undefined);
      expect(stored.alreadyStored).toBe(false);
      expect(new Uint8Array(await (await storedMedia(fingerprint, file.size))!.arrayBuffer())).toEqual(new Uint8Array(await file.arrayBuffer()));
      // No partial copy stays behind.
      expect((await allMediaNames()).filter((name) => !before.includes(name) && name !== fingerprint)).toEqual([]);
      await removeStoredMedia(fingerprint);
      expect(await storedMedia(fingerprint)).toBeNull();
    }

    it('streams through createWritable where createSyncAccessHandle refuses (NotSupportedError), and the refused path then refuses streams too', async () => {
      const refused = new Set<string>();
      const createWritable = proto.createWritable;
      patch('createSyncAccessHandle', function (this: FileSystemFileHandle) {
        refused.add(this.name);
        return Promise.reject(new DOMException('Backend does not support this operation', 'NotSupportedError'));
      });
      patch('createWritable', function (this: FileSystemFileHandle, ...rest: unknown[]) {
        if (refused.has(this.name)) return Promise.reject(new DOMException('The object is in an invalid state.', 'InvalidStateError'));
        return (createWritable as (...a: unknown[]) => Promise<FileSystemWritableFileStream>).apply(this, rest);
      });
      await storesAndFinds();
      expect(refused.size).toBe(1);
    });

    it('renames with move(directory, name) where move(name) alone is refused ("Not enough arguments")', async () => {
      const move = (proto as unknown as { move: (...a: unknown[]) => Promise<void> }).move;
      const calls: number[] = [];
      patch('move', function (this: FileSystemFileHandle, ...rest: unknown[]) {
        calls.push(rest.length);
        if (rest.length < 2) return Promise.reject(new TypeError('Not enough arguments'));
        return move.apply(this, rest);
      });
      await storesAndFinds();
      expect(calls).toEqual([2]);
    });

    it('keeps the file in IndexedDB where OPFS has no writer at all (neither createSyncAccessHandle nor createWritable)', async () => {
      patch('createWritable', undefined);
      const file = await fixtureFile('barcode');
      const fingerprint = await fingerprintBlob(file);
      await storesAndFinds();
      expect(await getMediaBlob(fingerprint)).toBeUndefined();
      const progress: number[] = [];
      await storeMedia(file, file.name, fingerprint, (f) => progress.push(f));
      expect(progress).toEqual([1]);
      expect(await listStoredMedia()).toContain(fingerprint);
      expect((await getMediaBlob(fingerprint))?.size).toBe(file.size);
      expect(await allMediaNames()).not.toContain(fingerprint);
      await removeStoredMedia(fingerprint);
      expect(await getMediaBlob(fingerprint)).toBeUndefined();
    });
  });

  it('keeps the file in IndexedDB where the browser has no OPFS at all (WebKitGTK 2.50 without its Storage API)', async () => {
    const file = await fixtureFile('barcode');
    const fingerprint = await fingerprintBlob(file);
    await removeStoredMedia(fingerprint);
    Object.defineProperty(navigator, 'storage', { value: undefined, configurable: true });
    try {
      await expect(removePartialCopies()).resolves.toBeUndefined();
      expect((await storeMedia(file, file.name, fingerprint, () => undefined)).alreadyStored).toBe(false);
      expect((await storedMedia(fingerprint, file.size))?.size).toBe(file.size);
      expect(await listStoredMedia()).toEqual(expect.arrayContaining([fingerprint]));
      await removeStoredMedia(fingerprint);
      expect(await storedMedia(fingerprint)).toBeNull();
    } finally {
      delete (navigator as { storage?: unknown }).storage;
    }
  });
});
