/**
 * Radix-2 FFT of a real signal, with every table and scratch buffer made once
 * in the constructor so `forward` allocates nothing. The N real samples are
 * packed into an N/2-point complex FFT (even samples → real, odd → imaginary)
 * and split afterwards, which halves the work of a plain complex FFT.
 */
export class RealFft {
  private readonly half: number;
  /** Bit-reversal permutation of the N/2-point complex FFT. */
  private readonly reverse: Uint32Array;
  /** cos/sin(2πk/(N/2)) for the butterflies, k < N/4. */
  private readonly cosHalf: Float64Array;
  private readonly sinHalf: Float64Array;
  /** cos/sin(2πk/N) for the real split, k ≤ N/2. */
  private readonly cosFull: Float64Array;
  private readonly sinFull: Float64Array;
  private readonly zr: Float64Array;
  private readonly zi: Float64Array;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 2 || (size & (size - 1)) !== 0) throw new RangeError(`FFT size ${size} is not a power of two ≥ 2`);
    const half = size / 2;
    this.half = half;
    const bits = Math.log2(half);
    this.reverse = new Uint32Array(half);
    for (let i = 0; i < half; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >>> b) & 1) << (bits - 1 - b);
      this.reverse[i] = r;
    }
    this.cosHalf = new Float64Array(Math.max(1, half / 2));
    this.sinHalf = new Float64Array(Math.max(1, half / 2));
    for (let k = 0; k < half / 2; k++) {
      this.cosHalf[k] = Math.cos((2 * Math.PI * k) / half);
      this.sinHalf[k] = Math.sin((2 * Math.PI * k) / half);
    }
    this.cosFull = new Float64Array(half + 1);
    this.sinFull = new Float64Array(half + 1);
    for (let k = 0; k <= half; k++) {
      this.cosFull[k] = Math.cos((2 * Math.PI * k) / size);
      this.sinFull[k] = Math.sin((2 * Math.PI * k) / size);
    }
    this.zr = new Float64Array(half);
    this.zi = new Float64Array(half);
  }

  /**
   * X[k] = Σ x[n]·e^(−2πikn/N) for k = 0..N/2 (the rest is the conjugate mirror).
   * `input` holds N samples; `re` and `im` receive N/2 + 1 bins.
   */
  forward(input: ArrayLike<number>, re: Float64Array, im: Float64Array): void {
    const half = this.half;
    const zr = this.zr;
    const zi = this.zi;
    const reverse = this.reverse;
    const cosHalf = this.cosHalf;
    const sinHalf = this.sinHalf;
    for (let i = 0; i < half; i++) {
      const j = reverse[i]!;
      zr[j] = input[2 * i]!;
      zi[j] = input[2 * i + 1]!;
    }
    // Iterative decimation-in-time butterflies.
    for (let span = 1; span < half; span *= 2) {
      const stride = half / (2 * span);
      for (let start = 0; start < half; start += 2 * span) {
        for (let k = 0; k < span; k++) {
          const wr = cosHalf[k * stride]!;
          const wi = -sinHalf[k * stride]!;
          const a = start + k;
          const b = a + span;
          const xr = zr[b]!;
          const xi = zi[b]!;
          const br = xr * wr - xi * wi;
          const bi = xr * wi + xi * wr;
          const ar = zr[a]!;
          const ai = zi[a]!;
          zr[b] = ar - br;
          zi[b] = ai - bi;
          zr[a] = ar + br;
          zi[a] = ai + bi;
        }
      }
    }
    // Split: E[k] = (Z[k] + conj Z[M−k]) / 2 is the even samples' FFT, O[k] = (Z[k] − conj Z[M−k]) / 2i the odd ones';
    // X[k] = E[k] + e^(−2πik/N)·O[k].
    for (let k = 0; k <= half; k++) {
      const a = k === half ? 0 : k;
      const b = k === 0 ? 0 : half - k;
      const ar = zr[a]!;
      const ai = zi[a]!;
      const br = zr[b]!;
      const bi = -zi[b]!;
      const er = (ar + br) / 2;
      const ei = (ai + bi) / 2;
      // (Z[k] − conj Z[M−k]) / 2i = (d_i − i·d_r) / 2 with d = Z[k] − conj Z[M−k].
      const or = (ai - bi) / 2;
      const oi = -(ar - br) / 2;
      const c = this.cosFull[k]!;
      const s = -this.sinFull[k]!;
      re[k] = er + or * c - oi * s;
      im[k] = ei + or * s + oi * c;
    }
  }
}
