import type { PoolTally } from './blit-pass.ts';
import type { PixelRect } from './placement.ts';

/**
 * Turns a rendered texture into a VideoFrame for the encoder: copy to a mapped
 * buffer and await `mapAsync` (asynchronous, never a stall on the GPU), then
 * wrap the bytes. Portable where VideoFrame-from-WebGPU-canvas is not (it reads
 * back empty on software GPUs). Staging buffers are pooled.
 */
export class FrameReadback {
  readonly texture: GPUTexture;
  readonly bytesPerRow: number;
  private readonly free: GPUBuffer[] = [];
  private readonly all: GPUBuffer[] = [];
  /** Staging buffers taken and not yet read back. */
  private reading = 0;
  private retired = false;

  constructor(
    private readonly device: GPUDevice,
    readonly width: number,
    readonly height: number,
    readonly format: GPUTextureFormat,
    /** Counts staging-buffer requests; one taken from the free list is a hit. */
    private readonly tally: PoolTally = { requests: 0, hits: 0 },
  ) {
    this.bytesPerRow = Math.ceil((width * 4) / 256) * 256;
    this.texture = device.createTexture({
      label: 'FrameReadback.target',
      size: [width, height],
      format,
      // COPY_DST: a bottom layer that covers it exactly is copied in rather than drawn.
      usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC | GPUTextureUsage.COPY_DST,
    });
  }

  /** Records the copy into `encoder`; after submit, `read` resolves with the frame. */
  copy(encoder: GPUCommandEncoder): GPUBuffer {
    const buffer = this.staging();
    encoder.copyTextureToBuffer({ texture: this.texture }, { buffer, bytesPerRow: this.bytesPerRow }, [this.width, this.height]);
    return buffer;
  }

  /** Records the copy of `rect` alone into `encoder` (rows of `bytesPerRow`); after submit, `readInto` pastes it. */
  copyRect(encoder: GPUCommandEncoder, rect: Readonly<PixelRect>): GPUBuffer {
    const buffer = this.staging();
    encoder.copyTextureToBuffer({ texture: this.texture, origin: [rect.x, rect.y] }, { buffer, bytesPerRow: this.bytesPerRow }, [rect.width, rect.height]);
    return buffer;
  }

  private staging(): GPUBuffer {
    this.reading++;
    let buffer = this.free.pop();
    this.tally.requests++;
    if (buffer) this.tally.hits++;
    else {
      buffer = this.device.createBuffer({ label: 'FrameReadback.staging', size: this.bytesPerRow * this.height, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      this.all.push(buffer);
    }
    return buffer;
  }

  /** GPU resources alive now: the target texture and every staging buffer. */
  get live(): number {
    return 1 + this.all.length;
  }

  async read(buffer: GPUBuffer, timestamp: number, duration: number): Promise<VideoFrame> {
    await buffer.mapAsync(GPUMapMode.READ);
    try {
      return this.frameOf(new Uint8Array(buffer.getMappedRange()), this.bytesPerRow, timestamp, duration);
    } finally {
      this.done(buffer);
    }
  }

  /** Pastes the rows copied by `copyRect` into `picture` (the whole output, tightly packed RGBA) and makes the frame from it. */
  async readInto(buffer: GPUBuffer, rect: Readonly<PixelRect>, picture: Uint8Array<ArrayBuffer>, timestamp: number, duration: number): Promise<VideoFrame> {
    await buffer.mapAsync(GPUMapMode.READ);
    try {
      const rows = new Uint8Array(buffer.getMappedRange());
      const stride = this.width * 4;
      for (let row = 0; row < rect.height; row++) {
        const from = row * this.bytesPerRow;
        picture.set(rows.subarray(from, from + rect.width * 4), (rect.y + row) * stride + rect.x * 4);
      }
    } finally {
      this.done(buffer);
    }
    return this.frameOf(picture, this.width * 4, timestamp, duration);
  }

  private frameOf(bytes: Uint8Array, stride: number, timestamp: number, duration: number): VideoFrame {
    return new VideoFrame(bytes, {
      format: this.format === 'bgra8unorm' ? 'BGRX' : 'RGBX',
      codedWidth: this.width,
      codedHeight: this.height,
      timestamp,
      duration,
      layout: [{ offset: 0, stride }],
    });
  }

  /** A staging buffer read (or failed): back to the pool, and the last one out puts out a retired readback's lights. */
  private done(buffer: GPUBuffer): void {
    if (buffer.mapState === 'mapped') buffer.unmap();
    this.free.push(buffer);
    if (--this.reading === 0 && this.retired) this.destroy();
  }

  /**
   * Destroys it once no read is on its way: the output size changed (the
   * preview's and a full-size Save frame's take turns), and a frame of the old
   * size still being read back must come back, not fail with its buffer destroyed.
   */
  retire(): void {
    this.retired = true;
    if (this.reading === 0) this.destroy();
  }

  destroy(): void {
    this.texture.destroy();
    for (const buffer of this.all) buffer.destroy();
  }
}
