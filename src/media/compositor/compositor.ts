import { BlitPass, type BoundLayer, type PoolTally } from './blit-pass.ts';
import { FrameReadback } from './frame-readback.ts';
import { gpuDevice, renderFormat } from './gpu-device.ts';
import type { CompositeLayer, DrawnFrame, DrawRequest, PoolStats } from './frame-compositor.ts';
import { TurnTakingCompositor } from './turn-taking-compositor.ts';
import { writeLook, writePlacement } from './placement.ts';
import { isPlainFullFrame } from './plain-layer.ts';

/** The WebGPU compositor (see FrameCompositor). */
export class Compositor extends TurnTakingCompositor {
  readonly kind = 'webgpu' as const;
  private readonly blit: BlitPass;
  private readonly placement = new Float32Array(24);
  private readonly bound: BoundLayer[] = [];
  private readback: FrameReadback | null = null;
  /** Pool counters shared by the blit pass and every readback (plain numbers: nothing allocated per frame). */
  private readonly tally: PoolTally = { requests: 0, hits: 0 };
  /** Resolves if the GPU device is lost; the owner then makes a new compositor. */
  readonly lost: Promise<GPUDeviceLostInfo>;

  private constructor(
    private readonly device: GPUDevice,
    private readonly format: GPUTextureFormat,
  ) {
    super();
    this.blit = new BlitPass(device, format, this.tally);
    this.lost = device.lost;
  }

  static async create(): Promise<Compositor> {
    return new Compositor(await gpuDevice(), renderFormat());
  }

  /**
   * Records the drawing of `layers` (bottom first) into `target`: a pass that
   * clears to the background and draws each. The top layer that covers the
   * output exactly and unchanged hides all below it, so those are neither
   * uploaded nor drawn; and it is copied in rather than drawn where it was
   * uploaded in the target's format (a plain copy, where a draw is a
   * full-frame pass: on a software GPU, most of a frame's cost).
   */
  private async encode(target: GPUTexture, layers: readonly CompositeLayer[], background: readonly [number, number, number]): Promise<GPUCommandEncoder> {
    const { width, height } = target;
    let first = 0;
    for (let i = layers.length - 1; i > 0; i--) {
      if (isPlainFullFrame(layers[i]!, width, height)) {
        first = i;
        break;
      }
    }
    this.bound.length = 0;
    for (let i = first; i < layers.length; i++) {
      const { frame, rotation, look } = layers[i]!;
      writePlacement(this.placement, frame.displayWidth, frame.displayHeight, rotation, width, height, look?.fit);
      writeLook(this.placement, look ?? {}, width, height);
      this.bound.push(await this.blit.bind(i, frame, this.placement));
    }
    const encoder = this.device.createCommandEncoder({ label: 'Compositor.commands' });
    const bottom = layers[first];
    const copied = bottom && this.format === 'rgba8unorm' && isPlainFullFrame(bottom, width, height) ? this.blit.uploadedTexture(first, bottom.frame) : null;
    if (copied) encoder.copyTextureToTexture({ texture: copied }, { texture: target }, [width, height]);
    const pass = encoder.beginRenderPass({
      label: 'Compositor.pass',
      colorAttachments: [{ view: target.createView(), loadOp: copied ? 'load' : 'clear', storeOp: 'store', clearValue: [background[0], background[1], background[2], 1] }],
    });
    for (let i = copied ? 1 : 0; i < this.bound.length; i++) this.blit.draw(pass, this.bound[i]!);
    pass.end();
    this.bound.length = 0; // recorded: hold no bind group (nor the external textures in them) past this frame
    return encoder;
  }

  protected async draw({ width, height, layers, timestamp, duration, background }: DrawRequest): Promise<DrawnFrame> {
    // The render target is pooled too: one per output size, kept while the size holds.
    this.tally.requests++;
    if (this.readback && this.readback.width === width && this.readback.height === height) this.tally.hits++;
    else {
      this.readback?.destroy();
      this.readback = new FrameReadback(this.device, width, height, this.format, this.tally);
    }
    const readback = this.readback;
    const encoder = await this.encode(readback.texture, layers, background);
    const buffer = readback.copy(encoder);
    this.device.queue.submit([encoder.finish()]);
    return { frame: readback.read(buffer, timestamp, duration) };
  }

  /** Upload textures, readback target and staging buffers: how often reused, and how many alive. */
  poolStats(): PoolStats {
    return { requests: this.tally.requests, hits: this.tally.hits, live: this.blit.liveTextures + (this.readback?.live ?? 0) };
  }

  destroy(): void {
    this.blit.destroy();
    this.readback?.destroy();
    this.readback = null;
  }
}
