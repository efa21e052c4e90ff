import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { createEditorSession } from './create-editor-session.ts';
import { ImportControls } from './ImportControls.tsx';
import { DropZone } from './DropZone.tsx';
import { PreviewCanvas } from './PreviewCanvas.tsx';
import { Transport } from './Transport.tsx';
import { PlaybackStatsOverlay } from './PlaybackStatsOverlay.tsx';
import { Timeline } from './Timeline.tsx';
import { ClipInspector } from './ClipInspector.tsx';
import { PictureHandles } from './PictureHandles.tsx';
import type { PictureSource } from './PastePictureButton.tsx';
import type { ClipId } from '../model/ids.ts';
import { SelectedClips } from './SelectedClips.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { ErrorBanner } from './ErrorBanner.tsx';
import { MediaBin } from './MediaBin.tsx';
import { MissingMedia } from './MissingMedia.tsx';
import { ShortcutHelp } from './ShortcutHelp.tsx';
import { ProjectMenu } from './ProjectMenu.tsx';
import { ProjectSettings } from './ProjectSettings.tsx';
import { registerServiceWorker } from './register-service-worker.ts';
import { createInstall } from './create-install.ts';
import { InstallOffer } from './InstallOffer.tsx';
import { ExportsLibrary } from './ExportsLibrary.tsx';
import { importLaunchedFiles, importSharedFiles } from './incoming-files.ts';
import { isCharacterKey, isPressableTarget, isTypingTarget, shortcutFor } from './shortcuts.ts';
import { createCharacterShortcuts } from './character-shortcuts.ts';
import { clipEndUs } from '../model/project.ts';
import { activeTransitions } from '../model/render-plan.ts';

export function App() {
  const session = createEditorSession();
  let workspace!: HTMLElement;
  const [statsOpen, setStatsOpen] = createSignal(false);
  const [reloadForUpdate, setReloadForUpdate] = createSignal<(() => void) | null>(null);
  registerServiceWorker((reload) => setReloadForUpdate(() => reload));
  const install = createInstall();
  const characterShortcuts = createCharacterShortcuts();
  // Files from the system (Open with…, Share) take the same import path as a drop.
  importLaunchedFiles(session.importFiles);
  void importSharedFiles(session.importFiles);
  /** The copied clip whose picture settings can go onto `clipIds` (not onto itself alone), named as the bin names its media. */
  const pasteFrom = (clipIds: ClipId[]): PictureSource | undefined => {
    const from = session.copiedClip();
    if (!from || clipIds.every((id) => id === from.id)) return undefined;
    const name = session.project().assets.find((a) => a.id === from.assetId)?.name ?? 'the copied clip';
    return { name, paste: () => void session.pastePicture(clipIds) };
  };
  const selectedClip = () => (session.selection().size === 1 ? session.project().clips.find((c) => session.selection().has(c.id)) : undefined);

  const onKey = (e: KeyboardEvent) => {
    if (isTypingTarget(e.target)) return;
    // A modal dialog keeps its keys (Escape closes it).
    if (e.target instanceof Element && e.target.closest('dialog[open]')) return;
    // Space and Enter press the focused button (play/pause is the Play button's own press there).
    if ((e.key === ' ' || e.key === 'Enter') && isPressableTarget(e.target)) return;
    if (!characterShortcuts.on() && isCharacterKey(e)) return;
    const action = shortcutFor(e);
    if (!action || !session.perform(action)) return;
    e.preventDefault();
    // A clip's element is redrawn when the clip changes: focus stays on that clip (moved, trimmed), or on one still there (Delete), not on the page.
    const focused = e.target;
    if (focused instanceof HTMLElement && focused.classList.contains('clip')) {
      queueMicrotask(() => {
        if (focused.isConnected) return;
        const same = document.querySelector<HTMLElement>(`.clip[data-clip-id="${CSS.escape(focused.dataset.clipId ?? '')}"]`);
        (same ?? document.querySelector<HTMLElement>('.clip'))?.focus();
      });
    }
  };
  onMount(() => window.addEventListener('keydown', onKey));
  onCleanup(() => window.removeEventListener('keydown', onKey));

  return (
    <DropZone onFiles={(files) => void session.importFiles(files)}>
      <header class="app-header">
        {/* WCAG 2.4.1: the timeline comes after the side panels (some 60 Tab presses in); the first Tab offers the way there. */}
        <a
          class="skip-link"
          href="#timeline"
          data-testid="skip-to-timeline"
          onClick={(e) => {
            e.preventDefault(); // the page's URL is left alone (a project link lives there)
            (document.querySelector<HTMLElement>('.timeline .clip') ?? document.querySelector<HTMLElement>('.timeline'))?.focus();
          }}
        >
          Skip to the timeline
        </a>
        <h1 class="logo">Spool</h1>
        {/* Not a live region: it changes after every edit, and would be read out after every edit. A failed save is an alert. */}
        <span class="hint save-state" data-testid="save-state">
          {!session.restored() ? 'Opening…' : session.saving() ? 'Saving…' : session.saveFailed() ? <span role="alert">Not saved</span> : 'All changes saved'}
        </span>
        <ImportControls
          importing={session.library.rows().find((row) => row.status === 'importing')?.name ?? null}
          onFiles={(files) => void session.importFiles(files)}
        />
        <div class="history-controls">
          <button type="button" aria-label="Undo" disabled={!session.canUndo()} onClick={() => session.perform('undo')} data-testid="undo">
            Undo
          </button>
          <button type="button" aria-label="Redo" disabled={!session.canRedo()} onClick={() => session.perform('redo')} data-testid="redo">
            Redo
          </button>
          <button type="button" aria-label="Keyboard shortcuts" onClick={() => session.perform('help')}>
            ?
          </button>
        </div>
        <InstallOffer canPrompt={install.canPrompt()} showManualHint={install.showManualHint()} onInstall={() => void install.install()} />
      </header>
      <ProjectMenu
        name={session.project().name}
        projectId={session.projectId()}
        projects={session.projects()}
        onRename={session.renameProject}
        onOpen={(id) => void session.openProject(id)}
        onNew={() => void session.newProject()}
        onDuplicate={() => void session.duplicateProject()}
        onDelete={() => void session.deleteCurrentProject()}
        onExportFile={session.exportProjectFile}
        onImportFile={(file) => void session.importProjectFile(file)}
        onCopyLink={() => void session.copyProjectLink()}
        linkStatus={session.notice()}
      />
      <ErrorBanner message={session.error()} onDismiss={session.dismissError} fallbackFocus={() => workspace} />
      <Show when={session.restored() && !session.editingHere()}>
        <div class="update-banner" role="status" data-testid="open-elsewhere">
          This project is being edited in another tab: its changes show here as they are saved.{' '}
          <button type="button" onClick={() => void session.takeOver()}>
            Edit here
          </button>
        </div>
      </Show>
      <p class="visually-hidden" role="status" data-testid="announcer">
        {session.announcement()}
      </p>
      <Show when={reloadForUpdate()}>
        {(reload) => (
          <div class="update-banner" role="status" data-testid="update-banner">
            A new version is ready — <button type="button" onClick={() => reload()()}>Reload</button>
          </div>
        )}
      </Show>
      {/* Focusable from script only: where focus goes when what had it goes (a dismissed banner that was reached from nowhere). */}
      <main class="workspace" ref={workspace} tabIndex={-1}>
        <section class="preview-area" aria-label="Preview">
          <div class="preview-frame">
            <PreviewCanvas onCanvas={(canvas) => void session.attachPreview(canvas)} onBox={session.setPreviewBox} onDrag={session.dragPicture} />
            <PictureHandles box={session.selectedPictureBox()} aspect={session.project().output.width / session.project().output.height} onResize={session.resizePicture} />
            <Show when={statsOpen()}>
              <PlaybackStatsOverlay stats={session.playback.stats()} lateAudioBlocks={session.playback.lateAudioBlocks()} />
            </Show>
          </div>
          <Transport
            playheadUs={session.playheadUs()}
            durationUs={session.durationUs()}
            fps={session.fps()}
            shownSourceUs={session.shown()?.sourceUs ?? null}
            rate={session.playback.rate()}
            looping={session.playback.looping()}
            loopRange={session.playback.loopRange()}
            statsOpen={statsOpen()}
            onSeek={session.seek}
            onPlayPause={() => session.perform('playPause')}
            onLoop={() => session.perform('loop')}
            onStats={() => setStatsOpen(!statsOpen())}
          />
        </section>
        <aside class="side-panel">
          <Show when={session.missingMedia().length > 0}>
            <MissingMedia assets={session.missingMedia()} onFiles={(files) => void session.importFiles(files)} />
          </Show>
          <MediaBin
            rows={session.library.rows()}
            storage={session.library.storage()}
            onAdd={(row) => row.asset && session.addToTimeline(row.asset)}
            onRemove={(row) => void session.removeFromLibrary(row)}
          />
          <Show when={selectedClip()}>
            {(clip) => (
              <ClipInspector
                clip={clip()}
                assetName={session.project().assets.find((a) => a.id === clip().assetId)?.name ?? ''}
                locked={session.project().tracks.find((t) => t.id === clip().trackId)?.locked === true}
                hasSound={session.project().assets.find((a) => a.id === clip().assetId)?.hasAudio === true}
                onSound={(sound) => session.setSound(clip().id, sound)}
                loudnessLufs={session.clipLoudnessLufs(clip())}
                onNormalize={() => session.normalizeLoudness([clip().id])}
                onRemovePauses={() => session.removePauses(clip().id)}
                onDetachSound={session.canDetachSound([clip().id]) ? () => session.detachSound([clip().id]) : undefined}
                onInOut={(edge, us) => session.setInOut(clip().id, edge, us)}
                onRemove={() => session.removeClip(clip().id)}
                fallbackFocus={() => document.querySelector<HTMLElement>('.clip') ?? workspace}
                onCloseGapBefore={session.canCloseGap(clip().trackId, clip().startUs - 1) ? () => session.closeGap(clip().trackId, clip().startUs - 1) : undefined}
                transition={activeTransitions(session.project()).find((a) => a.from.id === clip().id)?.transition}
                canTransition={session.project().clips.some((c) => c.trackId === clip().trackId && c.id !== clip().id && c.startUs === clipEndUs(clip()))}
                onTransition={(kind, durationUs) => session.setTransition(clip().id, kind, durationUs)}
                title={session.project().assets.find((a) => a.id === clip().assetId)?.text}
                onTitle={(change) => session.setTitle(clip().assetId, change)}
                onPicture={(change) => session.setPicture(clip().id, change)}
                onKeyOut={() => void session.keyOutBackground(clip().id)}
                pasteFrom={pasteFrom([clip().id])}
                onSpeed={(speed) => session.setSpeed(clip().id, speed)}
                onStart={(us) => session.setStart(clip().id, us)}
              />
            )}
          </Show>
          <Show when={session.selectedIds().length > 1}>
            <SelectedClips
              count={session.selectedIds().length}
              canNormalize={session.project().clips.some((c) => session.selection().has(c.id) && c.volume > 0 && Number.isFinite(session.clipLoudnessLufs(c)))}
              onNormalize={() => session.normalizeLoudness(session.selectedIds())}
              onDetachSound={session.canDetachSound(session.selectedIds()) ? () => session.detachSound(session.selectedIds()) : undefined}
              pasteFrom={pasteFrom(session.selectedIds())}
            />
          </Show>
          <ProjectSettings output={session.project().output} onChange={session.setOutput} />
          <ExportPanel
            state={session.exportState()}
            canExport={session.exportDurationUs() > 0}
            hasPicture={session.project().clips.some((c) => session.project().tracks.some((t) => t.id === c.trackId && t.kind === 'video' && !t.hidden))}
            missing={session.missingMedia().map((asset) => asset.name)}
            output={session.project().output}
            durationUs={session.exportDurationUs()}
            markedRange={session.playback.loopRange()}
            exportsMarkedRange={session.exportsMarkedRange()}
            onExportsMarkedRange={session.setExportsMarkedRange}
            codecs={session.exportCodecs()}
            canEncodeAac={session.canEncodeAac()}
            paths={session.exportPaths()}
            canSnap={session.snapHelps()}
            onSnapToKeyframes={() => session.snapCutsToKeyframes()}
            onFormat={session.setOutput}
            onExport={() => void session.startExport()}
            onCancel={session.cancelExport}
            linkable={session.exports.linkable()}
            onError={session.showError}
          />
          <ExportsLibrary records={session.exports.records()} linkable={session.exports.linkable()} onDelete={session.exports.remove} onError={session.showError} />
        </aside>
      </main>
      <Timeline
        project={session.project()}
        selected={session.selection()}
        playheadUs={session.playheadUs()}
        pxPerSecond={session.pxPerSecond()}
        onSelect={session.select}
        onSeek={session.seek}
        onDragStart={session.dragClip}
        onTrackFlag={session.toggleTrackFlag}
        onRemoveTrack={(track) => session.removeTrack(track.id)}
        onFreezeFrame={() => void session.freezeFrame()}
        onSaveFrame={() => void session.saveFrame()}
        recording={session.voice.recording()}
        onRecord={session.voice.toggle}
        onRemoveMarker={(marker) => session.removeMarker(marker.id)}
        onDropMedia={session.dropMedia}
        fitRequests={session.fitRequests()}
        onZoom={session.zoom}
        onAddTrack={session.addTrack}
        onAddTitle={session.addTitle}
        characterShortcuts={characterShortcuts.on()}
        onCloseGap={session.closeGap}
        analysisOf={session.analysisOf}
        isOffline={session.isOffline}
      />
      <ShortcutHelp open={session.helpOpen()} onClose={session.closeHelp} characterShortcuts={characterShortcuts.on()} onCharacterShortcuts={characterShortcuts.set} />
    </DropZone>
  );
}
