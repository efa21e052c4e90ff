import { backgroundRgb, type Project } from '../model/project.ts';
import { resolveFrame } from '../model/render-plan.ts';
import type { CompositeLayer, FrameCompositor } from '../media/compositor/frame-compositor.ts';
import { FramePicker } from '../media/video-frames.ts';
import { look } from './layer-look.ts';
import type { SourceLookup } from './sources.ts';

/** What the preview drew, so the UI (and tests) know the exact source frame on screen. */
export interface ShownFrame {
  timelineUs: number;
  /** Presentation time of the topmost source frame drawn, or null for background. */
  sourceUs: number | null;
}

/**
 * The preview sink: the frame at the playhead, composited exactly as export
 * composites it, painted on the worker-owned preview canvas. (Painting the
 * composited frame rather than presenting a WebGPU canvas also works on
 * software GPUs, where WebGPU canvases show nothing.) Requests arriving while
 * one is decoding collapse into the latest, so scrubbing never queues up.
 */
export class PreviewSink {
  private busy: Promise<void> | null = null;
  private readonly context: OffscreenCanvasRenderingContext2D;
  private latest: { project: Project; tUs: number; resolve: (shown: ShownFrame) => void; reject: (e: unknown) => void }[] = [];

  constructor(
    private readonly canvas: OffscreenCanvas,
    private readonly compositor: () => Promise<FrameCompositor>,
    private readonly sourcesFor: (project: Project) => SourceLookup,
  ) {
    const context = canvas.getContext('2d', { alpha: false });
    if (!context) throw new Error('The preview canvas could not get a 2D context.');
    this.context = context;
  }

  resize(width: number, height: number): void {
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
        const shown = await this.draw(last.project, last.tUs);
        for (const request of requests) request.resolve(shown);
      } catch (error) {
        for (const request of requests) request.reject(error);
      }
    }
    this.busy = null;
  }

  private async paint(project: Project, layers: CompositeLayer[]): Promise<void> {
    const { width, height } = project.output;
    const composed = await (await this.compositor()).renderToFrame(width, height, layers, 0, 0, backgroundRgb(project.output));
    try {
      this.context.drawImage(composed, 0, 0, width, height);
    } finally {
      composed.close();
    }
  }

  private async draw(project: Project, tUs: number): Promise<ShownFrame> {
    this.resize(project.output.width, project.output.height);
    const pickers: FramePicker[] = [];
    try {
      const layers: CompositeLayer[] = [];
      let topSourceUs: number | null = null;
      const sources = this.sourcesFor(project);
      for (const layer of resolveFrame(project, tUs)) {
        const source = sources(layer.clip.assetId);
        if (!source?.video) continue;
        const picker = new FramePicker(source.videoFrames(layer.sourceUs, layer.sourceUs));
        pickers.push(picker);
        const frame = await picker.at(layer.sourceUs);
        if (!frame) continue;
        layers.push({ frame, rotation: source.video.rotation, look: look(layer) });
        topSourceUs = frame.timestamp;
      }
      await this.paint(project, layers);
      return { timelineUs: tUs, sourceUs: topSourceUs };
    } finally {
      for (const picker of pickers) await picker.close();
    }
  }
}
