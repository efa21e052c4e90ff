import type { PoolStats } from './frame-compositor.ts';

/** One layer slot's texture, the size it was made at, and the frame whose pixels it holds. */
interface Slot {
  texture: WebGLTexture;
  width: number;
  height: number;
  /** Weak: a slot must never keep a caller's frame alive (VideoFrames are immutable: the same object means the same pixels). */
  uploaded?: WeakRef<VideoFrame>;
  /** Staging bytes, only where WebGL cannot take a VideoFrame directly. */
  bytes?: Uint8Array<ArrayBuffer>;
}

/**
 * Uploads layer frames into one reused texture per layer slot (the pool: a
 * slot's texture is remade only when the frame size changes). A slot given
 * the same VideoFrame as last time (a still or a title: one long-lived frame)
 * skips the upload. Frames go to WebGL directly (the GPU converts YUV);
 * where that fails, their RGBA bytes are copied out and uploaded instead.
 */
export class GlFrameTextures {
  private readonly slots: Slot[] = [];
  /** Whether texSubImage2D takes a VideoFrame here: unknown until the first upload. */
  private direct: boolean | null = null;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly stats: PoolStats,
  ) {}

  /** Binds slot `index`'s texture, holding `frame`'s pixels, to the active texture unit. */
  async bind(index: number, frame: VideoFrame): Promise<void> {
    // Say so plainly, before a closed frame's zero size reaches WebGL or its failed upload turns off direct uploads for good.
    if (frame.codedWidth === 0) throw new DOMException('GlFrameTextures: the VideoFrame to draw is closed.', 'InvalidStateError');
    const width = frame.visibleRect?.width ?? frame.codedWidth;
    const height = frame.visibleRect?.height ?? frame.codedHeight;
    const slot = this.slot(index, width, height);
    this.gl.bindTexture(this.gl.TEXTURE_2D, slot.texture);
    if (slot.uploaded?.deref() === frame) return;
    slot.uploaded = undefined; // until the new pixels are in, the texture matches no frame
    await this.upload(slot, frame);
    slot.uploaded = new WeakRef(frame);
  }

  private slot(index: number, width: number, height: number): Slot {
    const gl = this.gl;
    this.stats.requests++;
    const existing = this.slots[index];
    if (existing && existing.width === width && existing.height === height) {
      this.stats.hits++;
      return existing;
    }
    if (existing) gl.deleteTexture(existing.texture);
    else this.stats.live++;
    const texture = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA8, width, height);
    // As the WebGPU sampler: linear, clamped to the edge, no mipmaps.
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    const slot: Slot = { texture, width, height };
    this.slots[index] = slot;
    return slot;
  }

  /** Fills the bound texture of `slot` with `frame`. */
  private async upload(slot: Slot, frame: VideoFrame): Promise<void> {
    const gl = this.gl;
    if (this.direct !== false) {
      try {
        gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, gl.RGBA, gl.UNSIGNED_BYTE, frame);
        // getError stalls on the GPU: ask once, on the first upload, then trust the answer.
        this.direct ??= gl.getError() === gl.NO_ERROR;
        if (this.direct) return;
      } catch {
        this.direct = false;
      }
    }
    slot.bytes ??= new Uint8Array(slot.width * slot.height * 4);
    await frame.copyTo(slot.bytes, { format: 'RGBA', colorSpace: 'srgb' } as VideoFrameCopyToOptions);
    gl.bindTexture(gl.TEXTURE_2D, slot.texture);
    gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, slot.width, slot.height, gl.RGBA, gl.UNSIGNED_BYTE, slot.bytes);
  }

  destroy(): void {
    for (const slot of this.slots) this.gl.deleteTexture(slot.texture);
    this.stats.live -= this.slots.length;
    this.slots.length = 0;
  }
}
