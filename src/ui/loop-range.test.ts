import { describe, expect, it } from 'vitest';
import { markIn, markOut } from './loop-range.ts';

const FRAME = 1_000_000 / 30;
const DURATION = 10_000_000;

describe('I/O loop range', () => {
  it('I then O mark the range between them; either alone runs to the end or from the start', () => {
    const range = markIn(null, 1_000_000, DURATION, FRAME);
    expect(range).toEqual({ startUs: 1_000_000, endUs: DURATION });
    expect(markOut(range, 2_000_000, FRAME)).toEqual({ startUs: 1_000_000, endUs: 2_000_000 });
    expect(markOut(null, 2_000_000, FRAME)).toEqual({ startUs: 0, endUs: 2_000_000 });
  });

  it('I after the out point runs to the end, and O before the in point from the start: never a range too short to play', () => {
    const range = { startUs: 1_000_000, endUs: 3_000_000 };
    expect(markIn(range, 5_000_000, DURATION, FRAME)).toEqual({ startUs: 5_000_000, endUs: DURATION });
    expect(markIn(range, 3_000_000, DURATION, FRAME)).toEqual({ startUs: 3_000_000, endUs: DURATION });
    expect(markOut(range, 500_000, FRAME)).toEqual({ startUs: 0, endUs: 500_000 });
    expect(markOut(range, 1_000_000, FRAME)).toEqual({ startUs: 0, endUs: 1_000_000 });
  });

  it('O at 0, or I at the end, leaves the range as it was', () => {
    expect(markOut(null, 0, FRAME)).toBeNull();
    const range = { startUs: 1_000_000, endUs: 3_000_000 };
    expect(markOut(range, 0, FRAME)).toBe(range);
    expect(markIn(range, DURATION, DURATION, FRAME)).toBe(range);
  });
});
