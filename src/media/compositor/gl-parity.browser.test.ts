import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PlatformError } from '../errors.ts';
import { Compositor } from './compositor.ts';
import type { CompositeLayer } from './frame-compositor.ts';
import { GlCompositor } from './gl-compositor.ts';

/**
 * The WebGL2 compositor must draw what the WebGPU one draws: the same layers
 * through both, pixels compared. Tolerance: the two rasterise and filter in
 * different APIs (and may round 8-bit values differently), so a mean absolute
 * difference of at most 1.5/255 per channel and at least 99% of pixels within
 * 8/255 on every channel. The rest may be edge pixels of rotated or scaled
 * layers, and a title's anti-aliased edges (see the straight-alpha test).
 * Each case also checks a few GL pixels against values worked out by hand, so
 * two equally wrong (or empty) pictures cannot pass.
 */
const MEAN_LIMIT = 1.5;
const NEAR = 8;
const NEAR_SHARE = 0.99;

const W = 320;
const H = 180;

type Rgb = readonly [number, number, number];
const RED: Rgb = [230, 40, 40];
const GREEN: Rgb = [40, 200, 60];
const BLUE: Rgb = [40, 60, 220];
const YELLOW: Rgb = [240, 220, 40];
const CYAN: Rgb = [40, 200, 220];
const MAGENTA: Rgb = [220, 40, 200];
const BLACK: Rgb = [0, 0, 0];
const css = ([r, g, b]: Rgb) => `rgb(${r},${g},${b})`;

/** 320×240 (4:3): red, green / blue, yellow quadrants with a black-to-white gradient band across the middle. */
function quadrants(): VideoFrame {
  const canvas = new OffscreenCanvas(320, 240);
  const c = canvas.getContext('2d')!;
  [RED, GREEN, BLUE, YELLOW].forEach((colour, i) => {
    c.fillStyle = css(colour);
    c.fillRect((i % 2) * 160, Math.floor(i / 2) * 120, 160, 120);
  });
  const gradient = c.createLinearGradient(0, 0, 320, 0);
  gradient.addColorStop(0, 'black');
  gradient.addColorStop(1, 'white');
  c.fillStyle = gradient;
  c.fillRect(0, 100, 320, 40);
  return new VideoFrame(canvas, { timestamp: 0 });
}

/** 320×180 (16:9): cyan left half, magenta right half, a vertical gradient stripe in the middle. */
function halves(): VideoFrame {
  const canvas = new OffscreenCanvas(320, 180);
  const c = canvas.getContext('2d')!;
  c.fillStyle = css(CYAN);
  c.fillRect(0, 0, 160, 180);
  c.fillStyle = css(MAGENTA);
  c.fillRect(160, 0, 160, 180);
  const gradient = c.createLinearGradient(0, 0, 0, 180);
  gradient.addColorStop(0, 'white');
  gradient.addColorStop(1, 'black');
  c.fillStyle = gradient;
  c.fillRect(140, 0, 40, 180);
  return new VideoFrame(canvas, { timestamp: 0 });
}

/** A title as the app makes one: the output size, transparent around opaque white text and an opaque white bar. */
function title(): VideoFrame {
  const canvas = new OffscreenCanvas(W, H);
  const c = canvas.getContext('2d')!;
  c.fillStyle = 'white';
  c.font = '600 40px sans-serif';
  c.textAlign = 'center';
  c.textBaseline = 'middle';
  c.fillText('Spool', W / 2, 60);
  c.fillRect(40, 130, 240, 20);
  // Straight-alpha bytes, as text-source.ts makes titles (a frame of the canvas itself would be premultiplied).
  return new VideoFrame(c.getImageData(0, 0, W, H).data, { format: 'RGBA', codedWidth: W, codedHeight: H, timestamp: 0 });
}

/** `frame` through a VP8 encoder and decoder: an I420 frame as a decoder gives it. */
async function decoded(frame: VideoFrame): Promise<VideoFrame> {
  const chunks: EncodedVideoChunk[] = [];
  let config: VideoDecoderConfig | undefined;
  const encoder = new VideoEncoder({ output: (chunk, meta) => (chunks.push(chunk), (config ??= meta?.decoderConfig)), error: (e) => { throw e; } });
  encoder.configure({ codec: 'vp8', width: frame.codedWidth, height: frame.codedHeight, bitrate: 8_000_000 });
  encoder.encode(frame, { keyFrame: true });
  await encoder.flush();
  encoder.close();
  const frames: VideoFrame[] = [];
  const decoder = new VideoDecoder({ output: (f) => frames.push(f), error: (e) => { throw e; } });
  decoder.configure(config!);
  decoder.decode(chunks[0]!);
  await decoder.flush();
  decoder.close();
  return frames[0]!;
}

async function rgba(frame: VideoFrame): Promise<Uint8Array> {
  const bytes = new Uint8Array(frame.codedWidth * frame.codedHeight * 4);
  await frame.copyTo(bytes, { format: 'RGBA' });
  return bytes;
}

interface Difference {
  /** Mean absolute difference per colour channel, in 1/255. */
  mean: number;
  /** Share of pixels with every colour channel within NEAR. */
  near: number;
  /** Largest channel difference anywhere. */
  max: number;
}

function compare(a: Uint8Array, b: Uint8Array): Difference {
  let sum = 0;
  let nearCount = 0;
  let max = 0;
  for (let p = 0; p < a.length; p += 4) {
    let worst = 0;
    for (let ch = 0; ch < 3; ch++) {
      const d = Math.abs(a[p + ch]! - b[p + ch]!);
      sum += d;
      worst = Math.max(worst, d);
    }
    if (worst <= NEAR) nearCount++;
    max = Math.max(max, worst);
  }
  const pixels = a.length / 4;
  return { mean: sum / (pixels * 3), near: nearCount / pixels, max };
}

function pixel(bytes: Uint8Array, x: number, y: number): Rgb {
  const i = (y * W + x) * 4;
  return [bytes[i]!, bytes[i + 1]!, bytes[i + 2]!];
}

/** `top` at `alpha` over `under`, straight alpha. */
const mix = (top: Rgb, under: Rgb, alpha: number): Rgb => [0, 1, 2].map((i) => top[i]! * alpha + under[i]! * (1 - alpha)) as [number, number, number];

interface Case {
  name: string;
  layers: () => CompositeLayer[];
  background?: readonly [number, number, number];
  /** Known output pixels [x, y, colour] (row 0 = top), worked out by hand from the placement maths. */
  spots: [number, number, Rgb][];
}

let webgpu: Compositor;
let webgl: GlCompositor;
let video: VideoFrame;
let under: VideoFrame;
let text: VideoFrame;
let fromDecoder: VideoFrame;

beforeAll(async () => {
  webgpu = await Compositor.create();
  webgl = await GlCompositor.create();
  video = quadrants();
  under = halves();
  text = title();
  fromDecoder = await decoded(video);
});

afterAll(() => {
  for (const frame of [video, under, text, fromDecoder]) frame.close();
  webgpu.destroy();
  webgl.destroy();
});

const CASES: Case[] = [
  // 4:3 into 16:9: pillarboxed 240×180 at x 40–280.
  { name: 'plain fit (pillarbox)', layers: () => [{ frame: video, rotation: 0 }], spots: [[10, 90, BLACK], [80, 30, RED], [240, 150, YELLOW]] },
  // Upright 3:4, fitted 135×180 at x 92.5–227.5; display (u, v) shows source (v, 1 − u).
  { name: 'cover fit (fills, overflow cut)', layers: () => [{ frame: video, rotation: 0, look: { fit: 'cover' } }], spots: [[5, 30, RED], [315, 150, YELLOW]] },
  { name: 'rotation metadata 90', layers: () => [{ frame: video, rotation: 90 }], spots: [[40, 90, BLACK], [126, 45, BLUE], [194, 45, RED]] },
  // Display (u, v) shows source (1 − v, u).
  { name: 'rotation metadata 270', layers: () => [{ frame: video, rotation: 270 }], spots: [[126, 45, GREEN], [194, 45, YELLOW]] },
  // Only the top-right quadrant stays, where it was.
  { name: 'crop', layers: () => [{ frame: video, rotation: 0, look: { crop: { left: 0.5, top: 0, right: 0, bottom: 0.5 } } }], spots: [[100, 45, BLACK], [220, 45, GREEN], [220, 150, BLACK]] },
  // 120×90 centred at (96, 108), turned 30° clockwise: the red quadrant's centre (−30, −22.5) from the middle lands at (81, 74).
  { name: 'transform (x, y, scale, rotation 30°)', layers: () => [{ frame: video, rotation: 0, look: { x: 0.3, y: 0.6, scale: 0.5, rotation: 30 } }], spots: [[81, 74, RED], [250, 30, BLACK]] },
  {
    name: 'opacity 0.5 over another layer',
    layers: () => [{ frame: under, rotation: 0 }, { frame: video, rotation: 0, look: { opacity: 0.5 } }],
    spots: [[10, 90, CYAN], [80, 30, mix(RED, CYAN, 0.5)], [240, 150, mix(YELLOW, MAGENTA, 0.5)]],
  },
  // Red (230, 40, 40): contrast 1.3 and brightness +0.1 give (1.123, 0.154, 0.154), luma 0.360, half saturation (0.741, 0.257, 0.257).
  { name: 'colour adjust', layers: () => [{ frame: video, rotation: 0, look: { brightness: 0.1, contrast: 1.3, saturation: 0.5 } }], spots: [[80, 30, [189, 66, 66]]] },
  { name: 'dip (dim 0.4)', layers: () => [{ frame: video, rotation: 0, look: { dim: 0.4 } }], spots: [[80, 30, [92, 16, 16]], [240, 150, [96, 88, 16]]] },
  // Only output x < 96 shows the top layer.
  {
    name: 'wipe (reveal 0.3)',
    layers: () => [{ frame: under, rotation: 0 }, { frame: video, rotation: 0, look: { reveal: 0.3 } }],
    spots: [[80, 30, RED], [120, 30, CYAN], [240, 30, MAGENTA]],
  },
  // Keyed on its green quadrant (40, 200, 60): the layer below shows there; red stays.
  {
    name: 'chroma key',
    layers: () => [{ frame: under, rotation: 0 }, { frame: video, rotation: 0, look: { key: { r: 40 / 255, g: 200 / 255, b: 60 / 255, tolerance: 0.1 } } }],
    spots: [[80, 30, RED], [240, 30, MAGENTA]],
  },
  {
    name: 'semi-transparent title over video',
    layers: () => [{ frame: under, rotation: 0 }, { frame: text, rotation: 0, look: { opacity: 0.8 } }],
    spots: [[10, 10, CYAN], [60, 140, mix([255, 255, 255], CYAN, 0.8)], [260, 140, mix([255, 255, 255], MAGENTA, 0.8)]],
  },
  // WebGL converts YUV on the GPU; the WebGPU upload path converts in copyTo.
  { name: 'decoded I420 frame', layers: () => [{ frame: fromDecoder, rotation: 0 }], spots: [[10, 90, BLACK], [80, 30, RED], [240, 150, YELLOW]] },
  { name: 'non-default background colour', background: [0.2, 0.4, 0.6], layers: () => [{ frame: video, rotation: 0 }], spots: [[10, 90, [51, 102, 153]], [80, 30, RED]] },
];

describe('GlCompositor draws what the WebGPU Compositor draws', () => {
  it('is the WebGL2 renderer', () => {
    expect(webgl.kind).toBe('webgl2');
  });

  it.each(CASES)('$name', async ({ layers, background, spots }) => {
    const fromGpu = await webgpu.renderToFrame(W, H, layers(), 1000, 33_333, background);
    const fromGl = await webgl.renderToFrame(W, H, layers(), 1000, 33_333, background);
    try {
      expect([fromGl.codedWidth, fromGl.codedHeight, fromGl.timestamp, fromGl.duration]).toEqual([W, H, 1000, 33_333]);
      const [gpuBytes, glBytes] = [await rgba(fromGpu), await rgba(fromGl)];
      const difference = compare(gpuBytes, glBytes);
      console.warn(`${expect.getState().currentTestName}: mean ${difference.mean.toFixed(3)}/255, ${(difference.near * 100).toFixed(2)}% within ${NEAR}, max ${difference.max}`);
      for (const [x, y, colour] of spots) {
        const got = pixel(glBytes, x, y);
        colour.forEach((v, i) => expect(Math.abs(got[i]! - v), `GL pixel (${x}, ${y}) is ${got}, expected about ${colour}`).toBeLessThanOrEqual(4));
      }
      expect(difference.mean).toBeLessThanOrEqual(MEAN_LIMIT);
      expect(difference.near).toBeGreaterThanOrEqual(NEAR_SHARE);
    } finally {
      fromGpu.close();
      fromGl.close();
    }
  });

  // Checked against the maths as well as against WebGPU: straight alpha, whatever the renderer.
  it('blends a half-transparent title as straight alpha', async () => {
    const canvas = new OffscreenCanvas(W, H);
    const c = canvas.getContext('2d')!;
    c.fillStyle = 'rgba(255,255,255,0.5)';
    c.fillRect(40, 40, 240, 100);
    const box = new VideoFrame(c.getImageData(0, 0, W, H).data, { format: 'RGBA', codedWidth: W, codedHeight: H, timestamp: 0 });
    const out = await webgl.renderToFrame(W, H, [{ frame: under, rotation: 0 }, { frame: box, rotation: 0, look: { opacity: 0.8 } }], 0, 0);
    const bytes = await rgba(out);
    out.close();
    box.close();
    // Alpha 0.5 × opacity 0.8 = 0.4 of white over the layer below.
    for (const [x, colour] of [[60, CYAN], [260, MAGENTA]] as const) {
      const want = mix([255, 255, 255], colour, 0.4);
      pixel(bytes, x, 90).forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThanOrEqual(2));
    }
  });

  it('reuses its upload textures and readback buffers: pool hit rate ≥ 95% after the first frame', async () => {
    const gl = await GlCompositor.create();
    // Two frames of one size per slot, alternated (as video is), so every render uploads.
    const frames = [quadrants(), quadrants(), halves(), halves()];
    try {
      const render = async (i: number, width = W, height = H) => {
        const a = frames[i % 2]!;
        const b = frames[2 + (i % 2)]!;
        (await gl.renderToFrame(width, height, [{ frame: a, rotation: 0 }, { frame: b, rotation: 0, look: { opacity: 0.5 } }], i, 0)).close();
      };
      await render(0);
      const first = gl.poolStats();
      for (let i = 1; i <= 60; i++) await render(i);
      const after = gl.poolStats();
      const hitRate = (after.hits - first.hits) / (after.requests - first.requests);
      console.warn(`pool after first frame ${JSON.stringify(first)}, after 60 more ${JSON.stringify(after)}: hit rate ${(hitRate * 100).toFixed(1)}%`);
      expect(after.requests - first.requests).toBeGreaterThanOrEqual(120);
      expect(hitRate).toBeGreaterThanOrEqual(0.95);
      // 2 upload textures, 1 render target, 1 readback buffer: nothing leaks.
      expect(after.live).toBe(first.live);
      expect(after.live).toBe(4);
      // A new output size replaces the target and its buffers rather than adding to them.
      await render(61, 160, 90);
      expect(gl.poolStats().live).toBe(4);
    } finally {
      for (const frame of frames) frame.close();
      gl.destroy();
    }
  });

  it('refuses a closed frame plainly, and draws the next one as before', async () => {
    const closed = quadrants();
    closed.close();
    await expect(webgl.renderToFrame(W, H, [{ frame: closed, rotation: 0 }], 0, 0)).rejects.toThrow(/closed/);
    const out = await webgl.renderToFrame(W, H, [{ frame: video, rotation: 0 }], 0, 0);
    const bytes = await rgba(out);
    out.close();
    expect(pixel(bytes, 80, 30)).toEqual(RED);
  });

  it('resolves `lost` when its context goes (here: destroyed)', async () => {
    const gl = await GlCompositor.create();
    gl.destroy();
    await expect(gl.lost).resolves.toBeInstanceOf(Event);
  });

  it('refuses with a PlatformError where there is no WebGL2 (neither OffscreenCanvas nor a page <canvas> has it)', async () => {
    vi.stubGlobal('OffscreenCanvas', undefined);
    const getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      return type === 'webgl2' ? null : (getContext as (...a: unknown[]) => RenderingContext | null).call(this, type, ...rest);
    } as typeof getContext;
    try {
      await expect(GlCompositor.create()).rejects.toThrow(PlatformError);
      await expect(GlCompositor.create()).rejects.toThrow(/neither WebGPU nor WebGL2/);
    } finally {
      vi.unstubAllGlobals();
      HTMLCanvasElement.prototype.getContext = getContext;
    }
  });

  it('draws on a page <canvas> where OffscreenCanvas has no WebGL2 (WebKitGTK 2.50 without feature flags)', async () => {
    const reference = await GlCompositor.create();
    const frame = quadrants();
    const drawn = await reference.renderToFrame(W, H, [{ frame, rotation: 0 }], 0, 0);
    const expected = await rgba(drawn);
    drawn.close();
    reference.destroy();
    vi.stubGlobal('OffscreenCanvas', undefined);
    try {
      const gl = await GlCompositor.create();
      const out = await gl.renderToFrame(W, H, [{ frame, rotation: 0 }], 0, 0);
      expect(await rgba(out)).toEqual(expected);
      out.close();
      gl.destroy();
    } finally {
      vi.unstubAllGlobals();
      frame.close();
    }
  });

  it('works inside a dedicated worker', async () => {
    const moduleUrl = new URL('./gl-compositor.ts', import.meta.url).href;
    const script = `
      import { GlCompositor } from ${JSON.stringify(moduleUrl)};
      const compositor = await GlCompositor.create();
      const canvas = new OffscreenCanvas(64, 48);
      const c = canvas.getContext('2d');
      c.fillStyle = 'rgb(230,40,40)';
      c.fillRect(0, 0, 64, 48);
      const frame = new VideoFrame(canvas, { timestamp: 0 });
      const out = await compositor.renderToFrame(${W}, ${H}, [{ frame, rotation: 0 }], 0, 0);
      const bytes = new Uint8Array(out.codedWidth * out.codedHeight * 4);
      await out.copyTo(bytes, { format: 'RGBA' });
      out.close();
      frame.close();
      compositor.destroy();
      postMessage(bytes, [bytes.buffer]);`;
    const url = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
    const worker = new Worker(url, { type: 'module' });
    try {
      const bytes = await new Promise<Uint8Array>((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<Uint8Array>) => resolve(event.data);
        worker.onerror = (event) => reject(new Error(event.message));
      });
      // 4:3 pillarboxed into 16:9: black bars, red picture.
      expect(pixel(bytes, 10, 90)).toEqual(BLACK);
      expect(pixel(bytes, 160, 90)).toEqual(RED);
    } finally {
      worker.terminate();
      URL.revokeObjectURL(url);
    }
  });
});
