import { describe, expect, it } from 'vitest';
import { Compositor } from './compositor.ts';
import { gpuDevice } from './gpu-device.ts';

/** Top half red, bottom half blue, 160×90: fills a 320×180 output. */
function picture(): VideoFrame {
  const canvas = new OffscreenCanvas(160, 90);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#ff0000';
  context.fillRect(0, 0, 160, 45);
  context.fillStyle = '#0000ff';
  context.fillRect(0, 45, 160, 45);
  return new VideoFrame(canvas, { timestamp: 0 });
}

/** Renders the picture at half opacity over green and returns the colours at the top and bottom. */
async function render(compositor: Compositor): Promise<[number[], number[]]> {
  const frame = picture();
  try {
    const out = await compositor.renderToFrame(320, 180, [{ frame, rotation: 0, look: { opacity: 0.5 } }], 0, 33_333, [0, 1, 0]);
    try {
      const bytes = new Uint8Array(out.allocationSize({ format: 'RGBA' } as VideoFrameCopyToOptions));
      await out.copyTo(bytes, { format: 'RGBA' } as VideoFrameCopyToOptions);
      const at = (x: number, y: number) => [...bytes.slice((y * 320 + x) * 4, (y * 320 + x) * 4 + 3)];
      return [at(160, 40), at(160, 140)];
    } finally {
      out.close();
    }
  } finally {
    frame.close();
  }
}

const near = (actual: number[], expected: number[]) => actual.every((value, i) => Math.abs(value - expected[i]!) <= 1);

describe('a lost GPU device', () => {
  it('resolves `lost`, and a new compositor gets a new device and renders correctly', async () => {
    const first = await Compositor.create();
    const [top, bottom] = await render(first);
    expect(near(top, [128, 128, 0]), `top ${top}`).toBe(true);
    expect(near(bottom, [0, 128, 128]), `bottom ${bottom}`).toBe(true);

    const device = await gpuDevice();
    device.destroy();
    const info = await Promise.race([first.lost, new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000))]);
    expect(info).toMatchObject({ reason: 'destroyed' });
    // The lost compositor fails its frames instead of hanging or drawing garbage.
    await expect(render(first)).rejects.toThrow();
    first.destroy();

    const second = await Compositor.create();
    const fresh = await gpuDevice();
    expect(fresh).not.toBe(device);
    const [top2, bottom2] = await render(second);
    expect(near(top2, [128, 128, 0]), `top ${top2}`).toBe(true);
    expect(near(bottom2, [0, 128, 128]), `bottom ${bottom2}`).toBe(true);
    second.destroy();
  });
});
