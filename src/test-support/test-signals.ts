/**
 * Deterministic signal helpers shared by the audio and analysis tests (imported only by
 * `*.test.ts`). Nothing here is random unless seeded.
 */

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A sine of `frequency` Hz and peak `amplitude`, `frames` samples long. */
export function sine(sampleRate: number, frequency: number, amplitude: number, frames: number): Float32Array {
  const out = new Float32Array(frames);
  const w = (2 * Math.PI * frequency) / sampleRate;
  for (let i = 0; i < frames; i++) out[i] = amplitude * Math.sin(w * i);
  return out;
}

/** Amplitude for a level in dBFS (peak-referenced, as EBU Tech 3341 uses for sines). */
export const dbfs = (db: number): number => 10 ** (db / 20);

/**
 * Feeds `planes` to `push` in chunks whose sizes cycle through `sizes`, as a
 * decoder would hand them over (views, not copies).
 */
export function pushInChunks(
  planes: readonly Float32Array[],
  sizes: readonly number[],
  push: (chunk: Float32Array[], frames: number) => void,
): void {
  const total = planes[0]?.length ?? 0;
  let at = 0;
  for (let i = 0; at < total; i++) {
    const n = Math.min(sizes[i % sizes.length]!, total - at);
    push(
      planes.map((p) => p.subarray(at, at + n)),
      n,
    );
    at += n;
  }
}
