import { describe, expect, it } from 'vitest';
import { defaultChannelWeights, kWeightingCoefficients, LoudnessMeter } from './loudness.ts';
import { dbfs, pushInChunks, seededRandom, sine } from '../test-support/test-signals.ts';

function measure(sampleRate: number, planes: Float32Array[], chunkSizes: number[] = [4096]): number {
  const meter = new LoudnessMeter(sampleRate, planes.length);
  pushInChunks(planes, chunkSizes, (chunk, n) => meter.push(chunk, n));
  return meter.integratedLufs();
}

describe('kWeightingCoefficients', () => {
  it('reproduces the BS.1770-4 48 kHz table', () => {
    const { shelf, highPass } = kWeightingCoefficients(48_000);
    expect(shelf.b0).toBeCloseTo(1.53512485958697, 6);
    expect(shelf.b1).toBeCloseTo(-2.69169618940638, 6);
    expect(shelf.b2).toBeCloseTo(1.19839281085285, 6);
    expect(shelf.a1).toBeCloseTo(-1.69065929318241, 6);
    expect(shelf.a2).toBeCloseTo(0.73248077421585, 6);
    expect([highPass.b0, highPass.b1, highPass.b2]).toEqual([1, -2, 1]);
    expect(highPass.a1).toBeCloseTo(-1.99004745483398, 6);
    expect(highPass.a2).toBeCloseTo(0.99007225036621, 6);
  });

  it('derives other rates instead of reusing the 48 kHz table', () => {
    const at44 = kWeightingCoefficients(44_100);
    expect(at44.shelf.a1).not.toBeCloseTo(-1.69065929318241, 3);
    expect(at44.highPass.a1).not.toBeCloseTo(-1.99004745483398, 4);
  });
});

describe('defaultChannelWeights', () => {
  it('weights L R C at 1.0, surrounds at 1.41, and drops the 5.1 LFE', () => {
    expect(defaultChannelWeights(2)).toEqual([1, 1]);
    expect(defaultChannelWeights(5)).toEqual([1, 1, 1, 1.41, 1.41]);
    expect(defaultChannelWeights(6)).toEqual([1, 1, 1, 0, 1.41, 1.41]);
  });
});

describe('LoudnessMeter (EBU Tech 3341 style)', () => {
  const seconds = 20;

  it('reads a stereo 1 kHz sine at −23 dBFS as −23.0 LUFS at 48 kHz', () => {
    const tone = sine(48_000, 1000, dbfs(-23), 48_000 * seconds);
    expect(Math.abs(measure(48_000, [tone, tone]) + 23)).toBeLessThan(0.1);
  });

  it('reads the same at 44.1 kHz', () => {
    const tone = sine(44_100, 1000, dbfs(-23), 44_100 * seconds);
    expect(Math.abs(measure(44_100, [tone, tone]) + 23)).toBeLessThan(0.1);
  });

  it('reads −33 dBFS as −33 LUFS', () => {
    const tone = sine(48_000, 1000, dbfs(-33), 48_000 * seconds);
    expect(Math.abs(measure(48_000, [tone, tone]) + 33)).toBeLessThan(0.1);
  });

  it('reads mono as one channel (3 dB under the stereo pair)', () => {
    const tone = sine(48_000, 1000, dbfs(-23), 48_000 * 5);
    expect(Math.abs(measure(48_000, [tone]) + 26.01)).toBeLessThan(0.1);
  });

  it('applies the K-weighting curve: 100 Hz and 10 kHz relative to 1 kHz', () => {
    // Expected offsets are the BS.1770 48 kHz table's response at 100 Hz and 10 kHz
    // relative to 1 kHz (−1.83 dB and +3.34 dB), computed independently of this code.
    const low = sine(48_000, 100, dbfs(-23), 48_000 * 5);
    const high = sine(48_000, 10_000, dbfs(-23), 48_000 * 5);
    expect(Math.abs(measure(48_000, [low, low]) - (-23 - 1.831))).toBeLessThan(0.05);
    expect(Math.abs(measure(48_000, [high, high]) - (-23 + 3.344))).toBeLessThan(0.05);
  });

  it('weights a surround channel by 1.41 (+1.5 dB)', () => {
    const frames = 48_000 * 5;
    const tone = sine(48_000, 1000, dbfs(-23), frames);
    const silent = new Float32Array(frames);
    const front = measure(48_000, [tone, silent, silent, silent, silent]);
    const surround = measure(48_000, [silent, silent, silent, tone, silent]);
    expect(surround - front).toBeCloseTo(10 * Math.log10(1.41), 2);
  });

  it('reads silence as -Infinity', () => {
    const silent = new Float32Array(48_000 * 5);
    expect(measure(48_000, [silent, silent])).toBe(-Infinity);
    expect(new LoudnessMeter(48_000, 2).integratedLufs()).toBe(-Infinity);
  });

  it('gates out a −80 dBFS half: 10 s at −23 then 10 s at −80 still reads −23', () => {
    const half = 48_000 * 10;
    const loud = sine(48_000, 1000, dbfs(-23), half);
    const quiet = sine(48_000, 1000, dbfs(-80), half);
    const plane = new Float32Array(half * 2);
    plane.set(loud);
    plane.set(quiet, half);
    expect(Math.abs(measure(48_000, [plane, plane]) + 23)).toBeLessThan(0.2);
  });

  it('applies the relative gate: a part 20 LU down is excluded, one 5 LU down is not', () => {
    const half = 48_000 * 5;
    const build = (quietDb: number) => {
      const plane = new Float32Array(half * 2);
      plane.set(sine(48_000, 1000, dbfs(-23), half));
      plane.set(sine(48_000, 1000, dbfs(quietDb), half), half);
      return plane;
    };
    const gated = build(-43);
    const kept = build(-28);
    expect(Math.abs(measure(48_000, [gated, gated]) + 23)).toBeLessThan(0.2);
    // Power mean of −23 and −28 LUFS halves: −24.8 LUFS.
    const expected = 10 * Math.log10((10 ** (-2.3) + 10 ** (-2.8)) / 2);
    expect(Math.abs(measure(48_000, [kept, kept]) - expected)).toBeLessThan(0.2);
  });

  it('gives the same result whatever the chunk sizes', () => {
    const random = seededRandom(7);
    const frames = 48_000 * 6 + 123;
    const left = Float32Array.from({ length: frames }, () => (random() - 0.5) * 0.3);
    const right = Float32Array.from({ length: frames }, (_, i) => Math.sin(i * 0.05) * 0.2);
    const whole = measure(48_000, [left, right], [frames]);
    const odd = measure(48_000, [left, right], [1, 997, 4801, 3, 65_537, 12_345]);
    expect(Number.isFinite(whole)).toBe(true);
    expect(odd).toBeCloseTo(whole, 9);
  });

  it('counts only complete 400 ms blocks', () => {
    const meter = new LoudnessMeter(48_000, 1);
    meter.push([sine(48_000, 1000, 0.5, 19_199)], 19_199);
    expect(meter.integratedLufs()).toBe(-Infinity);
    meter.push([sine(48_000, 1000, 0.5, 1)], 1);
    expect(Number.isFinite(meter.integratedLufs())).toBe(true);
  });
});
