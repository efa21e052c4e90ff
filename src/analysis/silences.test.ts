import { describe, expect, it } from 'vitest';
import { WaveformBuilder } from './waveform.ts';
import { silentSpans } from './silences.ts';

const RATE = 48_000;

/** Peaks of a sound made of [seconds, amplitude] parts (a 1 kHz tone, or silence at 0). */
function peaksOf(parts: [number, number][]) {
  const builder = new WaveformBuilder(RATE);
  for (const [seconds, amplitude] of parts) {
    const samples = Float32Array.from({ length: Math.round(seconds * RATE) }, (_, i) => amplitude * Math.sin((2 * Math.PI * 1000 * i) / RATE));
    builder.push([samples], samples.length);
  }
  return builder.finish();
}

describe('silentSpans', () => {
  const peaks = peaksOf([
    [1, 0.5],
    [0.8, 0],
    [1, 0.5],
    [0.3, 0.001],
    [1, 0.4],
    [0.6, 0.002],
  ]);

  it('finds the pauses of half a second or more, to about a peak (5 ms), and not the shorter ones', () => {
    const spans = silentSpans(peaks, 0, 4_700_000);
    expect(spans).toHaveLength(2);
    const [[a, b], [c, d]] = spans as [[number, number], [number, number]];
    expect(Math.abs(a! - 1_000_000)).toBeLessThan(6_000);
    expect(Math.abs(b! - 1_800_000)).toBeLessThan(6_000);
    expect(Math.abs(c! - 4_100_000)).toBeLessThan(6_000);
    expect(d).toBe(4_700_000);
  });

  it('looks only within the span asked, clamped to it', () => {
    const [[from, to]] = silentSpans(peaks, 1_200_000, 2_500_000) as [[number, number]];
    expect(from).toBe(1_200_000);
    expect(Math.abs(to - 1_800_000)).toBeLessThan(6_000);
    expect(silentSpans(peaks, 0, 1_000_000)).toEqual([]);
  });

  it('measures against the span’s loudest peak: a soft recording’s pauses are still pauses, its words are not', () => {
    const soft = peaksOf([
      [1, 0.02],
      [1, 0],
      [1, 0.02],
    ]);
    expect(silentSpans(soft, 0, 3_000_000)).toHaveLength(1);
  });
});
