import placementWgsl from '../../../shaders/placement.wgsl?raw';
import externalWgsl from '../../../shaders/blit-external.wgsl?raw';
import textureWgsl from '../../../shaders/blit-texture.wgsl?raw';
import type { PoolStats } from './frame-compositor.ts';
import { PLACEMENT_FLOATS } from './placement.ts';

/** Request/hit counters a pool adds to (shared, so the compositor's totals survive a resized readback). */
export type PoolTally = Pick<PoolStats, 'requests' | 'hits'>;

/** How a frame reaches the GPU: zero-copy external texture, or an upload where import is unavailable. */
type Variant = 'external' | 'texture';

const SHADERS: Record<Variant, string> = { external: placementWgsl + externalWgsl, texture: placementWgsl + textureWgsl };
const pipelines = new WeakMap<GPUDevice, Map<string, GPURenderPipeline>>();

/** A blit pipeline per device, variant and target format, built once. */
function blitPipeline(device: GPUDevice, variant: Variant, format: GPUTextureFormat): GPURenderPipeline {
  let cache = pipelines.get(device);
  if (!cache) pipelines.set(device, (cache = new Map()));
  const key = `${variant}:${format}`;
  let pipeline = cache.get(key);
  if (!pipeline) {
    const module = device.createShaderModule({ label: `BlitPass.${variant}Shader`, code: SHADERS[variant] });
    pipeline = device.createRenderPipeline({
      label: `BlitPass.${variant}Pipeline`,
      layout: 'auto',
      vertex: { module, entryPoint: 'vs' },
      // Straight alpha over what is below: a layer at opacity p shows (1 − p) of the layers under it.
      fragment: {
        module,
        entryPoint: 'fs',
        targets: [
          {
            format,
            blend: {
              color: { srcFactor: 'src-alpha', dstFactor: 'one-minus-src-alpha', operation: 'add' },
              alpha: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha', operation: 'add' },
            },
          },
        ],
      },
      primitive: { topology: 'triangle-strip' },
    });
    cache.set(key, pipeline);
  }
  return pipeline;
}

/** Per layer slot: its placement uniform and, on the upload path, its reusable texture and staging bytes. */
interface Slot {
  uniform: GPUBuffer;
  texture?: GPUTexture;
  bytes?: Uint8Array<ArrayBuffer>;
  /**
   * The frame whose pixels `texture` holds. A still or title is one long-lived
   * VideoFrame drawn again every frame, so it is uploaded once. Weak: the slot
   * must never keep a caller's frame alive (VideoFrames are immutable, so the
   * same object always means the same pixels).
   */
  uploaded?: WeakRef<VideoFrame>;
  /** The bind group of `texture`, made once per texture (uniform, sampler and texture never change under it). */
  textureBound?: BoundLayer;
}

export interface BoundLayer {
  pipeline: GPURenderPipeline;
  bindGroup: GPUBindGroup;
}

/**
 * Draws one VideoFrame with a placement uniform. Imports frames as external
 * textures (zero-copy); where the platform refuses (software GPUs such as
 * SwiftShader cannot import decoder frames) it learns that once and uploads
 * the frame's RGBA pixels into a reused texture instead.
 */
export class BlitPass {
  private readonly sampler: GPUSampler;
  private readonly slots: Slot[] = [];
  private importWorks = true;

  constructor(
    private readonly device: GPUDevice,
    private readonly format: GPUTextureFormat,
    /** Counts upload-texture requests; reusing a slot's texture (or its very pixels) is a hit. */
    private readonly tally: PoolTally = { requests: 0, hits: 0 },
  ) {
    this.sampler = device.createSampler({ label: 'BlitPass.sampler', magFilter: 'linear', minFilter: 'linear' });
  }

  /** Whether frames are uploaded (import refused: a software GPU), rather than imported zero-copy. */
  get uploads(): boolean {
    return !this.importWorks;
  }

  private slot(index: number): Slot {
    return (this.slots[index] ??= {
      uniform: this.device.createBuffer({ label: `BlitPass.placement${index}`, size: PLACEMENT_FLOATS * 4, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }),
    });
  }

  /** Prepares layer `index`: writes its placement (PLACEMENT_FLOATS floats) and binds its frame. The frame must stay open until submit. */
  async bind(index: number, frame: VideoFrame, placement: Float32Array<ArrayBuffer>): Promise<BoundLayer> {
    // Say so plainly, before a closed frame's zero size reaches the GPU or a failed import turns off zero-copy for good.
    if (frame.codedWidth === 0) throw new DOMException('BlitPass: the VideoFrame to draw is closed.', 'InvalidStateError');
    const slot = this.slot(index);
    this.device.queue.writeBuffer(slot.uniform, 0, placement);
    if (this.importWorks) {
      try {
        // External textures expire with the task, so this bind group is the one object made per frame.
        const external = this.device.importExternalTexture({ label: 'BlitPass.frame', source: frame });
        return this.bindGroup('external', slot.uniform, external);
      } catch {
        this.importWorks = false;
      }
    }
    const texture = await this.upload(slot, frame);
    return (slot.textureBound ??= this.bindGroup('texture', slot.uniform, texture.createView()));
  }

  private bindGroup(variant: Variant, uniform: GPUBuffer, resource: GPUExternalTexture | GPUTextureView): BoundLayer {
    const pipeline = blitPipeline(this.device, variant, this.format);
    const bindGroup = this.device.createBindGroup({
      label: `BlitPass.${variant}BindGroup`,
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: uniform } },
        { binding: 1, resource: this.sampler },
        { binding: 2, resource },
      ],
    });
    return { pipeline, bindGroup };
  }

  /** Upload textures alive now (one per slot that has drawn on the upload path). */
  get liveTextures(): number {
    let live = 0;
    for (const slot of this.slots) if (slot.texture) live++;
    return live;
  }

  private async upload(slot: Slot, frame: VideoFrame): Promise<GPUTexture> {
    const width = frame.visibleRect?.width ?? frame.codedWidth;
    const height = frame.visibleRect?.height ?? frame.codedHeight;
    this.tally.requests++;
    if (slot.texture && slot.texture.width === width && slot.texture.height === height) {
      this.tally.hits++;
      // The same frame object again (a still, a title): its pixels are already there.
      if (slot.uploaded?.deref() === frame) return slot.texture;
    } else {
      slot.texture?.destroy();
      slot.textureBound = undefined;
      slot.texture = this.device.createTexture({
        label: 'BlitPass.upload',
        size: [width, height],
        format: 'rgba8unorm',
        // COPY_SRC: a bottom layer that covers the output exactly is copied, not drawn (see Compositor).
        usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST | GPUTextureUsage.COPY_SRC,
      });
      slot.bytes = new Uint8Array(width * height * 4);
    }
    const texture = slot.texture;
    const bytes = slot.bytes!;
    slot.uploaded = undefined; // until the new pixels are in, the texture matches no frame
    await frame.copyTo(bytes, { format: 'RGBA', colorSpace: 'srgb' } as VideoFrameCopyToOptions);
    this.device.queue.writeTexture({ texture }, bytes, { bytesPerRow: width * 4 }, [width, height]);
    slot.uploaded = new WeakRef(frame);
    return texture;
  }

  /** The texture holding layer `index`'s pixels when it was uploaded (null when it was imported zero-copy). */
  uploadedTexture(index: number, frame: VideoFrame): GPUTexture | null {
    const slot = this.slots[index];
    return slot?.texture && slot.uploaded?.deref() === frame ? slot.texture : null;
  }

  draw(pass: GPURenderPassEncoder, layer: BoundLayer): void {
    pass.setPipeline(layer.pipeline);
    pass.setBindGroup(0, layer.bindGroup);
    pass.draw(4);
  }

  destroy(): void {
    for (const slot of this.slots) {
      slot.uniform.destroy();
      slot.texture?.destroy();
    }
    this.slots.length = 0; // drops the slots' references to textures and frames
  }
}
