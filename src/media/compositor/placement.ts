/**
 * Where a frame lands in the output: fit inside (letterbox/pillarbox), centred,
 * with rotation metadata applied (floats 0–7 of the blit shader's uniform),
 * then the clip's own look: transition look, crop, transform and colour
 * (floats 8–23) and chroma key (24–27). Pure maths, written without allocating.
 */
export type Rotation = 0 | 90 | 180 | 270;

/** Floats in the blit shaders' placement uniform (WGSL `Placement`, GLSL block `Placement`). */
export const PLACEMENT_FLOATS = 28;

/** uvOffset, uvX, uvY such that sourceUV = offset + u * uvX + v * uvY for display UV (u, v). */
const UV_MAPS: Record<Rotation, readonly number[]> = {
  0: [0, 0, 1, 0, 0, 1],
  90: [0, 1, 0, -1, 1, 0],
  180: [1, 1, -1, 0, 0, -1],
  270: [1, 0, 0, 1, -1, 0],
};

export function writePlacement(
  out: Float32Array,
  frameWidth: number,
  frameHeight: number,
  rotation: Rotation,
  outputWidth: number,
  outputHeight: number,
  fit: 'contain' | 'cover' = 'contain',
): void {
  const sideways = rotation === 90 || rotation === 270;
  const shownW = sideways ? frameHeight : frameWidth;
  const shownH = sideways ? frameWidth : frameHeight;
  // Contain: as large as fits (bars); cover: as small as fills (the overflow falls outside the output).
  const scale = (fit === 'cover' ? Math.max : Math.min)(outputWidth / shownW, outputHeight / shownH);
  out[0] = (shownW * scale) / outputWidth;
  out[1] = (shownH * scale) / outputHeight;
  const map = UV_MAPS[rotation];
  for (let i = 0; i < 6; i++) out[2 + i] = map[i]!;
}

/** A clip's picture settings; every field has a neutral default. */
export interface LayerLook {
  /** Whole picture with bars (default), or filling the output. */
  fit?: 'contain' | 'cover';
  opacity?: number;
  /** Multiplies the colour (dip to black). */
  dim?: number;
  /** Draw only output x < reveal·width (a wipe). */
  reveal?: number;
  /** Fractions of the picture trimmed from each side. */
  crop?: { left: number; top: number; right: number; bottom: number };
  /** Centre of the picture, 0–1 across and down the output. */
  x?: number;
  y?: number;
  scale?: number;
  /** Clockwise degrees. */
  rotation?: number;
  /** −1…1 added; contrast and saturation 0…2 (1 = unchanged). */
  brightness?: number;
  contrast?: number;
  saturation?: number;
  /** Pixels of this colour (0–1 RGB) turn transparent: a green screen. */
  key?: ChromaKey;
}

/** A colour keyed out: pixels whose chroma lies within `tolerance` of the key's turn transparent, with a soft edge beyond it. */
export interface ChromaKey {
  r: number;
  g: number;
  b: number;
  /** Distance in Rec. 709 CbCr (each −0.5…0.5), 0.01–0.5. */
  tolerance: number;
}

export function writeLook(out: Float32Array, look: LayerLook, outputWidth: number, outputHeight: number): void {
  out[8] = look.opacity ?? 1;
  out[9] = look.dim ?? 1;
  out[10] = look.reveal ?? 1;
  out[11] = 0;
  out[12] = look.crop?.left ?? 0;
  out[13] = look.crop?.top ?? 0;
  out[14] = look.crop?.right ?? 0;
  out[15] = look.crop?.bottom ?? 0;
  out[16] = (look.x ?? 0.5) * 2 - 1;
  out[17] = 1 - (look.y ?? 0.5) * 2;
  out[18] = look.scale ?? 1;
  out[19] = ((look.rotation ?? 0) * Math.PI) / 180;
  out[20] = look.brightness ?? 0;
  out[21] = look.contrast ?? 1;
  out[22] = look.saturation ?? 1;
  out[23] = outputWidth / outputHeight;
  // The key's Rec. 709 chroma (Cb, Cr), as the shaders take each pixel's, and its tolerance (0 keys nothing).
  const key = look.key;
  const luma = key ? 0.2126 * key.r + 0.7152 * key.g + 0.0722 * key.b : 0;
  out[24] = key ? (key.b - luma) / 1.8556 : 0;
  out[25] = key ? (key.r - luma) / 1.5748 : 0;
  out[26] = key?.tolerance ?? 0;
  out[27] = 0;
}

/** A rectangle of output pixels: [x, x + width) × [y, y + height). */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Grows `rect` to hold the pixels a layer placed by `placement` (PLACEMENT_FLOATS, as
 * written above) can touch in a `width`×`height` output: its quad's corners,
 * as the vertex shader places them, plus a pixel for filtering; clamped to
 * the output.
 */
export function growToLayer(rect: PixelRect, placement: Float32Array, width: number, height: number): void {
  const [hx, hy] = [placement[0]!, placement[1]!];
  const [cl, ct, cr, cb] = [placement[12]!, placement[13]!, placement[14]!, placement[15]!];
  const [tx, ty, scale, angle] = [placement[16]!, placement[17]!, placement[18]!, -placement[19]!];
  const aspect = placement[23]!;
  let [x0, y0, x1, y1] = rect.width > 0 ? [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height] : [Infinity, Infinity, -Infinity, -Infinity];
  for (let corner = 0; corner < 4; corner++) {
    const dx = cl + (corner & 1) * (1 - cl - cr);
    const dy = ct + (corner >> 1) * (1 - ct - cb);
    const sx = (dx * 2 - 1) * hx * aspect * scale;
    const sy = (1 - dy * 2) * hy * scale;
    const px = tx + (sx * Math.cos(angle) - sy * Math.sin(angle)) / aspect;
    const py = ty + sx * Math.sin(angle) + sy * Math.cos(angle);
    x0 = Math.min(x0, ((px + 1) / 2) * width);
    x1 = Math.max(x1, ((px + 1) / 2) * width);
    y0 = Math.min(y0, ((1 - py) / 2) * height);
    y1 = Math.max(y1, ((1 - py) / 2) * height);
  }
  rect.x = Math.max(0, Math.floor(x0) - 1);
  rect.y = Math.max(0, Math.floor(y0) - 1);
  rect.width = Math.max(0, Math.min(width, Math.ceil(x1) + 1) - rect.x);
  rect.height = Math.max(0, Math.min(height, Math.ceil(y1) + 1) - rect.y);
}
