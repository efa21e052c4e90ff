import { createSignal } from 'solid-js';
import { proxy, type Remote } from 'comlink';
import type { AssetId } from '../model/ids.ts';
import type { ProbeResult } from '../media/probe.ts';
import { describeError } from '../media/errors.ts';
import type { ImportProgress } from '../library/importer.ts';
import { allAssets, deleteAsset, putAsset, type LibraryAsset } from '../storage/library-db.ts';
import { removePartialCopies, removeStoredMedia, storedMedia } from '../storage/media-store.ts';
import type { EngineApi } from '../workers-api/engine-api.ts';
import type { LibraryApi } from '../workers-api/library-api.ts';
import type { AssetAnalysis, AnalysisPool } from '../analysis/analysis-pool.ts';

/** One row of the media bin: a file being imported, a usable asset, or a file that could not be used. */
export interface LibraryRow {
  key: string;
  name: string;
  status: 'queued' | 'importing' | 'ready' | 'failed';
  progress: number;
  message?: string;
  notice?: string;
  asset?: LibraryAsset;
  analysisProgress?: number;
  analysis?: AssetAnalysis;
  /** True once any analysis of this asset had to be computed (false: all from the cache). */
  analysisComputed?: boolean;
  /** Analysis stopped with an error (the notice says which): nothing more will come. */
  analysisFailed?: boolean;
}

/** Browser storage: bytes used and allowed, and whether the browser promised not to evict it. */
export interface StorageState {
  usage: number;
  quota: number;
  persisted: boolean;
}

export const assetIdOf = (fingerprint: string): AssetId => `asset:${fingerprint}`;

/**
 * The media bin's state and verbs. Rows for bad files stay with their message
 * while every other file in the same drop imports; nothing about a bad file is
 * stored. Bytes live in OPFS and rows in IndexedDB, so all of it is back after
 * a reload, and analysis comes from its cache.
 */
/** Why an asset's media must stay (a project uses it), in words; null when it may go. */
export type InUse = (id: AssetId, name: string) => Promise<string | null>;

export function createLibrary(engine: Remote<EngineApi>, library: Remote<LibraryApi>, analysis: AnalysisPool, inUse: InUse) {
  const [rows, setRows] = createSignal<LibraryRow[]>([]);
  const [storage, setStorage] = createSignal<StorageState | null>(null);
  let rowCounter = 0;

  const update = (key: string, change: Partial<LibraryRow>) => setRows(rows().map((row) => (row.key === key ? { ...row, ...change } : row)));

  async function refreshStorage(): Promise<void> {
    const estimate = await navigator.storage?.estimate?.().catch(() => null);
    const persisted = (await navigator.storage?.persisted?.().catch(() => false)) ?? false;
    if (estimate) setStorage({ usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted });
  }

  let persistAsked = false;
  /**
   * At the first import, asks that the browser never evict Spool's storage
   * under pressure (media, projects and exports live only there). Browsers
   * grant it by their own rules (installed, bookmarked, used often).
   */
  async function askToPersist(): Promise<void> {
    if (persistAsked) return;
    persistAsked = true;
    if (!(await navigator.storage?.persisted?.().catch(() => true))) await navigator.storage?.persist?.().catch(() => false);
  }

  /** Opens a stored asset in the engine, then analyses it (or reads the cache) in the background. */
  async function activate(key: string, asset: LibraryAsset): Promise<void> {
    const file = await storedMedia(asset.fingerprint, asset.size);
    if (!file) {
      update(key, { status: 'failed', message: `The stored copy of "${asset.name}" is missing (browser storage was cleared?). Import the file again.` });
      return;
    }
    let probe: ProbeResult;
    try {
      probe = await engine.addAsset(assetIdOf(asset.fingerprint), file, asset.name, asset.fingerprint);
    } catch (error) {
      update(key, { status: 'failed', message: describeError(error) });
      return;
    }
    // The file is read afresh each time it opens: what Spool has learnt to read since the import (a kind of sound, a
    // notice) replaces the record made then, which would otherwise say so for ever.
    if (JSON.stringify(probe) !== JSON.stringify(asset.probe)) {
      asset = { ...asset, probe };
      await putAsset(asset).catch(() => undefined);
    }
    // The probe's notice (sound or tracks left out) is the row's on every open, so a reload keeps it.
    update(key, { status: 'ready', progress: 1, asset, analysisProgress: 0, ...(probe.notice ? { notice: probe.notice } : {}) });
    // Not awaited: the library (and editing) is ready before analysis is.
    analysis
      .analyze(asset.fingerprint, file, asset.name, (result, progress, computed) => update(key, { analysis: result, analysisProgress: progress, analysisComputed: computed }))
      .catch((error: unknown) => {
        if (!(error instanceof Error && error.name === 'AbortError')) update(key, { notice: `Analysis failed: ${describeError(error)}`, analysisFailed: true });
      });
  }

  let loading: Promise<void> = Promise.resolve();

  /** Restores the library from IndexedDB and OPFS (after a reload, or offline). Imports wait for it. */
  function load(): Promise<void> {
    loading = restoreRows();
    return loading;
  }

  async function restoreRows(): Promise<void> {
    await removePartialCopies(() => void refreshStorage());
    const assets = await allAssets();
    setRows(assets.map((asset) => ({ key: asset.fingerprint, name: asset.name, status: 'importing' as const, progress: 1, asset })));
    await Promise.all(assets.map((asset) => activate(asset.fingerprint, asset)));
    await refreshStorage();
  }

  /** Imports files one after another; each gets its own row and its own outcome. Resolves with the assets that imported. */
  async function importFiles(files: readonly File[]): Promise<LibraryAsset[]> {
    // Restored rows first: an import racing the restore would be shown (and analysed) twice.
    await loading.catch(() => undefined);
    await askToPersist();
    const queued = files.map((file) => ({ key: `row-${++rowCounter}`, file }));
    setRows([...rows(), ...queued.map(({ key, file }) => ({ key, name: file.name, status: 'queued' as const, progress: 0 }))]);
    const imported: LibraryAsset[] = [];
    for (const { key, file } of queued) {
      update(key, { status: 'importing' });
      try {
        const { asset } = await library.importFile(file, proxy((p: ImportProgress) => update(key, { progress: p.stage === 'copying' ? p.fraction : 0 })));
        const duplicate = rows().find((row) => row.key !== key && row.asset?.fingerprint === asset.fingerprint);
        if (duplicate) {
          // Same bytes as a file already here (perhaps renamed): one row, one copy.
          setRows(rows().filter((row) => row.key !== key));
          if (file.name !== duplicate.name) update(duplicate.key, { notice: `"${file.name}" has the same contents as "${duplicate.name}", which is already here.` });
          imported.push(duplicate.asset!);
          continue;
        }
        update(key, { key: asset.fingerprint, asset });
        imported.push(asset);
        await activate(asset.fingerprint, asset);
      } catch (error) {
        update(key, { status: 'failed', message: describeError(error) });
      }
    }
    await refreshStorage();
    return imported;
  }

  /** Removes an asset, its bytes and its analysis; refused while the timeline uses it. */
  async function remove(row: LibraryRow): Promise<string | null> {
    const asset = row.asset;
    if (!asset) {
      setRows(rows().filter((r) => r.key !== row.key));
      return null;
    }
    const id = assetIdOf(asset.fingerprint);
    const refusal = await inUse(id, asset.name);
    if (refusal) return refusal;
    analysis.cancel(asset.fingerprint);
    await engine.removeAsset(id);
    await deleteAsset(asset.fingerprint);
    await removeStoredMedia(asset.fingerprint);
    setRows(rows().filter((r) => r.key !== row.key));
    await refreshStorage();
    return null;
  }

  const probeOf = (id: AssetId): ProbeResult | undefined => rows().find((row) => row.asset && assetIdOf(row.asset.fingerprint) === id)?.asset?.probe;

  return { rows, storage, refreshStorage, load, importFiles, remove, probeOf };
}

export type Library = ReturnType<typeof createLibrary>;
