import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Compositor } from './compositor.ts';
import type { PoolStats } from './frame-compositor.ts';

const WIDTH = 320;
const HEIGHT = 180;

/** A solid-colour frame (a new VideoFrame object each call, as a decoder would hand out). */
function solidFrame(colour: string, timestamp: number, width = 160, height = 90): VideoFrame {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = colour;
  context.fillRect(0, 0, width, height);
  return new VideoFrame(canvas, { timestamp });
}

async function pixel(frame: VideoFrame, x: number, y: number): Promise<number[]> {
  const bytes = new Uint8Array(frame.allocationSize({ format: 'RGBA' } as VideoFrameCopyToOptions));
  await frame.copyTo(bytes, { format: 'RGBA' } as VideoFrameCopyToOptions);
  const i = (y * frame.codedWidth + x) * 4;
  return [...bytes.slice(i, i + 3)];
}

const delta = (after: PoolStats, before: PoolStats) => ({ requests: after.requests - before.requests, hits: after.hits - before.hits });

describe('WebGPU compositor resource pools', () => {
  let compositor: Compositor;
  beforeEach(async () => {
    compositor = await Compositor.create();
  });
  afterEach(() => compositor.destroy());

  /** Draws two fresh frames (bottom red, top half-size green) and returns the output's centre and corner colours. */
  async function renderTwo(i: number): Promise<[number[], number[]]> {
    const bottom = solidFrame('#ff0000', i, 320, 180);
    const top = solidFrame('#00ff00', i);
    try {
      const out = await compositor.renderToFrame(WIDTH, HEIGHT, [{ frame: bottom, rotation: 0 }, { frame: top, rotation: 0, look: { scale: 0.5 } }], i, 33_333);
      try {
        return [await pixel(out, 160, 90), await pixel(out, 5, 5)];
      } finally {
        out.close();
      }
    } finally {
      bottom.close();
      top.close();
    }
  }

  it('reuses textures and buffers: after a warm-up, 100 renders of 2 layers hit ≥ 95% and live stays constant', async () => {
    expect(compositor.poolStats()).toEqual({ requests: 0, hits: 0, live: 0 });
    await renderTwo(0);
    const warm = compositor.poolStats();
    expect(warm.live).toBeGreaterThan(0);
    for (let i = 1; i <= 100; i++) {
      const [centre, corner] = await renderTwo(i);
      expect(centre).toEqual([0, 255, 0]);
      expect(corner).toEqual([255, 0, 0]);
      expect(compositor.poolStats().live).toBe(warm.live);
    }
    const { requests, hits } = delta(compositor.poolStats(), warm);
    // Per render at least: the render target, one staging buffer, and (upload path) a texture per layer.
    expect(requests).toBeGreaterThanOrEqual(200);
    console.warn(`pool after warm-up: ${hits}/${requests} hits (${((100 * hits) / requests).toFixed(1)}%), live ${warm.live}`);
    expect(hits / requests).toBeGreaterThanOrEqual(0.95);
  });

  it('counts a new output size as a miss and keeps live resources bounded', async () => {
    await renderTwo(0);
    const before = compositor.poolStats();
    const frame = solidFrame('#0000ff', 0);
    try {
      (await compositor.renderToFrame(640, 360, [{ frame, rotation: 0 }], 0, 33_333)).close();
    } finally {
      frame.close();
    }
    const { requests, hits } = delta(compositor.poolStats(), before);
    expect(hits).toBeLessThan(requests); // a new target and staging buffer had to be made
    expect(compositor.poolStats().live).toBeLessThanOrEqual(before.live);
  });

  it('a frame still being read back when the next draw is another size comes back (the preview beside a full-size Save frame)', async () => {
    const frame = solidFrame('#0000ff', 0, 320, 180);
    try {
      // Not awaited in between: a draw's turn ends when the GPU has it, before its pixels are back.
      const small = compositor.renderToFrame(WIDTH, HEIGHT, [{ frame, rotation: 0 }], 0, 0);
      const large = compositor.renderToFrame(2 * WIDTH, 2 * HEIGHT, [{ frame, rotation: 0 }], 0, 0);
      const smallOut = await small;
      const largeOut = await large;
      expect([await pixel(smallOut, 5, 5), smallOut.codedWidth, await pixel(largeOut, 5, 5), largeOut.codedWidth]).toEqual([[0, 0, 255], WIDTH, [0, 0, 255], 2 * WIDTH]);
      smallOut.close();
      largeOut.close();
    } finally {
      frame.close();
    }
  });

  it('uploads a still (one VideoFrame drawn again and again) once, and a different frame again', async () => {
    const still = solidFrame('#ffffff', 0, 320, 180);
    const copies = vi.spyOn(still, 'copyTo');
    try {
      for (let i = 0; i < 5; i++) {
        const out = await compositor.renderToFrame(WIDTH, HEIGHT, [{ frame: still, rotation: 0, look: { opacity: 0.5 } }], i, 33_333);
        try {
          // Half white over black, every time (the cached texture is the still's).
          for (const channel of await pixel(out, 100, 100)) expect(Math.abs(channel - 128)).toBeLessThanOrEqual(1);
        } finally {
          out.close();
        }
      }
      // Import (zero-copy) needs no copy at all; the upload path copies the still's pixels once.
      expect(copies.mock.calls.length).toBeLessThanOrEqual(1);
      const uploadPath = copies.mock.calls.length === 1;
      const clone = still.clone();
      const cloneCopies = vi.spyOn(clone, 'copyTo');
      try {
        // Closed while its pixels are cached: it cannot be drawn from the cache.
        still.close();
        await expect(compositor.renderToFrame(WIDTH, HEIGHT, [{ frame: still, rotation: 0 }], 5, 33_333)).rejects.toThrow(/closed/);
        // Another VideoFrame object, even of the same picture, is uploaded afresh.
        (await compositor.renderToFrame(WIDTH, HEIGHT, [{ frame: clone, rotation: 0 }], 6, 33_333)).close();
        expect(cloneCopies).toHaveBeenCalledTimes(uploadPath ? 1 : 0);
      } finally {
        clone.close();
      }
    } finally {
      still.close();
    }
  });
});
