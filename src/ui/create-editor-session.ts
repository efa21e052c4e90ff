import { createEffect, createMemo, createResource, createSignal, on, onCleanup } from 'solid-js';
import { proxy, transfer } from 'comlink';
import type { ClipId, MarkerId, TrackId } from '../model/ids.ts';
import {
  clipEndUs,
  clipPicture,
  pictureAt,
  sourceAtUs,
  defaultTextStyle,
  timelineAtUs,
  emptyProject,
  newProjectName,
  copyName,
  MAX_PROJECT_NAME,
  STANDARD_KEY_GREEN,
  newClip,
  TEXT_ASSET_DURATION_US,
  timelineDurationUs,
  type Asset,
  type Clip,
  type Project,
  type TextStyle,
  type Track,
  type TransitionKind,
} from '../model/project.ts';
import { newClipId } from '../model/ids.ts';
import { formatTimecode, frameCountFor, frameTimeUs, snapToFrameUs } from '../model/time.ts';
import { outputSide, stillFileName } from '../model/output-format.ts';
import { downloadFile } from './download-file.ts';
import { createVoiceRecorder } from './create-voice-recorder.ts';
import { CaptionError, decodeText, isCaptionFileName, parseCaptions } from '../model/captions.ts';
import { addCaptions } from '../editor/add-captions.ts';
import type { ShownFrame } from '../engine/preview.ts';
import { startEngine } from '../workers-api/engine-client.ts';
import { startLibraryWorker } from '../workers-api/library-client.ts';
import { createAnalysisPool } from '../analysis/analysis-pool.ts';
import { deleteProject, listProjects, projectsUsingAsset, type LibraryAsset, type ProjectSummary } from '../storage/library-db.ts';
import { createAutosave, loadProject, loadStoredProject, saveErrorMessage } from './create-autosave.ts';
import { createProjectPresence, OPEN_ELSEWHERE_MESSAGE } from './project-presence.ts';
import { downloadProjectFile, readProjectFile } from './create-project-files.ts';
import { projectLinkUrl, readProjectLink } from './project-link.ts';
import { isProjectLink } from '../model/project-link-codec.ts';
import { describeError } from '../media/errors.ts';
import { imageEdgeColour } from '../media/edge-colour.ts';
import { pictureBox, type PictureBox } from './picture-box.ts';
import * as commands from '../editor/commands.ts';
import { snap, snapEdges, snapTargets } from '../editor/snapping.ts';
import { spanLoudnessLufs } from '../analysis/loudness-range.ts';
import { silentSpans } from '../analysis/silences.ts';
import { removeSilences } from '../editor/remove-silences.ts';
import { projectInRange } from '../editor/range-project.ts';
import { adjacentEditPoint, editPoints } from '../editor/edit-points.ts';
import { withChange, type DocumentSettings, type ProjectChange } from '../editor/document.ts';
import { assetIdOf, createLibrary } from './create-library.ts';
import { createDocument } from './create-document.ts';
import { createExport } from './create-export.ts';
import { createExportsLibrary } from './create-exports-library.ts';
import { startPointerDrag } from './pointer-drag.ts';
import type { DragKind } from './Timeline.tsx';
import type { ShortcutAction } from './shortcuts.ts';
import { nudgeClips, type NudgeAction } from './clip-nudge.ts';
import { createPlayback } from './create-playback.ts';
import { isRendererChoice } from '../media/compositor/frame-compositor.ts';

/**
 * The open project's id: a tab's survives its reload (sessionStorage), and a
 * new tab opens the one opened last in any (localStorage); the project itself
 * is in IndexedDB.
 */
const CURRENT_PROJECT = 'spool.currentProject';
/** How long Edit here waits for the editing tab to hand over before saying it has not (it writes its pending changes first). */
const HAND_OVER_WAIT_MS = 3_000;
const HAND_OVER_UNANSWERED =
  'The tab editing this project has not handed it over: its latest changes cannot be saved there yet (storage full?), or it is busy. Go to that tab, or close it, or Duplicate this project to work on a copy here.';
const newProjectId = () => `project:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** Snapping pulls within this many screen pixels. */
const SNAP_PX = 8;

/**
 * The editor's state and verbs for the UI. The project is a history-backed
 * document edited only through pure commands; session state (playhead,
 * selection, zoom) lives beside it and is not undoable.
 */
export function createEditorSession() {
  const { engine, worker } = startEngine();
  const { library: libraryWorker, worker: libraryThread } = startLibraryWorker();
  const analysis = createAnalysisPool();
  onCleanup(() => {
    worker.terminate();
    libraryThread.terminate();
    analysis.dispose();
    presence.close();
  });

  const document = createDocument(emptyProject());
  const project = document.project;
  const [selection, setSelection] = createSignal<ReadonlySet<ClipId>>(new Set());
  const [playheadUs, setPlayheadUs] = createSignal(0);
  const [pxPerSecond, setPxPerSecond] = createSignal(60);
  const [shown, setShown] = createSignal<ShownFrame | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const presence = createProjectPresence({
    onGained: reread,
    onSavedElsewhere: (id) => void reread(id).catch(() => undefined),
    onAnySavedElsewhere: () => refreshProjects(),
    // Changes that cannot be written (storage full) keep the project here: the other tab would read it without them.
    beforeHandOver: () => autosave.flush().then(() => !autosave.failed()),
  });
  const [notice, setNotice] = createSignal<string | null>(null);
  /** What a keyboard edit did, for screen readers (a live region): the change is not otherwise seen without looking. */
  const [announcement, setAnnouncement] = createSignal('');
  const [previewReady, setPreviewReady] = createSignal(false);
  const [restored, setRestored] = createSignal(false);
  const [helpOpen, setHelpOpen] = createSignal(false);
  /**
   * Copied clips with their assets as they were: paste works in another project too.
   * `picture` is the first of them on a video track, whose picture settings paste
   * (a sound's clip has none: pasting its empty settings reset the picture).
   */
  const [clipboard, setClipboard] = createSignal<{ clips: Clip[]; assets: Asset[]; picture?: Clip | undefined }>({ clips: [], assets: [] });
  let previewBox: { width: number; height: number } | null = null;
  /** While a drag is open, shortcuts wait (an undo or delete mid-drag would tangle the gesture). */
  let dragging = false;
  const [projectId, setProjectId] = createSignal(sessionStorage.getItem(CURRENT_PROJECT) ?? localStorage.getItem(CURRENT_PROJECT) ?? 'project:current');
  const [projects, setProjects] = createSignal<ProjectSummary[]>([]);
  createEffect(() => {
    sessionStorage.setItem(CURRENT_PROJECT, projectId());
    localStorage.setItem(CURRENT_PROJECT, projectId());
  });
  const refreshProjects = () => void listProjects().then(setProjects, () => undefined);

  // Media stays while any project has a clip of it: this one's timeline, or another saved project.
  const library = createLibrary(engine, libraryWorker, analysis, async (id, name) => {
    if (project().clips.some((clip) => clip.assetId === id)) return `"${name}" is on the timeline. Remove its clips first.`;
    const others = await projectsUsingAsset(id, projectId());
    if (others.length === 0) return null;
    return `"${name}" is used by ${others.length === 1 ? 'the project' : 'the projects'} ${others.map((n) => `"${n}"`).join(', ')}. Remove its clips there first, or delete ${others.length === 1 ? 'that project' : 'those projects'}.`;
  });
  const exportsLibrary = createExportsLibrary((message) => setError(message));
  const [exportsMarkedRange, setExportsMarkedRange] = createSignal(false);
  /** What an export renders: the timeline, or the stretch I and O mark when the export panel says so (read lazily: playback is made below). */
  const exportedProject = createMemo(() => {
    const range = exportsMarkedRange() ? playback.loopRange() : null;
    return range ? projectInRange(project(), range.startUs, range.endUs) : project();
  });
  const exporter = createExport(engine, exportedProject, projectId, () => void exportsLibrary.refresh().then(library.refreshStorage));
  const snapChange = (current: Project) =>
    commands.snapCutsToKeyframes(current, (assetId) => {
      const row = library.rows().find((r) => r.asset && assetIdOf(r.asset.fingerprint) === assetId);
      const video = row?.asset?.probe.tracks.find((t) => t.kind === 'video');
      return video?.kind === 'video' ? video.keyframeTimesUs : undefined;
    });
  // Asked when a cut off a keyframe stops the copy: would the snapped project copy (no other obstacle, a track not locked)?
  const [snapHelps] = createResource(
    () => (exporter.paths()?.video?.snappable ? project() : null),
    async (current) => {
      const change = snapChange(current);
      return !!change && (await engine.exportPaths(withChange(current, change))).video?.path === 'copy';
    },
  );
  const durationUs = () => timelineDurationUs(project());
  const fps = () => project().output.fps;
  /** Where the last frame starts: the end of the timeline is not a frame (the export holds none there). */
  const lastFrameUs = () => Math.max(0, frameTimeUs(frameCountFor(durationUs(), fps()) - 1, fps()));

  void engine.onNotice(proxy((message: string) => setError(message)));
  const playback = createPlayback({
    engine,
    project,
    durationUs,
    playheadUs,
    setPlayheadUs,
    onShown: setShown,
    onError: setError,
  });

  const autosave = createAutosave(
    document,
    projectId,
    (id) => {
      refreshProjects();
      presence.saved(id);
    },
    (e) => setError(saveErrorMessage(e)),
  );

  async function refreshPreview(): Promise<void> {
    if (!previewReady() || playback.playing()) return;
    try {
      setShown(await engine.showFrame(project(), Math.min(playheadUs(), lastFrameUs())));
    } catch (e) {
      setError(describeError(e));
    }
  }
  /**
   * Holds the frame at the playhead of the selected clip (or of the topmost
   * picture there) for 3 s: its frame becomes an image in the bin, and the
   * clip makes room for it (one undo step).
   */
  async function freezeFrame(): Promise<void> {
    const t = playheadUs();
    const current = project();
    const under = (c: Clip) => c.startUs <= t && t < clipEndUs(c);
    const shownTracks = current.tracks.filter((track) => track.kind === 'video' && !track.hidden);
    const topmost = shownTracks.map((track) => current.clips.filter((c) => c.trackId === track.id && under(c)).sort((x, y) => y.startUs - x.startUs)[0]).find((c) => c);
    const clip = current.clips.find((c) => selection().has(c.id) && under(c) && shownTracks.some((track) => track.id === c.trackId)) ?? topmost;
    const asset = clip && current.assets.find((a) => a.id === clip.assetId);
    if (!clip || !asset?.hasVideo || asset.text) return void setError('Put the playhead over a clip with a picture (not a title) to freeze its frame.');
    const track = current.tracks.find((t) => t.id === clip.trackId);
    if (track?.locked) return void setError(`${track.name} is locked: unlock it to freeze a frame there.`);
    try {
      const png = await engine.sourceStill(clip.assetId, sourceAtUs(clip, t));
      const name = stillFileName({ assets: [asset] }, Math.round((t * fps()) / 1_000_000));
      const [imported] = await library.importFiles([new File([png], name, { type: 'image/png' })]);
      if (!imported) return void setError(`The frame could not be kept: ${library.rows().find((row) => row.name === name)?.message ?? 'the import failed'}`);
      if (run(commands.insertFreezeFrame(project(), clip.id, t, assetRecordOf(imported)))) say(`Froze the frame at ${formatTimecode(t)} for 3 seconds.`);
    } catch (e) {
      setError(`The frame could not be frozen: ${describeError(e)}`);
    }
  }

  /**
   * Keys out a clip's background: the colour round the edges of its picture at
   * the playhead (its first frame when the playhead is elsewhere), so a green
   * screen goes whatever its shade under the lights.
   */
  async function keyOutBackground(clipId: ClipId): Promise<void> {
    const clip = project().clips.find((c) => c.id === clipId);
    if (!clip) return;
    const t = playheadUs();
    const at = clip.startUs <= t && t < clipEndUs(clip) ? t : clip.startUs;
    let color = STANDARD_KEY_GREEN;
    try {
      color = await imageEdgeColour(await engine.sourceStill(clip.assetId, sourceAtUs(clip, at)));
    } catch {
      // No frame to look at (its media missing, say): the standard green, which the colour field can change.
    }
    run(commands.setClipPicture(project(), clipId, { key: { color } }));
  }

  /** A voice-over: recorded while the timeline plays from the playhead, then placed where the recording started, on a free audio track. */
  let recordingFromUs = 0;
  let recordingFor = '';
  const voice = createVoiceRecorder({
    onStart: () => {
      recordingFromUs = playheadUs();
      recordingFor = projectId();
      if (!playback.playing()) void playback.toggle();
    },
    onRecorded: async (file) => {
      if (playback.playing()) await playback.pause();
      const [imported] = await library.importFiles([file]);
      if (!imported) return void setError(`The recording could not be kept: ${library.rows().find((row) => row.name === file.name)?.message ?? 'the import failed'}`);
      // Its times are those of the project it was recorded against: another one gets it in the bin only.
      if (projectId() !== recordingFor) return void setError(`The recording stopped when its project was closed: "${file.name}" is in the bin, not on the timeline.`);
      run(commands.addClipOnFreeAudioTrack(project(), assetRecordOf(imported), recordingFromUs));
    },
    onError: setError,
  });
  // Another project opened: what was playing or recording was the old one's.
  createEffect(
    on(projectId, () => {
      voice.stop();
      void playback.pause();
    }, { defer: true }),
  );

  /** Downloads the frame at the playhead, full size, as a PNG. */
  async function saveFrame(): Promise<void> {
    if (!previewReady() || durationUs() === 0) return;
    const atUs = Math.min(playheadUs(), lastFrameUs());
    try {
      downloadFile(await engine.stillFrame(project(), atUs), stillFileName(project(), Math.round((atUs * fps()) / 1_000_000)));
    } catch (e) {
      setError(`The frame could not be saved: ${describeError(e)}`);
    }
  }
  // A selection never holds clips that are gone (deleted, undone).
  createEffect(
    on(project, (current) => {
      const ids = new Set(current.clips.map((c) => c.id));
      if ([...selection()].some((id) => !ids.has(id))) setSelection(new Set([...selection()].filter((id) => ids.has(id))));
    }),
  );
  // Whatever changes the picture (an edit, undo, a seek) redraws it; an edit during playback carries on playing it.
  createEffect(on(project, () => void (playback.playing() ? playback.restart() : refreshPreview()), { defer: true }));
  createEffect(on(playheadUs, () => void refreshPreview()));
  // A new frame rate puts the playhead on its own frame grid (it showed 2.3 s between two 24 fps frames).
  createEffect(on(fps, () => seek(playheadUs()), { defer: true }));
  // "Link copied" speaks of the project as it was: an edit makes it old news.
  createEffect(on(project, () => setNotice(null), { defer: true }));

  async function attachPreview(canvas: HTMLCanvasElement): Promise<void> {
    const offscreen = canvas.transferControlToOffscreen();
    try {
      // ?renderer=webgl2 (or webgpu) forces a compositor, to compare them; automatic otherwise.
      const renderer = new URLSearchParams(location.search).get('renderer');
      if (renderer && isRendererChoice(renderer)) await engine.setRenderer(renderer);
      await engine.attachPreview(transfer(offscreen, [offscreen]));
      if (previewBox) await engine.setPreviewBox(previewBox.width, previewBox.height);
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
      refreshProjects();
      // Claimed before it is read: shown only (edited in another tab), every save there after the read is heard.
      await presence.open(projectId());
      let saved = await loadStoredProject(projectId());
      // This tab's project was deleted (in another tab) since it was shown: the latest saved one opens, not an empty one under its id.
      const latest = saved ? undefined : (await listProjects())[0];
      if (latest) {
        setProjectId(latest.id);
        await presence.open(latest.id);
        saved = await loadStoredProject(latest.id);
      }
      if (saved) openLoaded(saved.project);
      // A new project, or one an older Spool stored whole: written whole as records first, then diffs.
      if (presence.editing() && (!saved || saved.whole)) await autosave.saveWhole(projectId());
    } catch (e) {
      // The saved project could not be read: leave it untouched and start a fresh one beside it.
      setError(`Your last project could not be opened (${describeError(e)}); a new one was started and the old one kept.`);
      setProjectId(newProjectId());
      await presence.open(projectId());
      await autosave.saveWhole(projectId()).catch(() => undefined);
    } finally {
      autosave.enable();
      setRestored(true);
    }
  }
  const restoring = restore();

  /**
   * A `#p=…` link (on load, or pasted into the address bar) opens as a new
   * project; the fragment is cleared first so a reload does not open it again.
   * A bad link only shows why: no project is made, nothing is stored.
   */
  async function openLinkInAddress(): Promise<void> {
    const hash = location.hash;
    if (!isProjectLink(hash)) return;
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    await restoring;
    try {
      await switchTo(newProjectId(), await readProjectLink(hash, library.rows()));
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  }
  void openLinkInAddress();
  const onHashChange = () => void openLinkInAddress();
  window.addEventListener('hashchange', onHashChange);
  onCleanup(() => window.removeEventListener('hashchange', onHashChange));

  /** Shows a loaded project. Clips whose media is not in the library stay (offline): nothing saved is ever dropped. */
  function openLoaded(saved: Project): void {
    document.replace(saved);
    setSelection(new Set<ClipId>());
    setPlayheadUs(0);
  }

  /** Switches to another project (this one's edits written first: another tab may take it over once let go). */
  async function switchTo(id: string, next: Project): Promise<void> {
    await autosave.flush();
    // Unsaved (storage full), they would be gone with the project shown: it stays until they are written.
    if (autosave.failed()) throw new Error(`"${project().name}" stays open: its latest changes are not saved yet. Free some storage (delete exports or media you no longer need), then try again.`);
    setProjectId(id);
    openLoaded(next);
    await presence.open(id);
    // Shown only, edited in another tab: that tab's saves are the project's.
    if (presence.editing()) await autosave.saveWhole(id);
  }

  /** Shows what is saved of project `id` now, changed by another tab; deleted there, another project opens. */
  async function reread(id: string): Promise<void> {
    let saved: Project | undefined;
    try {
      saved = await loadProject(id);
    } catch (e) {
      setError(`"${project().name}" could not be read again after another tab changed it: ${describeError(e)}`);
      throw e;
    }
    if (id !== projectId()) return;
    if (saved) return void document.replace(saved);
    setError(`"${project().name}" was deleted in another tab.`);
    await openAnotherThan(id);
  }

  /** The most recent project other than `gone`, unless it cannot be read: then a new one (a damaged project is left as it is, not overwritten). */
  async function openAnotherThan(gone: string): Promise<void> {
    const rest = (await listProjects()).filter((p) => p.id !== gone);
    const next = rest[0] ? await loadProject(rest[0].id).catch(() => undefined) : undefined;
    await switchTo(next ? rest[0]!.id : newProjectId(), next ?? emptyProject());
  }

  /** A project action that fails says why (storage gone, a damaged project) instead of failing unseen. */
  const reported =
    <A extends unknown[]>(action: (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      try {
        await action(...args);
      } catch (e) {
        setError(describeError(e));
      }
    };

  const projectActions = {
    projects,
    projectId,
    newProject: reported(() => switchTo(newProjectId(), emptyProject(newProjectName(projects().map((p) => p.name))))),
    openProject: reported(async (id: string) => {
      let saved: Project | undefined;
      try {
        saved = await loadProject(id);
      } catch (e) {
        // Nothing is switched: the open project stays open.
        const name = projects().find((p) => p.id === id)?.name ?? 'That project';
        throw new Error(`"${name}" could not be opened: what is saved of it is incomplete or damaged (${describeError(e)}).`);
      }
      if (saved) await switchTo(id, saved);
    }),
    duplicateProject: reported(() => switchTo(newProjectId(), { ...project(), name: copyName(project().name, projects().map((p) => p.name)) })),
    deleteCurrentProject: reported(async () => {
      if (!editable()) return;
      const gone = projectId();
      // The deleted project must not be written back by a pending autosave.
      autosave.discard();
      await deleteProject(gone);
      await openAnotherThan(gone);
    }),
    renameProject(name: string) {
      const current = project();
      const trimmed = name.trim().slice(0, MAX_PROJECT_NAME);
      if (!trimmed || trimmed === current.name) return;
      const settings: DocumentSettings = { id: 'document', name: trimmed, output: current.output, trackOrder: current.tracks.map((t) => t.id) };
      run({ put: [settings] });
    },
    exportProjectFile: () => downloadProjectFile(project()),
    async copyProjectLink() {
      setNotice(null);
      let url: string;
      try {
        url = await projectLinkUrl(project());
      } catch (e) {
        setError(describeError(e));
        return;
      }
      try {
        await navigator.clipboard.writeText(url);
        // An earlier failure's message would sit beside the success and read as this one's.
        setError(null);
        setNotice('Project link copied.');
      } catch (e) {
        setError(`This browser did not let Spool copy the link (${describeError(e)}).`);
      }
    },
    async importProjectFile(file: File) {
      // Relinked against the library, so only once it has loaded (right after start, it had not: media in the bin were asked for).
      await restoring;
      try {
        await switchTo(newProjectId(), await readProjectFile(file, library.rows()));
        setError(null);
      } catch (e) {
        setError(describeError(e));
      }
    },
  };

  /** Every edit goes through here; none until the saved project is back (it would be overwritten, or overwrite it). */
  function run(change: ProjectChange | null): boolean {
    if (!change) return false;
    if (!restored()) {
      setError('The project is still opening: make that change again in a moment.');
      return false;
    }
    if (!editable()) return false;
    return document.run(commands.withTransitionsOfRemovedClips(project(), change));
  }

  /** Whether this tab may change the project, else says why: another tab is editing it (its saves would be overwritten). */
  function editable(): boolean {
    if (presence.editing()) return true;
    setError(OPEN_ELSEWHERE_MESSAGE);
    return false;
  }

  /** Appends an asset to the end of the first track of its kind (the first clip also sets the project's size and rate). */
  /** The project's record of an asset in the library: what the timeline needs of it. */
  function assetRecordOf(asset: LibraryAsset): Asset {
    const { probe } = asset;
    const audio = probe.tracks.find((t) => t.kind === 'audio');
    return { id: assetIdOf(asset.fingerprint), name: asset.name, durationUs: probe.durationUs, hasVideo: probe.tracks.some((t) => t.kind === 'video'), hasAudio: !!audio?.decodable };
  }

  /** Places an asset on the timeline: at the end of the first track that takes it, or where it was dropped (`at`). */
  function addToTimeline(asset: LibraryAsset, at?: { trackId: TrackId; startUs: number }): void {
    const assetId = assetIdOf(asset.fingerprint);
    const probe = asset.probe;
    const video = probe.tracks.find((t) => t.kind === 'video');
    const current = project();
    const put: NonNullable<ProjectChange['put']> = [];
    const known = current.assets.find((a) => a.id === assetId);
    const assetRecord = known ?? assetRecordOf(asset);
    if (!known) put.push(assetRecord);
    let output = current.output;
    if (current.clips.length === 0 && video?.kind === 'video') {
      output = { ...current.output, width: outputSide(video.displayWidth), height: outputSide(video.displayHeight), fps: video.fps > 0 ? video.fps : 30 };
      const settings: DocumentSettings = { id: 'document', name: current.name, output, trackOrder: current.tracks.map((t) => t.id) };
      put.push(settings);
    }
    const withAsset: Project = { ...current, output, assets: known ? current.assets : [...current.assets, assetRecord] };
    const dropTrack = at && current.tracks.find((t) => t.id === at.trackId);
    if (dropTrack?.locked) return void setError(`${dropTrack.name} is locked: unlock it to add media there.`);
    if (dropTrack?.kind === 'video' && !video) return void setError(`"${asset.name}" has no picture for ${dropTrack.name}: drop it on an audio track.`);
    // An audio track would take a still or a silent video and neither show nor play it.
    if (dropTrack?.kind === 'audio' && !assetRecord.hasAudio) return void setError(`"${asset.name}" has no sound for ${dropTrack.name}: drop it on a video track.`);
    const track = dropTrack ?? current.tracks.find((t) => t.kind === (video ? 'video' : 'audio') && !t.locked) ?? current.tracks.find((t) => !t.locked);
    if (!track) {
      setError('Every track is locked: unlock one to add media.');
      return;
    }
    const startUs = at ? at.startUs : Math.max(0, ...current.clips.filter((c) => c.trackId === track.id).map(clipEndUs));
    const added = commands.addClip(withAsset, assetId, track.id, startUs);
    // The one other refusal: shorter than a frame of the project, there is nothing to show on the timeline.
    if (!added) return void setError(`"${asset.name}" is shorter than one frame (${formatTimecode(probe.durationUs)}), too short to place on the timeline.`);
    run({ put: [...put, ...(added.put ?? [])] });
    const clipId = added.put?.find((r) => r.id.startsWith('clip:'))?.id as ClipId | undefined;
    if (clipId) setSelection(new Set([clipId]));
  }

  /** An import that started on an empty timeline and will put its first file there: a second one meanwhile does not. */
  let placingFirst = false;
  /** A caption file (.srt, .vtt): its captions as title clips on a new top track (one undo step), or why not. */
  async function importCaptions(file: File): Promise<void> {
    try {
      if (file.size > 10_000_000) throw new CaptionError('the file is over 10 MB: no caption file is that large');
      run(addCaptions(project(), parseCaptions(decodeText(new Uint8Array(await file.arrayBuffer()))), file.name));
    } catch (e) {
      setError(`Captions from "${file.name}" were not added: ${e instanceof CaptionError ? e.message : describeError(e)}.`);
    }
  }

  /** Imports media into the bin (with an empty timeline the first usable file is placed on it too), then adds the captions of caption files. */
  async function importFiles(all: readonly File[]): Promise<void> {
    setError(null);
    await restoring;
    const files = all.filter((f) => !isCaptionFileName(f.name));
    if (files.length > 0) await importMedia(files);
    for (const file of all.filter((f) => isCaptionFileName(f.name))) await importCaptions(file);
  }

  async function importMedia(files: readonly File[]): Promise<void> {
    const places = project().clips.length === 0 && !placingFirst;
    if (places) placingFirst = true;
    try {
      const imported = await library.importFiles(files);
      const failed = library.rows().filter((row) => row.status === 'failed' && files.some((f) => f.name === row.name));
      if (failed.length === 1 && files.length === 1) setError(failed[0]!.message ?? null);
      if (places && project().clips.length === 0 && imported[0]) addToTimeline(imported[0]);
    } finally {
      if (places) placingFirst = false;
    }
  }

  async function removeFromLibrary(row: Parameters<typeof library.remove>[0]): Promise<void> {
    // A removal that succeeds takes away an earlier refusal's message, which would say it failed.
    setError(await library.remove(row));
  }

  /** Moves the playhead (a seek while playing plays on from there), never past the last frame. */
  function seek(us: number): void {
    setPlayheadUs(Math.max(0, Math.min(snapToFrameUs(us, fps()), lastFrameUs())));
    if (playback.playing()) void playback.restart();
  }

  function select(id: ClipId, additive: boolean): void {
    const next = new Set(additive ? selection() : []);
    if (additive && next.has(id)) next.delete(id);
    else next.add(id);
    setSelection(next);
  }

  const isOffline = (assetId: string) =>
    !project().assets.find((a) => a.id === assetId)?.text && !library.rows().some((row) => row.status === 'ready' && row.asset && assetIdOf(row.asset.fingerprint) === assetId);
  /** Media the timeline uses that is not in this browser (a link or file from elsewhere): it comes back when the same file is imported. */
  const missingMedia = createMemo(() => (restored() ? project().assets.filter((a) => isOffline(a.id) && project().clips.some((c) => c.assetId === a.id)) : []));

  const libraryRowOf = (assetId: string) => library.rows().find((row) => row.asset && assetIdOf(row.asset.fingerprint) === assetId);
  const analysisFor = (assetId: string) => libraryRowOf(assetId)?.analysis;

  /** A clip's loudness at volume 1 over its source span: undefined while analysis measures it, null where there is nothing to measure. */
  function clipLoudnessLufs(clip: Clip): number | null | undefined {
    if (project().assets.find((a) => a.id === clip.assetId)?.hasAudio !== true) return null;
    const row = libraryRowOf(clip.assetId);
    const blocks = row?.analysis?.loudnessBlocks;
    if (blocks) return spanLoudnessLufs(blocks, clip.inUs, clip.outUs);
    return row && (row.analysisProgress ?? 0) < 1 && !row.analysisFailed ? undefined : null;
  }

  /** Snap targets for a drag: playhead, other clips' edges, markers, and the beats and cuts analysis found. */
  function targetsExcluding(ids: ReadonlySet<string>): number[] {
    const beatsUs: number[] = [];
    const sceneCutsUs: number[] = [];
    for (const clip of project().clips) {
      const analysisOf = analysisFor(clip.assetId);
      const toTimeline = (sourceUs: number) => timelineAtUs(clip, sourceUs);
      for (const beat of analysisOf?.tempo?.beatsUs ?? []) if (beat >= clip.inUs && beat < clip.outUs) beatsUs.push(toTimeline(beat));
      for (const cut of analysisOf?.sceneCuts ?? []) if (cut.timeUs >= clip.inUs && cut.timeUs < clip.outUs) sceneCutsUs.push(toTimeline(cut.timeUs));
    }
    return snapTargets(project(), { playheadUs: playheadUs(), excludeClipIds: ids, beatsUs, sceneCutsUs });
  }

  /** A move or trim drag: one undo step; Escape restores; hold Alt to disable snapping. */
  function dragClip(event: PointerEvent, kind: DragKind, clip: Clip): void {
    const base = project();
    const ids = kind === 'move' && selection().has(clip.id) ? new Set(selection()) : new Set([clip.id]);
    const moving = base.clips.filter((c) => ids.has(c.id));
    const first = Math.min(...moving.map((c) => c.startUs));
    const span = Math.max(...moving.map(clipEndUs)) - first;
    const targets = targetsExcluding(ids);
    const threshold = Math.round((SNAP_PX / pxPerSecond()) * 1_000_000);
    const gesture = document.gesture();
    let moved = false;
    const pxPerSecondAtPress = pxPerSecond();
    startPointerDrag(event, {
      onDelta: (dxPx, _dyPx, trackId) => {
        const deltaUs = Math.round((dxPx / pxPerSecondAtPress) * 1_000_000);
        moved ||= deltaUs !== 0 || (trackId !== undefined && trackId !== clip.trackId);
        const free = event.altKey;
        let change: ProjectChange | null;
        if (kind === 'move') {
          const snapped = free ? null : snapEdges(first + deltaUs, span, targets, threshold);
          const start = snapped ? snapped.startUs : first + deltaUs;
          const track = trackId && trackId !== clip.trackId && ids.size === 1 ? (trackId as TrackId) : undefined;
          change = commands.moveClips(base, ids, start - first, track, snapped?.target != null);
        } else {
          const edgeUs = kind === 'trim-start' ? clip.startUs + deltaUs : clipEndUs(clip) + deltaUs;
          change = commands.trimClip(base, clip.id, kind === 'trim-start' ? 'start' : 'end', free ? edgeUs : snap(edgeUs, targets, threshold).us);
        }
        // Each step is computed from the drag's starting state, so it replaces the previous step's records;
        // a step that is a no-op (back at the start, or clamped) puts the starting records back.
        run(change ?? { put: base.clips.filter((c) => ids.has(c.id)) });
      },
      onEnd: () => {
        dragging = false;
        gesture.end();
        // A plain click on one of several selected clips (the press kept them all, for a drag) selects it alone.
        if (!moved && ids.size > 1 && !(event.shiftKey || event.metaKey || event.ctrlKey)) setSelection(new Set([clip.id]));
      },
      onCancel: () => {
        dragging = false;
        gesture.cancel();
      },
    });
    dragging = true;
  }

  /**
   * Moving the selected clip's picture by dragging it on the preview (one undo
   * step; Escape puts it back): the pointer's movement over the output as shown
   * moves its centre as much (and where it moves over the clip, its end too).
   */
  function dragPicture(event: PointerEvent, shown: DOMRect): void {
    const base = project();
    const ids = selectedIds();
    const clip = ids.length === 1 ? base.clips.find((c) => c.id === ids[0]) : undefined;
    const track = clip && base.tracks.find((t) => t.id === clip.trackId);
    if (!clip || track?.kind !== 'video' || track.locked || dragging) return;
    // Only a picture on screen is dragged: a clip away from the playhead, or on a hidden track, would move unseen.
    const at = playheadUs();
    if (track.hidden || at < clip.startUs || at >= clipEndUs(clip)) return;
    // The output is drawn whole inside the canvas box (bars where their shapes differ).
    const aspect = base.output.width / base.output.height;
    const width = Math.min(shown.width, shown.height * aspect);
    const height = width / aspect;
    const picture = clipPicture(clip);
    pictureDrag(event, (dxPx, dyPx) => {
      const [dx, dy] = [dxPx / width, dyPx / height];
      const end = picture.end ? { end: { x: picture.end.x + dx, y: picture.end.y + dy } } : {};
      run(commands.setClipPicture(base, clip.id, { x: picture.x + dx, y: picture.y + dy, ...end }) ?? { put: [clip] });
    });
  }

  /** A drag on the preview that changes a picture: one undo step (Escape puts it back), and no other drag meanwhile. */
  function pictureDrag(event: PointerEvent, onDelta: (dxPx: number, dyPx: number) => void): void {
    const gesture = document.gesture();
    dragging = true;
    startPointerDrag(event, {
      onDelta,
      onEnd: () => {
        dragging = false;
        gesture.end();
      },
      onCancel: () => {
        dragging = false;
        gesture.cancel();
      },
    });
  }

  const selectedIds = () => [...selection()].filter((id) => project().clips.some((c) => c.id === id));

  /** The one selected clip's picture as shown at the playhead (for handles over the preview): a clip with a picture on a shown, unlocked video track, not a title. */
  const selectedPictureBox = createMemo((): PictureBox | null => {
    const ids = selectedIds();
    const current = project();
    const clip = ids.length === 1 ? current.clips.find((c) => c.id === ids[0]) : undefined;
    const track = clip && current.tracks.find((t) => t.id === clip.trackId);
    const t = playheadUs();
    // A locked track's picture cannot be scaled: no handles that would do nothing.
    if (!clip || track?.kind !== 'video' || track.hidden || track.locked || t < clip.startUs || t >= clipEndUs(clip)) return null;
    const video = libraryRowOf(clip.assetId)?.asset?.probe.tracks.find((tr) => tr.kind === 'video');
    if (video?.kind !== 'video') return null;
    return pictureBox(current.output.width, current.output.height, video.displayWidth, video.displayHeight, pictureAt(clip, sourceAtUs(clip, t)));
  });

  /**
   * Scaling the selected clip's picture by dragging a corner of its box on the
   * preview (one undo step; Escape puts it back): its scale follows the
   * pointer's distance from the picture's centre (`centreX`, `centreY`, client
   * pixels), its end scale too when it moves.
   */
  function resizePicture(event: PointerEvent, centreX: number, centreY: number): void {
    const base = project();
    const clip = base.clips.find((c) => c.id === selectedIds()[0]);
    if (!clip || dragging || base.tracks.find((t) => t.id === clip.trackId)?.locked) return;
    const from = Math.hypot(event.clientX - centreX, event.clientY - centreY);
    if (from < 1) return;
    const picture = clipPicture(clip);
    pictureDrag(event, (dx, dy) => {
      const factor = Math.hypot(event.clientX + dx - centreX, event.clientY + dy - centreY) / from;
      const end = picture.end ? { end: { scale: picture.end.scale * factor } } : {};
      run(commands.setClipPicture(base, clip.id, { scale: picture.scale * factor, ...end }) ?? { put: [clip] });
    });
  }

  function deleteSelection(ripple: boolean): void {
    const ids = selectedIds();
    if (ids.length === 0) return;
    if (run(ripple ? commands.rippleDelete(project(), ids) : commands.deleteClips(project(), ids))) setSelection(new Set<ClipId>());
  }

  /** Moves (in time or across tracks) or trims the selected clips from the keyboard: one undo step a press, said aloud. */
  function nudgeSelection(action: NudgeAction): boolean {
    const nudge = nudgeClips(project(), selectedIds(), action);
    if (nudge.change) run(nudge.change);
    say(nudge.announcement);
    return true;
  }

  /** Says `text` through the live region; the same words again (a second refused press) still change its text, so they are read. */
  const say = (text: string) => setAnnouncement((last) => (last === text ? `${text}\u00a0` : text));

  /** Split or cut at the playhead, said aloud: the timeline changes away from focus, so nothing else would be heard. */
  function cutAtPlayhead(change: ProjectChange | null, done: (at: string) => string): boolean {
    const at = formatTimecode(playheadUs());
    const ok = run(change);
    say(ok ? done(at) : `No clip to cut at ${at}.`);
    return ok;
  }

  /** The first copied picture's settings onto `clipIds` (Shift+Ctrl/⌘+V; one undo step). */
  function pastePicture(clipIds: ClipId[]): boolean {
    const from = clipboard().picture;
    if (!from) {
      setError('Copy a clip on a video track first (Ctrl/⌘+C): its picture settings are what is pasted.');
      return false;
    }
    return run(commands.pastePicture(project(), clipIds, from));
  }

  function paste(): void {
    run(commands.pasteClips(project(), clipboard().clips, clipboard().assets, playheadUs()));
  }

  const frameUs = () => frameTimeUs(1, fps());

  /** What each shortcut does (the table in shortcuts.ts maps keys to these). */
  /** Selected clips under the playhead if there are any, else undefined: every clip under it (split, Q and W). */
  function selectedUnderPlayhead(): ClipId[] | undefined {
    const t = playheadUs();
    const under = project().clips.filter((c) => selection().has(c.id) && c.startUs < t && t < clipEndUs(c)).map((c) => c.id);
    return under.length > 0 ? under : undefined;
  }

  function perform(action: ShortcutAction): boolean {
    // The shortcut help edits nothing: it opens whenever the page shows, the project still opening too.
    if (action === 'help') {
      setHelpOpen(true);
      return true;
    }
    if (dragging || !restored()) return false;
    switch (action) {
      case 'undo':
        return editable() && document.undo();
      case 'redo':
        return editable() && document.redo();
      case 'split':
        return cutAtPlayhead(commands.splitAt(project(), playheadUs(), selectedUnderPlayhead()), (at) => `Split at ${at}.`);
      case 'trimStartToPlayhead':
      case 'trimEndToPlayhead':
      case 'rippleTrimStartToPlayhead':
      case 'rippleTrimEndToPlayhead': {
        const edge = action === 'trimStartToPlayhead' || action === 'rippleTrimStartToPlayhead' ? 'start' : 'end';
        const ripple = action.startsWith('ripple');
        const closing = ripple ? '; what follows moved up' : '';
        return cutAtPlayhead(commands.trimClipsTo(project(), edge, playheadUs(), selectedUnderPlayhead(), ripple), (at) => `Cut off what lies ${edge === 'start' ? 'before' : 'after'} ${at}${closing}.`);
      }
      case 'selectAll':
        setSelection(new Set(project().clips.map((c) => c.id)));
        return true;
      case 'deselect':
        if (selection().size === 0) return false;
        setSelection(new Set<ClipId>());
        return true;
      case 'freezeFrame':
        void freezeFrame();
        return true;
      case 'previousEdit':
      case 'nextEdit': {
        const point = adjacentEditPoint(editPoints(project()), playheadUs(), action === 'nextEdit' ? 1 : -1);
        if (point === null) return false;
        seek(Math.min(point, lastFrameUs()));
        return true;
      }
      case 'delete':
        deleteSelection(false);
        return true;
      case 'rippleDelete':
        deleteSelection(true);
        return true;
      case 'copy':
        const clips = project().clips.filter((c) => selection().has(c.id));
        setClipboard({
          clips,
          assets: project().assets.filter((a) => clips.some((c) => c.assetId === a.id)),
          picture: clips.find((c) => project().tracks.find((t) => t.id === c.trackId)?.kind === 'video'),
        });
        return clips.length > 0;
      case 'paste':
        paste();
        return true;
      case 'pastePicture':
        return pastePicture(selectedIds());
      case 'duplicate':
        return run(commands.duplicateClips(project(), selectedIds()));
      case 'marker':
        return run(commands.addMarker(project(), playheadUs()));
      case 'frameBack':
        seek(playheadUs() - frameUs());
        return true;
      case 'frameForward':
        seek(playheadUs() + frameUs());
        return true;
      case 'home':
        seek(0);
        return true;
      case 'end':
        seek(lastFrameUs());
        return true;
      case 'zoomIn':
        zoom(1.5);
        return true;
      case 'zoomOut':
        zoom(1 / 1.5);
        return true;
      case 'zoomToFit':
        setFitRequests(fitRequests() + 1);
        return true;
      case 'playPause':
        void playback.toggle();
        return true;
      case 'shuttleForward':
        void playback.shuttle(1);
        return true;
      case 'shuttleBack':
        void playback.shuttle(-1);
        return true;
      case 'shuttleStop':
        void playback.pause();
        return true;
      case 'markIn':
        playback.markIn();
        return true;
      case 'markOut':
        playback.markOut();
        return true;
      case 'loop':
        playback.toggleLoop();
        return true;
      case 'nudgeBack':
      case 'nudgeForward':
      case 'nudgeBackSecond':
      case 'nudgeForwardSecond':
      case 'trimStartBack':
      case 'trimStartForward':
      case 'trimEndBack':
      case 'trimEndForward':
      case 'trackUp':
      case 'trackDown':
        return nudgeSelection(action);
    }
  }

  /** A five-second title on the top video track at the playhead. */
  function addTitle(): void {
    const current = project();
    const track = current.tracks.find((t) => t.kind === 'video' && !t.locked);
    if (!track) {
      setError('Every video track is locked: unlock one to add a title.');
      return;
    }
    const assetId = commands.newTitleId();
    const asset = { id: assetId, name: 'Title', durationUs: TEXT_ASSET_DURATION_US, hasVideo: true, hasAudio: false, text: defaultTextStyle() };
    const startUs = snapToFrameUs(playheadUs(), fps());
    const clip = newClip({ id: newClipId(), assetId, trackId: track.id, startUs, inUs: 0, outUs: 5_000_000 });
    if (run({ put: [asset, clip] })) setSelection(new Set([clip.id]));
  }

  function setTitle(assetId: Asset['id'], change: Partial<TextStyle>): void {
    const asset = project().assets.find((a) => a.id === assetId);
    if (!asset?.text) return;
    // A title's words are its clip's: not to be changed on a locked track.
    const locked = new Set(project().tracks.filter((t) => t.locked).map((t) => t.id));
    if (project().clips.some((c) => c.assetId === assetId && locked.has(c.trackId))) return;
    const text = { ...asset.text, ...change };
    run({ put: [{ ...asset, text, name: text.content.split('\n')[0]!.slice(0, 60) || 'Title' }] });
  }

  /** Bumped to ask the timeline (which knows its width) to zoom to fit. */
  const [fitRequests, setFitRequests] = createSignal(0);

  function zoom(factor: number): void {
    setPxPerSecond(Math.min(2000, Math.max(2, pxPerSecond() * factor)));
  }

  /** The inspector's In/Out fields: a new source in or out point, the clip's start kept where it is. */
  function setInOut(clipId: ClipId, edge: 'in' | 'out', sourceUs: number): void {
    run(commands.setClipSource(project(), clipId, edge === 'in' ? { inUs: sourceUs } : { outUs: sourceUs }));
  }

  function toggleTrackFlag(track: Track, flag: 'muted' | 'solo' | 'locked' | 'hidden'): void {
    run(commands.setTrackFlag(project(), track.id, flag, !track[flag]));
  }

  return {
    project,
    library,
    restored,
    saving: autosave.saving,
    saveFailed: autosave.failed,
    selection,
    playheadUs,
    pxPerSecond,
    shown,
    playback,
    error,
    dismissError: () => setError(null),
    notice,
    announcement,
    exportState: exporter.state,
    exports: {
      records: exportsLibrary.records,
      linkable: exportsLibrary.linkable,
      remove: (id: string) => {
        exporter.forget(id);
        void exportsLibrary.remove(id).then(library.refreshStorage);
      },
    },
    showError: setError,
    startExport: exporter.start,
    exportsMarkedRange,
    setExportsMarkedRange,
    /** The length of what an export renders (the marked range's, when that is exported). */
    exportDurationUs: () => timelineDurationUs(exportedProject()),
    cancelExport: exporter.cancel,
    exportCodecs: exporter.codecs,
    canEncodeAac: exporter.canEncodeAac,
    exportPaths: exporter.paths,
    /** Moves every cut to its source's nearest keyframe (one undo step), so the export can copy the video. */
    snapCutsToKeyframes: () => run(snapChange(project())),
    /** Whether snapping would let the export copy the video (only then is it offered). */
    snapHelps: () => exporter.paths()?.video?.snappable === true && snapHelps() === true, // a resource keeps its last value when not asked
    canUndo: document.canUndo,
    canRedo: document.canRedo,
    helpOpen,
    closeHelp: () => setHelpOpen(false),
    durationUs,
    fps,
    attachPreview,
    saveFrame,
    voice,
    freezeFrame,
    /** A new on-screen preview size redraws the frame at it (after attachPreview has the canvas). */
    setPreviewBox: (width: number, height: number) => {
      previewBox = { width, height };
      if (previewReady()) void engine.setPreviewBox(width, height).then(refreshPreview);
    },
    importFiles,
    addToTimeline,
    /** Media dragged from the bin and dropped on a track at `startUs`. */
    dropMedia: (fingerprint: string, trackId: TrackId, startUs: number) => {
      const asset = library.rows().find((row) => row.status === 'ready' && row.asset?.fingerprint === fingerprint)?.asset;
      if (asset) addToTimeline(asset, { trackId, startUs });
    },
    removeFromLibrary,
    seek,
    select,
    dragClip,
    dragPicture,
    pastePicture,
    /** A clip is copied whose picture settings can be pasted (the first copied picture). */
    copiedClip: () => clipboard().picture,
    selectedPictureBox,
    resizePicture,
    perform,
    zoom,
    fitRequests,
    setInOut,
    setSound: (clipId: ClipId, sound: commands.ClipSound) => run(commands.setClipSound(project(), clipId, sound)),
    clipLoudnessLufs,
    /** Sets each clip's volume so it plays at the target loudness (one undo step). */
    normalizeLoudness: (clipIds: Iterable<ClipId>) => run(commands.normalizeLoudness(project(), clipIds, clipLoudnessLufs)),
    selectedIds,
    /** Cuts a clip's pauses out, from its waveform (one undo step), or says why not. */
    removePauses: (clipId: ClipId) => {
      const clip = project().clips.find((c) => c.id === clipId);
      const peaks = clip && analysisFor(clip.assetId)?.waveform;
      if (!clip || !peaks) return void setError('This clip’s sound is still being analysed: try again in a moment.');
      if (!run(removeSilences(project(), clip.id, silentSpans(peaks, clip.inUs, clip.outUs)))) setError('No pause of half a second or more to cut in this clip.');
    },
    /** Puts the sound of clips with picture and sound on an audio track of its own (one undo step). */
    detachSound: (clipIds: Iterable<ClipId>) => run(commands.detachSound(project(), clipIds)),
    /** Whether detaching would do anything for these clips. */
    canDetachSound: (clipIds: Iterable<ClipId>) => commands.detachSound(project(), clipIds) !== null,
    removeClip: (clipId: ClipId) => run(commands.deleteClips(project(), [clipId])),
    toggleTrackFlag,
    addTrack: (kind: 'video' | 'audio') => run(commands.addTrack(project(), kind)),
    removeTrack: (trackId: TrackId) => run(commands.removeTrack(project(), trackId)) || setError('The last video track stays: pictures need one. Unlock a locked track to remove it.'),
    removeMarker: (markerId: MarkerId) => run(commands.removeMarker(project(), markerId)),
    closeGap: (trackId: TrackId, atUs: number) => {
      if (run(commands.closeGap(project(), trackId, atUs))) return true;
      // A gap that stays, on an unlocked track, is held open by a detached pair's track: say so rather than do nothing.
      if (commands.gapAt(project(), trackId, atUs) && !project().tracks.find((t) => t.id === trackId)?.locked)
        setError('This gap stays: the detached sound (or picture) of a clip after it has something in the same span on its own track, and closing one track alone would put them out of step.');
      return false;
    },
    canCloseGap: (trackId: TrackId, atUs: number) => commands.closeGap(project(), trackId, atUs) !== null,
    analysisOf: analysisFor,
    isOffline,
    missingMedia,
    setTransition: (clipId: ClipId, kind: TransitionKind | null, durationUs?: number) => run(commands.setTransition(project(), clipId, kind, durationUs)),
    addTitle,
    setTitle,
    setSpeed: (clipId: ClipId, speed: number) => run(commands.setClipSpeed(project(), clipId, speed)),
    /** Moves a clip to start at `startUs` (frame-snapped): the inspector's Start box, for moving a clip without a mouse. */
    setStart: (clipId: ClipId, startUs: number) => {
      const clip = project().clips.find((c) => c.id === clipId);
      return !!clip && run(commands.moveClips(project(), [clipId], startUs - clip.startUs));
    },
    setPicture: (clipId: ClipId, change: Parameters<typeof commands.setClipPicture>[2]) => run(commands.setClipPicture(project(), clipId, change)),
    keyOutBackground,
    setOutput: (change: Parameters<typeof commands.setOutput>[1]) => run(commands.setOutput(project(), change)),
    ...projectActions,
    /** Whether this tab edits the open project (else another tab does, and this one follows its saves). */
    editingHere: presence.editing,
    /** Asks the tab editing the open project to hand it over to this one; says so when it has not after a while. */
    takeOver: () => {
      const asked = projectId();
      presence.takeOver();
      setTimeout(() => {
        if (projectId() === asked && !presence.editing()) setError(HAND_OVER_UNANSWERED);
      }, HAND_OVER_WAIT_MS);
    },
  };
}

export type EditorSession = ReturnType<typeof createEditorSession>;
