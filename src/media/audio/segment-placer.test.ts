import { describe, expect, it } from 'vitest';
import { PcmBlockWriter } from './pcm-block-writer.ts';
import { SegmentPlacer } from './segment-placer.ts';

const RATE = 48_000;
const usOf = (sample: number) => Math.round((sample * 1_000_000) / RATE);

/** A writer whose output (all channels) is collected; small blocks so placement crosses block boundaries. */
function output(channels = 1, blockFrames = 100) {
  const collected: number[][] = Array.from({ length: channels }, () => []);
  const writer = new PcmBlockWriter(channels, blockFrames, (block, frames) => {
    for (let c = 0; c < channels; c++) collected[c]!.push(...block.subarray(c * blockFrames, c * blockFrames + frames));
  });
  const done = () => {
    writer.flush();
    return collected;
  };
  return { writer, done };
}

/**
 * A decoded chunk of `frames` frames starting at source sample `firstSample`;
 * each value is its own source sample index + 1 (so silence, 0, is distinguishable).
 */
function chunk(firstSample: number, frames: number, channels = 1): { planes: Float32Array[]; frames: number; timestampUs: number } {
  return {
    planes: Array.from({ length: channels }, (_, c) => Float32Array.from({ length: frames }, (_, i) => (firstSample + i + 1) * (c === 0 ? 1 : -1))),
    frames,
    timestampUs: usOf(firstSample),
  };
}

function place(placer: SegmentPlacer, c: ReturnType<typeof chunk>): void {
  placer.place(c.planes, c.frames, c.timestampUs);
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const zeros = (n: number) => new Array<number>(n).fill(0);

describe('SegmentPlacer', () => {
  it('places contiguous chunks sample-exactly', () => {
    const { writer, done } = output();
    const placer = new SegmentPlacer(writer, 0, 3000, RATE);
    for (let s = 0; s < 3000; s += 1024) place(placer, chunk(s, 1024));
    placer.finish();
    expect(done()[0]).toEqual(range(1, 3001));
  });

  it('trims leading priming from a chunk with a negative timestamp relative to inUs', () => {
    const { writer, done } = output();
    const placer = new SegmentPlacer(writer, 0, 2000, RATE);
    place(placer, chunk(-1024, 2048)); // AAC priming: 1024 samples before time 0
    place(placer, chunk(1024, 2048));
    placer.finish();
    expect(done()[0]).toEqual(range(1, 2001));
  });

  it('starts at inUs in the middle of the first chunk', () => {
    const { writer, done } = output();
    const inSample = 48_000; // 1 s
    const placer = new SegmentPlacer(writer, usOf(inSample), 1500, RATE);
    place(placer, chunk(inSample - 700, 1024));
    place(placer, chunk(inSample + 324, 1024));
    place(placer, chunk(inSample + 1348, 1024));
    placer.finish();
    expect(done()[0]).toEqual(range(inSample + 1, inSample + 1501));
  });

  it('drops a first chunk that ends before inUs and resyncs on the next one', () => {
    const { writer, done } = output();
    const inSample = 96_000;
    const placer = new SegmentPlacer(writer, usOf(inSample), 1000, RATE);
    place(placer, chunk(inSample - 3000, 1024)); // entirely before inUs
    expect(placer.written).toBe(0);
    place(placer, chunk(inSample - 1976, 1024)); // still entirely before, 41 ms early: resync, skip all
    expect(placer.written).toBe(0);
    place(placer, chunk(inSample - 952, 1024)); // straddles inUs, 20 ms early: resync, skip 952
    place(placer, chunk(inSample + 72, 1024));
    placer.finish();
    expect(done()[0]).toEqual(range(inSample + 1, inSample + 1001));
  });

  it('pads a late first chunk with leading silence', () => {
    const { writer, done } = output();
    const placer = new SegmentPlacer(writer, 0, 1000, RATE);
    place(placer, chunk(240, 1024)); // starts 5 ms in
    placer.finish();
    expect(done()[0]).toEqual([...zeros(240), ...range(241, 1001)]);
  });

  it('fills a gap of more than 10 ms between chunks with silence', () => {
    const { writer, done } = output();
    const placer = new SegmentPlacer(writer, 0, 3000, RATE);
    place(placer, chunk(0, 1000));
    place(placer, chunk(1960, 1000)); // 960 samples (20 ms) missing
    placer.finish();
    expect(done()[0]).toEqual([...range(1, 1001), ...zeros(960), ...range(1961, 2961), ...zeros(40)]);
  });

  it('ignores timestamp jitter up to 10 ms and keeps writing contiguously', () => {
    const { writer, done } = output();
    const placer = new SegmentPlacer(writer, 0, 3000, RATE);
    place(placer, chunk(0, 1000));
    place(placer, chunk(1003, 1000)); // 3 samples late: rounding noise
    place(placer, chunk(1995, 1000)); // 5 samples early
    placer.finish();
    expect(done()[0]).toEqual([...range(1, 1001), ...range(1004, 2004), ...range(1996, 2996)]);
  });

  it('skips the overlapping part of a chunk that restarts more than 10 ms early', () => {
    const { writer, done } = output();
    const placer = new SegmentPlacer(writer, 0, 2500, RATE);
    place(placer, chunk(0, 1500));
    place(placer, chunk(500, 2000)); // overlaps by 1000 samples
    placer.finish();
    expect(done()[0]).toEqual(range(1, 2501));
  });

  it('truncates at the segment end and reports full', () => {
    const { writer, done } = output();
    const placer = new SegmentPlacer(writer, 0, 1000, RATE);
    place(placer, chunk(0, 480));
    expect(placer.full).toBe(false);
    place(placer, chunk(480, 480));
    place(placer, chunk(960, 480));
    expect(placer.written).toBe(1000);
    expect(placer.full).toBe(true);
    place(placer, chunk(1440, 480));
    placer.finish();
    expect(placer.written).toBe(1000);
    expect(writer.position).toBe(1000);
    expect(done()[0]).toEqual(range(1, 1001));
  });

  it('clips leading silence to the segment when the first chunk starts past its end', () => {
    const { writer, done } = output();
    const placer = new SegmentPlacer(writer, 0, 500, RATE);
    place(placer, chunk(800, 1024));
    expect(placer.written).toBe(500);
    placer.finish();
    expect(done()[0]).toEqual(zeros(500));
  });

  it('finish() pads with silence to the exact length', () => {
    const { writer, done } = output();
    const placer = new SegmentPlacer(writer, 0, 1000, RATE);
    place(placer, chunk(0, 300));
    placer.finish();
    expect(placer.written).toBe(1000);
    expect(placer.full).toBe(true);
    placer.finish(); // idempotent
    expect(done()[0]).toEqual([...range(1, 301), ...zeros(700)]);
  });

  it('finish() alone writes a whole segment of silence (clip without audio, or a gap)', () => {
    const { writer, done } = output(2);
    const placer = new SegmentPlacer(writer, 0, 777, RATE);
    placer.finish();
    const [left, right] = done();
    expect(left).toEqual(zeros(777));
    expect(right).toEqual(zeros(777));
  });

  it('measures each segment from where the writer was when it began', () => {
    const { writer, done } = output();
    const first = new SegmentPlacer(writer, 0, 250, RATE);
    place(first, chunk(0, 1024));
    first.finish();
    const inSample = 10_000;
    const second = new SegmentPlacer(writer, usOf(inSample), 300, RATE);
    expect(second.written).toBe(0);
    place(second, chunk(inSample - 100, 1024));
    expect(second.written).toBe(300);
    second.finish();
    const third = new SegmentPlacer(writer, 0, 50, RATE);
    third.finish();
    expect(writer.position).toBe(600);
    expect(done()[0]).toEqual([...range(1, 251), ...range(inSample + 1, inSample + 301), ...zeros(50)]);
  });

  it('trims every channel by the same amount', () => {
    const { writer, done } = output(2);
    const placer = new SegmentPlacer(writer, 0, 400, RATE);
    place(placer, chunk(-100, 600, 2));
    placer.finish();
    const [left, right] = done();
    expect(left).toEqual(range(1, 401));
    expect(right).toEqual(range(1, 401).map((x) => -x));
  });

  it('does nothing for an empty segment', () => {
    const { writer, done } = output();
    const placer = new SegmentPlacer(writer, 0, 0, RATE);
    expect(placer.full).toBe(true);
    place(placer, chunk(0, 1024));
    placer.finish();
    expect(writer.position).toBe(0);
    expect(done()[0]).toEqual([]);
  });
});

describe('SegmentPlacer with pre-roll (regression)', () => {
  it('starts exactly at inUs when the packet holding inUs begins just before it', () => {
    const { writer, done } = output();
    const inSample = 10_000;
    const placer = new SegmentPlacer(writer, usOf(inSample), 2000, RATE);
    // Two pre-roll packets wholly before inUs, then the one that contains it (200 samples early).
    for (const first of [inSample - 2248, inSample - 1224, inSample - 200, inSample + 824]) place(placer, chunk(first, 1024));
    placer.finish();
    expect(done()[0]!.slice(0, 3)).toEqual([inSample + 1, inSample + 2, inSample + 3]);
  });
});
