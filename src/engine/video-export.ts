import { backgroundRgb, type Project } from '../model/project.ts';
import { totalFrames as countFrames } from '../model/render-plan.ts';
import { frameTimeUs } from '../model/time.ts';
import type { CompositeLayer, FrameCompositor } from '../media/compositor/frame-compositor.ts';
import type { EncodeSink } from '../media/encode-sink.ts';
import type { StageClock } from '../media/stage-clock.ts';
import { untouchedFrame } from './direct-frame.ts';
import type { SourceLookup } from './sources.ts';
import { TimelineVideo } from './timeline-video.ts';

const KEYFRAME_SECONDS = 2;

export interface VideoExportOptions {
  clock: StageClock;
  /** Throws to stop (canceled, or the audio side failed). */
  check: () => void;
  onFrame: (done: number, total: number) => void;
}

/**
 * Every output frame, in order, into the sink: read through the same
 * TimelineVideo the preview uses, composited — or, when no pixel would change,
 * handed over as decoded — and encoded with a keyframe every two seconds.
 * The compositor is asked for only when a frame needs drawing, so a plain
 * transcode never starts the GPU (nor holds its memory).
 * Returns how many frames went straight from decoder to encoder.
 */
export async function exportVideo(project: Project, sources: SourceLookup, compositor: () => Promise<FrameCompositor>, sink: EncodeSink, options: VideoExportOptions): Promise<number> {
  const { width, height, fps } = project.output;
  const { clock, check } = options;
  const total = countFrames(project);
  const background = backgroundRgb(project.output);
  const gop = Math.max(1, Math.round(fps * KEYFRAME_SECONDS));
  const video = new TimelineVideo(project, sources, { clock });
  const layers: CompositeLayer[] = [];
  let direct = 0;
  try {
    for (let frame = 0; frame < total; frame++) {
      check();
      await video.layersAt(frame, layers);
      const timestamp = frameTimeUs(frame, fps);
      const duration = frameTimeUs(frame + 1, fps) - timestamp;
      const untouched = untouchedFrame(layers, width, height);
      let out: VideoFrame;
      if (untouched) {
        // No pixel would change: the decoded frame goes to the encoder as it is (a re-stamped view, no copy).
        out = new VideoFrame(untouched, { timestamp, duration });
        direct++;
      } else {
        const composeStart = performance.now();
        out = await (await compositor()).renderToFrame(width, height, layers, timestamp, duration, background);
        clock.add('composite', performance.now() - composeStart);
      }
      try {
        await sink.addVideoFrame(out, frame % gop === 0);
      } finally {
        out.close();
      }
      options.onFrame(frame + 1, total);
    }
  } finally {
    await video.close();
  }
  return direct;
}
