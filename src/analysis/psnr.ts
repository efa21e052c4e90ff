/**
 * Peak signal-to-noise ratio of two RGBA pictures of one size, over R, G and B
 * (alpha ignored), in dB: ~35–45 dB is a good lossy encode, Infinity identical.
 */
export function psnr(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  if (a.length !== b.length) throw new RangeError(`pictures differ in size (${a.length} and ${b.length} bytes)`);
  let sum = 0;
  for (let i = 0; i < a.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      const d = a[i + c]! - b[i + c]!;
      sum += d * d;
    }
  }
  const mse = sum / ((a.length / 4) * 3);
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}
