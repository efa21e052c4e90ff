import type { PoolStats } from './frame-compositor.ts';

/**
 * Resolves once the GPU has passed `sync`. Polls without waiting (timeout 0):
 * a blocking clientWaitSync would stall the thread, and WebGL only signals a
 * fence between tasks, so each poll yields to the event loop with a timer.
 */
export async function signalled(gl: WebGL2RenderingContext, sync: WebGLSync): Promise<void> {
  for (;;) {
    const status = gl.clientWaitSync(sync, 0, 0);
    if (status === gl.ALREADY_SIGNALED || status === gl.CONDITION_SATISFIED) return;
    if (status === gl.WAIT_FAILED || gl.isContextLost()) throw new Error('The WebGL context was lost while reading a frame back.');
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * The render target of one output size and the frame it reads back. Reads go
 * through a pixel-pack buffer (PBO) and a fence, so the CPU never stalls on
 * the GPU; the bytes then become a VideoFrame (which copies them, so one byte
 * array serves every read). PBOs are pooled.
 */
export class GlReadback {
  readonly framebuffer: WebGLFramebuffer;
  private readonly renderbuffer: WebGLRenderbuffer;
  private readonly bytes: Uint8Array<ArrayBuffer>;
  private readonly free: WebGLBuffer[] = [];
  private readonly all: WebGLBuffer[] = [];
  /** Reads not yet back: a readback replaced meanwhile (another output size drawn, as the preview's during an export) is freed after them. */
  private reading = 0;
  private retired = false;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    readonly width: number,
    readonly height: number,
    private readonly stats: PoolStats,
  ) {
    this.renderbuffer = gl.createRenderbuffer();
    gl.bindRenderbuffer(gl.RENDERBUFFER, this.renderbuffer);
    gl.renderbufferStorage(gl.RENDERBUFFER, gl.RGBA8, width, height);
    this.framebuffer = gl.createFramebuffer();
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.framebuffer);
    gl.framebufferRenderbuffer(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.RENDERBUFFER, this.renderbuffer);
    this.bytes = new Uint8Array(width * height * 4);
    stats.live++;
  }

  /** A free PBO of this size, or a new one. */
  private buffer(): WebGLBuffer {
    this.stats.requests++;
    const pooled = this.free.pop();
    if (pooled) {
      this.stats.hits++;
      return pooled;
    }
    const gl = this.gl;
    const buffer = gl.createBuffer();
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, buffer);
    gl.bufferData(gl.PIXEL_PACK_BUFFER, this.bytes.byteLength, gl.STREAM_READ);
    this.all.push(buffer);
    this.stats.live++;
    return buffer;
  }

  /** Reads what was drawn into `framebuffer` and resolves with it as a new VideoFrame, row 0 at the top. */
  async read(timestamp: number, duration: number): Promise<VideoFrame> {
    const gl = this.gl;
    const buffer = this.buffer();
    this.reading++;
    try {
      gl.bindFramebuffer(gl.READ_FRAMEBUFFER, this.framebuffer);
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, buffer);
      gl.readPixels(0, 0, this.width, this.height, gl.RGBA, gl.UNSIGNED_BYTE, 0);
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
      const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
      if (!sync) throw new Error('The WebGL context was lost while reading a frame back.');
      gl.flush();
      try {
        await signalled(gl, sync);
      } finally {
        gl.deleteSync(sync);
      }
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, buffer);
      gl.getBufferSubData(gl.PIXEL_PACK_BUFFER, 0, this.bytes);
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    } finally {
      this.free.push(buffer);
      if (--this.reading === 0 && this.retired) this.release();
    }
    // Every pixel is opaque (the background clears with alpha 1), as with the WebGPU compositor's RGBX/BGRX.
    return new VideoFrame(this.bytes, { format: 'RGBX', codedWidth: this.width, codedHeight: this.height, timestamp, duration });
  }

  /** Frees the GL objects, once the reads under way are back (their pack buffers would be read deleted). */
  destroy(): void {
    this.retired = true;
    if (this.reading === 0) this.release();
  }

  private release(): void {
    const gl = this.gl;
    gl.deleteFramebuffer(this.framebuffer);
    gl.deleteRenderbuffer(this.renderbuffer);
    for (const buffer of this.all) gl.deleteBuffer(buffer);
    this.stats.live -= 1 + this.all.length;
  }
}

/** The readback for this output size: `current` when it fits (a pool hit), else a new one replacing it. */
export function readbackFor(current: GlReadback | null, gl: WebGL2RenderingContext, width: number, height: number, stats: PoolStats): GlReadback {
  stats.requests++;
  if (current && current.width === width && current.height === height) {
    stats.hits++;
    return current;
  }
  current?.destroy();
  return new GlReadback(gl, width, height, stats);
}
