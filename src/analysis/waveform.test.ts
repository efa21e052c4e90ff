import { describe, expect, it } from 'vitest';
import { WaveformBuilder, type WaveformPeaks } from './waveform.ts';
import { pushInChunks, seededRandom } from '../test-support/test-signals.ts';

function build(planes: Float32Array[], chunkSizes: number[], spp = 256, levels = 4, factor = 4): WaveformPeaks {
  const builder = new WaveformBuilder(48_000, spp, levels, factor);
  pushInChunks(planes, chunkSizes, (chunk, n) => builder.push(chunk, n));
  return builder.finish();
}

/** Reference quantiser: half away from zero, no −0 (Int8Array has none). */
const q = (v: number) => (v < 0 ? -Math.round(-v * 127) : Math.round(v * 127)) || 0;

const noise = (seed: number, frames: number, scale = 1) => {
  const random = seededRandom(seed);
  return Float32Array.from({ length: frames }, () => (random() * 2 - 1) * scale);
};

describe('WaveformBuilder', () => {
  it('peaks a square wave at ±127 per half period, scaled by amplitude', () => {
    // Period 512 frames, high for the first 256: each 256-frame bin is flat.
    const frames = 512 * 8;
    const square = Float32Array.from({ length: frames }, (_, i) => (i % 512 < 256 ? 1 : -1));
    const half = square.map((v) => v * 0.5);
    const peaks = build([square], [1000]);
    const level0 = peaks.levels[0]!;
    expect(Array.from(level0.max)).toEqual(Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 127 : -127)));
    expect(Array.from(level0.min)).toEqual(Array.from(level0.max));
    // Level 1 bins span 1024 frames: both half periods.
    expect(Array.from(peaks.levels[1]!.max)).toEqual([127, 127, 127, 127]);
    expect(Array.from(peaks.levels[1]!.min)).toEqual([-127, -127, -127, -127]);
    const halfPeaks = build([half], [777]).levels[0]!;
    expect(halfPeaks.max[0]).toBe(64); // 0.5 × 127 = 63.5, rounded away from zero
    expect(halfPeaks.min[1]).toBe(-64);
  });

  it('peaks a ramp at its bin ends', () => {
    const frames = 256 * 10;
    const ramp = Float32Array.from({ length: frames }, (_, i) => -1 + (2 * i) / (frames - 1));
    const level0 = build([ramp], [frames]).levels[0]!;
    for (let b = 0; b < 10; b++) {
      expect(level0.min[b]).toBe(q(ramp[b * 256]!));
      expect(level0.max[b]).toBe(q(ramp[b * 256 + 255]!));
    }
    expect(level0.min[0]).toBe(-127);
    expect(level0.max[9]).toBe(127);
  });

  it('takes min and max over all channels and clamps beyond full scale', () => {
    const left = new Float32Array(256).fill(0.25);
    const right = new Float32Array(256).fill(-0.5);
    left[10] = 3;
    const level0 = build([left, right], [256]).levels[0]!;
    expect(level0.max[0]).toBe(127);
    expect(level0.min[0]).toBe(-64);
  });

  it('has ceil(totalFrames / samplesPerPeak) peaks per level, partial bins included', () => {
    for (const frames of [0, 1, 255, 256, 257, 4095, 4096, 4097, 50_001]) {
      const peaks = build([noise(frames, frames)], [333]);
      expect(peaks.sampleRate).toBe(48_000);
      expect(peaks.levels.map((l) => l.samplesPerPeak)).toEqual([256, 1024, 4096, 16_384]);
      for (const level of peaks.levels) {
        expect(level.min.length).toBe(Math.ceil(frames / level.samplesPerPeak));
        expect(level.max.length).toBe(level.min.length);
      }
    }
  });

  it('does not depend on chunk sizes', () => {
    const frames = 100_003;
    const planes = [noise(1, frames), noise(2, frames, 0.3)];
    const whole = build(planes, [frames]);
    const odd = build(planes, [1, 2, 255, 257, 4096, 9_999]);
    expect(odd).toEqual(whole);
  });

  it('builds each coarser level as the min/max of the finer one', () => {
    const frames = 123_457;
    const random = seededRandom(3);
    // Bursty signal so bins differ widely.
    const plane = Float32Array.from({ length: frames }, (_, i) => (random() * 2 - 1) * Math.abs(Math.sin(i / 3000)));
    const peaks = build([plane], [4_000], 100, 5, 3);
    for (let k = 1; k < peaks.levels.length; k++) {
      const fine = peaks.levels[k - 1]!;
      const coarse = peaks.levels[k]!;
      expect(coarse.samplesPerPeak).toBe(fine.samplesPerPeak * 3);
      for (let b = 0; b < coarse.min.length; b++) {
        const lo = Array.from(fine.min.subarray(b * 3, b * 3 + 3));
        const hi = Array.from(fine.max.subarray(b * 3, b * 3 + 3));
        expect(coarse.min[b]).toBe(Math.min(...lo));
        expect(coarse.max[b]).toBe(Math.max(...hi));
      }
    }
    // And level 0 matches a direct computation.
    const level0 = peaks.levels[0]!;
    for (let b = 0; b < level0.min.length; b++) {
      const bin = plane.subarray(b * 100, b * 100 + 100);
      expect(level0.min[b]).toBe(q(Math.min(...bin)));
      expect(level0.max[b]).toBe(q(Math.max(...bin)));
    }
  });

  it('reads NaN samples as nothing and an all-NaN bin as silence', () => {
    const plane = new Float32Array(512).fill(NaN);
    plane[300] = 0.5;
    const level0 = build([plane], [512]).levels[0]!;
    expect([level0.min[0], level0.max[0]]).toEqual([0, 0]);
    expect([level0.min[1], level0.max[1]]).toEqual([64, 64]);
  });

  it('refuses pushes after finish', () => {
    const builder = new WaveformBuilder(48_000);
    builder.push([new Float32Array(10)], 10);
    const peaks = builder.finish();
    expect(builder.finish()).toBe(peaks);
    expect(() => builder.push([new Float32Array(10)], 10)).toThrow();
  });
});
