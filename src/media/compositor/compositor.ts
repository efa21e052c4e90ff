import { BlitPass, type BoundLayer, type PoolTally } from './blit-pass.ts';
import { FrameReadback } from './frame-readback.ts';
import { gpuDevice, renderFormat } from './gpu-device.ts';
import type { CompositeLayer, DrawnFrame, DrawRequest, PoolStats } from './frame-compositor.ts';
import { TurnTakingCompositor } from './turn-taking-compositor.ts';
import { growToLayer, PLACEMENT_FLOATS, writeLook, writePlacement, type PixelRect } from './placement.ts';
import { isPlainFullFrame } from './plain-layer.ts';

/**
 * The bottom layer converted to RGBA on the CPU side, and the rectangle of it
 * that the layers over it can touch: only that goes through the GPU.
 */
interface Picture {
  bytes: Uint8Array<ArrayBuffer>;
  dirty: PixelRect;
}

/** The WebGPU compositor (see FrameCompositor). */
export class Compositor extends TurnTakingCompositor {
  readonly kind = 'webgpu' as const;
  private readonly blit: BlitPass;
  private readonly placement = new Float32Array(PLACEMENT_FLOATS);
  private readonly bound: BoundLayer[] = [];
  private readback: FrameReadback | null = null;
  /** Pool counters shared by the blit pass and every readback (plain numbers: nothing allocated per frame). */
  private readonly tally: PoolTally = { requests: 0, hits: 0 };
  /** Free whole-output pictures (see `encode`); two circulate, as one frame is read back while the next is made. */
  private pictures: Picture[] = [];
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
   *
   * Where layers over that copied one touch at most half the output (a
   * picture in picture, a title), only that rectangle goes through the GPU:
   * the bottom layer is converted once into a whole-output picture on the CPU
   * side, its rectangle uploaded under the layers drawn over it, and only the
   * rectangle read back into the picture (`dirty` in the result). A software
   * GPU then moves a fraction of the pixels.
   */
  private async encode(target: GPUTexture, layers: readonly CompositeLayer[], background: readonly [number, number, number]): Promise<{ commands: GPUCommandEncoder; picture: Picture | null }> {
    const { width, height } = target;
    let first = 0;
    for (let i = layers.length - 1; i > 0; i--) {
      if (isPlainFullFrame(layers[i]!, width, height)) {
        first = i;
        break;
      }
    }
    const bottom = layers[first];
    const copyBottom = !!bottom && this.format === 'rgba8unorm' && isPlainFullFrame(bottom, width, height);
    // Only where frames are uploaded anyway: zero-copy import and a GPU pass beat any CPU conversion.
    let picture = copyBottom && this.blit.uploads && first < layers.length - 1 ? this.picture(width, height) : null;
    if (picture) {
      const dirty = picture.dirty;
      dirty.width = 0;
      for (let i = first + 1; i < layers.length; i++) {
        const { frame, rotation, look } = layers[i]!;
        writePlacement(this.placement, frame.displayWidth, frame.displayHeight, rotation, width, height, look?.fit);
        writeLook(this.placement, look ?? {}, width, height);
        growToLayer(dirty, this.placement, width, height);
      }
      if (dirty.width * dirty.height * 2 > width * height) {
        this.pictures.push(picture); // too much of the output: the whole path is as cheap
        picture = null;
      }
    }
    this.bound.length = 0;
    for (let i = picture ? first + 1 : first; i < layers.length; i++) {
      const { frame, rotation, look } = layers[i]!;
      writePlacement(this.placement, frame.displayWidth, frame.displayHeight, rotation, width, height, look?.fit);
      writeLook(this.placement, look ?? {}, width, height);
      this.bound.push(await this.blit.bind(i, frame, this.placement));
    }
    const commands = this.device.createCommandEncoder({ label: 'Compositor.commands' });
    let loaded = false;
    if (picture) {
      const { bytes, dirty } = picture;
      await bottom!.frame.copyTo(bytes, { format: 'RGBA', colorSpace: 'srgb' } as VideoFrameCopyToOptions);
      this.device.queue.writeTexture({ texture: target, origin: [dirty.x, dirty.y] }, bytes, { offset: (dirty.y * width + dirty.x) * 4, bytesPerRow: width * 4 }, [dirty.width, dirty.height]);
      loaded = true;
    } else if (copyBottom) {
      const copied = this.blit.uploadedTexture(first, bottom!.frame);
      if (copied) commands.copyTextureToTexture({ texture: copied }, { texture: target }, [width, height]);
      loaded = !!copied;
    }
    const pass = commands.beginRenderPass({
      label: 'Compositor.pass',
      colorAttachments: [{ view: target.createView(), loadOp: loaded ? 'load' : 'clear', storeOp: 'store', clearValue: [background[0], background[1], background[2], 1] }],
    });
    // The copied bottom layer was bound (uploaded) too; it is not drawn again.
    for (let i = loaded && !picture ? 1 : 0; i < this.bound.length; i++) this.blit.draw(pass, this.bound[i]!);
    pass.end();
    this.bound.length = 0; // recorded: hold no bind group (nor the external textures in them) past this frame
    return { commands, picture };
  }

  /** A whole-output picture from the pool (a new size empties it). */
  private picture(width: number, height: number): Picture {
    const size = width * height * 4;
    if (this.pictures[0] && this.pictures[0].bytes.length !== size) this.pictures = [];
    return this.pictures.pop() ?? { bytes: new Uint8Array(size), dirty: { x: 0, y: 0, width: 0, height: 0 } };
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
    const { commands, picture } = await this.encode(readback.texture, layers, background);
    if (!picture) {
      const buffer = readback.copy(commands);
      this.device.queue.submit([commands.finish()]);
      return { frame: readback.read(buffer, timestamp, duration) };
    }
    const buffer = readback.copyRect(commands, picture.dirty);
    this.device.queue.submit([commands.finish()]);
    const frame = readback.readInto(buffer, picture.dirty, picture.bytes, timestamp, duration).finally(() => this.pictures.push(picture));
    return { frame };
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
