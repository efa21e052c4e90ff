import { describe, expect, it } from 'vitest';
import { formatTimecode, frameCountFor, frameTimeUs, secondsToUs, snapToFrameUs, unitsToUs, US_PER_SECOND } from './time.ts';

const NTSC = 30000 / 1001;

describe('frameTimeUs', () => {
  it('gives exact microseconds at integer frame rates', () => {
    expect(frameTimeUs(0, 30)).toBe(0);
    expect(frameTimeUs(1, 25)).toBe(40_000);
    expect(frameTimeUs(30, 30)).toBe(US_PER_SECOND);
    expect(frameTimeUs(90, 30)).toBe(3_000_000);
  });

  it('rounds to the nearest microsecond rather than truncating', () => {
    expect(frameTimeUs(1, 30)).toBe(33_333); // 33333.33
    expect(frameTimeUs(2, 30)).toBe(66_667); // 66666.67
    expect(frameTimeUs(1, NTSC)).toBe(33_367); // 33366.67
    expect(frameTimeUs(1, 24)).toBe(41_667); // 41666.67
  });

  it('does not drift over long spans (computed from the index, not accumulated)', () => {
    expect(frameTimeUs(30_000, NTSC)).toBe(1_001_000_000);
    expect(frameTimeUs(108_000, 30)).toBe(3_600_000_000);
  });

  it('is strictly increasing frame to frame', () => {
    const notIncreasing: string[] = [];
    for (const fps of [23.976, 24, 25, 29.97, 30, 50, 59.94, 60, 120]) {
      for (let i = 0; i < 500; i++) if (frameTimeUs(i + 1, fps) <= frameTimeUs(i, fps)) notIncreasing.push(`${fps} fps, frame ${i}`);
    }
    expect(notIncreasing).toEqual([]);
  });
});

describe('frameCountFor', () => {
  it('counts whole frames', () => {
    expect(frameCountFor(3_000_000, 30)).toBe(90);
    expect(frameCountFor(1_000_000, 25)).toBe(25);
    expect(frameCountFor(10_000_000, 60)).toBe(600);
  });

  it('counts a partial last frame', () => {
    expect(frameCountFor(3_000_001 + 33_333, 30)).toBe(92);
    expect(frameCountFor(1, 30)).toBe(1);
    expect(frameCountFor(1_010_000, 30)).toBe(31);
  });

  it('does not add a frame for an end rounded down to the microsecond', () => {
    expect(frameCountFor(frameTimeUs(1, 30), 30)).toBe(1); // 33333 µs (33333.33 rounded down)
    expect(frameCountFor(frameTimeUs(4, 30), 30)).toBe(4); // 133333 µs
    expect(frameCountFor(frameTimeUs(100, 29.97), 29.97)).toBe(100); // 3336670 µs (exact)
  });

  it('absorbs floating-point error in the frame arithmetic', () => {
    // 30 and 120 frames at 24000/1001 fps last exactly 1.25125 s and 5.005 s, but
    // durationUs * fps / 1e6 comes out a hair above the whole number.
    expect(frameCountFor(1_251_250, 24000 / 1001)).toBe(30);
    expect(frameCountFor(5_005_000, 24000 / 1001)).toBe(120);
  });

  it('counts a span just one microsecond past a frame boundary as one more frame', () => {
    expect(frameCountFor(3_000_000 + 1, 30)).toBe(91);
    expect(frameCountFor(40_000 + 1, 25)).toBe(2);
  });

  it('is zero for an empty span', () => {
    expect(frameCountFor(0, 30) === 0).toBe(true);
  });

  it('round-trips with frameTimeUs where frame times are whole microseconds', () => {
    const wrong: string[] = [];
    for (const fps of [1, 20, 25, 40, 50, 125]) {
      for (let n = 1; n < 300; n++) if (frameCountFor(frameTimeUs(n, fps), fps) !== n) wrong.push(`${n} frames at ${fps} fps`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('snapToFrameUs', () => {
  it('snaps to the nearest frame boundary', () => {
    expect(snapToFrameUs(0, 30)).toBe(0);
    expect(snapToFrameUs(10_000, 30)).toBe(0);
    expect(snapToFrameUs(20_000, 30)).toBe(33_333);
    expect(snapToFrameUs(40_000, 30)).toBe(33_333);
    expect(snapToFrameUs(60_000, 30)).toBe(66_667);
    expect(snapToFrameUs(1_000_000, 30)).toBe(1_000_000);
  });

  it('rounds halfway up', () => {
    expect(snapToFrameUs(20_000, 25)).toBe(40_000);
    expect(snapToFrameUs(19_999, 25)).toBe(0);
  });

  it('leaves frame boundaries where they are', () => {
    for (let i = 0; i < 200; i++) expect(snapToFrameUs(frameTimeUs(i, NTSC), NTSC)).toBe(frameTimeUs(i, NTSC));
  });
});

describe('unitsToUs', () => {
  it('converts common timescales', () => {
    expect(unitsToUs(90_000, 90_000)).toBe(1_000_000);
    expect(unitsToUs(3003, 90_000)).toBe(33_367);
    expect(unitsToUs(1024, 48_000)).toBe(21_333);
    expect(unitsToUs(1, 44_100)).toBe(23);
    expect(unitsToUs(512, 15_360)).toBe(33_333);
  });

  it('handles zero and negative (edit-list) units', () => {
    expect(unitsToUs(0, 1000)).toBe(0);
    expect(unitsToUs(-1024, 48_000)).toBe(-21_333);
  });

  it('stays exact for large values (hours at 90 kHz)', () => {
    expect(unitsToUs(90_000 * 3600 * 5, 90_000)).toBe(5 * 3600 * US_PER_SECOND);
  });
});

describe('secondsToUs', () => {
  it('rounds to whole microseconds', () => {
    expect(secondsToUs(1.5)).toBe(1_500_000);
    expect(secondsToUs(0.1 + 0.2)).toBe(300_000);
    expect(secondsToUs(1e-7)).toBe(0);
  });
});

describe('formatTimecode', () => {
  it('formats minutes, seconds and milliseconds', () => {
    expect(formatTimecode(0)).toBe('0:00.000');
    expect(formatTimecode(62_345_000)).toBe('1:02.345');
    expect(formatTimecode(5_000_000)).toBe('0:05.000');
    expect(formatTimecode(59_999_000)).toBe('0:59.999');
    expect(formatTimecode(60_000_000)).toBe('1:00.000');
    expect(formatTimecode(3_600_000_000)).toBe('60:00.000');
  });

  it('rounds microseconds to the nearest millisecond', () => {
    expect(formatTimecode(1_004_400)).toBe('0:01.004');
    expect(formatTimecode(1_004_600)).toBe('0:01.005');
    expect(formatTimecode(1_005_000)).toBe('0:01.005');
    expect(formatTimecode(500)).toBe('0:00.001');
  });

  it('carries into the next minute when rounding reaches 60 s', () => {
    expect(formatTimecode(59_999_600)).toBe('1:00.000');
  });

  it('clamps negative times to zero', () => {
    expect(formatTimecode(-1)).toBe('0:00.000');
    expect(formatTimecode(-5_000_000)).toBe('0:00.000');
  });
});

describe('frameCountFor on the rounded frame grid (regression)', () => {
  it('does not count a frame that starts exactly at the end', () => {
    expect(frameCountFor(frameTimeUs(2, 30), 30)).toBe(2);
    expect(frameCountFor(2_066_667, 30)).toBe(62);
    expect(frameCountFor(snapToFrameUs(1_234_567, 24), 24)).toBe(30);
    expect(frameCountFor(0, 30)).toBe(0);
    expect(frameCountFor(1, 30)).toBe(1);
  });
});

describe('timeLeftLabel', () => {
  it('says seconds under a minute, then whole minutes, and nothing without a pace', async () => {
    const { timeLeftLabel } = await import('./time.ts');
    expect([null, Infinity, 0.4, 12.2, 59.5, 61, 150].map(timeLeftLabel)).toEqual(['', '', 'almost done', 'about 13 s left', 'about 60 s left', 'about 1 min left', 'about 3 min left']);
  });
});
