/**
 * Integrated loudness per ITU-R BS.1770-4 / EBU R128, streaming.
 *
 * Audio is K-weighted (a high-shelf "head" filter, then an RLB high-pass),
 * squared and summed into 100 ms sub-blocks; each run of four sub-blocks is one
 * 400 ms gating block (75 % overlap). Only one number per block is kept (the
 * weighted mean square), so memory grows by 8 bytes per 100 ms — about 290 KB
 * for an hour — never with the audio itself. Gating happens in
 * `integratedLufs()`, so it can be asked at any time and stays exact.
 */

/** Biquad coefficients, normalised so a0 = 1. */
export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/**
 * The two K-weighting stages for any sample rate. BS.1770 only tabulates 48 kHz;
 * these are libebur128's analogue prototypes (shelf at ~1682 Hz, +4 dB; high-pass
 * at ~38 Hz) mapped through the bilinear transform, which reproduce the 48 kHz
 * table and keep 44.1 kHz etc. on the same curve.
 */
export function kWeightingCoefficients(sampleRate: number): { shelf: Biquad; highPass: Biquad } {
  let f0 = 1681.974450955533;
  const gainDb = 3.999843853973347;
  let q = 0.7071752369554196;
  let k = Math.tan((Math.PI * f0) / sampleRate);
  const vh = 10 ** (gainDb / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / q + k * k;
  const shelf: Biquad = {
    b0: (vh + (vb * k) / q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  };
  f0 = 38.13547087602444;
  q = 0.5003270373238773;
  k = Math.tan((Math.PI * f0) / sampleRate);
  a0 = 1 + k / q + k * k;
  // The numerator stays (1, -2, 1) un-normalised, exactly as BS.1770's table has it.
  const highPass: Biquad = { b0: 1, b1: -2, b2: 1, a1: (2 * (k * k - 1)) / a0, a2: (1 - k / q + k * k) / a0 };
  return { shelf, highPass };
}

/**
 * BS.1770 channel weights when only a channel count is known: L, R, C at 1.0 and
 * the surround pair at 1.41 (+1.5 dB). Five or fewer channels are read as
 * L R C Ls Rs; six or more as 5.1 in WAVE/SMPTE order (L R C LFE Ls Rs), where the
 * LFE is excluded. Channels past the sixth have no standard role and count as 1.0.
 */
export function defaultChannelWeights(channels: number): number[] {
  const weights: number[] = [];
  for (let c = 0; c < channels; c++) {
    if (channels >= 6) weights.push(c === 3 ? 0 : c === 4 || c === 5 ? 1.41 : 1);
    else weights.push(c >= 3 ? 1.41 : 1);
  }
  return weights;
}

const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;

/** Loudness of a weighted mean square; -0.691 dB cancels the K filter's gain at 1 kHz. */
const lufsOf = (meanSquare: number): number => -0.691 + 10 * Math.log10(meanSquare);

/**
 * BS.1770 gating over blocks [from, to) of mean squares: the absolute gate at
 * −70 LUFS, then the relative one 10 LU under what passed it. -Infinity when no
 * block passes.
 */
export function gatedLufs(blocks: ArrayLike<number>, from: number, to: number): number {
  const absolute = 10 ** ((ABSOLUTE_GATE_LUFS + 0.691) / 10);
  const meanAbove = (threshold: number): number => {
    let sum = 0;
    let passed = 0;
    for (let i = from; i < to; i++) {
      const z = blocks[i]!;
      if (z > threshold) {
        sum += z;
        passed++;
      }
    }
    return passed === 0 ? 0 : sum / passed;
  };
  const ungated = meanAbove(absolute);
  if (ungated === 0) return -Infinity;
  const gated = meanAbove(Math.max(absolute, ungated * 10 ** (RELATIVE_GATE_LU / 10)));
  return gated === 0 ? -Infinity : lufsOf(gated);
}

const flush = (v: number): number => (Math.abs(v) < 1e-30 ? 0 : v);

export class LoudnessMeter {
  private readonly weights: Float64Array;
  private readonly shelf: Biquad;
  private readonly highPass: Biquad;
  /** Per channel: x[n-1], x[n-2], y1[n-1], y1[n-2], y2[n-1], y2[n-2] (doubles: the 38 Hz pole sits near 1). */
  private readonly state: Float64Array;
  private readonly subBlockFrames: number;
  private subBlockFilled = 0;
  private subBlockSum = 0;
  /** Weighted sums of squares of the last four sub-blocks, as a ring. */
  private readonly recent = new Float64Array(4);
  private subBlocks = 0;
  /** Mean square of every complete 400 ms block (grown by doubling). */
  private blocks = new Float64Array(256);
  private blockCount = 0;

  constructor(
    readonly sampleRate: number,
    readonly channels: number,
    /** Per-channel weights; defaults to {@link defaultChannelWeights}. */
    weights: readonly number[] = defaultChannelWeights(channels),
  ) {
    if (!(sampleRate > 0)) throw new RangeError(`sample rate ${sampleRate}`);
    if (!Number.isInteger(channels) || channels < 1) throw new RangeError(`${channels} channels`);
    if (weights.length !== channels) throw new RangeError(`${weights.length} weights for ${channels} channels`);
    this.weights = Float64Array.from(weights);
    const { shelf, highPass } = kWeightingCoefficients(sampleRate);
    this.shelf = shelf;
    this.highPass = highPass;
    this.state = new Float64Array(channels * 6);
    this.subBlockFrames = Math.max(1, Math.round(sampleRate / 10));
  }

  /** Adds `frames` frames of planar audio (one plane per channel, each ≥ `frames` long). */
  push(planes: readonly Float32Array[], frames: number): void {
    if (planes.length < this.channels) throw new RangeError(`${planes.length} planes for ${this.channels} channels`);
    let offset = 0;
    while (offset < frames) {
      // Filter up to the end of the current 100 ms sub-block, then close it.
      const n = Math.min(frames - offset, this.subBlockFrames - this.subBlockFilled);
      for (let c = 0; c < this.channels; c++) {
        const weight = this.weights[c]!;
        // The filter still runs on zero-weight channels: cheap, and keeps state coherent.
        this.subBlockSum += weight * this.filter(c, planes[c]!, offset, n);
      }
      offset += n;
      this.subBlockFilled += n;
      if (this.subBlockFilled === this.subBlockFrames) this.closeSubBlock();
    }
  }

  /** Gated integrated loudness of everything pushed so far; -Infinity when no block passes the gates. */
  integratedLufs(): number {
    return gatedLufs(this.blocks, 0, this.blockCount);
  }

  /** Every complete block's weighted mean square, for loudness of any part of the sound (see `loudness-range.ts`). */
  blockMeanSquares(): Float32Array {
    return Float32Array.from(this.blocks.subarray(0, this.blockCount));
  }

  /** Runs `n` samples of channel `c` through both stages; returns the sum of squared output. */
  private filter(c: number, input: Float32Array, offset: number, n: number): number {
    const s = this.state;
    const base = c * 6;
    const { b0, b1, b2, a1, a2 } = this.shelf;
    const hp = this.highPass;
    let x1 = s[base]!;
    let x2 = s[base + 1]!;
    let y1 = s[base + 2]!;
    let y2 = s[base + 3]!;
    let z1 = s[base + 4]!;
    let z2 = s[base + 5]!;
    let sum = 0;
    for (let i = offset, end = offset + n; i < end; i++) {
      const x = input[i]!;
      const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      const z = hp.b0 * y + hp.b1 * y1 + hp.b2 * y2 - hp.a1 * z1 - hp.a2 * z2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      z2 = z1;
      z1 = z;
      sum += z * z;
    }
    // Flush near-denormals after long silence: denormal arithmetic is very slow.
    s[base] = flush(x1);
    s[base + 1] = flush(x2);
    s[base + 2] = flush(y1);
    s[base + 3] = flush(y2);
    s[base + 4] = flush(z1);
    s[base + 5] = flush(z2);
    return sum;
  }

  private closeSubBlock(): void {
    this.recent[this.subBlocks & 3] = this.subBlockSum;
    this.subBlocks++;
    this.subBlockSum = 0;
    this.subBlockFilled = 0;
    if (this.subBlocks < 4) return;
    const r = this.recent;
    const meanSquare = (r[0]! + r[1]! + r[2]! + r[3]!) / (4 * this.subBlockFrames);
    if (this.blockCount === this.blocks.length) {
      const grown = new Float64Array(this.blocks.length * 2);
      grown.set(this.blocks);
      this.blocks = grown;
    }
    this.blocks[this.blockCount++] = meanSquare;
  }
}
