import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Compositor } from './compositor.ts';
import type { LayerLook, Rotation } from './placement.ts';
import { compareImages, referenceComposite, type ReferenceImage } from '../../test-support/reference-compositor.ts';
import { titleSource } from '../text-source.ts';
import { defaultTextStyle } from '../../model/project.ts';

/**
 * The WebGPU compositor against a CPU reference written from the spec
 * (test-support/reference-compositor.ts), on synthetic pictures, one case per
 * effect. Each case also pins a few colours worked out by hand, so a bug shared
 * by both (or an all-black output) cannot pass.
 *
 * Tolerance, in 8-bit levels over RGB: mean absolute error ≤ 2 and at least 99%
 * of pixels within 10, leaving out a 1-pixel band along each layer's outline
 * (there coverage and sampling at a fractional edge legitimately differ). The
 * band may not exceed 8% of the picture, so exclusion cannot hide a case.
 */
const MAX_MEAN_ERROR = 2;
const WITHIN = 10;
const MIN_FRACTION_WITHIN = 0.99;
const MAX_EDGE_FRACTION = 0.08;
/** Hand-worked colours: rounding of the 8-bit target may land either side. */
const KNOWN_TOLERANCE = 2;

type Rgb = readonly [number, number, number];
const RED: Rgb = [255, 0, 0];
const GREEN: Rgb = [0, 255, 0];
const BLUE: Rgb = [0, 0, 255];
const YELLOW: Rgb = [255, 255, 0];
const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];

/**
 * A picture drawn on a 2D canvas, as a VideoFrame of straight-alpha RGBA bytes.
 * (Not `new VideoFrame(canvas)`: in Chromium that frame keeps the canvas's
 * premultiplied pixels and copyTo returns them premultiplied, see the title
 * test at the end.)
 */
function canvasFrame(width: number, height: number, draw: (context: OffscreenCanvasRenderingContext2D) => void): VideoFrame {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  draw(context);
  return new VideoFrame(context.getImageData(0, 0, width, height).data, { format: 'RGBA', codedWidth: width, codedHeight: height, timestamp: 0 });
}

/** Top-left red, top-right green, bottom-left blue, bottom-right yellow: every turn and flip shows. */
const quadrants = (width: number, height: number) =>
  canvasFrame(width, height, (context) => {
    const colours = ['#ff0000', '#00ff00', '#0000ff', '#ffff00'];
    colours.forEach((colour, i) => {
      context.fillStyle = colour;
      context.fillRect((i % 2) * (width / 2), Math.floor(i / 2) * (height / 2), width / 2, height / 2);
    });
  });

/** Red rising left to right, green top to bottom, a little blue: smooth, so colour maths shows everywhere. */
const gradient = (width: number, height: number) =>
  canvasFrame(width, height, (context) => {
    const image = context.createImageData(width, height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        image.data.set([Math.round((255 * x) / (width - 1)), Math.round((255 * y) / (height - 1)), 96, 255], i);
      }
    }
    context.putImageData(image, 0, 0);
  });

/** Like a title: transparent, an opaque white box with black letters, and a half-transparent red band. */
const title = (width: number, height: number) =>
  canvasFrame(width, height, (context) => {
    context.fillStyle = '#ffffff';
    context.fillRect(100, 60, 120, 60);
    context.fillStyle = '#000000';
    context.font = '600 36px sans-serif';
    context.textBaseline = 'middle';
    context.fillText('Hi', 140, 92);
    context.fillStyle = 'rgba(255, 0, 0, 0.5)';
    context.fillRect(40, 140, 240, 30);
  });

/** A green screen, lit unevenly (a darker band at the bottom), with a red subject in the middle. */
const greenScreen = (width: number, height: number) =>
  canvasFrame(width, height, (context) => {
    context.fillStyle = 'rgb(64, 179, 77)';
    context.fillRect(0, 0, width, height);
    context.fillStyle = 'rgb(26, 102, 38)';
    context.fillRect(0, 150, width, height - 150);
    context.fillStyle = 'rgb(230, 50, 50)';
    context.fillRect(120, 60, 80, 60);
  });

const SOURCES = {
  quad43: () => quadrants(160, 120),
  quad169: () => quadrants(320, 180),
  wide: () => quadrants(320, 120),
  gradient: () => gradient(320, 180),
  title: () => title(320, 180),
  greenScreen: () => greenScreen(320, 180),
};
type SourceName = keyof typeof SOURCES;

interface Case {
  name: string;
  size?: [number, number];
  background?: Rgb;
  layers: { source: SourceName; rotation?: Rotation; look?: LayerLook }[];
  /** Colours at output pixels, worked out by hand from the spec. */
  known: [x: number, y: number, rgb: Rgb][];
}

const CASES: Case[] = [
  // 160×120 into 320×180: fitted 240×180, bars x < 40 and x ≥ 280.
  { name: 'fit 4:3 into 16:9 (pillarbox)', layers: [{ source: 'quad43' }], known: [[20, 90, BLACK], [300, 90, BLACK], [100, 45, RED], [260, 45, GREEN], [100, 135, BLUE], [260, 135, YELLOW]] },
  // 320×120 into 320×180: bars y < 30 and y ≥ 150.
  { name: 'fill 4:3 into 16:9 (cover: no bars, top and bottom cut)', layers: [{ source: 'quad43', look: { fit: 'cover' } }], known: [[5, 45, RED], [315, 45, GREEN], [5, 135, BLUE], [315, 135, YELLOW]] },
  { name: 'fit 8:3 into 16:9 (letterbox)', layers: [{ source: 'wide' }], known: [[160, 10, BLACK], [160, 170, BLACK], [80, 50, RED], [240, 50, GREEN], [80, 130, BLUE], [240, 130, YELLOW]] },
  { name: 'fit 16:9 into 4:3 (letterbox)', size: [240, 180], layers: [{ source: 'gradient' }], known: [[120, 10, BLACK], [120, 170, BLACK]] },
  // Upright 120×160 fitted to 135×180, x 92.5…227.5. A clockwise turn takes decoded top-left to display top-right.
  { name: 'rotation metadata 90', layers: [{ source: 'quad43', rotation: 90 }], known: [[80, 90, BLACK], [120, 45, BLUE], [200, 45, RED], [120, 135, YELLOW], [200, 135, GREEN]] },
  { name: 'rotation metadata 180', layers: [{ source: 'quad43', rotation: 180 }], known: [[100, 45, YELLOW], [260, 45, BLUE], [100, 135, GREEN], [260, 135, RED]] },
  { name: 'rotation metadata 270', layers: [{ source: 'quad43', rotation: 270 }], known: [[120, 45, GREEN], [200, 45, YELLOW], [120, 135, RED], [200, 135, BLUE]] },
  // Picture x 40…280, y 0…180; crop keeps x 100…256, y 18…126 in place.
  {
    name: 'crop',
    layers: [{ source: 'quad43', look: { crop: { left: 0.25, top: 0.1, right: 0.1, bottom: 0.3 } } }],
    known: [[70, 45, BLACK], [120, 10, BLACK], [250, 140, BLACK], [120, 45, RED], [250, 45, GREEN], [120, 110, BLUE], [250, 110, YELLOW]],
  },
  // Half size (160×90) centred at (96, 108): x 16…176, y 63…153.
  {
    name: 'position and scale',
    layers: [{ source: 'quad169', look: { x: 0.3, y: 0.6, scale: 0.5 } }],
    known: [[8, 100, BLACK], [250, 100, BLACK], [100, 40, BLACK], [50, 80, RED], [150, 80, GREEN], [50, 140, BLUE], [150, 140, YELLOW]],
  },
  // 192×108 at the centre, turned 30° clockwise: the top-left quadrant's centre (−48, −27) lands at (−28, −47) from the centre.
  { name: 'rotation 30°', layers: [{ source: 'quad169', look: { scale: 0.6, rotation: 30 } }], known: [[5, 5, BLACK], [132, 43, RED], [188, 137, YELLOW], [30, 90, BLACK], [60, 90, BLUE]] },
  // Upper: turned 180° (yellow at top-left), pillarboxed, half transparent over the red/green/blue/yellow picture.
  {
    name: 'opacity 0.5 over another layer',
    layers: [{ source: 'quad169' }, { source: 'quad43', rotation: 180, look: { opacity: 0.5 } }],
    known: [[20, 45, RED], [100, 45, [255, 128, 0]], [260, 135, [255, 128, 0]], [300, 135, YELLOW]],
  },
  // Red: (1 − 0.5)·1.3 + 0.6 = 1.25, others −0.05; luma 0.2264; half saturation → (0.738, 0.088, 0.088).
  {
    name: 'brightness, contrast, saturation',
    layers: [{ source: 'quad169', look: { brightness: 0.1, contrast: 1.3, saturation: 0.5 } }],
    known: [[80, 45, [188, 22, 22]], [240, 135, [255, 255, 141]]],
  },
  // Top-left texel (0, 0, 96): (c − 0.5)·1.6 + 0.3 → (−0.5, −0.5, 0.102); luma −0.457; ×1.5 saturation → (< 0, < 0, 0.382).
  { name: 'brightness, contrast, saturation (gradient)', layers: [{ source: 'gradient', look: { brightness: -0.2, contrast: 1.6, saturation: 1.5 } }], known: [[0, 0, [0, 0, 97]]] },
  // Top-left texel (0, 0, 96): luma 0.0722 · 96 = 6.9.
  { name: 'saturation 0', layers: [{ source: 'gradient', look: { saturation: 0 } }], known: [[0, 0, [7, 7, 7]]] },
  { name: 'dip (dim 0.4)', layers: [{ source: 'quad169', look: { dim: 0.4 } }], known: [[80, 45, [102, 0, 0]], [240, 135, [102, 102, 0]]] },
  // 0.3 of the upper (turned 180°: yellow, blue, red where the lower is red, green, yellow) over 0.7 of the lower.
  {
    name: 'crossfade (upper opacity 0.3)',
    layers: [{ source: 'quad169' }, { source: 'quad169', rotation: 180, look: { opacity: 0.3 } }],
    known: [[80, 45, [255, 77, 0]], [240, 135, [255, 179, 0]], [240, 45, [0, 179, 77]]],
  },
  // The upper shows only at x < 0.4 · 320 = 128.
  { name: 'wipe (reveal 0.4)', layers: [{ source: 'quad169' }, { source: 'quad169', rotation: 180, look: { reveal: 0.4 } }], known: [[60, 45, YELLOW], [200, 45, GREEN], [100, 135, GREEN], [140, 135, BLUE]] },
  // Half-transparent red (alpha 128/255) over blue.
  { name: 'title over video', layers: [{ source: 'quad169' }, { source: 'title' }], known: [[20, 20, RED], [110, 70, WHITE], [60, 155, [128, 0, 127]], [300, 175, YELLOW]] },
  // Keyed on the screen's lit green: its darker band is within the tolerance too (chroma 0.09 away), so both show the layer below; the red subject stays.
  {
    name: 'chroma key (green screen)',
    layers: [{ source: 'quad169' }, { source: 'greenScreen', look: { key: { r: 64 / 255, g: 179 / 255, b: 77 / 255, tolerance: 0.15 } } }],
    known: [[20, 20, RED], [300, 20, GREEN], [20, 170, BLUE], [300, 170, YELLOW], [160, 90, [230, 50, 50]]],
  },
  {
    name: 'background colour',
    background: [51, 102, 204],
    layers: [{ source: 'quad43', look: { scale: 0.5 } }],
    known: [[5, 5, [51, 102, 204]], [300, 90, [51, 102, 204]], [130, 60, RED], [190, 120, YELLOW]],
  },
];

async function rgba(frame: VideoFrame): Promise<Uint8Array> {
  const bytes = new Uint8Array(frame.allocationSize({ format: 'RGBA' } as VideoFrameCopyToOptions));
  await frame.copyTo(bytes, { format: 'RGBA', colorSpace: 'srgb' } as VideoFrameCopyToOptions);
  return bytes;
}

describe('WebGPU compositor effects against the CPU reference', () => {
  let compositor: Compositor;
  const frames = new Map<SourceName, VideoFrame>();
  const images = new Map<SourceName, ReferenceImage>();

  beforeAll(async () => {
    compositor = await Compositor.create();
    for (const [name, make] of Object.entries(SOURCES) as [SourceName, () => VideoFrame][]) {
      const frame = make();
      frames.set(name, frame);
      images.set(name, { width: frame.displayWidth, height: frame.displayHeight, data: await rgba(frame) });
    }
  });

  afterAll(() => {
    for (const frame of frames.values()) frame.close();
    compositor.destroy();
  });

  it.each(CASES)('$name', async ({ size = [320, 180], background = [0, 0, 0], layers, known }) => {
    const [width, height] = size;
    const background01 = background.map((c) => c / 255) as [number, number, number];
    const rendered = await compositor.renderToFrame(
      width,
      height,
      layers.map(({ source, rotation = 0, look }) => ({ frame: frames.get(source)!, rotation, ...(look ? { look } : {}) })),
      0,
      33_333,
      background01,
    );
    let actual: Uint8Array;
    try {
      expect([rendered.codedWidth, rendered.codedHeight]).toEqual([width, height]);
      actual = await rgba(rendered);
    } finally {
      rendered.close();
    }
    const reference = referenceComposite(
      width,
      height,
      layers.map(({ source, rotation = 0, look }) => ({ image: images.get(source)!, rotation, ...(look ? { look } : {}) })),
      background01,
    );

    for (const [x, y, rgb] of known) {
      const i = (y * width + x) * 4;
      const at = `(${x}, ${y})`;
      for (let c = 0; c < 3; c++) {
        expect(Math.abs(actual[i + c]! - rgb[c]!), `GPU ${at} channel ${c}: ${actual[i + c]} vs ${rgb[c]}`).toBeLessThanOrEqual(KNOWN_TOLERANCE);
        expect(Math.abs(reference.pixels[i + c]! - rgb[c]!), `reference ${at} channel ${c}: ${reference.pixels[i + c]} vs ${rgb[c]}`).toBeLessThanOrEqual(KNOWN_TOLERANCE);
      }
    }

    const edgeFraction = reference.edge.reduce((n, e) => n + e, 0) / (width * height);
    const all = compareImages(actual, reference.pixels, null, WITHIN);
    const inner = compareImages(actual, reference.pixels, reference.edge, WITHIN);
    console.warn(
      `${expect.getState().currentTestName}: mean ${inner.meanError.toFixed(3)}, within ${WITHIN}: ${(inner.fractionWithin * 100).toFixed(2)}%, max ${inner.maxError}; ` +
        `edge band ${(edgeFraction * 100).toFixed(2)}% (with it: mean ${all.meanError.toFixed(3)}, within ${(all.fractionWithin * 100).toFixed(2)}%)`,
    );
    expect(edgeFraction).toBeLessThanOrEqual(MAX_EDGE_FRACTION);
    expect(inner.meanError).toBeLessThanOrEqual(MAX_MEAN_ERROR);
    expect(inner.fractionWithin).toBeGreaterThanOrEqual(MIN_FRACTION_WITHIN);
  });
});

describe('titles as the app makes them (text-source.ts)', () => {
  /*
   * In Chromium a VideoFrame made from a 2D canvas holds premultiplied pixels
   * (rgba(255, 0, 0, 0.5) reads back [128, 0, 0, 128]); the compositor blends
   * straight alpha, so titles are built from getImageData's straight bytes.
   * This guards that: a translucent box must show half the video beneath.
   */
  it('a half-transparent title box shows half of the video beneath', async () => {
    const compositor = await Compositor.create();
    const [width, height] = [320, 180];
    const blue = canvasFrame(width, height, (context) => {
      context.fillStyle = '#0000ff';
      context.fillRect(0, 0, width, height);
    });
    const source = titleSource('Title', 1_000_000, { ...defaultTextStyle('HELLO'), background: 'rgba(255, 0, 0, 0.5)' }, width, height);
    const generator = source.videoFrames();
    const titleFrame = (await generator.next()).value as VideoFrame;
    try {
      const alpha = await rgba(titleFrame);
      // A pixel of the box around the letters: alpha half.
      const box = alpha.findIndex((value, i) => i % 4 === 3 && Math.abs(value - 128) <= 1) - 3;
      expect(box).toBeGreaterThanOrEqual(0);
      const rendered = await compositor.renderToFrame(width, height, [{ frame: blue, rotation: 0 }, { frame: titleFrame, rotation: 0 }], 0, 33_333);
      const actual = await rgba(rendered);
      rendered.close();
      // Straight alpha ½: half red over half blue.
      expect(Math.abs(actual[box]! - 128)).toBeLessThanOrEqual(KNOWN_TOLERANCE);
      expect(Math.abs(actual[box + 2]! - 127)).toBeLessThanOrEqual(KNOWN_TOLERANCE);
    } finally {
      titleFrame.close();
      await generator.return(undefined);
      source.close();
      blue.close();
      compositor.destroy();
    }
  });
});
