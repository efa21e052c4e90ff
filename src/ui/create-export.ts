import { createEffect, createResource, createSignal, on } from 'solid-js';
import { proxy, type Remote } from 'comlink';
import type { Project, VideoCodecChoice } from '../model/project.ts';
import { exportFileName } from '../model/output-format.ts';
import type { ExportProgress, ExportStats } from '../engine/export-types.ts';
import type { EngineApi } from '../workers-api/engine-api.ts';
import { describeError } from '../media/errors.ts';
import { exportedFile, type ExportRecord } from '../media/output-file.ts';

export type ExportState =
  | { status: 'idle' }
  | { status: 'running'; jobId: string; progress: ExportProgress | null }
  /** `record`: the export as kept in the exports library (null where OPFS could not hold it). */
  | { status: 'done'; url: string; fileName: string; record: ExportRecord | null; stats: ExportStats }
  | { status: 'failed'; message: string };

/**
 * Export from the UI: one job at a time, progress, cancel, and the finished
 * file offered for download. Finished files stay in the exports library
 * (`onFinished` refreshes it); a canceled or failed one leaves nothing.
 */
export function createExport(engine: Remote<EngineApi>, project: () => Project, projectId: () => string, onFinished: () => void) {
  const [state, setState] = createSignal<ExportState>({ status: 'idle' });
  // A failure speaks of the project as it was: an edit clears it. Another project clears a finished export too (it stays in the library).
  createEffect(
    on(project, () => {
      if (state().status === 'failed') setState({ status: 'idle' });
    }, { defer: true }),
  );
  createEffect(
    on(projectId, () => {
      const current = state();
      if (current.status === 'done') URL.revokeObjectURL(current.url);
      if (current.status !== 'running') setState({ status: 'idle' });
    }, { defer: true }),
  );
  // What this browser can encode at the output's size and rate, asked again when they change: the format menu offers only these.
  const [codecs] = createResource(
    () => `${project().output.width}x${project().output.height}@${project().output.fps}`,
    async (): Promise<{ codec: VideoCodecChoice; hardware: boolean }[]> => {
      const { width, height, fps } = project().output;
      return engine.encodableVideoCodecs(width, height, fps);
    },
  );

  async function start(): Promise<void> {
    const previous = state();
    if (previous.status === 'running' || project().clips.length === 0) return;
    if (previous.status === 'done') URL.revokeObjectURL(previous.url);
    const jobId = `spool-${Date.now().toString(36)}`;
    const snapshot = project();
    const exporting = projectId();
    setState({ status: 'running', jobId, progress: null });
    try {
      const result = await engine.exportProject(
        snapshot,
        jobId,
        proxy((progress: ExportProgress) => {
          const current = state();
          if (current.status === 'running' && current.jobId === jobId) setState({ ...current, progress });
        }),
      );
      onFinished();
      // Another project opened meanwhile: the file is in the exports library, not offered beside that project.
      if (projectId() !== exporting) return void setState({ status: 'idle' });
      const url = URL.createObjectURL(await exportedFile(result.output));
      setState({ status: 'done', url, fileName: result.output.kind === 'opfs' ? result.output.record.name : exportFileName(snapshot), record: result.output.kind === 'opfs' ? result.output.record : null, stats: result.stats });
    } catch (e) {
      const canceled = e instanceof Error && e.name === 'ExportCanceledError';
      setState(canceled ? { status: 'idle' } : { status: 'failed', message: describeError(e) });
    }
  }

  function cancel(): void {
    const current = state();
    if (current.status === 'running') void engine.cancelExport(current.jobId);
  }

  /** After the library deleted export `id`: the finished state no longer offers it. */
  function forget(id: string): void {
    const current = state();
    if (current.status !== 'done' || current.record?.id !== id) return;
    URL.revokeObjectURL(current.url);
    setState({ status: 'idle' });
  }

  const [aac] = createResource(() => engine.canEncodeAac());
  // Asked again on every edit: whether the video and sound will be copied as they are or encoded, and why.
  const [paths] = createResource(project, (current) => engine.exportPaths(current));
  return { state, start, cancel, forget, codecs: () => codecs() ?? [], canEncodeAac: () => aac() ?? false, paths: () => paths() ?? null };
}
