import { proxy } from 'comlink';
import type { AssetId } from '../model/ids.ts';
import type { Project } from '../model/project.ts';
import type { RendererChoice } from '../media/compositor/frame-compositor.ts';
import type { ExportProgress } from '../engine/export-types.ts';
import type { YardstickTarget } from './mediabunny-bench.ts';
import { startEngine } from '../workers-api/engine-client.ts';
import { exportedFile, type OutputResult } from '../media/output-file.ts';
import { deleteExport } from '../storage/export-library.ts';
import { downloadFile } from './download-file.ts';
import { describeError } from '../media/errors.ts';
import { createAnalysisPool } from '../analysis/analysis-pool.ts';
import { fingerprintBlob } from '../storage/fingerprint.ts';
import { deleteAsset } from '../storage/library-db.ts';

/** Every bridge call answers with data or a plain error record, so the CLI prints the message as is. */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; name: string; message: string };

async function settle<T>(work: () => Promise<T>): Promise<BridgeResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, name: error instanceof Error ? error.name : 'Error', message: describeError(error) };
  }
}

declare global {
  interface Window {
    spool?: ReturnType<typeof makeBridge>;
    spoolProgress?: (progress: ExportProgress) => void;
  }
}

/**
 * The command line's way in: the CLI serves the built app, opens `/?cli` in
 * headless Chromium, puts files into the hidden input by path (disk-backed,
 * never copied into memory) and calls these. Same engine, same worker, same
 * code as the UI.
 */
function makeBridge(input: HTMLInputElement) {
  const { engine } = startEngine();
  let analysisPool: ReturnType<typeof createAnalysisPool> | undefined;
  const file = (index: number) => {
    const picked = input.files?.[index];
    if (!picked) throw new TypeError(`no file at input index ${index}`);
    return picked;
  };
  return {
    probe: (index: number) => settle(() => engine.probe(file(index), file(index).name)),
    setRenderer: (choice: RendererChoice) => settle(() => engine.setRenderer(choice)),
    addAsset: (assetId: AssetId, index: number) => settle(() => engine.addAsset(assetId, file(index), file(index).name)),
    render: (project: Project, jobId: string) =>
      settle(() => engine.exportProject(project, jobId, proxy((progress: ExportProgress) => window.spoolProgress?.(progress)))),
    /** Hands the finished file to the browser's download machinery, which the CLI saves to the output path. */
    download: (output: OutputResult, fileName: string) => settle(async () => downloadFile(await exportedFile(output), fileName)),
    deleteExport: (id: string) => settle(() => deleteExport(id)),
    /** `spool bench`: real-time playback of a two-layer project made of file `index`, for `seconds`. */
    benchPreview: (index: number, seconds: number, box: { width: number; height: number } | null) =>
      settle(async () => (await import('./preview-bench.ts')).benchPreview(engine, file(index), seconds, box)),
    /** `spool bench`: Mediabunny transcoding file `index` (the yardstick Spool's export is compared with). */
    mediabunnyTranscode: (index: number, bitrate: number, into: YardstickTarget) => settle(async () => (await import('./mediabunny-bench.ts')).mediabunnyTranscode(file(index), bitrate, into)),
    /** `spool bench`: Mediabunny joining every file set, in order, by packet copy or (a bitrate given) re-encoding the picture: the yardsticks for Spool's joins. */
    mediabunnyJoin: (into: YardstickTarget, videoBitrate?: number) => settle(async () => (await import('./mediabunny-bench.ts')).mediabunnyJoin([...(input.files ?? [])], into, videoBitrate)),
    /** `spool bench`: file `index`'s picture decoded and encoded with nothing else (the platform's own cost of a transcode). */
    ceiling: (index: number, bitrate: number, codec: string) => settle(async () => (await import('./ceiling-bench.ts')).decodeEncodeCeiling(file(index), bitrate, codec)),
    /** `spool bench`: PSNR of file `b` (an export) against file `a` (its source) at the given times. */
    psnrAt: (a: number, b: number, timesUs: number[]) => settle(async () => (await import('./psnr-bench.ts')).psnrAt(file(a), file(b), timesUs)),
    /** `spool bench`: editing a 500-clip hour on the real timeline component. */
    benchEditing: () => settle(async () => (await import('./editing-bench.tsx')).benchEditing()),
    /** Analyses a file from scratch (its cache cleared first), for `spool bench`: wall time and what was found. */
    analyze: (index: number) =>
      settle(async () => {
        analysisPool ??= createAnalysisPool();
        const picked = file(index);
        const fingerprint = await fingerprintBlob(picked);
        await deleteAsset(fingerprint);
        const started = performance.now();
        const result = await analysisPool.analyze(fingerprint, picked, picked.name, () => undefined);
        return {
          ms: performance.now() - started,
          thumbnails: result.thumbnails?.length ?? 0,
          sceneCuts: result.sceneCuts?.length ?? 0,
          loudnessLufs: result.loudnessLufs ?? null,
        };
      }),
  };
}

export function installCliBridge(): void {
  const input = Object.assign(document.createElement('input'), { type: 'file', multiple: true, id: 'cli-files', hidden: true });
  document.body.append(input);
  window.spool = makeBridge(input);
}
