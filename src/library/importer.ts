import { UnsupportedMediaError } from '../media/errors.ts';
import { openMedia } from '../media/open-media.ts';
import { firstProblem, probeSource } from '../media/probe.ts';
import { fingerprintBlob } from '../storage/fingerprint.ts';
import { getAsset, putAsset, type LibraryAsset } from '../storage/library-db.ts';
import { explainStoreError, removeStoredMedia, storedMedia, storeMedia } from '../storage/media-store.ts';

export interface ImportProgress {
  stage: 'checking' | 'copying';
  fraction: number;
}

/**
 * Imports one file into the library: fingerprint, probe (a file this browser
 * cannot use is refused before a byte is stored), stream into OPFS (skipped
 * when the same bytes are already there), record in IndexedDB. Runs in the
 * library worker so the page never stalls on big files.
 */
export async function importFile(file: File, onProgress?: (progress: ImportProgress) => void): Promise<{ asset: LibraryAsset; alreadyStored: boolean }> {
  try {
    return await importChecked(file, onProgress);
  } catch (error) {
    // Storage full at any step (the database too) says the file does not fit, not the browser's words.
    throw await explainStoreError(error, file.name, file.size);
  }
}

async function importChecked(file: File, onProgress?: (progress: ImportProgress) => void): Promise<{ asset: LibraryAsset; alreadyStored: boolean }> {
  onProgress?.({ stage: 'checking', fraction: 0 });
  const fingerprint = await fingerprintBlob(file);
  const known = await getAsset(fingerprint);
  // The same bytes under any name are one asset: keep the first record, store nothing.
  if (known && (await storedMedia(fingerprint, known.size))) return { asset: known, alreadyStored: true };
  const source = await openMedia(file, file.name, fingerprint);
  const probe = await probeSource(source);
  const problem = firstProblem(probe);
  if (problem) throw new UnsupportedMediaError(problem);
  let lastReported = -1;
  const { alreadyStored } = await storeMedia(file, file.name, fingerprint, (fraction) => {
    // A progress message per percent, not per chunk.
    const percent = Math.floor(fraction * 100);
    if (percent !== lastReported) {
      lastReported = percent;
      onProgress?.({ stage: 'copying', fraction });
    }
  });
  const asset: LibraryAsset = { fingerprint, name: file.name, size: file.size, probe, addedAt: Date.now() };
  try {
    await putAsset(asset);
  } catch (error) {
    // A record that cannot be written leaves no bytes behind it either.
    if (!alreadyStored) await removeStoredMedia(fingerprint);
    throw error;
  }
  return { asset, alreadyStored };
}
