import { describe, expect, it } from 'vitest';
import { runExport } from './export-job.ts';
import { Compositor } from '../media/compositor/compositor.ts';
import { openMedia } from '../media/open-media.ts';
import { Mp4Source } from '../media/mp4-source.ts';
import { deleteExport, exportEntries } from '../storage/export-library.ts';
import { fixtureFile } from '../test-support/fixtures.ts';
import { emptyProject, newTrack, type Project } from '../model/project.ts';
import type { AssetId } from '../model/ids.ts';

const BAR: AssetId = 'asset:bar';
const NAME = 'frame-leak-test.mp4';

/** Two overlapping clips on two video tracks for the whole 10 s of the barcode clip: 300 frames at 30 fps. */
function twoTrackProject(): Project {
  const base = emptyProject('Leak test');
  return {
    ...base,
    output: { width: 320, height: 180, fps: 30, videoCodec: 'avc', audioCodec: 'auto' },
    assets: [{ id: BAR, name: 'barcode.mp4', durationUs: 10_000_000, hasVideo: true, hasAudio: true }],
    tracks: [newTrack('track:v2', 'video', 'Video 2'), ...base.tracks],
    clips: [
      { id: 'clip:under', assetId: BAR, trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 10_000_000, volume: 1, fadeInUs: 0, fadeOutUs: 0 },
      // On top, half size, from 2 s to 7 s: its decoder opens and closes mid-export.
      { id: 'clip:over', assetId: BAR, trackId: 'track:v2', startUs: 2_000_000, inUs: 1_000_000, outUs: 6_000_000, volume: 0.5, fadeInUs: 0, fadeOutUs: 0, picture: { scale: 0.5, x: 0.7 } },
    ],
  };
}

/** Media objects that hold decoder or GPU memory until closed. */
type Closable = VideoFrame | AudioData;

/**
 * Registers every VideoFrame and AudioData made while installed (decoder
 * outputs, constructed, cloned) and forgets each when closed. `uninstall`
 * puts every global and prototype method back.
 */
type Origin = 'decodedVideo' | 'decodedAudio' | 'constructedFrame' | 'constructedAudio' | 'cloned';

function trackMedia(): { alive: Set<Closable>; counts: Record<Origin, number>; uninstall: () => void } {
  const alive = new Set<Closable>();
  const counts: Record<Origin, number> = { decodedVideo: 0, decodedAudio: 0, constructedFrame: 0, constructedAudio: 0, cloned: 0 };
  const track = <T extends Closable>(item: T, origin: Origin): T => {
    alive.add(item);
    counts[origin]++;
    return item;
  };
  const saved = {
    VideoFrame: globalThis.VideoFrame,
    AudioData: globalThis.AudioData,
    VideoDecoder: globalThis.VideoDecoder,
    AudioDecoder: globalThis.AudioDecoder,
    frameClose: VideoFrame.prototype.close,
    frameClone: VideoFrame.prototype.clone,
    audioClose: AudioData.prototype.close,
    audioClone: AudioData.prototype.clone,
  };
  const OriginalFrame = saved.VideoFrame;
  const OriginalAudio = saved.AudioData;
  // Subclasses register what they construct; `instanceof` still accepts frames made by the real class (decoder outputs).
  class TrackedVideoFrame extends OriginalFrame {
    constructor(source: CanvasImageSource | AllowSharedBufferSource, init?: VideoFrameInit | VideoFrameBufferInit) {
      // The two overloads (image, or bytes with a layout) share one call at run time.
      super(source as CanvasImageSource, init as VideoFrameInit);
      track(this, 'constructedFrame');
    }
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof OriginalFrame;
    }
  }
  class TrackedAudioData extends OriginalAudio {
    constructor(init: AudioDataInit) {
      super(init);
      track(this, 'constructedAudio');
    }
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof OriginalAudio;
    }
  }
  class TrackedVideoDecoder extends saved.VideoDecoder {
    constructor(init: VideoDecoderInit) {
      super({ ...init, output: (frame) => init.output(track(frame, 'decodedVideo')) });
    }
  }
  class TrackedAudioDecoder extends saved.AudioDecoder {
    constructor(init: AudioDecoderInit) {
      super({ ...init, output: (data) => init.output(track(data, 'decodedAudio')) });
    }
  }
  globalThis.VideoFrame = TrackedVideoFrame as typeof VideoFrame;
  globalThis.AudioData = TrackedAudioData;
  globalThis.VideoDecoder = TrackedVideoDecoder;
  globalThis.AudioDecoder = TrackedAudioDecoder;
  OriginalFrame.prototype.close = function (this: VideoFrame) {
    alive.delete(this);
    saved.frameClose.call(this);
  };
  OriginalFrame.prototype.clone = function (this: VideoFrame) {
    return track(saved.frameClone.call(this), 'cloned');
  };
  OriginalAudio.prototype.close = function (this: AudioData) {
    alive.delete(this);
    saved.audioClose.call(this);
  };
  OriginalAudio.prototype.clone = function (this: AudioData) {
    return track(saved.audioClone.call(this), 'cloned');
  };
  return {
    alive,
    counts,
    uninstall() {
      globalThis.VideoFrame = saved.VideoFrame;
      globalThis.AudioData = saved.AudioData;
      globalThis.VideoDecoder = saved.VideoDecoder;
      globalThis.AudioDecoder = saved.AudioDecoder;
      OriginalFrame.prototype.close = saved.frameClose;
      OriginalFrame.prototype.clone = saved.frameClone;
      OriginalAudio.prototype.close = saved.audioClose;
      OriginalAudio.prototype.clone = saved.audioClone;
    },
  };
}

/** What a leaked item is, for the failure message. */
function describeItem(item: Closable): string {
  return item instanceof VideoFrame ? `VideoFrame ${item.codedWidth}×${item.codedHeight} @${item.timestamp}` : `AudioData ${item.numberOfFrames} frames @${item.timestamp}`;
}

describe('export leaves no VideoFrame or AudioData open', () => {
  it('a 300-frame export of two overlapping tracks closes every frame it decodes, composites or clones', { timeout: 600_000 }, async () => {
    const source = await openMedia(await fixtureFile('barcode'), 'barcode.mp4');
    expect(source).toBeInstanceOf(Mp4Source);
    const compositor = await Compositor.create();
    const project = twoTrackProject();
    const tracked = trackMedia();
    // The tracker itself: an unclosed frame shows, a closed one goes.
    const probe = new VideoFrame(new Uint8Array(16), { format: 'RGBA', codedWidth: 2, codedHeight: 2, timestamp: 0 });
    const probeSeen = tracked.alive.has(probe);
    probe.close();
    const probeGone = !tracked.alive.has(probe);
    let frames = 0;
    let output: Awaited<ReturnType<typeof runExport>>['output'] | undefined;
    try {
      const result = await runExport(project, (id) => (id === BAR ? source : undefined), () => Promise.resolve(compositor), { id: NAME, isCanceled: () => false });
      frames = result.stats.frames;
      output = result.output;
    } finally {
      tracked.uninstall();
      compositor.destroy();
      await deleteExport(NAME);
    }
    expect(probeSeen).toBe(true);
    expect(probeGone).toBe(true);
    expect(frames).toBe(300);
    console.warn('frames and audio tracked during the export:', JSON.stringify(tracked.counts));
    // Decoded (300 under + 150 over), composited (300), decoded sound: the tracker really was in every path.
    expect(tracked.counts.decodedVideo).toBeGreaterThanOrEqual(450);
    expect(tracked.counts.constructedFrame).toBeGreaterThanOrEqual(300 + 1);
    expect(tracked.counts.decodedAudio).toBeGreaterThan(0);
    expect([...tracked.alive].map(describeItem)).toEqual([]);
    // On the page (no OPFS sync access handles outside workers) the file is built in memory, and is whole.
    expect(output?.kind).toBe('blob');
    if (output?.kind === 'blob') {
      const exported = await Mp4Source.open(output.blob, NAME);
      expect(exported.video?.samples.length).toBe(300);
    }
    expect(await exportEntries()).not.toContain(NAME);
  });
});
