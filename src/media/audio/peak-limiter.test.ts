import { describe, expect, it } from 'vitest';
import { LIMIT_CEILING, PeakLimiter } from './peak-limiter.ts';

const RATE = 48_000;

/** Stereo, channel-major: `left(i)` and `right(i)` for `frames` samples. */
function stereo(frames: number, left: (i: number) => number, right: (i: number) => number = left): Float32Array {
  const planes = new Float32Array(2 * frames);
  for (let i = 0; i < frames; i++) {
    planes[i] = left(i);
    planes[frames + i] = right(i);
  }
  return planes;
}

/** Runs the whole signal through a limiter in blocks of `block`, as the mixer does (each block limited once the next is mixed). */
function limitInBlocks(signal: Float32Array, frames: number, block: number): Float32Array {
  const limiter = new PeakLimiter(RATE, 2);
  const out = new Float32Array(signal.length);
  const blockAt = (start: number) => {
    const n = Math.max(0, Math.min(block, frames - start));
    const planes = new Float32Array(2 * block);
    for (let c = 0; c < 2; c++) planes.set(signal.subarray(c * frames + start, c * frames + start + n), c * block);
    return { planes, n };
  };
  let current = blockAt(0);
  for (let start = 0; start < frames; start += block) {
    const next = blockAt(start + block);
    limiter.process(current.planes, block, current.n, next.planes, block, next.n);
    for (let c = 0; c < 2; c++) out.set(current.planes.subarray(c * block, c * block + current.n), c * frames + start);
    current = next;
  }
  return out;
}

const sine = (amplitude: number, hz: number) => (i: number) => amplitude * Math.sin((2 * Math.PI * hz * i) / RATE);

describe('peak limiter', () => {
  it('leaves a mix that stays under the ceiling bit for bit', () => {
    const frames = RATE;
    const signal = stereo(frames, sine(0.95, 440), sine(0.5, 1000));
    expect(limitInBlocks(signal, frames, 2048)).toEqual(signal);
  });

  it('keeps two overlapping full-scale tones (peaks of 2) under the ceiling, with no step in the gain, and recovers after', () => {
    const frames = 2 * RATE;
    // Loud from 0.5 s to 1 s, quiet either side.
    const loud = (i: number) => (i >= RATE / 2 && i < RATE ? sine(2, 440)(i) : sine(0.5, 440)(i));
    const signal = stereo(frames, loud);
    const out = limitInBlocks(signal, frames, 2048);
    let peak = 0;
    for (const v of out) peak = Math.max(peak, Math.abs(v));
    expect(peak).toBeLessThanOrEqual(LIMIT_CEILING + 1e-6);
    expect(peak).toBeGreaterThan(LIMIT_CEILING * 0.99);
    // The gain (out / in, between neighbouring samples large enough to tell) ramps: no step, no click.
    let largestStep = 0;
    for (let i = 1; i < frames; i++) {
      if (Math.abs(signal[i]!) < 0.2 || Math.abs(signal[i - 1]!) < 0.2) continue;
      largestStep = Math.max(largestStep, Math.abs(out[i]! / signal[i]! - out[i - 1]! / signal[i - 1]!));
    }
    expect(largestStep).toBeLessThan(0.01);
    // Quiet before the loud part is untouched except for the lookahead ramp (2 ms); half a second after it, the level is back.
    expect(out.subarray(0, RATE / 2 - 200)).toEqual(signal.subarray(0, RATE / 2 - 200));
    const tail = 1.5 * RATE;
    for (let i = tail; i < tail + 100; i++) expect(out[i]! / signal[i]!).toBeCloseTo(1, 2);
  });

  it('sees a peak in the next block coming: the first sample of a block is limited too', () => {
    const frames = 4096;
    const spike = (i: number) => (i === 2048 ? 1.8 : 0.3);
    const signal = stereo(frames, spike, () => 0);
    const out = limitInBlocks(signal, frames, 2048);
    expect(Math.abs(out[2048]!)).toBeLessThanOrEqual(LIMIT_CEILING + 1e-6);
    // The ramp before it starts in the block before.
    expect(out[2047]!).toBeLessThan(0.3);
    expect(out[2048 - 200]!).toBe(signal[2048 - 200]!);
  });

  it('gives the same samples whatever the block size (playback and export blocks)', () => {
    const frames = 3 * 8192;
    const signal = stereo(frames, (i) => sine(1.6, 300)(i) * (i % 5000 < 2500 ? 1 : 0.3), sine(0.4, 700));
    expect(limitInBlocks(signal, frames, 8192)).toEqual(limitInBlocks(signal, frames, 2048));
  });

  it('limits both channels alike when only one is loud, so the stereo image holds', () => {
    const frames = RATE / 4;
    const signal = stereo(frames, sine(1.5, 440), sine(0.5, 440));
    const out = limitInBlocks(signal, frames, 2048);
    for (let i = 1000; i < frames; i += 97) if (Math.abs(signal[i]!) > 0.1) expect(out[i]! / signal[i]!).toBeCloseTo(out[frames + i]! / signal[frames + i]!, 5);
  });
});
