import type { LayerLook, Rotation } from '../media/compositor/placement.ts';

/**
 * A CPU reference for the compositor, written from the spec rather than from
 * the shaders so that tests can catch shader bugs. For each output pixel centre
 * it walks each layer's placement backwards (output position → transform →
 * fit → crop → rotation metadata → source texel), samples the source, applies
 * the look, and blends with straight alpha into an 8-bit target, as the GPU does.
 * Deliberately slow and plain: no uniforms, no matrices.
 */

/** Straight (non-premultiplied) RGBA bytes of a source picture, as decoded (before rotation metadata). */
export interface ReferenceImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

export interface ReferenceLayer {
  image: ReferenceImage;
  /** Clockwise degrees the decoded picture is turned for display. */
  rotation: Rotation;
  look?: LayerLook;
}

export type Sampling = 'bilinear' | 'nearest';

export interface ReferenceResult {
  /** RGBA bytes, alpha always 255 (the output is opaque). */
  pixels: Uint8Array;
  /**
   * 1 where a pixel lies within about one pixel of some layer's outline (or its
   * wipe edge): there coverage depends on rasteriser rules and sampling detail,
   * so comparisons may leave these out.
   */
  edge: Uint8Array;
}

/** Where a layer's output position lands in its source, or null if the layer does not cover it. */
interface Hit {
  /** Source position in texels (0…width, 0…height). */
  sx: number;
  sy: number;
}

const DEG = Math.PI / 180;

/** Display position (fractions of the shown, upright picture) → decoded-picture position, undoing a clockwise turn. */
function undoRotation(u: number, v: number, rotation: Rotation): [number, number] {
  // A clockwise quarter turn takes decoded (x, y) to display (1 − y, x); undo it as many times as turned.
  let x = u;
  let y = v;
  for (let turns = rotation / 90; turns > 0; turns--) [x, y] = [y, 1 - x];
  return [x, y];
}

/** Inverse placement of one layer at output point (px, py) (pixels, y down). */
function locate(layer: ReferenceLayer, px: number, py: number, width: number, height: number): Hit | null {
  const look = layer.look ?? {};
  const { image, rotation } = layer;
  // The wipe draws only the part of the output left of `reveal`.
  if (px / width > (look.reveal ?? 1)) return null;
  // Fit: the upright picture, centred: as large as fits (bars where aspect ratios differ) or, for cover, as small as fills.
  const sideways = rotation === 90 || rotation === 270;
  const shownW = sideways ? image.height : image.width;
  const shownH = sideways ? image.width : image.height;
  const fit = look.fit === 'cover' ? Math.max(width / shownW, height / shownH) : Math.min(width / shownW, height / shownH);
  const fittedW = shownW * fit;
  const fittedH = shownH * fit;
  // Transform: the picture's centre moves to (x, y); it is scaled about its centre and turned clockwise (screen, y down).
  const dx = px - (look.x ?? 0.5) * width;
  const dy = py - (look.y ?? 0.5) * height;
  const angle = (look.rotation ?? 0) * DEG;
  const scale = look.scale ?? 1;
  if (scale <= 0) return null;
  const ux = (dx * Math.cos(angle) + dy * Math.sin(angle)) / scale;
  const uy = (-dx * Math.sin(angle) + dy * Math.cos(angle)) / scale;
  const u = 0.5 + ux / fittedW;
  const v = 0.5 + uy / fittedH;
  // Crop trims the picture where it stands: the rest does not move.
  const crop = look.crop ?? { left: 0, top: 0, right: 0, bottom: 0 };
  if (u < crop.left || u > 1 - crop.right || v < crop.top || v > 1 - crop.bottom) return null;
  const [su, sv] = undoRotation(u, v, rotation);
  return { sx: su * image.width, sy: sv * image.height };
}

/** One channel of texel (x, y), clamped to the picture's edge. */
function texel(image: ReferenceImage, x: number, y: number, channel: number): number {
  const cx = Math.min(image.width - 1, Math.max(0, x));
  const cy = Math.min(image.height - 1, Math.max(0, y));
  return image.data[(cy * image.width + cx) * 4 + channel]! / 255;
}

/** RGBA (0–1) at source position (sx, sy) in texels; texel centres sit at half-integers. */
function sample(image: ReferenceImage, sx: number, sy: number, sampling: Sampling, out: Float64Array): void {
  if (sampling === 'nearest') {
    for (let c = 0; c < 4; c++) out[c] = texel(image, Math.floor(sx), Math.floor(sy), c);
    return;
  }
  const x = sx - 0.5;
  const y = sy - 0.5;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  for (let c = 0; c < 4; c++) {
    const top = texel(image, x0, y0, c) * (1 - fx) + texel(image, x0 + 1, y0, c) * fx;
    const bottom = texel(image, x0, y0 + 1, c) * (1 - fx) + texel(image, x0 + 1, y0 + 1, c) * fx;
    out[c] = top * (1 - fy) + bottom * fy;
  }
}

/** The chroma key (placement.wgsl's keyOut): transparent within the tolerance of the key's chroma, opaque 0.08 beyond; greyed within 0.1 beyond. */
function keyOut(rgba: Float64Array, key: NonNullable<LayerLook['key']>): void {
  const chroma = (r: number, g: number, b: number) => {
    const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    return [(b - y) / 1.8556, (r - y) / 1.5748, y] as const;
  };
  const [cb, cr, luma] = chroma(rgba[0]!, rgba[1]!, rgba[2]!);
  const [keyCb, keyCr] = chroma(key.r, key.g, key.b);
  const beyond = Math.hypot(cb - keyCb, cr - keyCr) - key.tolerance;
  const ramp = (width: number) => Math.min(1, Math.max(0, beyond / width)) ** 1.5;
  const spill = ramp(0.1);
  for (let c = 0; c < 3; c++) rgba[c] = luma + (rgba[c]! - luma) * spill;
  rgba[3] = rgba[3]! * ramp(0.08);
}

/** The chroma key, then brightness, contrast, saturation (in that order, clamped last), then dim and opacity: the compositor's colour spec. */
function applyLook(rgba: Float64Array, look: LayerLook): void {
  if (look.key && look.key.tolerance > 0) keyOut(rgba, look.key);
  const brightness = look.brightness ?? 0;
  const contrast = look.contrast ?? 1;
  const saturation = look.saturation ?? 1;
  const dim = look.dim ?? 1;
  const rgb = [0, 1, 2].map((c) => (rgba[c]! - 0.5) * contrast + 0.5 + brightness);
  // Rec. 709 luma of the adjusted (not yet clamped) colour.
  const luma = 0.2126 * rgb[0]! + 0.7152 * rgb[1]! + 0.0722 * rgb[2]!;
  for (let c = 0; c < 3; c++) rgba[c] = Math.min(1, Math.max(0, luma + (rgb[c]! - luma) * saturation)) * dim;
  rgba[3] = rgba[3]! * (look.opacity ?? 1);
}

const quantise = (value: number): number => Math.round(Math.min(1, Math.max(0, value)) * 255);

/** Composites `layers` (bottom first) over `background` (0–1 RGB) at width × height. */
export function referenceComposite(
  width: number,
  height: number,
  layers: readonly ReferenceLayer[],
  background: readonly [number, number, number] = [0, 0, 0],
  sampling: Sampling = 'bilinear',
): ReferenceResult {
  const pixels = new Uint8Array(width * height * 4);
  const edge = new Uint8Array(width * height);
  const colour = new Float64Array(4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) pixels[i + c] = quantise(background[c]!);
      pixels[i + 3] = 255;
      const cx = x + 0.5;
      const cy = y + 0.5;
      for (const layer of layers) {
        const hit = locate(layer, cx, cy, width, height);
        // Near an outline, a neighbour's centre one pixel away falls on the other side.
        const covered = hit !== null;
        for (const [ox, oy] of [[-1, 0], [1, 0], [0, -1], [0, 1]] as const) {
          if ((locate(layer, cx + ox, cy + oy, width, height) !== null) !== covered) edge[y * width + x] = 1;
        }
        if (!hit) continue;
        sample(layer.image, hit.sx, hit.sy, sampling, colour);
        applyLook(colour, layer.look ?? {});
        const alpha = colour[3]!;
        // Straight alpha over what is below; the target holds 8 bits between layers.
        for (let c = 0; c < 3; c++) pixels[i + c] = quantise(colour[c]! * alpha + (pixels[i + c]! / 255) * (1 - alpha));
      }
    }
  }
  return { pixels, edge };
}

/** How far `actual` is from `expected` (RGB only), leaving out pixels flagged in `exclude`. */
export interface ImageDifference {
  /** Mean absolute error per channel, in 0–255 levels. */
  meanError: number;
  /** Fraction of compared pixels whose worst channel differs by at most `within` levels. */
  fractionWithin: number;
  /** Largest channel difference seen. */
  maxError: number;
  /** Pixels compared (all minus excluded). */
  compared: number;
}

export function compareImages(actual: Uint8Array, expected: Uint8Array, exclude: Uint8Array | null, within: number): ImageDifference {
  let sum = 0;
  let ok = 0;
  let compared = 0;
  let maxError = 0;
  for (let p = 0; p < expected.length / 4; p++) {
    if (exclude?.[p]) continue;
    let worst = 0;
    for (let c = 0; c < 3; c++) {
      const d = Math.abs(actual[p * 4 + c]! - expected[p * 4 + c]!);
      sum += d;
      worst = Math.max(worst, d);
    }
    maxError = Math.max(maxError, worst);
    if (worst <= within) ok++;
    compared++;
  }
  return { meanError: compared ? sum / (compared * 3) : 0, fractionWithin: compared ? ok / compared : 1, maxError, compared };
}
