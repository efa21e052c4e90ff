import { describe, expect, it } from 'vitest';
import { LinearResampler } from './linear-resampler.ts';

/** Feeds `input` planes through a resampler in chunks of the given sizes (cycled) and concatenates the output. */
function run(resampler: LinearResampler, input: Float32Array[], chunkSizes: number[]): { planes: number[][]; perChunk: number[] } {
  const planes: number[][] = input.map(() => []);
  const perChunk: number[] = [];
  let at = 0;
  for (let i = 0; at < input[0]!.length; i++) {
    const n = Math.min(chunkSizes[i % chunkSizes.length]!, input[0]!.length - at);
    const out = resampler.process(
      input.map((p) => p.subarray(at, at + n)),
      n,
    );
    // Plain checks, not expect(): this runs once per chunk, thousands of times.
    if (out.planes.length !== input.length) throw new Error(`${out.planes.length} planes for ${input.length} channels`);
    for (let c = 0; c < input.length; c++) {
      if (out.planes[c]!.length !== out.frames) throw new Error(`plane ${c} holds ${out.planes[c]!.length} frames, not ${out.frames}`);
      planes[c]!.push(...out.planes[c]!);
    }
    perChunk.push(out.frames);
    at += n;
  }
  const tail = resampler.flush();
  for (let c = 0; c < input.length; c++) planes[c]!.push(...tail.planes[c]!.subarray(0, tail.frames));
  return { planes, perChunk };
}

const signal = (n: number, f: (i: number) => number) => Float32Array.from({ length: n }, (_, i) => f(i));

describe('LinearResampler at equal rates', () => {
  it('passes samples through unchanged, across chunk boundaries', () => {
    const input = signal(5000, (i) => Math.sin(i * 0.37) * 0.8);
    const { planes, perChunk } = run(new LinearResampler(48_000, 48_000, 1), [input], [1024, 1, 333, 2000]);
    expect(planes[0]).toEqual(Array.from(input));
    expect(perChunk.slice(0, 4)).toEqual([1024, 1, 333, 2000]);
  });
});

describe('LinearResampler 44.1 kHz → 48 kHz', () => {
  const FROM = 44_100;
  const TO = 48_000;

  it('interpolates a time ramp exactly: output k holds time k / 48000', () => {
    const n = 44_100;
    const input = signal(n, (i) => i / FROM);
    const { planes } = run(new LinearResampler(FROM, TO, 1), [input], [1024, 441, 7, 4096, 1]);
    const out = planes[0]!;
    expect(out.length).toBe(Math.floor(((n - 1) * TO) / FROM) + 1);
    for (let k = 0; k < out.length; k++) {
      if (Math.abs(out[k]! - k / TO) > 2e-6) throw new Error(`output ${k} is ${out[k]}, expected ${k / TO}`);
    }
  });

  it('makes output length ≈ input length × 48000/44100', () => {
    for (const n of [1, 2, 100, 1024, 44_100, 100_000]) {
      const { planes } = run(new LinearResampler(FROM, TO, 1), [new Float32Array(n)], [1024]);
      expect(Math.abs(planes[0]!.length - (n * TO) / FROM)).toBeLessThanOrEqual(1);
    }
  });

  it('gives the same output whatever the chunking', () => {
    const input = signal(20_000, (i) => Math.sin(i * 0.05) + 0.3 * Math.sin(i * 0.71));
    const whole = run(new LinearResampler(FROM, TO, 1), [input], [20_000]).planes[0]!;
    for (const sizes of [[1024], [1, 2], [3, 5000, 17], [441, 440, 442]]) {
      const chunked = run(new LinearResampler(FROM, TO, 1), [input], sizes).planes[0]!;
      expect(chunked.length).toBe(whole.length);
      let worst = 0;
      for (let k = 0; k < whole.length; k++) worst = Math.max(worst, Math.abs(chunked[k]! - whole[k]!));
      expect(worst).toBeLessThan(1e-5);
    }
  });

  it('keeps a 1 kHz sine continuous and accurate across chunk boundaries', () => {
    const f = 1000;
    const input = signal(44_100, (i) => Math.sin((2 * Math.PI * f * i) / FROM));
    const { planes, perChunk } = run(new LinearResampler(FROM, TO, 1), [input], [1024, 1000, 13, 2048]);
    const out = planes[0]!;
    // Linear interpolation error for a sine is at most (ωh)²/8 ≈ 0.0026 here.
    let worstError = 0;
    for (let k = 0; k < out.length; k++) worstError = Math.max(worstError, Math.abs(out[k]! - Math.sin((2 * Math.PI * f * k) / TO)));
    expect(worstError).toBeLessThan(0.003);
    // No jump at any sample (boundaries included) larger than the sine's own slope allows.
    const maxStep = ((2 * Math.PI * f) / TO) * 1.001;
    let boundary = 0;
    for (const count of perChunk.slice(0, -1)) {
      boundary += count;
      expect(Math.abs(out[boundary]! - out[boundary - 1]!)).toBeLessThanOrEqual(maxStep);
    }
    let worstStep = 0;
    for (let k = 1; k < out.length; k++) worstStep = Math.max(worstStep, Math.abs(out[k]! - out[k - 1]!));
    expect(worstStep).toBeLessThanOrEqual(maxStep);
  });

  it('resamples each channel independently', () => {
    const left = signal(3000, (i) => Math.sin(i * 0.02));
    const right = signal(3000, (i) => -2 * Math.sin(i * 0.02) + 0.25);
    const { planes } = run(new LinearResampler(FROM, TO, 2), [left, right], [512, 77]);
    expect(planes[1]!.length).toBe(planes[0]!.length);
    for (let k = 0; k < planes[0]!.length; k++) expect(planes[1]![k]!).toBeCloseTo(-2 * planes[0]![k]! + 0.25, 5);
  });

  it('starts at the first input sample and emits one sample for a one-frame chunk', () => {
    const r = new LinearResampler(FROM, TO, 1);
    const out = r.process([Float32Array.of(0.5)], 1);
    expect(out.frames).toBe(1);
    expect(out.planes[0]![0]).toBe(0.5);
  });

  it('returns no frames for an empty first chunk and then carries on normally', () => {
    const r = new LinearResampler(FROM, TO, 1);
    expect(r.process([new Float32Array(0)], 0).frames).toBe(0);
    const out = r.process([signal(441, (i) => i / FROM)], 441);
    expect(out.frames).toBe(Math.floor((440 * TO) / FROM) + 1);
    expect(out.planes[0]![0]).toBe(0);
    expect(out.planes[0]![1]).toBeCloseTo(1 / TO, 9);
  });

  it('only looks at the first `frames` samples of each plane', () => {
    const a = run(new LinearResampler(FROM, TO, 1), [signal(100, (i) => i)], [100]).planes[0]!;
    const r = new LinearResampler(FROM, TO, 1);
    const padded = Float32Array.from([...signal(100, (i) => i), 1e6, 1e6, 1e6]);
    const out = r.process([padded], 100);
    expect(Array.from(out.planes[0]!)).toEqual(a);
  });
});

describe('LinearResampler 48 kHz → 44.1 kHz', () => {
  it('interpolates a ramp exactly and shortens it by the rate ratio', () => {
    const n = 48_000;
    const input = signal(n, (i) => i / 48_000);
    const { planes } = run(new LinearResampler(48_000, 44_100, 1), [input], [960, 1, 4097]);
    const out = planes[0]!;
    expect(out.length).toBe(Math.floor(((n - 1) * 44_100) / 48_000) + 1);
    // Low-passed first: exact (a linear-phase filter keeps a ramp) but for the filter's length at each end.
    for (let k = 40; k < out.length - 40; k++) {
      if (Math.abs(out[k]! - k / 44_100) > 2e-6) throw new Error(`output ${k} is ${out[k]}, expected ${k / 44_100}`);
    }
  });
});

describe('LinearResampler and empty chunks (regression)', () => {
  it('passes over an empty chunk without corrupting the next one', () => {
    const resampler = new LinearResampler(44_100, 48_000, 1);
    resampler.process([signal(441, () => 0.5)], 441);
    expect(resampler.process([new Float32Array(0)], 0).frames).toBe(0);
    const next = resampler.process([signal(441, () => 0.5)], 441);
    expect(next.planes[0]!.every((v) => Math.abs(v - 0.5) < 1e-6)).toBe(true);
  });
});

describe('LinearResampler 96 kHz → 48 kHz (low-passed first)', () => {
  const FROM = 96_000;
  const TO = 48_000;
  const rms = (xs: number[]) => Math.sqrt(xs.reduce((sum, x) => sum + x * x, 0) / xs.length);

  it('removes what 48 kHz cannot hold instead of folding it back (a 40 kHz tone came out as an 8 kHz one at full level)', () => {
    const input = signal(FROM, (i) => 0.5 * Math.sin((2 * Math.PI * 40_000 * i) / FROM));
    const out = run(new LinearResampler(FROM, TO, 1), [input], [1024, 333]).planes[0]!;
    expect(rms(out.slice(100))).toBeLessThan(0.005);
  });

  it('keeps an audible tone in level and in time (the filter delay is taken out), whatever the chunking', () => {
    const f = 1000;
    const input = signal(FROM, (i) => 0.5 * Math.sin((2 * Math.PI * f * i) / FROM));
    const whole = run(new LinearResampler(FROM, TO, 1), [input], [FROM]).planes[0]!;
    let worst = 0;
    for (let k = 100; k < whole.length; k++) worst = Math.max(worst, Math.abs(whole[k]! - 0.5 * Math.sin((2 * Math.PI * f * k) / TO)));
    expect(worst).toBeLessThan(0.005);
    const chunked = run(new LinearResampler(FROM, TO, 1), [input], [1, 7, 1024, 31]).planes[0]!;
    expect(chunked.length).toBe(whole.length);
    let apart = 0;
    for (let k = 0; k < whole.length; k++) apart = Math.max(apart, Math.abs(chunked[k]! - whole[k]!));
    expect(apart).toBeLessThan(1e-5);
  });
});
