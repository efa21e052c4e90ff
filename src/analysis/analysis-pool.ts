import { proxy, wrap, type Remote } from 'comlink';
import type { AnalysisApi } from '../workers-api/analysis-api.ts';
import { getAnalysis, putAnalysis } from '../storage/library-db.ts';
import { ANALYSIS_VERSION } from './analysis-version.ts';
import type { AnalysisStage, AssetAnalysis } from './analyze-asset.ts';

export type { AssetAnalysis } from './analyze-asset.ts';

/** Thumbnails first (quick, shown at once), then the full decode passes. */
const JOBS: AnalysisStage[][] = [['thumbnails'], ['video', 'audio']];

interface Job {
  id: string;
  fingerprint: string;
  file: Blob;
  name: string;
  stages: AnalysisStage[];
  onProgress: (fraction: number) => void;
  resolve: (result: Partial<Record<AnalysisStage, AssetAnalysis>>) => void;
  reject: (error: unknown) => void;
}

const aborted = () => Object.assign(new Error('Analysis canceled.'), { name: 'AbortError' });

/**
 * Analysis workers (hardwareConcurrency − 1, at least one) fed from a queue,
 * in front of the IndexedDB cache: results are keyed by content fingerprint
 * and ANALYSIS_VERSION, so the same bytes — renamed, re-imported, or after a
 * reload — are never decoded again. `jobsStarted` lets tests prove it.
 */
export function createAnalysisPool(size = Math.max(1, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1)) {
  const workers: { worker: Worker; api: Remote<AnalysisApi>; busy: Job | null }[] = [];
  const queue: Job[] = [];
  let jobCounter = 0;
  let jobsStarted = 0;

  function pump(): void {
    while (queue.length > 0) {
      let slot = workers.find((w) => !w.busy);
      if (!slot && workers.length < size) {
        const worker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: `spool-analysis-${workers.length + 1}` });
        slot = { worker, api: wrap<AnalysisApi>(worker), busy: null };
        workers.push(slot);
      }
      if (!slot) return;
      const job = queue.shift()!;
      const current = slot;
      current.busy = job;
      jobsStarted++;
      current.api
        .analyze(job.id, job.file, job.name, job.fingerprint, job.stages, proxy(job.onProgress))
        .then(job.resolve, job.reject)
        .finally(() => {
          current.busy = null;
          pump();
        });
    }
  }

  function run(fingerprint: string, file: Blob, name: string, stages: AnalysisStage[], onProgress: (f: number) => void) {
    return new Promise<Partial<Record<AnalysisStage, AssetAnalysis>>>((resolve, reject) => {
      queue.push({ id: `job-${++jobCounter}`, fingerprint, file, name, stages, onProgress, resolve, reject });
      pump();
    });
  }

  return {
    get jobsStarted() {
      return jobsStarted;
    },

    /**
     * The asset's analysis: cached stages at once, missing ones computed (and
     * cached). `onUpdate` sees each step, and whether anything had to be computed.
     */
    async analyze(
      fingerprint: string,
      file: Blob,
      name: string,
      onUpdate: (analysis: AssetAnalysis, progress: number, computed: boolean) => void,
    ): Promise<AssetAnalysis> {
      let merged: AssetAnalysis = {};
      let computed = false;
      for (const [index, stages] of JOBS.entries()) {
        const missing: AnalysisStage[] = [];
        for (const stage of stages) {
          const cached = await getAnalysis<AssetAnalysis>(fingerprint, stage, ANALYSIS_VERSION);
          if (cached) merged = { ...merged, ...cached };
          else missing.push(stage);
        }
        if (missing.length > 0) {
          computed = true;
          const base = index / JOBS.length;
          // A job's own progress stops short of its end: done is said below, once its results are in (the bin said
          // "analysed" while Remove pauses still found no waveform).
          const results = await run(fingerprint, file, name, missing, (f) => onUpdate(merged, base + Math.min(f, 0.99) / JOBS.length, computed));
          for (const stage of missing) {
            const result = results[stage] ?? {};
            await putAnalysis(fingerprint, stage, ANALYSIS_VERSION, result);
            merged = { ...merged, ...result };
          }
        }
        onUpdate(merged, (index + 1) / JOBS.length, computed);
      }
      return merged;
    },

    /** Stops an asset's analysis (deleted from the bin): queued jobs are dropped, a running one stops at its next frame. */
    cancel(fingerprint: string): void {
      for (const job of queue.filter((j) => j.fingerprint === fingerprint)) {
        queue.splice(queue.indexOf(job), 1);
        job.reject(aborted());
      }
      for (const slot of workers) if (slot.busy?.fingerprint === fingerprint) void slot.api.cancel(slot.busy.id);
    },

    dispose(): void {
      for (const slot of workers) slot.worker.terminate();
      workers.length = 0;
    },
  };
}

export type AnalysisPool = ReturnType<typeof createAnalysisPool>;
