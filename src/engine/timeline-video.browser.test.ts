import { expect, it } from 'vitest';
import type { AssetId } from '../model/ids.ts';
import { emptyProject, newClip, type Project } from '../model/project.ts';
import type { CompositeLayer } from '../media/compositor/frame-compositor.ts';
import type { MediaSource } from '../media/media-source.ts';
import { openMedia } from '../media/open-media.ts';
import { fixtureFile } from '../test-support/fixtures.ts';
import { readBarcode } from '../test-support/export-check.ts';
import { TimelineVideo } from './timeline-video.ts';

const BAR: AssetId = 'asset:bar';

it('opens the next clip’s decoder half a second before the cut, so neither preview nor export waits for it there; every frame stays exact', async () => {
  const source = await openMedia(await fixtureFile('barcode'), 'barcode.mp4');
  let frameAsked = -1;
  const opened: { frame: number; fromUs: number }[] = [];
  const watched: MediaSource = Object.assign(Object.create(source) as MediaSource, {
    videoFrames: (fromUs: number, toUs: number, onReadMs?: (ms: number) => void) => {
      opened.push({ frame: frameAsked, fromUs });
      return source.videoFrames(fromUs, toUs, onReadMs);
    },
  });
  const project: Project = {
    ...emptyProject(),
    assets: [{ id: BAR, name: 'barcode.mp4', durationUs: 10_000_000, hasVideo: true, hasAudio: true }],
    clips: [
      newClip({ id: 'clip:a', assetId: BAR, trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 2_000_000 }),
      newClip({ id: 'clip:b', assetId: BAR, trackId: 'track:v1', startUs: 2_000_000, inUs: 5_000_000, outUs: 6_000_000 }),
    ],
  };
  const video = new TimelineVideo(project, () => watched);
  const layers: CompositeLayer[] = [];
  const shown: number[] = [];
  const scratch = new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true })!;
  try {
    for (let frame = 0; frame < 90; frame++) {
      frameAsked = frame;
      await video.layersAt(frame, layers);
      shown.push(readBarcode(layers[0]!.frame, scratch));
    }
  } finally {
    await video.close();
  }
  // The second clip (from 5 s, shown at frame 60) opened 15 frames (0.5 s at 30 fps) before it.
  expect(opened).toEqual([
    { frame: 0, fromUs: 0 },
    { frame: 45, fromUs: 5_000_000 },
  ]);
  expect(shown).toEqual([...Array.from({ length: 60 }, (_, i) => i), ...Array.from({ length: 30 }, (_, i) => 150 + i)]);
});
