import { describe, expect, it } from 'vitest';
import { PcmBlockWriter } from './pcm-block-writer.ts';

interface Emitted {
  frames: number;
  startSample: number;
  /** Per channel, the first `frames` values (copied: the writer reuses its block). */
  planes: number[][];
  sameBuffer: boolean;
}

function recorder(channels: number, blockFrames: number) {
  const emitted: Emitted[] = [];
  const writer: PcmBlockWriter = new PcmBlockWriter(channels, blockFrames, (block, frames, startSample) => {
    emitted.push({
      frames,
      startSample,
      planes: Array.from({ length: channels }, (_, c) => Array.from(block.subarray(c * blockFrames, c * blockFrames + frames))),
      sameBuffer: block === writer.block,
    });
  });
  /** Channel `c` of everything emitted so far, concatenated. */
  const channel = (c: number) => emitted.flatMap((e) => e.planes[c]!);
  return { writer, emitted, channel };
}

const ramp = (n: number, base = 0) => Float32Array.from({ length: n }, (_, i) => base + i);

describe('PcmBlockWriter', () => {
  it('allocates one planar block of channels × blockFrames', () => {
    const { writer } = recorder(2, 8);
    expect(writer.block.length).toBe(16);
    expect(writer.position).toBe(0);
  });

  it('emits nothing until a block is full', () => {
    const { writer, emitted } = recorder(1, 8);
    writer.write([ramp(7)], 0, 7);
    expect(emitted).toEqual([]);
    expect(writer.position).toBe(7);
    writer.write([ramp(1, 7)], 0, 1);
    expect(emitted.length).toBe(1);
    expect(emitted[0]).toMatchObject({ frames: 8, startSample: 0, planes: [[0, 1, 2, 3, 4, 5, 6, 7]], sameBuffer: true });
  });

  it('splits a long write across blocks in order, with correct start samples', () => {
    const { writer, emitted, channel } = recorder(2, 4);
    writer.write([ramp(10), ramp(10, 100)], 0, 10);
    expect(emitted.map((e) => [e.frames, e.startSample])).toEqual([
      [4, 0],
      [4, 4],
    ]);
    writer.flush();
    expect(emitted.map((e) => [e.frames, e.startSample])).toEqual([
      [4, 0],
      [4, 4],
      [2, 8],
    ]);
    expect(channel(0)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(channel(1)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
    expect(writer.position).toBe(10);
  });

  it('keeps the block stride for a partial block: channel 1 starts at blockFrames', () => {
    let seen: number[] = [];
    const w = new PcmBlockWriter(2, 8, (block, frames) => {
      seen = Array.from(block.subarray(0, 8 + frames));
    });
    w.write([ramp(3, 1), ramp(3, 11)], 0, 3);
    w.flush();
    expect(seen.slice(0, 3)).toEqual([1, 2, 3]);
    expect(seen.slice(8, 11)).toEqual([11, 12, 13]);
    expect(w.position).toBe(3);
  });

  it('reads from the given offset and count only', () => {
    const { writer, channel } = recorder(1, 4);
    writer.write([ramp(20)], 5, 6);
    writer.flush();
    expect(channel(0)).toEqual([5, 6, 7, 8, 9, 10]);
  });

  it('repeats the last plane for missing channels (mono to stereo)', () => {
    const { writer, channel } = recorder(3, 4);
    writer.write([ramp(5), ramp(5, 50)], 0, 5);
    writer.flush();
    expect(channel(0)).toEqual([0, 1, 2, 3, 4]);
    expect(channel(1)).toEqual([50, 51, 52, 53, 54]);
    expect(channel(2)).toEqual([50, 51, 52, 53, 54]);
  });

  it('ignores extra planes beyond its channel count (stereo to mono keeps the first)', () => {
    const { writer, channel } = recorder(1, 4);
    writer.write([ramp(4), ramp(4, 50)], 0, 4);
    expect(channel(0)).toEqual([0, 1, 2, 3]);
  });

  it('writes silence on every channel, even over stale block contents', () => {
    const { writer, channel } = recorder(2, 4);
    writer.write([ramp(4, 1), ramp(4, 9)], 0, 4); // fills the block once with non-zeros
    writer.writeSilence(6);
    writer.write([ramp(1, 7)], 0, 1);
    writer.flush();
    expect(channel(0)).toEqual([1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 7]);
    expect(channel(1)).toEqual([9, 10, 11, 12, 0, 0, 0, 0, 0, 0, 7]);
    expect(writer.position).toBe(11);
  });

  it('interleaves writes and silence across block boundaries without losing or repeating samples', () => {
    const { writer, emitted, channel } = recorder(1, 7);
    const expected: number[] = [];
    let next = 1;
    for (let i = 0; i < 50; i++) {
      const n = (i * 5) % 11;
      if (i % 3 === 0) {
        writer.writeSilence(n);
        expected.push(...new Array<number>(n).fill(0));
      } else {
        writer.write([ramp(n + 3, next - 3)], 3, n);
        for (let k = 0; k < n; k++) expected.push(next + k);
        next += n;
      }
    }
    writer.flush();
    expect(channel(0)).toEqual(expected);
    expect(writer.position).toBe(expected.length);
    let start = 0;
    for (const e of emitted) {
      expect(e.startSample).toBe(start);
      start += e.frames;
    }
  });

  it('flush is a no-op when nothing is pending, and can be called repeatedly', () => {
    const { writer, emitted } = recorder(1, 4);
    writer.flush();
    expect(emitted).toEqual([]);
    writer.write([ramp(4)], 0, 4);
    writer.flush();
    writer.flush();
    expect(emitted.length).toBe(1);
  });

  it('treats zero-length writes as no-ops', () => {
    const { writer, emitted } = recorder(1, 4);
    writer.write([ramp(4)], 0, 0);
    writer.writeSilence(0);
    writer.writeSilence(-3);
    writer.flush();
    expect(emitted).toEqual([]);
    expect(writer.position).toBe(0);
  });
});

describe('PcmBlockWriter with a busy sink', () => {
  it('waits for each block to be taken before filling the next (an hour of silence never piles up)', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let blocks = 0;
    const w = new PcmBlockWriter(2, 1024, async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 0));
      inFlight--;
      blocks++;
    });
    await w.writeSilence(1024 * 50 + 10);
    await w.flush();
    expect(blocks).toBe(51);
    expect(maxInFlight).toBe(1);
    expect(w.position).toBe(1024 * 50 + 10);
  });
});
