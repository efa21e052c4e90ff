/**
 * Multi-resolution waveform peaks for drawing clips at any zoom, streaming.
 *
 * Level 0 holds, per `samplesPerPeak` frames, the min and max over all
 * channels; level k covers `samplesPerPeak × factor^k` frames and is folded
 * from level k−1's quantised bins, so a coarse bin is exactly the min/max of
 * the fine bins under it (quantisation is monotonic, so nothing is lost by
 * folding after it). Values are scaled to −127..127 (full scale = ±127).
 * Output arrays grow by doubling; audio itself is never kept.
 */

export interface WaveformLevel {
  samplesPerPeak: number;
  min: Int8Array;
  max: Int8Array;
}

export interface WaveformPeaks {
  sampleRate: number;
  levels: WaveformLevel[];
}

/** Float sample → −127..127, rounding half away from zero so ±x map to ±q; NaN reads as 0. */
const quantise = (v: number): number =>
  v >= 1 ? 127 : v <= -1 ? -127 : v < 0 ? -Math.round(-v * 127) || 0 : Math.round(v * 127) || 0;

/** A growable pair of min/max arrays plus the bin being filled. */
class Level {
  min = new Int8Array(64);
  max = new Int8Array(64);
  length = 0;
  /** Running extremes of the open bin and how many finer units it holds. */
  binMin = 127;
  binMax = -127;
  binFill = 0;

  append(lo: number, hi: number): void {
    if (this.length === this.min.length) {
      const min = new Int8Array(this.min.length * 2);
      const max = new Int8Array(this.max.length * 2);
      min.set(this.min);
      max.set(this.max);
      this.min = min;
      this.max = max;
    }
    this.min[this.length] = lo;
    this.max[this.length] = hi;
    this.length++;
  }
}

export class WaveformBuilder {
  private readonly levelStates: Level[];
  /** Float extremes of the open level-0 bin (quantised only when it closes). */
  private lo = Infinity;
  private hi = -Infinity;
  private filled = 0;
  private finished: WaveformPeaks | null = null;

  constructor(
    readonly sampleRate: number,
    readonly samplesPerPeak = 256,
    readonly levels = 4,
    readonly factor = 4,
  ) {
    if (!Number.isInteger(samplesPerPeak) || samplesPerPeak < 1) throw new RangeError(`samplesPerPeak ${samplesPerPeak}`);
    if (!Number.isInteger(levels) || levels < 1) throw new RangeError(`levels ${levels}`);
    if (!Number.isInteger(factor) || factor < 2) throw new RangeError(`factor ${factor}`);
    this.levelStates = Array.from({ length: levels }, () => new Level());
  }

  /** Adds `frames` frames of planar audio; any number of planes (the max over them is kept). */
  push(planes: readonly Float32Array[], frames: number): void {
    if (this.finished) throw new Error('WaveformBuilder: push after finish');
    const channels = planes.length;
    const spp = this.samplesPerPeak;
    let lo = this.lo;
    let hi = this.hi;
    let filled = this.filled;
    let offset = 0;
    while (offset < frames) {
      const end = Math.min(frames, offset + spp - filled);
      for (let c = 0; c < channels; c++) {
        const plane = planes[c]!;
        for (let i = offset; i < end; i++) {
          const v = plane[i]!;
          // Comparisons rather than Math.min/max so a NaN sample is skipped, not propagated.
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
      filled += end - offset;
      offset = end;
      if (filled === spp) {
        this.closeBin(0, quantiseLow(lo, hi), quantiseHigh(lo, hi));
        lo = Infinity;
        hi = -Infinity;
        filled = 0;
      }
    }
    this.lo = lo;
    this.hi = hi;
    this.filled = filled;
  }

  /** Closes partial bins (so every level has ceil(frames / its samplesPerPeak) peaks) and returns the result. */
  finish(): WaveformPeaks {
    if (this.finished) return this.finished;
    if (this.filled > 0) this.closeBin(0, quantiseLow(this.lo, this.hi), quantiseHigh(this.lo, this.hi));
    // Coarser open bins, finest first: closing one may complete the next.
    for (let k = 1; k < this.levels; k++) {
      const level = this.levelStates[k]!;
      if (level.binFill > 0) this.flushInto(k, level);
    }
    this.finished = {
      sampleRate: this.sampleRate,
      levels: this.levelStates.map((level, k) => ({
        samplesPerPeak: this.samplesPerPeak * this.factor ** k,
        min: level.min.slice(0, level.length),
        max: level.max.slice(0, level.length),
      })),
    };
    return this.finished;
  }

  /** Emits a finished bin at level `k` and folds it into level k+1's open bin. */
  private closeBin(k: number, lo: number, hi: number): void {
    const level = this.levelStates[k]!;
    level.append(lo, hi);
    const next = this.levelStates[k + 1];
    if (!next) return;
    if (lo < next.binMin) next.binMin = lo;
    if (hi > next.binMax) next.binMax = hi;
    if (++next.binFill === this.factor) this.flushInto(k + 1, next);
  }

  /** Closes level `k`'s open bin (full or, at finish, partial). */
  private flushInto(k: number, level: Level): void {
    const lo = level.binMin;
    const hi = level.binMax;
    level.binMin = 127;
    level.binMax = -127;
    level.binFill = 0;
    this.closeBin(k, lo, hi);
  }
}

// A bin of only NaN samples has lo = +∞ and hi = −∞: draw it as silence, not as a full-scale bar.
const quantiseLow = (lo: number, hi: number): number => (lo > hi ? 0 : quantise(lo));
const quantiseHigh = (lo: number, hi: number): number => (lo > hi ? 0 : quantise(hi));
