import { backgroundRgb, type Project } from '../model/project.ts';
import { totalFrames as countFrames } from '../model/render-plan.ts';
import { frameTimeUs } from '../model/time.ts';
import type { CompositeLayer, FrameCompositor } from '../media/compositor/frame-compositor.ts';
import type { EncodeSink } from '../media/encode-sink.ts';
import { decodeQueueDepth } from '../media/decode-stream.ts';
import type { StageClock } from '../media/stage-clock.ts';
import { everyFrameUntouched, RgbFrames, untouchedFrame } from './direct-frame.ts';
import type { SourceLookup } from './sources.ts';
import { TimelineVideo } from './timeline-video.ts';

const KEYFRAME_SECONDS = 2;

interface InFlight {
  frame: Promise<VideoFrame>;
  index: number;
}

export interface VideoExportOptions {
  clock: StageClock;
  /** Throws to stop (canceled, or the audio side failed). */
  check: () => void;
  onFrame: (done: number, total: number) => void;
  /** Raised to the deepest decode queue (chunks waiting plus frames not yet taken) seen at each frame. */
  peaks: { decode: number };
}

/**
 * Every output frame, in order, into the sink: read through the same
 * TimelineVideo the preview uses, composited — or, when no pixel would change,
 * handed over as decoded — and encoded with a keyframe every two seconds.
 * The compositor is asked for only when a frame needs drawing, so a plain
 * transcode never starts the GPU (nor holds its memory). Drawing overlaps:
 * while one frame is read back from the GPU, the next is decoded and
 * submitted (one frame in flight, so the pipeline stays bounded).
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
  // Decoded frames go to the encoder as they are only where no frame is drawn (see everyFrameUntouched); else they go as RGB.
  const handOver = everyFrameUntouched(project, sources);
  const rgb = new RgbFrames();
  /** The drawn frame still being read back, and its number. */
  let inFlight: InFlight | null = null;
  const encode = async (out: VideoFrame, index: number) => {
    try {
      await sink.addVideoFrame(out, index % gop === 0);
    } finally {
      out.close();
    }
    options.onFrame(index + 1, total);
  };
  const land = async () => {
    if (!inFlight) return;
    const { frame, index } = inFlight;
    inFlight = null;
    const readStart = performance.now();
    const out = await frame;
    clock.add('composite', performance.now() - readStart);
    await encode(out, index);
  };
  try {
    for (let frame = 0; frame < total; frame++) {
      check();
      await video.layersAt(frame, layers);
      options.peaks.decode = Math.max(options.peaks.decode, decodeQueueDepth());
      const timestamp = frameTimeUs(frame, fps);
      const duration = frameTimeUs(frame + 1, fps) - timestamp;
      const untouched = untouchedFrame(layers, width, height);
      if (untouched) {
        await land(); // frames reach the encoder in order
        if (handOver) {
          // No pixel would change: the decoded frame goes to the encoder as it is (a re-stamped view, no copy).
          direct++;
          await encode(new VideoFrame(untouched, { timestamp, duration }), frame);
        } else {
          const converted = performance.now();
          const out = await rgb.convert(untouched, timestamp, duration);
          clock.add('composite', performance.now() - converted);
          await encode(out, frame);
        }
        continue;
      }
      const submitStart = performance.now();
      const drawn = await (await compositor()).submitFrame({ width, height, layers, timestamp, duration, background });
      clock.add('composite', performance.now() - submitStart);
      await land();
      drawn.frame.catch(() => undefined); // awaited in land(); until then a failed readback is not "unhandled"
      inFlight = { frame: drawn.frame, index: frame };
    }
    await land();
  } finally {
    // On a failure or cancel, a frame still in flight is closed once it lands.
    void (inFlight as InFlight | null)?.frame.then((f) => f.close(), () => undefined);
    await video.close();
  }
  return direct;
}
