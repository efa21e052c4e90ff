/**
 * Where a frame lands in the output: fit inside (letterbox/pillarbox), centred,
 * with rotation metadata applied. Pure maths, written into the blit shader's
 * uniform (8 floats) without allocating.
 */
export type Rotation = 0 | 90 | 180 | 270;

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
): void {
  const sideways = rotation === 90 || rotation === 270;
  const shownW = sideways ? frameHeight : frameWidth;
  const shownH = sideways ? frameWidth : frameHeight;
  const scale = Math.min(outputWidth / shownW, outputHeight / shownH);
  out[0] = (shownW * scale) / outputWidth;
  out[1] = (shownH * scale) / outputHeight;
  const map = UV_MAPS[rotation];
  for (let i = 0; i < 6; i++) out[2 + i] = map[i]!;
}
