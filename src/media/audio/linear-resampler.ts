/**
 * Streaming linear-interpolation resampler for planar float PCM. Keeps the last
 * input frame and the fractional read position between chunks, so chunk
 * boundaries are seamless. Good enough for speech and music previews and
 * exports between 44.1 and 48 kHz; output buffers are reused.
 */
export class LinearResampler {
  private readonly step: number;
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
  }

  /** Resamples `frames` frames of `planes`; returns views valid until the next call. */
  process(planes: readonly Float32Array[], frames: number): { planes: Float32Array[]; frames: number } {
    if (frames === 0) return { planes: this.outputs.map((o) => o.subarray(0, 0)), frames: 0 };
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
}
