import { AntiAliasFilter } from './anti-alias-filter.ts';

/**
 * Streaming linear-interpolation resampler for planar float PCM. Keeps the last
 * input frame and the fractional read position between chunks, so chunk
 * boundaries are seamless. Going down in rate, the input is low-passed first
 * (`AntiAliasFilter`, its delay taken out by starting that far in), so nothing
 * above the new Nyquist folds back; output buffers are reused.
 */
export class LinearResampler {
  private readonly step: number;
  private readonly filter: AntiAliasFilter | null;
  private readonly previous: Float32Array;
  private hasPrevious = false;
  /** Read position relative to the current chunk, where -1 is the kept previous frame. */
  private phase = 0;
  private outputs: Float32Array[] = [];

  constructor(
    readonly fromRate: number,
    readonly toRate: number,
    readonly channels: number,
  ) {
    this.step = fromRate / toRate;
    this.previous = new Float32Array(channels);
    // Passband to 90% of the new Nyquist frequency (a 48 kHz output keeps 21.6 kHz).
    this.filter = toRate < fromRate ? new AntiAliasFilter(channels, (0.5 * 0.9 * toRate) / fromRate) : null;
    // Output k reads filtered input k·step + delay, which is centred on input k·step.
    this.phase = this.filter?.delay ?? 0;
  }

  /** Resamples `frames` frames of `planes`; returns views valid until the next call. */
  process(input: readonly Float32Array[], frames: number): { planes: Float32Array[]; frames: number } {
    if (frames === 0) return { planes: this.outputs.map((o) => o.subarray(0, 0)), frames: 0 };
    const planes = this.filter ? this.filter.process(input, frames) : input;
    const capacity = Math.ceil((frames + 1) / this.step) + 2;
    if (!this.outputs[0] || this.outputs[0].length < capacity) {
      this.outputs = Array.from({ length: this.channels }, () => new Float32Array(capacity * 2));
    }
    let pos = this.hasPrevious ? this.phase : Math.max(this.phase, 0);
    let count = 0;
    while (pos <= frames - 1) {
      const i = Math.floor(pos);
      const t = pos - i;
      for (let c = 0; c < this.channels; c++) {
        const plane = planes[c]!;
        const a = i < 0 ? this.previous[c]! : plane[i]!;
        const b = plane[i + 1 < frames ? i + 1 : i]!;
        this.outputs[c]![count] = a + (b - a) * t;
      }
      count++;
      pos += this.step;
    }
    for (let c = 0; c < this.channels; c++) this.previous[c] = planes[c]![frames - 1]!;
    this.hasPrevious = true;
    this.phase = pos - frames;
    return { planes: this.outputs.map((o) => o.subarray(0, count)), frames: count };
  }

  /** At the end of the input: what the low-pass still holds (its delay's worth), so the output is not cut short. Empty without a filter. */
  flush(): { planes: Float32Array[]; frames: number } {
    const delay = this.filter?.delay ?? 0;
    if (delay === 0) return { planes: this.outputs.map((o) => o.subarray(0, 0)), frames: 0 };
    return this.process(Array.from({ length: this.channels }, () => new Float32Array(delay)), delay);
  }
}
