/** Loudest sample the mix may hold: −0.1 dBFS, a hair under full scale. */
export const LIMIT_CEILING = 10 ** (-0.1 / 20);
/** The gain starts coming down this long before a peak, as a ramp rather than a step (no click). */
const LOOKAHEAD_SECONDS = 0.002;
/** Time constant of the gain's return to unity after a peak. */
const RELEASE_SECONDS = 0.1;
/** A gain this close to unity is unity (so a limiter at rest leaves samples bit for bit). */
const UNITY_EPSILON = 1e-6;

/**
 * Lookahead peak limiter on the mix, so clips that overlap or are turned up
 * never clip (the encoder would square off every wave top). Idle, and the
 * samples untouched, until some sample would pass the ceiling; then the gain
 * (one for all channels, so the stereo image holds) ramps down over the
 * lookahead to meet the peak exactly, and recovers smoothly. Each sample's gain
 * depends only on the samples around it, so any block size, and a mix started
 * mid-timeline once the gain has recovered, gives the same samples.
 *
 * Gain at sample i: the smallest gain any sample in [i, i + L) needs (a sliding
 * minimum), held and released exponentially, then averaged over the last L
 * values: the average is at most what the peak needs, and turns the step
 * into a ramp. Allocation-free per block.
 */
export class PeakLimiter {
  private readonly lookahead: number;
  private readonly release: number;
  /** Sliding minimum of the needed gains (only those below unity), as a ring-buffered monotonic queue. */
  private readonly queueIndex: Float64Array;
  private readonly queueGain: Float32Array;
  private queueHead = 0;
  private queueLength = 0;
  /** Absolute index of the next sample whose needed gain enters the queue. */
  private nextQueued = 0;
  /** Absolute index of the next sample to limit. */
  private position = 0;
  private held = 1;
  /** The last L held gains, their sum and how many are below unity. */
  private readonly recent: Float32Array;
  private recentAt = 0;
  private recentSum: number;
  private recentBelowUnity = 0;

  constructor(
    sampleRate: number,
    private readonly channels: number,
  ) {
    this.lookahead = Math.max(1, Math.round(LOOKAHEAD_SECONDS * sampleRate));
    this.release = 1 - Math.exp(-1 / (RELEASE_SECONDS * sampleRate));
    // A window's L entries, and the one leaving it.
    this.queueIndex = new Float64Array(this.lookahead + 1);
    this.queueGain = new Float32Array(this.lookahead + 1);
    this.recent = new Float32Array(this.lookahead).fill(1);
    this.recentSum = this.lookahead;
  }

  /**
   * Limits `frames` samples of `planes` (channel-major, `stride` apart) in
   * place, looking ahead into the block that follows (`next`, `nextFrames`
   * samples; 0 at the end of the mix, where silence follows).
   */
  process(planes: Float32Array, stride: number, frames: number, next: Float32Array, nextStride: number, nextFrames: number): void {
    const start = this.position;
    const end = start + frames;
    this.position = end;
    const ahead = Math.min(this.lookahead - 1, nextFrames);
    if (this.atRest() && peakOf(planes, stride, this.channels, 0, frames) <= LIMIT_CEILING && peakOf(next, nextStride, this.channels, 0, ahead) <= LIMIT_CEILING) {
      this.nextQueued = end + this.lookahead - 1;
      return;
    }
    const L = this.lookahead;
    for (let i = start; i < end; i++) {
      for (; this.nextQueued < i + L; this.nextQueued++) {
        const j = this.nextQueued;
        const peak = j < end ? sampleMagnitude(planes, stride, this.channels, j - start) : j - end < nextFrames ? sampleMagnitude(next, nextStride, this.channels, j - end) : 0;
        if (peak > LIMIT_CEILING) this.enqueue(j, LIMIT_CEILING / peak);
      }
      while (this.queueLength > 0 && this.queueIndex[this.queueHead]! < i) this.dequeueFront();
      const needed = this.queueLength > 0 ? this.queueGain[this.queueHead]! : 1;
      let held = needed < this.held ? needed : Math.min(needed, this.held + (1 - this.held) * this.release);
      if (1 - held < UNITY_EPSILON) held = 1;
      this.held = held;
      const leaving = this.recent[this.recentAt]!;
      if (leaving < 1) this.recentBelowUnity--;
      if (held < 1) this.recentBelowUnity++;
      this.recent[this.recentAt] = held;
      this.recentAt = (this.recentAt + 1) % L;
      this.recentSum = this.recentBelowUnity === 0 ? L : this.recentSum + held - leaving;
      if (this.recentBelowUnity === 0) continue;
      const gain = this.recentSum / L;
      for (let c = 0; c < this.channels; c++) planes[c * stride + (i - start)]! *= gain;
    }
  }

  private atRest(): boolean {
    return this.held === 1 && this.recentBelowUnity === 0 && this.queueLength === 0;
  }

  private enqueue(index: number, gain: number): void {
    const capacity = this.queueGain.length;
    // Entries needing no less reduction than this one can never be the minimum again.
    while (this.queueLength > 0 && this.queueGain[(this.queueHead + this.queueLength - 1) % capacity]! >= gain) this.queueLength--;
    const slot = (this.queueHead + this.queueLength) % capacity;
    this.queueIndex[slot] = index;
    this.queueGain[slot] = gain;
    this.queueLength++;
  }

  private dequeueFront(): void {
    this.queueHead = (this.queueHead + 1) % this.queueGain.length;
    this.queueLength--;
  }
}

function sampleMagnitude(planes: Float32Array, stride: number, channels: number, at: number): number {
  let peak = 0;
  for (let c = 0; c < channels; c++) peak = Math.max(peak, Math.abs(planes[c * stride + at]!));
  return peak;
}

function peakOf(planes: Float32Array, stride: number, channels: number, from: number, to: number): number {
  let peak = 0;
  for (let c = 0; c < channels; c++) for (let s = from; s < to; s++) peak = Math.max(peak, Math.abs(planes[c * stride + s]!));
  return peak;
}
