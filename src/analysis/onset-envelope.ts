import { RealFft } from './fft.ts';

/**
 * Onset-strength envelope by spectral flux, streaming: Hann-windowed frames of
 * ~46 ms every ~23 ms (N a power of two, hop N/2), magnitude spectrum
 * log-compressed as log(1 + γ|X|) so quiet and loud onsets both count, then
 * the half-wave rectified sum over bins of the rise since the previous frame
 * (energy that appears, not energy that decays, marks an onset).
 *
 * Frame t is centred on sample t·hop (the stream is preceded by N/2 zeros), so
 * envelope[t] belongs to time t·hopSeconds. Only one frame of audio is held;
 * the envelope grows by 4 bytes per hop (~620 KB per hour).
 */

/** Compression: with |X| scaled so a full-scale sine peaks at 1, γ = 100 keeps ~-60 dBFS material near log(1 + x) ≈ x. */
const GAMMA = 100;

export interface OnsetEnvelopeResult {
  envelope: Float32Array;
  hopSeconds: number;
}

export class OnsetEnvelope {
  readonly fftSize: number;
  readonly hop: number;
  private readonly fft: RealFft;
  private readonly window: Float64Array;
  /** Scales |X| so a full-scale sine's peak bin reads 1. */
  private readonly scale: number;
  private readonly buffer: Float32Array;
  private filled: number;
  private readonly windowed: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private previous: Float64Array;
  private current: Float64Array;
  private samples = 0;
  private envelope = new Float32Array(1024);
  private frames = 0;
  private result: OnsetEnvelopeResult | null = null;

  constructor(readonly sampleRate: number) {
    if (!(sampleRate > 0)) throw new RangeError(`sample rate ${sampleRate}`);
    // The power of two nearest 46 ms: 2048 at 44.1 and 48 kHz, 1024 at 22.05 kHz.
    this.fftSize = 2 ** Math.max(4, Math.round(Math.log2(sampleRate * 0.0464)));
    this.hop = this.fftSize / 2;
    this.fft = new RealFft(this.fftSize);
    this.window = new Float64Array(this.fftSize);
    let sum = 0;
    for (let i = 0; i < this.fftSize; i++) {
      const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / this.fftSize); // periodic Hann
      this.window[i] = w;
      sum += w;
    }
    this.scale = 2 / sum;
    this.buffer = new Float32Array(this.fftSize);
    this.filled = this.fftSize / 2; // the leading half-frame of zeros
    this.windowed = new Float64Array(this.fftSize);
    const bins = this.fftSize / 2 + 1;
    this.re = new Float64Array(bins);
    this.im = new Float64Array(bins);
    this.previous = new Float64Array(bins);
    this.current = new Float64Array(bins);
  }

  /** Adds `frames` mono samples. */
  push(mono: Float32Array, frames: number): void {
    if (this.result) throw new Error('OnsetEnvelope: push after finish');
    let offset = 0;
    while (offset < frames) {
      const n = Math.min(frames - offset, this.fftSize - this.filled);
      // An explicit copy: subarray() would allocate a view per call.
      const buffer = this.buffer;
      for (let i = 0, at = this.filled; i < n; i++) buffer[at + i] = mono[offset + i]!;
      this.filled += n;
      offset += n;
      if (this.filled === this.fftSize) this.analyse();
    }
    this.samples += frames;
  }

  /** Flushes the tail (zero-padded) and returns one value per hop: ceil(samples / hop) values. */
  finish(): OnsetEnvelopeResult {
    if (this.result) return this.result;
    const total = Math.ceil(this.samples / this.hop);
    while (this.frames < total) {
      this.buffer.fill(0, this.filled);
      this.filled = this.fftSize;
      this.analyse();
    }
    this.result = { envelope: this.envelope.slice(0, this.frames), hopSeconds: this.hop / this.sampleRate };
    return this.result;
  }

  private analyse(): void {
    const size = this.fftSize;
    for (let i = 0; i < size; i++) this.windowed[i] = this.buffer[i]! * this.window[i]!;
    this.fft.forward(this.windowed, this.re, this.im);
    const current = this.current;
    const previous = this.previous;
    let flux = 0;
    for (let k = 0; k < current.length; k++) {
      const re = this.re[k]!;
      const im = this.im[k]!;
      const magnitude = Math.sqrt(re * re + im * im) * this.scale;
      const level = Math.log1p(GAMMA * magnitude);
      current[k] = level;
      const rise = level - previous[k]!;
      if (rise > 0) flux += rise;
    }
    this.current = previous;
    this.previous = current;
    if (this.frames === this.envelope.length) {
      const grown = new Float32Array(this.envelope.length * 2);
      grown.set(this.envelope);
      this.envelope = grown;
    }
    // The start of the stream is not an onset: frame 0 only primes the previous spectrum.
    this.envelope[this.frames] = this.frames === 0 ? 0 : flux;
    this.frames++;
    // Slide by one hop.
    this.buffer.copyWithin(0, this.hop, size);
    this.filled = size - this.hop;
  }
}
