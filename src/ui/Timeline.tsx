import { createEffect, createMemo, createSignal, For, mapArray, on, Show, onCleanup, onMount } from 'solid-js';
import type { ClipId, TrackId } from '../model/ids.ts';
import { clipDurationUs, timelineDurationUs, type Clip, type Marker, type Project, type Track } from '../model/project.ts';
import { formatTimecode } from '../model/time.ts';
import { TrackHeader } from './TrackHeader.tsx';
import { Ruler } from './Ruler.tsx';
import { Filmstrip } from './Filmstrip.tsx';
import { BIN_MEDIA_TYPE, carriesBinMedia } from './bin-drag.ts';
import { WaveformView } from './WaveformView.tsx';
import type { AssetAnalysis } from '../analysis/analysis-pool.ts';
import { createPinchZoom } from './create-pinch-zoom.ts';
import { editsSelectedClips, isCharacterKey, shortcutFor } from './shortcuts.ts';
import { keepFocusWhenRemoved } from './keep-focus-when-removed.ts';
import { placeInOrder } from './place-in-order.ts';

/** The value with this id now, or the last one seen once it has gone (its element is going too, after this reads it). */
function latest<T>(byId: () => ReadonlyMap<string, T>, id: string): () => T {
  let last = byId().get(id)!;
  return () => (last = byId().get(id) ?? last);
}

export type DragKind = 'move' | 'trim-start' | 'trim-end';

/** Tracks with their clips, a ruler and the playhead. Views only: every change goes out through the callbacks. */
export function Timeline(props: {
  project: Project;
  selected: ReadonlySet<ClipId>;
  playheadUs: number;
  pxPerSecond: number;
  onSelect: (id: ClipId, additive: boolean) => void;
  onSeek: (us: number) => void;
  onDragStart: (event: PointerEvent, kind: DragKind, clip: Clip) => void;
  onTrackFlag: (track: Track, flag: 'muted' | 'solo' | 'locked' | 'hidden') => void;
  onRemoveTrack: (track: Track) => void;
  onRemoveMarker: (marker: Marker) => void;
  /** Bumped by the \\ key: zoom to fit. */
  fitRequests: number;
  /** Media dragged from the bin, dropped on a track at a time. */
  onDropMedia: (fingerprint: string, trackId: TrackId, startUs: number) => void;
  onZoom: (factor: number) => void;
  onAddTrack: (kind: 'video' | 'audio') => void;
  onAddTitle: () => void;
  /** Shortcuts on character keys are on (see `isCharacterKey`): off, a clip takes none of them either. */
  characterShortcuts: boolean;
  onFreezeFrame: () => void;
  onSaveFrame: () => void;
  recording: boolean;
  onRecord: () => void;
  onCloseGap: (trackId: TrackId, atUs: number) => void;
  analysisOf: (assetId: string) => AssetAnalysis | undefined;
  /** True for a clip whose media is not in this browser's library (shown greyed; export says which file to import). */
  isOffline: (assetId: string) => boolean;
}) {
  const px = (us: number) => `${(us / 1_000_000) * props.pxPerSecond}px`;
  const width = () => Math.max(timelineDurationUs(props.project) + 10_000_000, 30_000_000);
  const name = (assetId: string) => props.project.assets.find((a) => a.id === assetId)?.name ?? '';
  // Tracks and clips are drawn keyed by id, so an element (and the focus on it) stays when its track or clip changes: a
  // replaced element loses focus, and one given focus again is read out whole.
  const trackIds = () => props.project.tracks.map((track) => track.id);
  const tracksById = createMemo(() => new Map(props.project.tracks.map((track) => [track.id, track])));
  const clipsById = createMemo(() => new Map(props.project.clips.map((clip) => [clip.id, clip])));
  let section!: HTMLElement;
  let headers!: HTMLDivElement;
  /** Where focus goes when a removed track's header had it: the same button in the header now at its place, else the one before, else the timeline. */
  const focusAfterTrack = (index: number, lost: Element) => {
    const rows = headers.querySelectorAll<HTMLElement>('.track-header');
    const row = rows[index] ?? rows[index - 1];
    const verb = lost.getAttribute('aria-label')?.split(' ')[0];
    return row?.querySelector<HTMLElement>(`button[aria-label^="${verb} "]:not(:disabled)`) ?? row?.querySelector<HTMLElement>('button') ?? section;
  };
  let scroller!: HTMLDivElement;
  // Touch screens: two fingers pinch-zoom the timeline (styles.css stops the browser zooming the page there).
  onMount(() => onCleanup(createPinchZoom(scroller, (factor) => props.onZoom(factor))));
  /** Zooms so the whole timeline fits the visible width (the \\ key too, through `fitRequests`). */
  const zoomToFit = () => {
    const seconds = timelineDurationUs(props.project) / 1_000_000;
    if (seconds > 0 && scroller.clientWidth > 0) props.onZoom((scroller.clientWidth * 0.95) / seconds / props.pxPerSecond);
  };
  createEffect(on(() => props.fitRequests, () => zoomToFit(), { defer: true }));
  // The playhead stays in view: playing past the right edge pages on, and a jump or zoom that leaves it out of view scrolls to it.
  createEffect(
    on([() => props.playheadUs, () => props.pxPerSecond], ([playheadUs, pxPerSecond]) => {
      const x = (playheadUs / 1_000_000) * pxPerSecond;
      const { scrollLeft, clientWidth } = scroller;
      if (clientWidth > 0 && (x < scrollLeft || x > scrollLeft + clientWidth - 8)) scroller.scrollLeft = Math.max(0, x - clientWidth * 0.1);
    }),
  );
  // Clips are made keyed by id whatever their track, and moved between tracks' boxes rather than made again: a clip moved to
  // another track (Alt+↑/↓, a drag) keeps its element, and with it the focus and the name held below.
  const clipBoxes = new Map<TrackId, HTMLElement>();
  const clipElements = createMemo(
    mapArray(
      () => props.project.clips.map((clip) => clip.id),
      (id) => {
        const clip = latest(clipsById, id);
        let lastTrack = tracksById().get(clip().trackId)!;
        const track = () => (lastTrack = tracksById().get(clip().trackId) ?? lastTrack);
        const label = () =>
          `${name(clip().assetId)}, ${track().name}, starts ${formatTimecode(clip().startUs)}, length ${formatTimecode(clipDurationUs(clip()))}${props.isOffline(clip().assetId) ? ', media missing' : ''}`;
        // From a move or trim key until focus leaves, the clip's name stays as it was: the live region says what the key did, and
        // a name changing under focus is read out too (twice, then). Focus leaving, or the mouse, lets it say where the clip is now.
        const [heldLabel, setHeldLabel] = createSignal<string | null>(null);
        // Held over what those keys do only: another change to the clip (S, Q, W, F, undo) lets its name say it, as nothing else does.
        let keyEdit = false;
        createEffect(
          on(
            createMemo(clip),
            () => {
              if (!keyEdit) setHeldLabel(null);
              keyEdit = false;
            },
            { defer: true },
          ),
        );
        const element = (
          <div
            class="clip"
            classList={{
              selected: props.selected.has(id),
              audio: track().kind === 'audio',
              title: props.project.assets.some((a) => a.id === clip().assetId && a.text),
              offline: props.isOffline(clip().assetId),
            }}
            style={{ left: px(clip().startUs), width: px(clipDurationUs(clip())) }}
            data-testid="clip"
            data-clip-id={id}
            role="button"
            tabIndex={0}
            aria-pressed={props.selected.has(id)}
            aria-label={heldLabel() ?? label()}
            onBlur={() => setHeldLabel(null)}
            title={props.isOffline(clip().assetId) ? `"${name(clip().assetId)}" is not in this browser's media: import it again` : undefined}
            onPointerDown={(e) => {
              setHeldLabel(null);
              if (e.button !== 0) return;
              const additive = e.shiftKey || e.metaKey || e.ctrlKey;
              // A press on a selected clip keeps the others selected, so dragging it moves them all (a click that does not move then selects it alone).
              if (additive || !props.selected.has(id)) props.onSelect(id, additive);
              if (!track().locked) props.onDragStart(e, 'move', clip());
            }}
            onKeyDown={(e) => {
              // From the keyboard as with the mouse: Enter or Space selects the focused clip (Shift, Ctrl or ⌘ adds it)…
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                e.stopPropagation();
                props.onSelect(id, e.shiftKey || e.metaKey || e.ctrlKey);
              }
              // …and Delete, move and trim keys take the clip that has focus, not one selected elsewhere (the app's handler then edits the selection).
              keyEdit = editsSelectedClips(shortcutFor(e)) && (props.characterShortcuts || !isCharacterKey(e));
              if (!keyEdit) return;
              if (!props.selected.has(id)) props.onSelect(id, false);
              setHeldLabel(heldLabel() ?? label());
            }}
          >
            <div class="clip-handle start" data-testid="trim-start-handle" onPointerDown={(e) => { e.stopPropagation(); setHeldLabel(null); props.onSelect(id, false); if (!track().locked) props.onDragStart(e, 'trim-start', clip()); }} />
            <Show
              when={track().kind === 'video' && props.analysisOf(clip().assetId)?.thumbnails?.length ? props.analysisOf(clip().assetId) : undefined}
              fallback={
                <Show when={props.analysisOf(clip().assetId)?.waveform}>
                  {(peaks) => (
                    <div class="clip-visual">
                      <WaveformView peaks={peaks()} fromUs={clip().inUs} toUs={clip().outUs} widthPx={(clipDurationUs(clip()) / 1_000_000) * props.pxPerSecond} />
                    </div>
                  )}
                </Show>
              }
            >
              {(analysis) => (
                <div class="clip-visual">
                  <Filmstrip
                    thumbnails={analysis().thumbnails!}
                    timesUs={analysis().thumbnailTimesUs}
                    durationUs={props.project.assets.find((a) => a.id === clip().assetId)?.durationUs ?? clip().outUs}
                    fromUs={clip().inUs}
                    toUs={clip().outUs}
                    widthPx={(clipDurationUs(clip()) / 1_000_000) * props.pxPerSecond}
                  />
                </div>
              )}
            </Show>
            <span class="clip-name">{name(clip().assetId)}</span>
            <span class="clip-duration" data-testid="clip-duration">
              {formatTimecode(clipDurationUs(clip()))}
            </span>
            <div class="clip-handle end" data-testid="trim-end-handle" onPointerDown={(e) => { e.stopPropagation(); setHeldLabel(null); props.onSelect(id, false); if (!track().locked) props.onDragStart(e, 'trim-end', clip()); }} />
          </div>
        ) as HTMLDivElement;
        onCleanup(() => element.remove());
        return element;
      },
    ),
  );
  createEffect(() => {
    const elements = clipElements();
    const clips = props.project.clips;
    for (const [trackId, box] of clipBoxes) placeInOrder(box, elements.filter((_, i) => clips[i]!.trackId === trackId));
  });
  return (
    // Focusable from script only: where focus goes when the last of what had it (a track, a marker) is removed.
    <section class="timeline" id="timeline" aria-label="Timeline" ref={section} tabIndex={-1}>
      <div class="timeline-tools">
        <button type="button" aria-label="Zoom out" onClick={() => props.onZoom(1 / 1.5)}>
          −
        </button>
        <button type="button" aria-label="Zoom in" onClick={() => props.onZoom(1.5)}>
          +
        </button>
        <button type="button" aria-label="Zoom to fit the whole timeline" title={'Zoom to fit (\\)'} data-testid="zoom-fit" onClick={() => zoomToFit()}>
          Fit
        </button>
        <span class="hint">{formatTimecode(props.playheadUs)}</span>
        <button type="button" onClick={props.onAddTitle} data-testid="add-title">
          + Title
        </button>
        <button type="button" onClick={() => props.onAddTrack('video')} data-testid="add-video-track">
          + Video track
        </button>
        <button type="button" onClick={() => props.onAddTrack('audio')} data-testid="add-audio-track">
          + Audio track
        </button>
        <button type="button" data-testid="freeze-frame" title="Hold the frame at the playhead for 3 s (F): the selected clip's, or the picture on top" onClick={() => props.onFreezeFrame()}>
          Freeze
        </button>
        <button
          type="button"
          class={props.recording ? 'recording' : undefined}
          data-testid="record-voice"
          // Says what a press does, not a pressed state: "Stop recording, pressed" would read as stopped (a toggle keeps its name). No symbols in the name ("black circle").
          aria-label={props.recording ? 'Stop recording' : 'Record voice'}
          title="Record a voice-over from the microphone while the timeline plays from the playhead; it goes on an audio track there"
          onClick={() => props.onRecord()}
        >
          {props.recording ? '■ Stop recording' : '● Record voice'}
        </button>
        <button type="button" data-testid="save-frame" title="Save the frame at the playhead as a full-size PNG" onClick={() => props.onSaveFrame()}>
          Save frame
        </button>
      </div>
      <div class="timeline-body">
        <div class="track-headers" ref={headers}>
          <div class="ruler-spacer" />
          <For each={trackIds()}>
            {(id, index) => {
              const track = latest(tracksById, id);
              let header: HTMLDivElement | undefined;
              keepFocusWhenRemoved(
                () => header,
                (lost) => focusAfterTrack(index(), lost),
              );
              return <TrackHeader ref={(el) => (header = el)} track={track()} onFlag={(flag) => props.onTrackFlag(track(), flag)} onRemove={() => props.onRemoveTrack(track())} />;
            }}
          </For>
        </div>
        <div
          class="timeline-scroll"
          ref={scroller}
          onWheel={(e) => {
            if (!e.ctrlKey && !e.metaKey) return;
            e.preventDefault();
            props.onZoom(e.deltaY < 0 ? 1.2 : 1 / 1.2);
          }}
        >
          <div class="timeline-content" style={{ width: px(width()) }}>
            <Ruler
              widthUs={width()}
              pxPerSecond={props.pxPerSecond}
              markers={props.project.markers}
              onSeek={(x) => props.onSeek(Math.max(0, Math.round((x / props.pxPerSecond) * 1_000_000)))}
              onMarkerSeek={(marker) => props.onSeek(marker.timeUs)}
              onMarkerRemove={props.onRemoveMarker}
              fallbackFocus={() => section}
            />
            <For each={trackIds()}>
              {(trackId) => {
                const track = latest(tracksById, trackId);
                onCleanup(() => clipBoxes.delete(trackId));
                return (
                  <div
                    class="track"
                    classList={{ locked: track().locked, hidden: track().hidden }}
                    data-track-id={trackId}
                    data-testid="track"
                    title="Double-click a gap to close it"
                    onDragOver={(e) => {
                      if (!carriesBinMedia(e)) return;
                      e.preventDefault();
                      e.dataTransfer!.dropEffect = 'copy';
                    }}
                    onDrop={(e) => {
                      if (!carriesBinMedia(e)) return;
                      e.preventDefault();
                      e.stopPropagation();
                      const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
                      props.onDropMedia(e.dataTransfer!.getData(BIN_MEDIA_TYPE), track().id, Math.max(0, Math.round((x / props.pxPerSecond) * 1_000_000)));
                    }}
                    onDblClick={(e) => {
                      if (e.target !== e.currentTarget) return;
                      props.onCloseGap(track().id, Math.round(((e.clientX - e.currentTarget.getBoundingClientRect().left) / props.pxPerSecond) * 1_000_000));
                    }}
                  >
                    <Show when={props.project.clips.length === 0}>
                      <div class="track-empty">Add media with + in the bin</div>
                    </Show>
                    {/* No box of its own (display: contents): its clips lie on the track. They are put here by placeInOrder below. */}
                    <div class="track-clips" ref={(box) => clipBoxes.set(trackId, box)} />
                  </div>
                );
              }}
            </For>
            <div class="playhead" style={{ left: px(props.playheadUs) }} aria-hidden="true" />
          </div>
        </div>
      </div>
    </section>
  );
}
