import { createEffect, createSignal, on, onCleanup } from 'solid-js';
import { proxy, transfer } from 'comlink';
import { newClipId } from '../model/ids.ts';
import type { ClipId } from '../model/ids.ts';
import { emptyProject, newClip, timelineDurationUs, type Clip, type Project } from '../model/project.ts';
import { snapToFrameUs } from '../model/time.ts';
import type { ExportProgress, ExportStats } from '../engine/export-types.ts';
import type { ShownFrame } from '../engine/preview.ts';
import { startEngine } from '../workers-api/engine-client.ts';
import { startLibraryWorker } from '../workers-api/library-client.ts';
import { createAnalysisPool } from '../analysis/analysis-pool.ts';
import { loadProject, saveProject, type LibraryAsset } from '../storage/library-db.ts';
import { assetIdOf, createLibrary } from './create-library.ts';
import { describeError } from '../media/errors.ts';
import { openExport } from './open-export.ts';

export type ExportState =
  | { status: 'idle' }
  | { status: 'running'; jobId: string; progress: ExportProgress | null }
  | { status: 'done'; url: string; fileName: string; path: string | null; stats: ExportStats }
  | { status: 'failed'; message: string };

const EMPTY_PROJECT: Project = emptyProject();

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
const PROJECT_KEY = 'project:current';

/** Lays each track's clips back to back in their current order. */
function packClips(clips: Clip[]): Clip[] {
  const cursor = new Map<string, number>();
  return clips.map((clip) => {
    const startUs = cursor.get(clip.trackId) ?? 0;
    cursor.set(clip.trackId, startUs + clip.outUs - clip.inUs);
    return { ...clip, startUs };
  });
}

/**
 * The editor's state and verbs for the UI: the project (plain data, sent to the
 * engine worker as is), the playhead, import, trim, preview and export. Issue #4
 * grows this into the full store with history.
 */
export function createEditorSession() {
  const { engine, worker } = startEngine();
  const { library: libraryWorker, worker: libraryThread } = startLibraryWorker();
  const analysis = createAnalysisPool();
  onCleanup(() => {
    worker.terminate();
    libraryThread.terminate();
    analysis.dispose();
  });

  const [project, setProject] = createSignal<Project>(EMPTY_PROJECT);
  const [selected, setSelected] = createSignal<ClipId | null>(null);
  const [playheadUs, setPlayheadUs] = createSignal(0);
  const [shown, setShown] = createSignal<ShownFrame | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [exportState, setExportState] = createSignal<ExportState>({ status: 'idle' });
  const [previewReady, setPreviewReady] = createSignal(false);
  const [restored, setRestored] = createSignal(false);

  const library = createLibrary(engine, libraryWorker, analysis, (id) => project().clips.some((clip) => clip.assetId === id));
  const durationUs = () => timelineDurationUs(project());
  const fps = () => project().output.fps;

  // Autosave: the project is plain data, written (debounced) whenever it changes once restored,
  // and flushed at once when the page is hidden or closed.
  const [saving, setSaving] = createSignal(false);
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const flushSave = () => {
    if (saveTimer === undefined) return;
    clearTimeout(saveTimer);
    saveTimer = undefined;
    saveProject(PROJECT_KEY, project())
      .catch((e) => setError(describeError(e)))
      .finally(() => saveTimer === undefined && setSaving(false));
  };
  createEffect(
    on([project, restored], ([, ready]) => {
      if (!ready) return;
      setSaving(true);
      clearTimeout(saveTimer);
      saveTimer = setTimeout(flushSave, 250);
    }),
  );
  const onHide = () => document.visibilityState === 'hidden' && flushSave();
  window.addEventListener('pagehide', flushSave);
  document.addEventListener('visibilitychange', onHide);
  onCleanup(() => {
    window.removeEventListener('pagehide', flushSave);
    document.removeEventListener('visibilitychange', onHide);
  });

  async function refreshPreview(): Promise<void> {
    if (!previewReady()) return;
    try {
      setShown(await engine.showFrame(project(), Math.min(playheadUs(), Math.max(0, durationUs() - 1))));
    } catch (e) {
      setError(describeError(e));
    }
  }

  async function attachPreview(canvas: HTMLCanvasElement): Promise<void> {
    const offscreen = canvas.transferControlToOffscreen();
    try {
      await engine.attachPreview(transfer(offscreen, [offscreen]));
      setPreviewReady(true);
      await refreshPreview();
    } catch (e) {
      setError(describeError(e));
    }
  }

  /** Library, then the saved project (keeping only clips whose media is back). */
  async function restore(): Promise<void> {
    try {
      await library.load();
      const saved = await loadProject(PROJECT_KEY);
      // Work done while the library was loading wins over the saved copy.
      if (saved && project() === EMPTY_PROJECT) {
        const ready = new Set(library.rows().filter((row) => row.status === 'ready' && row.asset).map((row) => assetIdOf(row.asset!.fingerprint)));
        const clips = saved.clips.filter((clip) => ready.has(clip.assetId));
        setProject({ ...saved, clips, assets: saved.assets.filter((a) => ready.has(a.id)) });
        setSelected(clips[0]?.id ?? null);
      }
    } catch (e) {
      setError(describeError(e));
    } finally {
      setRestored(true);
    }
    await refreshPreview();
  }
  void restore();

  /** Appends an asset from the bin to the end of the track (the first one also sets the project's size and rate). */
  function addToTimeline(asset: LibraryAsset): void {
    const assetId = assetIdOf(asset.fingerprint);
    const probe = asset.probe;
    const video = probe.tracks.find((t) => t.kind === 'video');
    const audio = probe.tracks.find((t) => t.kind === 'audio');
    const current = project();
    const first = current.clips.length === 0;
    const track = current.tracks.find((t) => t.kind === (video ? 'video' : 'audio')) ?? current.tracks[0]!;
    const clip = newClip({ id: newClipId(), assetId, trackId: track.id, startUs: 0, inUs: 0, outUs: probe.durationUs });
    setProject({
      ...current,
      output:
        first && video?.kind === 'video'
          ? { ...current.output, width: even(video.displayWidth), height: even(video.displayHeight), fps: video.fps > 0 ? video.fps : 30 }
          : current.output,
      assets: current.assets.some((a) => a.id === assetId)
        ? current.assets
        : [...current.assets, { id: assetId, name: asset.name, durationUs: probe.durationUs, hasVideo: !!video, hasAudio: !!audio?.decodable }],
      clips: packClips([...current.clips, clip]),
    });
    setSelected(clip.id);
    void refreshPreview();
  }

  /** Imports into the bin; with an empty timeline the first usable file is placed on it too. */
  async function importFiles(files: readonly File[]): Promise<void> {
    setError(null);
    const wasEmpty = project().clips.length === 0;
    const imported = await library.importFiles(files);
    const failed = library.rows().filter((row) => row.status === 'failed' && files.some((f) => f.name === row.name));
    if (failed.length === 1 && files.length === 1) setError(failed[0]!.message ?? null);
    if (wasEmpty && imported[0]) addToTimeline(imported[0]);
  }

  async function removeFromLibrary(row: Parameters<typeof library.remove>[0]): Promise<void> {
    const refusal = await library.remove(row);
    if (refusal) setError(refusal);
  }

  function updateClip(id: ClipId, change: (clip: Clip) => Clip): void {
    const current = project();
    setProject({ ...current, clips: packClips(current.clips.map((c) => (c.id === id ? change(c) : c))) });
  }

  /** Sets a clip's in or out point, snapped to the project frame grid and kept at least one frame long. */
  function trimClip(id: ClipId, edge: 'in' | 'out', us: number): void {
    const asset = project().assets.find((a) => a.id === project().clips.find((c) => c.id === id)?.assetId);
    if (!asset) return;
    const frame = snapToFrameUs(1_000_000 / fps(), fps());
    const snapped = Math.max(0, Math.min(snapToFrameUs(us, fps()), asset.durationUs));
    updateClip(id, (clip) =>
      edge === 'in'
        ? { ...clip, inUs: Math.min(snapped, clip.outUs - frame) }
        : { ...clip, outUs: Math.max(snapped, clip.inUs + frame) },
    );
    void refreshPreview();
  }

  function removeClip(id: ClipId): void {
    const current = project();
    const clips = packClips(current.clips.filter((c) => c.id !== id));
    const used = new Set(clips.map((c) => c.assetId));
    setProject({ ...current, clips, assets: current.assets.filter((a) => used.has(a.id)) });
    if (selected() === id) setSelected(clips[0]?.id ?? null);
    void refreshPreview();
  }

  function seek(us: number): void {
    setPlayheadUs(Math.max(0, Math.min(snapToFrameUs(us, fps()), durationUs())));
    void refreshPreview();
  }

  async function startExport(): Promise<void> {
    const previous = exportState();
    if (previous.status === 'running' || project().clips.length === 0) return;
    if (previous.status === 'done') {
      URL.revokeObjectURL(previous.url);
      if (previous.path) void engine.deleteExport(previous.path);
    }
    const jobId = `spool-${Date.now().toString(36)}`;
    setExportState({ status: 'running', jobId, progress: null });
    try {
      const result = await engine.exportProject(
        project(),
        jobId,
        proxy((progress: ExportProgress) => {
          const state = exportState();
          if (state.status === 'running' && state.jobId === jobId) setExportState({ ...state, progress });
        }),
      );
      const baseName = (project().assets[0]?.name ?? 'spool').replace(/\.[^.]+$/, '');
      const opened = await openExport(result.output);
      setExportState({ status: 'done', url: opened.url, fileName: `${baseName}-edit.mp4`, path: opened.path, stats: result.stats });
    } catch (e) {
      const canceled = e instanceof Error && e.name === 'ExportCanceledError';
      setExportState(canceled ? { status: 'idle' } : { status: 'failed', message: describeError(e) });
    }
  }

  function cancelExport(): void {
    const state = exportState();
    if (state.status === 'running') void engine.cancelExport(state.jobId);
  }

  return {
    project,
    library,
    restored,
    saving,
    selected,
    setSelected,
    playheadUs,
    shown,
    error,
    dismissError: () => setError(null),
    exportState,
    durationUs,
    fps,
    attachPreview,
    importFiles,
    addToTimeline,
    removeFromLibrary,
    trimClip,
    removeClip,
    seek,
    startExport,
    cancelExport,
  };
}

export type EditorSession = ReturnType<typeof createEditorSession>;
