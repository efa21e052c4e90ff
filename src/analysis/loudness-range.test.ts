import { describe, expect, it } from 'vitest';
import { gatedLufs, LoudnessMeter } from './loudness.ts';
import { spanLoudnessLufs } from './loudness-range.ts';
import { dbfs, sine } from '../test-support/test-signals.ts';

const RATE = 48_000;

/** Stereo sound of consecutive 1 kHz tones, each [seconds, dBFS]; its meter's blocks as analysis keeps them. */
function blocksOf(parts: [number, number][], originUs = 0) {
  const meter = new LoudnessMeter(RATE, 2);
  for (const [seconds, level] of parts) {
    const tone = sine(RATE, 1000, level === -Infinity ? 0 : dbfs(level), RATE * seconds);
    meter.push([tone, tone], tone.length);
  }
  return { meter, blocks: { originUs, meanSquares: meter.blockMeanSquares() } };
}

describe('spanLoudnessLufs', () => {
  const { meter, blocks } = blocksOf([
    [4, -20],
    [4, -30],
  ]);

  it('gives the whole sound the meter’s integrated loudness', () => {
    expect(spanLoudnessLufs(blocks, 0, 8_000_000)).toBeCloseTo(meter.integratedLufs(), 6);
    expect(gatedLufs(blocks.meanSquares, 0, blocks.meanSquares.length)).toBeCloseTo(meter.integratedLufs(), 6);
  });

  it('measures a part of it from the blocks inside that part', () => {
    expect(Math.abs(spanLoudnessLufs(blocks, 0, 4_000_000)! + 20)).toBeLessThan(0.1);
    expect(Math.abs(spanLoudnessLufs(blocks, 4_000_000, 8_000_000)! + 30)).toBeLessThan(0.1);
    expect(Math.abs(spanLoudnessLufs(blocks, 1_230_000, 3_170_000)! + 20)).toBeLessThan(0.1);
  });

  it('counts time from the sound’s origin', () => {
    const later = { ...blocks, originUs: 2_000_000 };
    expect(Math.abs(spanLoudnessLufs(later, 6_000_000, 10_000_000)! + 30)).toBeLessThan(0.1);
  });

  it('measures a span shorter than a block from the blocks over it', () => {
    expect(Math.abs(spanLoudnessLufs(blocks, 1_000_000, 1_200_000)! + 20)).toBeLessThan(0.1);
  });

  it('says null where there is no sound, -Infinity for silence', () => {
    expect(spanLoudnessLufs(blocks, 9_000_000, 10_000_000)).toBeNull();
    expect(spanLoudnessLufs({ originUs: 0, meanSquares: new Float32Array(0) }, 0, 1_000_000)).toBeNull();
    const silent = blocksOf([[2, -Infinity]]).blocks;
    expect(spanLoudnessLufs(silent, 0, 2_000_000)).toBe(-Infinity);
  });
});
