import { SCAN_VERSION, type ContainerScan } from '../media/container-scan.ts';
import { getAnalysis, putAnalysis } from './library-db.ts';

/**
 * Container scans (container-scan.ts) kept beside the analysis cache, by content fingerprint and SCAN_VERSION, so a
 * file is read through once rather than at every open, and forgotten with its asset. Only a speed-up: a cache that
 * cannot be read or written (no IndexedDB, storage full) is passed over, never failing the open.
 */
const KIND = 'container-scan';

/** The scan kept for these bytes, unchecked (see scanOfTracks), or undefined. */
export async function keptScan(fingerprint: string): Promise<unknown> {
  return getAnalysis<unknown>(fingerprint, KIND, SCAN_VERSION).catch(() => undefined);
}

export async function keepScan(fingerprint: string, scan: ContainerScan): Promise<void> {
  await putAnalysis(fingerprint, KIND, SCAN_VERSION, scan).catch(() => undefined);
}
