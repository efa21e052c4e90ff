import type { AssetId } from '../model/ids.ts';
import { backgroundRgb, type Project } from '../model/project.ts';
import type { CompositeLayer, FrameCompositor } from '../media/compositor/frame-compositor.ts';
import { FramePicker } from '../media/video-frames.ts';
import { FrameCache } from './frame-cache.ts';
import { look } from './layer-look.ts';
import { pictureLayers } from './picture-layers.ts';
import { previewSize } from './preview-size.ts';
import type { SourceLookup } from './sources.ts';

/** What the preview drew, so the UI (and tests) know the exact source frame on screen. */
export interface ShownFrame {
  timelineUs: number;
  /** Presentation time of the topmost source frame drawn, or null for background. */
  sourceUs: number | null;
}

/** Decoded frames kept near the playhead (about 80 frames of 1080p). */
const CACHE_BYTES = 256 * 1024 * 1024;
/** After a scrub lands, frames this far past it are decoded into the cache while idle, so stepping forward is instant too. */
const WARM_AHEAD_US = 400_000;

/** Passes frames through while keeping a clone of each in the cache. */
async function* cachedInto(cache: FrameCache, assetId: AssetId, frames: AsyncGenerator<VideoFrame>): AsyncGenerator<VideoFrame> {
  try {
    for await (const frame of frames) {
      cache.put(assetId, frame);
      yield frame;
    }
  } finally {
    await frames.return(undefined);
  }
}

/**
 * The preview sink: composites exactly as export does and paints the result on
 * the worker-owned preview canvas. (Painting the composited frame rather than
 * presenting a WebGPU canvas also works on software GPUs, where WebGPU
 * canvases show nothing.) Scrub requests arriving while one is drawing collapse
 * into the latest, so scrubbing never queues up; decoded frames near the
 * playhead are cached, so stepping frame by frame is instant. Playback paints
 * through `present`.
 */
export class PreviewSink {
  private busy: Promise<void> | null = null;
  private readonly context: OffscreenCanvasRenderingContext2D;
  private latest: { project: Project; tUs: number; resolve: (shown: ShownFrame) => void; reject: (e: unknown) => void }[] = [];
  readonly cache = new FrameCache(CACHE_BYTES);
  /** The canvas's on-screen size in device pixels (null: unknown, draw at the output size). */
  private box: { width: number; height: number } | null = null;

  constructor(
    private readonly canvas: OffscreenCanvas,
    private readonly compositor: () => Promise<FrameCompositor>,
    private readonly sourcesFor: (project: Project) => SourceLookup,
  ) {
    const context = canvas.getContext('2d', { alpha: false });
    if (!context) throw new Error('The preview canvas could not get a 2D context.');
    this.context = context;
  }

  /** Where the page shows the canvas, so frames are composited at the size seen (see previewSize). */
  setDisplayBox(box: { width: number; height: number } | null): void {
    this.box = box;
  }

  private resize(width: number, height: number): void {
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
  }

  show(project: Project, tUs: number): Promise<ShownFrame> {
    return new Promise((resolve, reject) => {
      this.latest.push({ project, tUs, resolve, reject });
      this.busy ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.latest.length > 0) {
      const requests = this.latest.splice(0);
      const last = requests[requests.length - 1]!;
      try {
        await this.draw(last.project, last.tUs, (shown) => {
          for (const request of requests) request.resolve(shown);
        });
      } catch (error) {
        for (const request of requests) request.reject(error);
      }
    }
    this.busy = null;
  }

  /** Composites `layers` and paints them; resolves once the picture is on the canvas. */
  async present(project: Project, layers: readonly CompositeLayer[]): Promise<void> {
    const { width, height } = previewSize(project.output, this.box);
    this.resize(width, height);
    const composed = await (await this.compositor()).renderToFrame(width, height, layers, 0, 0, backgroundRgb(project.output));
    try {
      this.context.drawImage(composed, 0, 0, width, height);
    } finally {
      composed.close();
    }
  }

  /** Draws the frame at `tUs`, reports it with `onShown`, then warms the cache ahead of it while nothing else waits. */
  private async draw(project: Project, tUs: number, onShown: (shown: ShownFrame) => void): Promise<void> {
    const picked = await this.pick(project, tUs);
    try {
      await this.present(project, picked.layers);
      onShown({ timelineUs: tUs, sourceUs: picked.topSourceUs });
      for (const { picker, sourceUs } of picked.pickers) if (this.latest.length === 0) await picker.at(sourceUs + WARM_AHEAD_US);
    } finally {
      await picked.release();
    }
  }

  /**
   * The frame at `tUs` at the full output size, as a PNG: composited exactly
   * as export draws it (a still for a thumbnail, or to use as a freeze frame).
   */
  async still(project: Project, tUs: number): Promise<Blob> {
    const { width, height } = project.output;
    const picked = await this.pick(project, tUs);
    let composed: VideoFrame | null = null;
    try {
      composed = await (await this.compositor()).renderToFrame(width, height, picked.layers, 0, 0, backgroundRgb(project.output));
      const canvas = new OffscreenCanvas(width, height);
      canvas.getContext('2d', { alpha: false })!.drawImage(composed, 0, 0, width, height);
      return await canvas.convertToBlob({ type: 'image/png' });
    } finally {
      composed?.close();
      await picked.release();
    }
  }

  /** Each picture layer's frame at `tUs` (from the cache where it has it, else decoded into it); `release` gives them back. */
  private async pick(project: Project, tUs: number) {
    const pickers: { picker: FramePicker; sourceUs: number }[] = [];
    const held: VideoFrame[] = [];
    const release = async () => {
      for (const frame of held) frame.close();
      for (const { picker } of pickers) await picker.close();
    };
    try {
      const layers: CompositeLayer[] = [];
      let topSourceUs: number | null = null;
      const sources = this.sourcesFor(project);
      for (const layer of pictureLayers(project, sources, tUs)) {
        const source = sources(layer.clip.assetId);
        if (!source?.video) continue;
        let frame = this.cache.get(layer.clip.assetId, layer.sourceUs);
        if (frame) held.push(frame);
        else {
          const picker = new FramePicker(cachedInto(this.cache, layer.clip.assetId, source.videoFrames(layer.sourceUs, layer.sourceUs + WARM_AHEAD_US)));
          pickers.push({ picker, sourceUs: layer.sourceUs });
          frame = await picker.at(layer.sourceUs);
        }
        if (!frame) continue;
        layers.push({ frame, rotation: source.video.rotation, look: look(layer) });
        topSourceUs = frame.timestamp;
      }
      return { layers, topSourceUs, pickers, release };
    } catch (error) {
      await release();
      throw error;
    }
  }
}
