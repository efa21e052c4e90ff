/** Taps of the low-pass: odd, so its delay is a whole number of samples (`delay`). */
const TAPS = 65;

/**
 * Streaming low-pass FIR (windowed sinc, Blackman window) run on planar PCM
 * before it is resampled down, so what the lower rate cannot hold is removed
 * rather than folded back as audible aliases (a 40 kHz tone at 96 kHz came out
 * as 8 kHz at 48 kHz). Causal: output sample n is centred on input n − `delay`,
 * which the resampler allows for. Keeps its history between chunks, so chunk
 * boundaries are seamless; output buffers are reused.
 */
export class AntiAliasFilter {
  readonly delay = (TAPS - 1) / 2;
  private readonly taps = new Float32Array(TAPS);
  /** Per channel: the last TAPS − 1 input samples, then room for a chunk. */
  private extended: Float32Array[] = [];
  private outputs: Float32Array[] = [];

  /** `cutoff` in cycles per input sample (below 0.5). */
  constructor(
    readonly channels: number,
    cutoff: number,
  ) {
    let sum = 0;
    for (let n = 0; n < TAPS; n++) {
      const x = n - this.delay;
      const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
      const window = 0.42 - 0.5 * Math.cos((2 * Math.PI * n) / (TAPS - 1)) + 0.08 * Math.cos((4 * Math.PI * n) / (TAPS - 1));
      this.taps[n] = sinc * window;
      sum += this.taps[n]!;
    }
    for (let n = 0; n < TAPS; n++) this.taps[n]! /= sum; // unity gain at 0 Hz
  }

  /** Filters `frames` frames of `planes`; returns views valid until the next call. */
  process(planes: readonly Float32Array[], frames: number): Float32Array[] {
    const history = TAPS - 1;
    if (!this.extended[0] || this.extended[0].length < history + frames) {
      const old = this.extended;
      this.extended = Array.from({ length: this.channels }, (_, c) => {
        const grown = new Float32Array((history + frames) * 2);
        if (old[c]) grown.set(old[c]!.subarray(0, history));
        return grown;
      });
      this.outputs = Array.from({ length: this.channels }, () => new Float32Array((history + frames) * 2));
    }
    const taps = this.taps;
    for (let c = 0; c < this.channels; c++) {
      const ext = this.extended[c]!;
      const out = this.outputs[c]!;
      ext.set(planes[c]!.subarray(0, frames), history);
      for (let j = 0; j < frames; j++) {
        let acc = 0;
        for (let k = 0; k < TAPS; k++) acc += taps[k]! * ext[j + k]!;
        out[j] = acc;
      }
      ext.copyWithin(0, frames, frames + history);
    }
    return this.outputs.map((o) => o.subarray(0, frames));
  }
}
