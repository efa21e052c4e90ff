import { BlitPass, type BoundLayer } from './blit-pass.ts';
import { FrameReadback } from './frame-readback.ts';
import { canvasFormat, gpuDevice } from './gpu-device.ts';
import { writePlacement, type Rotation } from './placement.ts';

/** A decoded frame to draw and how its track says to orient it. */
export interface CompositeLayer {
  frame: VideoFrame;
  rotation: Rotation;
}

/**
 * Draws the layers of one instant, either into a canvas (the preview sink) or
 * into a VideoFrame for the encoder (the export sink): one compositor, two sinks.
 */
export class Compositor {
  private readonly blit: BlitPass;
  private readonly placement = new Float32Array(8);
  private readonly bound: BoundLayer[] = [];
  private readonly contexts = new WeakMap<OffscreenCanvas, GPUCanvasContext>();
  private readback: FrameReadback | null = null;

  private constructor(
    private readonly device: GPUDevice,
    private readonly format: GPUTextureFormat,
  ) {
    this.blit = new BlitPass(device, format);
  }

  static async create(): Promise<Compositor> {
    return new Compositor(await gpuDevice(), canvasFormat());
  }

  private context(canvas: OffscreenCanvas): GPUCanvasContext {
    let context = this.contexts.get(canvas);
    if (!context) {
      context = (canvas.getContext('webgpu') as GPUCanvasContext | null) ?? undefined;
      if (!context) throw new Error('The canvas could not get a WebGPU context.');
      context.configure({ device: this.device, format: this.format, alphaMode: 'opaque' });
      this.contexts.set(canvas, context);
    }
    return context;
  }

  /** Records a clear-to-black pass drawing `layers` in order into `view`. */
  private async encode(view: GPUTextureView, width: number, height: number, layers: readonly CompositeLayer[]): Promise<GPUCommandEncoder> {
    this.bound.length = 0;
    for (let i = 0; i < layers.length; i++) {
      const { frame, rotation } = layers[i]!;
      writePlacement(this.placement, frame.displayWidth, frame.displayHeight, rotation, width, height);
      this.bound.push(await this.blit.bind(i, frame, this.placement));
    }
    const encoder = this.device.createCommandEncoder({ label: 'Compositor.commands' });
    const pass = encoder.beginRenderPass({
      label: 'Compositor.pass',
      colorAttachments: [{ view, loadOp: 'clear', storeOp: 'store', clearValue: [0, 0, 0, 1] }],
    });
    for (const layer of this.bound) this.blit.draw(pass, layer);
    pass.end();
    return encoder;
  }

  /** Preview sink: draws into a (worker-owned) canvas. Frames stay owned by the caller. */
  async renderToCanvas(canvas: OffscreenCanvas, layers: readonly CompositeLayer[]): Promise<void> {
    const context = this.context(canvas);
    const encoder = await this.encode(context.getCurrentTexture().createView(), canvas.width, canvas.height, layers);
    this.device.queue.submit([encoder.finish()]);
  }

  /** Export sink: draws and returns a new VideoFrame (the caller closes it). Frames in `layers` stay the caller's. */
  async renderToFrame(width: number, height: number, layers: readonly CompositeLayer[], timestamp: number, duration: number): Promise<VideoFrame> {
    if (!this.readback || this.readback.width !== width || this.readback.height !== height) {
      this.readback?.destroy();
      this.readback = new FrameReadback(this.device, width, height, this.format);
    }
    const readback = this.readback;
    const encoder = await this.encode(readback.texture.createView(), width, height, layers);
    const buffer = readback.copy(encoder);
    this.device.queue.submit([encoder.finish()]);
    return readback.read(buffer, timestamp, duration);
  }

  destroy(): void {
    this.blit.destroy();
    this.readback?.destroy();
  }
}
