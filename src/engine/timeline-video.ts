import type { ClipId } from '../model/ids.ts';
import type { Project } from '../model/project.ts';
import { planVideoSpans, sourceUsAtFrame, type ClipSpan } from '../model/render-plan.ts';
import { frameTimeUs } from '../model/time.ts';
import type { CompositeLayer } from '../media/compositor/frame-compositor.ts';
import type { StageClock } from '../media/stage-clock.ts';
import { FramePicker } from '../media/video-frames.ts';
import { look } from './layer-look.ts';
import { pictureLayers } from './picture-layers.ts';
import type { SourceLookup } from './sources.ts';

interface OpenSpan {
  span: ClipSpan;
  picker: FramePicker;
  rotation: CompositeLayer['rotation'];
  /** The picker's last request: requests run one after another (prefetch starts one early). */
  pending: Promise<VideoFrame | null>;
}

export interface TimelineVideoOptions {
  clock?: StageClock;
}

/** A clip's decoder opens this long before the clip appears, so a cut never waits for it: no dropped frame in the preview, no idle encoder in an export. */
const PREFETCH_SECONDS = 0.5;

/**
 * The timeline's pictures frame by frame, for increasing frame numbers (frames
 * may be skipped: the preview drops what it cannot show in time). A decoder per
 * visible clip span, opened at the span's first frame (or ahead of it, to
 * prefetch) from the keyframe before it, and closed after its last frame.
 * Export and preview both read through this: one engine, two sinks.
 */
export class TimelineVideo {
  private readonly spans: ClipSpan[];
  private readonly open = new Map<ClipId, OpenSpan>();
  private next = 0;
  private readonly prefetch: number;

  constructor(
    private readonly project: Project,
    private readonly sources: SourceLookup,
    private readonly options: TimelineVideoOptions = {},
  ) {
    this.spans = planVideoSpans(project);
    this.prefetch = Math.ceil(project.output.fps * PREFETCH_SECONDS);
  }

  private openSpan(span: ClipSpan, frame: number): void {
    const source = this.sources(span.clip.assetId);
    if (!source?.video) return;
    const first = Math.max(frame, span.firstFrame);
    const from = sourceUsAtFrame(this.project, span.clip, first);
    const to = sourceUsAtFrame(this.project, span.clip, span.endFrame - 1);
    const clock = this.options.clock;
    const picker = new FramePicker(source.videoFrames(from, to, clock ? (ms) => clock.add('demux', ms) : undefined));
    // Prefetching: start decoding now, towards the first frame this span will show.
    const pending = first > frame ? picker.at(from) : Promise.resolve(null);
    pending.catch(() => undefined); // surfaced by the layersAt that awaits it
    this.open.set(span.clip.id, { span, picker, rotation: source.video.rotation, pending });
  }

  /**
   * Fills `layers` with the pictures of output frame `frame`, bottom to top,
   * and returns the source time of the topmost (null: background only). The
   * frames stay this reader's until the next call or `close()`.
   */
  async layersAt(frame: number, layers: CompositeLayer[]): Promise<number | null> {
    for (const [id, entry] of this.open) {
      if (entry.span.endFrame <= frame) {
        this.open.delete(id);
        await entry.picker.close();
      }
    }
    for (; this.next < this.spans.length && this.spans[this.next]!.firstFrame <= frame + this.prefetch; this.next++) {
      const span = this.spans[this.next]!;
      if (span.endFrame > frame) this.openSpan(span, frame);
    }
    layers.length = 0;
    let top: number | null = null;
    // The same plan the preview draws: bottom to top, with transitions' opacity, dimming and wipes.
    for (const layer of pictureLayers(this.project, this.sources, frameTimeUs(frame, this.project.output.fps))) {
      const entry = this.open.get(layer.clip.id);
      if (!entry) continue;
      const request = entry.pending.then(() => entry.picker.at(layer.sourceUs));
      entry.pending = request;
      const clock = this.options.clock;
      const decoded = await (clock ? clock.time('decode', () => request) : request);
      if (!decoded) continue;
      layers.push({ frame: decoded, rotation: entry.rotation, look: look(layer) });
      top = decoded.timestamp;
    }
    return top;
  }

  async close(): Promise<void> {
    const entries = [...this.open.values()];
    this.open.clear();
    for (const entry of entries) {
      await entry.pending.catch(() => undefined);
      await entry.picker.close();
    }
  }
}
