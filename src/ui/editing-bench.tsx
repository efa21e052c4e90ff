import { createRoot, createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import * as commands from '../editor/commands.ts';
import { emptyProject, newClip, newTrack, type Clip, type Project } from '../model/project.ts';
import { createDocument } from './create-document.ts';
import { Timeline } from './Timeline.tsx';

/**
 * Editing at scale, measured in the page with the real timeline rendered: a
 * 1-hour, 500-clip, 3-track project; p95 of a drag update, a split and an
 * undo, each timed until the DOM is updated (Solid updates synchronously).
 */
function bigProject(): Project {
  const project = emptyProject('Scale');
  project.tracks = [newTrack('track:v2', 'video', 'Video 2'), newTrack('track:v1', 'video', 'Video 1'), newTrack('track:a1', 'audio', 'Audio 1')];
  project.assets = [{ id: 'asset:long', name: 'long.mp4', durationUs: 3_600_000_000, hasVideo: true, hasAudio: true }];
  const clips: Clip[] = [];
  const perTrack = [250, 150, 100];
  project.tracks.forEach((track, t) => {
    const length = Math.floor(3_600_000_000 / perTrack[t]!);
    for (let i = 0; i < perTrack[t]!; i++) {
      clips.push(newClip({ id: `clip:${t}-${i}`, assetId: 'asset:long', trackId: track.id, startUs: i * length, inUs: i * 1_000_000, outUs: i * 1_000_000 + length }));
    }
  });
  project.clips = clips;
  return project;
}

const p95 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length * 0.95)]!;

export function benchEditing(rounds = 200): { clips: number; dragUpdateP95Ms: number; splitP95Ms: number; undoP95Ms: number } {
  const container = document.createElement('div');
  document.body.append(container);
  return createRoot((dispose) => {
    const doc = createDocument(bigProject());
    const [selected] = createSignal<ReadonlySet<Clip['id']>>(new Set());
    const unmount = render(
      () => (
        <Timeline
          project={doc.project()}
          selected={selected()}
          playheadUs={0}
          pxPerSecond={2}
          onSelect={() => undefined}
          onSeek={() => undefined}
          onDragStart={() => undefined}
          onTrackFlag={() => undefined}
          onRemoveTrack={() => undefined}
          onRemoveMarker={() => undefined}
          onDropMedia={() => undefined}
          fitRequests={0}
          onFreezeFrame={() => undefined}
          onSaveFrame={() => undefined}
          recording={false}
          onRecord={() => undefined}
          onZoom={() => undefined}
          onAddTrack={() => undefined}
          onAddTitle={() => undefined}
          characterShortcuts
          onCloseGap={() => undefined}
          analysisOf={() => undefined}
          isOffline={() => false}
        />
      ),
      container,
    );
    const time = (work: () => void) => {
      const start = performance.now();
      work();
      return performance.now() - start;
    };
    // A drag: one gesture, every update computed from the drag's starting state.
    const drag: number[] = [];
    const base = doc.project();
    const gesture = doc.gesture();
    for (let i = 0; i < rounds; i++) drag.push(time(() => doc.run(commands.moveClips(base, ['clip:1-75'], (i % 40) * 100_000))));
    gesture.end();
    const split: number[] = [];
    const undo: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const at = 1_000_000 + ((i * 7_919_000) % 3_500_000_000);
      split.push(time(() => doc.run(commands.splitAt(doc.project(), at))));
      undo.push(time(() => doc.undo()));
    }
    const result = { clips: doc.project().clips.length, dragUpdateP95Ms: p95(drag), splitP95Ms: p95(split), undoP95Ms: p95(undo) };
    unmount();
    container.remove();
    dispose();
    return result;
  });
}
