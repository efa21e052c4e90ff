import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Compositor } from './compositor.ts';
import { renderFormat } from './gpu-device.ts';
import type { CompositeLayer } from './frame-compositor.ts';

const W = 320;
const H = 180;

/** An opaque I420 frame (as a decoder hands out) with a luma ramp and coloured chroma, so every pixel differs. */
function i420Frame(): VideoFrame {
  const data = new Uint8Array(W * H * 1.5);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data[y * W + x] = 16 + ((x + y) % 220);
  for (let i = 0; i < (W * H) / 4; i++) {
    data[W * H + i] = 60 + (i % 140);
    data[W * H * 1.25 + i] = 200 - (i % 120);
  }
  return new VideoFrame(data, { format: 'I420', codedWidth: W, codedHeight: H, timestamp: 0 });
}

function overlay(): VideoFrame {
  const canvas = new OffscreenCanvas(W / 2, H / 2);
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#20c0ff';
  g.fillRect(0, 0, W / 2, H / 2);
  return new VideoFrame(canvas, { timestamp: 0 });
}

async function pixels(frame: VideoFrame): Promise<Uint8Array> {
  const bytes = new Uint8Array(W * H * 4);
  await frame.copyTo(bytes, { format: 'RGBA' } as VideoFrameCopyToOptions);
  return bytes;
}

describe('a layer that covers the output exactly: copied, not drawn, and what is under it skipped', () => {
  let compositor: Compositor;
  let base: VideoFrame;
  let top: VideoFrame;
  beforeAll(async () => {
    compositor = await Compositor.create();
    base = i420Frame();
    top = overlay();
  });
  afterAll(() => {
    compositor.destroy();
    base.close();
    top.close();
  });

  /** `layers` drawn whole (the bottom one made "not plain" by a brightness of 1e-6, which changes no 8-bit value) and the fast way: the same picture. */
  async function expectSameAsDrawn(over: CompositeLayer): Promise<void> {
    const drawn = await compositor.renderToFrame(W, H, [{ frame: base, rotation: 0, look: { brightness: 1e-6 } }, over], 0, 33_333);
    const fast = await compositor.renderToFrame(W, H, [{ frame: base, rotation: 0 }, over], 0, 33_333);
    try {
      const [a, b] = [await pixels(drawn), await pixels(fast)];
      let worst = 0;
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
      expect(worst).toBeLessThanOrEqual(1);
      // Not a trivially equal picture: the ramp shows through.
      expect(new Set(Array.from({ length: 50 }, (_, i) => b[(90 * W + i * 6) * 4])).size).toBeGreaterThan(10);
    } finally {
      drawn.close();
      fast.close();
    }
  }

  it('with a layer over most of it: copied on the GPU, the same picture as drawing it', async () => {
    const copies = vi.spyOn(GPUCommandEncoder.prototype, 'copyTextureToTexture');
    // 0.8 of each side: 64% of the output, too much for the rectangle path.
    await expectSameAsDrawn({ frame: top, rotation: 0, look: { scale: 1.6, opacity: 0.5 } });
    // Copied where the upload texture and the target share a format (rgba8unorm, as here), else drawn as before.
    expect(copies).toHaveBeenCalledTimes(renderFormat() === 'rgba8unorm' ? 1 : 0);
    copies.mockRestore();
  });

  it('with a small layer over it (a turned, half-opacity picture in picture): only that rectangle goes through the GPU, the same picture as drawing it', async () => {
    const copies = vi.spyOn(GPUCommandEncoder.prototype, 'copyTextureToTexture');
    const readbacks = vi.spyOn(GPUCommandEncoder.prototype, 'copyTextureToBuffer');
    await expectSameAsDrawn({ frame: top, rotation: 0, look: { scale: 0.5, opacity: 0.5, x: 0.3, y: 0.6, rotation: 20 } });
    expect(copies).not.toHaveBeenCalled();
    // The whole output read back for the drawn picture; for the fast one, the turned layer's bounding rectangle (181 × 139 of 320 × 180).
    const sizes = readbacks.mock.calls.map(([, , size]) => (size as number[])[0]! * (size as number[])[1]!);
    copies.mockRestore();
    readbacks.mockRestore();
    expect(sizes[0]).toBe(W * H);
    if (renderFormat() === 'rgba8unorm') expect(sizes[1]).toBeLessThan((W * H) / 2);
  });

  it('hides what is under it: those layers are not even uploaded, and the picture is that layer alone', async () => {
    const under = { frame: top, rotation: 0 as const, look: { scale: 0.5 } };
    const alone = await compositor.renderToFrame(W, H, [{ frame: base, rotation: 0 }], 0, 33_333);
    const before = compositor.poolStats().requests;
    const covered = await compositor.renderToFrame(W, H, [under, { frame: base, rotation: 0 }], 0, 33_333);
    // The covering layer's upload, the render target and a staging buffer: nothing for the layer under it (that would be 4).
    expect(compositor.poolStats().requests - before).toBe(3);
    try {
      expect(await pixels(covered)).toEqual(await pixels(alone));
    } finally {
      alone.close();
      covered.close();
    }
  });
});
