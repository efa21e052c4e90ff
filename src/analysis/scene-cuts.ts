/**
 * Hard-cut detection from small grayscale thumbnails (e.g. 64×36 luma bytes).
 *
 * Each frame gets a difference score against the previous one, the mean of
 * two measures in 0..1: (a) the mean absolute pixel difference, which sees a
 * change of content even when two shots share a brightness distribution, and
 * (b) the earth mover's distance between the luma histograms (the mean shift
 * needed to turn one histogram into the other), which ignores motion and
 * grain. EMD rather than a bin-wise histogram distance because it changes
 * smoothly as a fade squeezes the histogram into a few dark bins, where
 * bin-wise distances spike like a cut.
 *
 * A frame starts a new scene when its score stands out from the median of the
 * surrounding scores — by `threshold` in absolute terms and by a factor of
 * two — and is a local peak. Comparing against the local median rather than
 * a fixed level is what keeps pans, grain and slow fades (steadily high or
 * steadily low scores) from reading as cuts.
 *
 * Streaming: one previous frame, two histograms and a ring of 2W + 2 scores
 * are kept; a frame is decided once W more frames have arrived (W = 10).
 */

export interface SceneCutOptions {
  /** How far (0..1) a frame's score must rise above the local median; default 0.05. Higher finds fewer cuts. */
  threshold?: number;
  /** Fewest frames between two cuts (and before the first); default 10. */
  minSceneFrames?: number;
}

export interface SceneCut {
  /** Index (0-based count of pushes) of the first frame of the new scene. */
  frame: number;
  timeUs: number;
  /** The frame's difference score, 0..1. */
  score: number;
}

/** Scores on each side used for the local median. */
const WINDOW = 10;
const RING = 2 * WINDOW + 2;
/** A cut's score must also be at least this multiple of the local median. */
const MIN_RATIO = 2;

export class SceneCutDetector {
  private readonly threshold: number;
  private readonly minSceneFrames: number;
  private previous: Uint8Array | null = null;
  private previousHistogram = new Uint32Array(256);
  private histogram = new Uint32Array(256);
  /** Scores and timestamps of recent frames, by frame index modulo RING. */
  private readonly scores = new Float64Array(RING);
  private readonly times = new Float64Array(RING);
  private readonly scratch = new Float64Array(WINDOW);
  private count = 0;
  /** Next frame still to be decided. */
  private undecided = 1;
  private lastCut = 0;
  private readonly decided: SceneCut[] = [];

  constructor(options: SceneCutOptions = {}) {
    this.threshold = options.threshold ?? 0.05;
    this.minSceneFrames = options.minSceneFrames ?? 10;
    if (!(this.threshold >= 0)) throw new RangeError(`threshold ${this.threshold}`);
    if (!Number.isInteger(this.minSceneFrames) || this.minSceneFrames < 1) throw new RangeError(`minSceneFrames ${this.minSceneFrames}`);
  }

  /** Adds the next frame's luma (same size every time) and its presentation time. */
  push(luma: Uint8Array, timestampUs: number): void {
    const index = this.count;
    this.times[index % RING] = timestampUs;
    this.computeHistogram(luma, this.histogram);
    if (this.previous === null) {
      if (luma.length === 0) throw new RangeError('empty frame');
      this.previous = new Uint8Array(luma.length);
    } else {
      if (luma.length !== this.previous.length) throw new RangeError(`frame of ${luma.length} pixels after ${this.previous.length}`);
      this.scores[index % RING] = this.difference(luma);
    }
    this.previous.set(luma);
    const swap = this.previousHistogram;
    this.previousHistogram = this.histogram;
    this.histogram = swap;
    this.count++;
    // Decide every frame that now has WINDOW scores after it.
    while (this.undecided + WINDOW <= index) {
      const cut = this.decide(this.undecided, index, this.lastCut);
      if (cut) {
        this.decided.push(cut);
        this.lastCut = cut.frame;
      }
      this.undecided++;
    }
  }

  /** Cuts so far, in order. The last WINDOW frames are judged on the frames seen so far, and may change as more arrive. */
  cuts(): SceneCut[] {
    const result = this.decided.slice();
    let lastCut = this.lastCut;
    for (let i = this.undecided; i < this.count; i++) {
      const cut = this.decide(i, this.count - 1, lastCut);
      if (cut) {
        result.push(cut);
        lastCut = cut.frame;
      }
    }
    return result;
  }

  /** Frame `i` against the local median, with scores known up to frame `last`. */
  private decide(i: number, last: number, lastCut: number): SceneCut | null {
    if (i - lastCut < this.minSceneFrames) return null;
    const score = this.scoreAt(i);
    if (i > 1 && score <= this.scoreAt(i - 1)) return null;
    if (i < last && score < this.scoreAt(i + 1)) return null;
    // Reference: the WINDOW scores before i; near the start, topped up from after it.
    let n = 0;
    for (let j = i - 1; j >= 1 && n < WINDOW; j--) this.scratch[n++] = this.scoreAt(j);
    for (let j = i + 1; j <= last && n < WINDOW; j++) this.scratch[n++] = this.scoreAt(j);
    const median = n === 0 ? 0 : medianOf(this.scratch, n);
    if (score - median < this.threshold || score < MIN_RATIO * median) return null;
    return { frame: i, timeUs: this.times[i % RING]!, score };
  }

  private scoreAt(i: number): number {
    return this.scores[i % RING]!;
  }

  private computeHistogram(luma: Uint8Array, histogram: Uint32Array): void {
    histogram.fill(0);
    for (let p = 0; p < luma.length; p++) histogram[luma[p]!]!++;
  }

  /** Mean of the pixel difference and the histogram EMD to the previous frame, 0..1. */
  private difference(luma: Uint8Array): number {
    const previous = this.previous!;
    let absolute = 0;
    for (let p = 0; p < luma.length; p++) absolute += Math.abs(luma[p]! - previous[p]!);
    // 1-D EMD = L1 distance between the cumulative histograms.
    let emd = 0;
    let cumulative = 0;
    for (let v = 0; v < 256; v++) {
      cumulative += this.histogram[v]! - this.previousHistogram[v]!;
      emd += Math.abs(cumulative);
    }
    return (absolute + emd) / (2 * 255 * luma.length);
  }
}

/** Median of the first `n` values of a small scratch array (insertion-sorted in place, no allocation). */
function medianOf(values: Float64Array, n: number): number {
  for (let i = 1; i < n; i++) {
    const v = values[i]!;
    let j = i - 1;
    while (j >= 0 && values[j]! > v) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = v;
  }
  const mid = n >> 1;
  return n % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}
