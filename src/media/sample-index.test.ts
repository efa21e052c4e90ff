import { describe, expect, it } from 'vitest';
import type { EncodedSample } from './mp4-source.ts';
import { decodeRangeFor, keyframeBefore, PTS_TOLERANCE_US, sampleShownAt } from './sample-index.ts';
import { frameTimeUs } from '../model/time.ts';

const FPS = 30;
const pts = (displayFrame: number) => frameTimeUs(displayFrame, FPS);

/**
 * An H.264 stream with B-frames as an encoder writes it, in decode order:
 * I0 P3 B1 B2 P6 B4 B5 P9 B7 B8 I12 B10 B11 P15 B13 B14 ...
 * Anchors (I/P) every 3 display frames, an I-frame every `gop` display frames,
 * open GOPs (the B-frames after I12 in decode order show before it).
 * `frames` should be 3k + 1 so the stream ends on an anchor.
 */
function bFrameStream(frames: number, gop: number, firstDisplay = 0): EncodedSample[] {
  const displayOrder: number[] = [];
  for (let anchor = firstDisplay; anchor < firstDisplay + frames; anchor += 3) {
    displayOrder.push(anchor);
    if (anchor > firstDisplay) displayOrder.push(anchor - 2, anchor - 1);
  }
  return displayOrder.map((d, index) => ({
    index,
    ptsUs: pts(d),
    dtsUs: pts(index - 2),
    durationUs: pts(d + 1) - pts(d),
    key: d % gop === 0 && d % 3 === 0,
    offset: index * 1000,
    size: 1000,
  }));
}

const display = (s: EncodedSample) => Math.round((s.ptsUs * FPS) / 1_000_000);
const indexOfDisplay = (samples: EncodedSample[], d: number) => samples.findIndex((s) => display(s) === d);

describe('the test stream itself', () => {
  it('has the intended decode order and keyframes', () => {
    const samples = bFrameStream(37, 12);
    expect(samples.slice(0, 16).map(display)).toEqual([0, 3, 1, 2, 6, 4, 5, 9, 7, 8, 12, 10, 11, 15, 13, 14]);
    expect(samples.filter((s) => s.key).map(display)).toEqual([0, 12, 24, 36]);
    expect(samples.length).toBe(37);
  });
});

describe('sampleShownAt', () => {
  const samples = bFrameStream(37, 12);

  it('finds the sample presented at each exact frame time (in decode order)', () => {
    expect(Array.from({ length: 37 }, (_, d) => display(samples[sampleShownAt(samples, pts(d))]!))).toEqual(Array.from({ length: 37 }, (_, d) => d));
    expect(sampleShownAt(samples, pts(1))).toBe(2);
    expect(sampleShownAt(samples, pts(3))).toBe(1);
    expect(sampleShownAt(samples, pts(10))).toBe(11);
  });

  it('picks the frame still on screen between frame times', () => {
    expect(display(samples[sampleShownAt(samples, pts(4) + 20_000)]!)).toBe(4);
    expect(display(samples[sampleShownAt(samples, pts(5) - 1000)]!)).toBe(4);
  });

  it(`counts a frame starting within ${PTS_TOLERANCE_US} µs after the target as shown`, () => {
    expect(display(samples[sampleShownAt(samples, pts(8) - 400)]!)).toBe(8);
    expect(display(samples[sampleShownAt(samples, pts(8) - PTS_TOLERANCE_US)]!)).toBe(8);
    expect(display(samples[sampleShownAt(samples, pts(8) - 600)]!)).toBe(7);
  });

  it('returns the earliest-presented sample for times before the stream', () => {
    expect(sampleShownAt(samples, -1_000_000)).toBe(0);
    // A stream cut at an open-GOP I-frame: its leading B-frames (decoded after it) show first.
    const order = [12, 10, 11, 15, 13, 14];
    const withLeading: EncodedSample[] = order.map((d, index) => ({ index, ptsUs: pts(d), dtsUs: pts(index), durationUs: 33_333, key: d === 12, offset: 0, size: 1 }));
    expect(sampleShownAt(withLeading, 0)).toBe(1);
  });

  it('returns the last-presented sample for times past the end', () => {
    expect(sampleShownAt(samples, pts(1000))).toBe(indexOfDisplay(samples, 36));
    expect(display(samples[sampleShownAt(samples, Number.MAX_SAFE_INTEGER)]!)).toBe(36);
  });

  it('returns 0 for an empty sample list', () => {
    expect(sampleShownAt([], 123)).toBe(0);
  });
});

describe('keyframeBefore', () => {
  const samples = bFrameStream(37, 12);

  it('returns a keyframe itself', () => {
    expect(keyframeBefore(samples, 0)).toBe(0);
    expect(keyframeBefore(samples, 10)).toBe(10);
  });

  it('returns the I-frame of the GOP for frames presented after it', () => {
    // Includes B22 and B23, which follow I24 in decode order but show before it.
    for (let d = 12; d < 24; d++) {
      expect(keyframeBefore(samples, indexOfDisplay(samples, d))).toBe(indexOfDisplay(samples, 12));
    }
  });

  it('goes back to the previous GOP for open-GOP leading B-frames', () => {
    // B10 and B11 follow I12 in decode order but reference P9, so decoding must start at I0.
    expect(keyframeBefore(samples, indexOfDisplay(samples, 10))).toBe(0);
    expect(keyframeBefore(samples, indexOfDisplay(samples, 11))).toBe(0);
    expect(keyframeBefore(samples, indexOfDisplay(samples, 23))).toBe(indexOfDisplay(samples, 12));
  });

  it('starts at the first keyframe when none precedes the sample (a stream cut mid-GOP), -1 when there is none', () => {
    const cut = samples.slice(1).map((s, index) => ({ ...s, index }));
    expect(keyframeBefore(cut, 0)).toBe(indexOfDisplay(cut, 12));
    expect(keyframeBefore(cut, indexOfDisplay(cut, 11))).toBe(indexOfDisplay(cut, 12));
    expect(keyframeBefore(cut, indexOfDisplay(cut, 13))).toBe(indexOfDisplay(cut, 12));
    expect(keyframeBefore(samples.map((s) => ({ ...s, key: false })), 20)).toBe(-1);
  });
});

describe('decodeRangeFor', () => {
  const samples = bFrameStream(37, 12);

  it('decodes from the GOP keyframe to the last sample presented before the end', () => {
    // Frames 14..20: start at I12 (decode 10); B20 is decode 21, the last one shown by frame 20.
    expect(decodeRangeFor(samples, pts(14), pts(20))).toEqual({ from: 10, to: 22 });
  });

  it('starts from the previous GOP when the first frame is an open-GOP leading B-frame', () => {
    expect(decodeRangeFor(samples, pts(10), pts(13))).toEqual({ from: 0, to: 15 });
  });

  it('covers a single frame', () => {
    expect(decodeRangeFor(samples, pts(0), pts(0))).toEqual({ from: 0, to: 1 });
    expect(decodeRangeFor(samples, pts(3), pts(3))).toEqual({ from: 0, to: 4 }); // P3 then B1 B2, all shown by frame 3
    expect(decodeRangeFor(samples, pts(15), pts(15))).toEqual({ from: 10, to: 16 });
  });

  it('covers the whole stream', () => {
    expect(decodeRangeFor(samples, 0, pts(36))).toEqual({ from: 0, to: 37 });
    expect(decodeRangeFor(samples, -5_000_000, 1e12)).toEqual({ from: 0, to: 37 });
  });

  it('applies the tolerance to the end time', () => {
    const b19 = indexOfDisplay(samples, 19);
    expect(decodeRangeFor(samples, pts(13), pts(19) - 400).to).toBe(b19 + 1);
    expect(decodeRangeFor(samples, pts(13), pts(19) - 600).to).toBe(indexOfDisplay(samples, 17) + 1);
  });

  it('yields every frame shown in the span, starts on a keyframe and stops as early as possible (exhaustive)', () => {
    // Collects violations rather than calling expect() ~100k times.
    const problems: string[] = [];
    for (let a = 0; a < 37; a++) {
      for (let b = a; b < 37; b++) {
        const { from, to } = decodeRangeFor(samples, pts(a), pts(b));
        const where = `[${a}, ${b}] → {${from}, ${to}}`;
        if (!samples[from]!.key) problems.push(`${where}: does not start on a keyframe`);
        const decoded = samples.slice(from, to).map(display);
        for (let d = a; d <= b; d++) if (!decoded.includes(d)) problems.push(`${where}: frame ${d} is not decoded`);
        // Nothing after `to` is shown within the span, and the last decoded sample is.
        for (let i = to; i < samples.length; i++) if (display(samples[i]!) <= b) problems.push(`${where}: sample ${i} is needed`);
        if (display(samples[to - 1]!) > b) problems.push(`${where}: ends on a sample shown after the span`);
        // Every B-frame in the span has both its references (the anchors around it) decoded before it.
        for (let i = from; i < to; i++) {
          const d = decoded[i - from]!;
          if (d % 3 === 0 || d < a) continue;
          const before = decoded.slice(0, i - from);
          if (!before.includes(d - (d % 3)) || !before.includes(d + 3 - (d % 3))) problems.push(`${where}: B${d} lacks a reference`);
        }
        // The keyframe is the nearest usable one: none later at or before the first frame.
        const first = indexOfDisplay(samples, a);
        for (let i = from + 1; i <= first; i++) if (samples[i]!.key && display(samples[i]!) <= a) problems.push(`${where}: keyframe ${i} is nearer`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('handles a stream without B-frames', () => {
    const ip: EncodedSample[] = Array.from({ length: 90 }, (_, i) => ({ index: i, ptsUs: pts(i), dtsUs: pts(i), durationUs: pts(i + 1) - pts(i), key: i % 30 === 0, offset: 0, size: 1 }));
    expect(decodeRangeFor(ip, pts(45), pts(70))).toEqual({ from: 30, to: 71 });
    expect(decodeRangeFor(ip, pts(29) + 10_000, pts(30))).toEqual({ from: 0, to: 31 });
    expect(decodeRangeFor(ip, pts(60), pts(60))).toEqual({ from: 60, to: 61 });
  });
});

describe('decodeRangeFor on a stream cut mid-GOP', () => {
  // P3 B1 B2 P6 … I12 …: the frames before I12 reference the lost I0.
  const cut = bFrameStream(37, 12).slice(1).map((s, index) => ({ ...s, index }));
  const i12 = indexOfDisplay(cut, 12);

  it('decodes only the first keyframe for a span wholly before it: its picture stands in', () => {
    expect(decodeRangeFor(cut, pts(1), pts(5))).toEqual({ from: i12, to: i12 + 1 });
  });

  it('decodes from the first keyframe for a span that reaches past it', () => {
    expect(decodeRangeFor(cut, pts(1), pts(15))).toEqual(decodeRangeFor(cut, pts(12), pts(15)));
  });

  it('is empty without any keyframe', () => {
    expect(decodeRangeFor(cut.map((s) => ({ ...s, key: false })), 0, pts(36))).toEqual({ from: 0, to: 0 });
  });
});

describe('decodeRangeFor on an empty track (regression)', () => {
  it('is an empty range', () => {
    expect(decodeRangeFor([], 0, 1_000_000)).toEqual({ from: 0, to: 0 });
  });
});
