import { describe, expect, it } from 'vitest';
import { TimeStretcher } from './time-stretch.ts';
import { seededRandom as random } from '../../test-support/test-signals.ts';

const RATE = 48_000;
const SECONDS = 2;
const N = RATE * SECONDS;
const AMPLITUDE = 0.5;
const sine = (n: number, hz: number) => Float32Array.from({ length: n }, (_, i) => AMPLITUDE * Math.sin((2 * Math.PI * hz * i) / RATE));


/** Feeds `input` in chunks of `nextSize()` frames, then flushes; returns the concatenated output planes. */
function run(stretcher: TimeStretcher, input: Float32Array[], nextSize: () => number = () => input[0]!.length): Float32Array[] {
  const parts: Float32Array[][] = input.map(() => []);
  const collect = (out: { planes: Float32Array[]; frames: number }) => {
    // Plain checks, not expect(): this can run thousands of times.
    if (out.planes.length !== input.length) throw new Error(`${out.planes.length} planes for ${input.length} channels`);
    for (let c = 0; c < input.length; c++) {
      if (out.planes[c]!.length !== out.frames) throw new Error(`plane ${c} holds ${out.planes[c]!.length} frames, not ${out.frames}`);
      parts[c]!.push(out.planes[c]!.slice());
    }
  };
  let at = 0;
  while (at < input[0]!.length) {
    const n = Math.min(nextSize(), input[0]!.length - at);
    collect(stretcher.process(input.map((p) => p.subarray(at, at + n)), n));
    at += n;
  }
  collect(stretcher.flush());
  return parts.map((chunks) => {
    const out = new Float32Array(chunks.reduce((sum, c) => sum + c.length, 0));
    let offset = 0;
    for (const c of chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  });
}

const rms = (x: Float32Array, from: number, to: number) => {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i]! * x[i]!;
  return Math.sqrt(sum / (to - from));
};

const zeroCrossingsPerSecond = (x: Float32Array, from: number, to: number) => {
  let count = 0;
  for (let i = from + 1; i < to; i++) if (x[i - 1]! < 0 !== x[i]! < 0) count++;
  return count / ((to - from) / RATE);
};

const maxAbsDiff = (a: Float32Array, b: Float32Array) => {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
};

describe('TimeStretcher on a 440 Hz sine at 48 kHz', () => {
  const input = sine(N, 440);
  const inputRms = rms(input, 0, N);

  for (const speed of [0.5, 0.75, 1.5, 2, 4]) {
    describe(`at ${speed}×`, () => {
      const stretcher = new TimeStretcher(1, RATE, speed);
      const window = stretcher.windowSize;
      const out = run(stretcher, [input])[0]!;
      const from = Math.floor(out.length / 4);
      const to = Math.floor((3 * out.length) / 4);

      it('uses a 20–40 ms window', () => {
        expect(window / RATE).toBeGreaterThanOrEqual(0.02);
        expect(window / RATE).toBeLessThanOrEqual(0.04);
      });

      it('outputs input length / speed frames (± one window)', () => {
        expect(Math.abs(out.length - N / speed)).toBeLessThanOrEqual(window);
      });

      it('keeps the pitch: 880 ± 2% zero crossings per second in the middle', () => {
        const zc = zeroCrossingsPerSecond(out, from, to);
        expect(zc).toBeGreaterThan(880 * 0.98);
        expect(zc).toBeLessThan(880 * 1.02);
      });

      it('keeps the amplitude: middle RMS within 5% of the input', () => {
        expect(Math.abs(rms(out, from, to) / inputRms - 1)).toBeLessThan(0.05);
      });

      it('keeps a steady level from the start, with no fade-in (10 ms peaks within 5%)', () => {
        const block = RATE / 100;
        const end = out.length - Math.ceil((2 * window) / speed);
        for (let start = 0; start + block <= end; start += block) {
          let peak = 0;
          for (let i = start; i < start + block; i++) peak = Math.max(peak, Math.abs(out[i]!));
          if (Math.abs(peak / AMPLITUDE - 1) > 0.05) throw new Error(`peak ${peak} in block at ${start}`);
        }
      });
    });
  }
});

describe('TimeStretcher at 1×', () => {
  it('passes samples through unchanged, in any chunking', () => {
    const input = Float32Array.from({ length: 5000 }, (_, i) => Math.sin(i * 0.37) * 0.8);
    const rand = random(7);
    const out = run(new TimeStretcher(1, RATE, 1), [input], () => Math.floor(rand() * 700))[0]!;
    expect(out.length).toBe(input.length);
    expect(maxAbsDiff(out, input)).toBe(0);
  });

  it('returns each chunk at once and nothing on flush', () => {
    const stretcher = new TimeStretcher(2, RATE, 1);
    const a = new Float32Array([1, 2, 3]);
    const b = new Float32Array([4, 5, 6]);
    const out = stretcher.process([a, b], 3);
    expect(out.frames).toBe(3);
    expect(Array.from(out.planes[1]!)).toEqual([4, 5, 6]);
    expect(stretcher.flush().frames).toBe(0);
  });
});

describe('TimeStretcher chunking', () => {
  const input = sine(N, 440);
  // A non-tonal second channel so a channel mix-up would show.
  const noiseRand = random(99);
  const noise = Float32Array.from({ length: N }, () => (noiseRand() - 0.5) * 0.3);

  for (const speed of [0.25, 0.5, 1.5, 4]) {
    it(`gives the same output for random chunk sizes as for one chunk at ${speed}×`, () => {
      const whole = run(new TimeStretcher(2, RATE, speed), [input, noise]);
      const rand = random(Math.round(speed * 1000));
      // Mix of empty, single-frame, small and large chunks.
      const nextSize = () => {
        const r = rand();
        if (r < 0.1) return 0;
        if (r < 0.3) return 1;
        if (r < 0.7) return Math.floor(rand() * 64);
        return Math.floor(rand() * 5000);
      };
      const chunked = run(new TimeStretcher(2, RATE, speed), [input, noise], nextSize);
      expect(chunked[0]!.length).toBe(whole[0]!.length);
      expect(chunked[1]!.length).toBe(whole[1]!.length);
      expect(maxAbsDiff(chunked[0]!, whole[0]!)).toBeLessThan(1e-6);
      expect(maxAbsDiff(chunked[1]!, whole[1]!)).toBeLessThan(1e-6);
    });
  }

  it('outputs exactly round(input / speed) frames, whatever the input length', () => {
    // 30_720 = 10 analysis hops at 4× plus the search radius and a window: the edge where a frame fits exactly.
    for (const [frames, speed] of [[30_720, 4], [30_721, 4], [12_345, 3], [12_345, 0.3], [7_777, 1.7], [1, 0.25]] as const) {
      const out = run(new TimeStretcher(1, RATE, speed), [sine(frames, 440)], () => 1000)[0]!;
      expect(out.length, `${frames} frames at ${speed}×`).toBe(Math.round(frames / speed));
    }
  });

  it('can be reused after flush', () => {
    const stretcher = new TimeStretcher(1, RATE, 1.5);
    const first = run(stretcher, [input])[0]!;
    const second = run(stretcher, [input])[0]!;
    expect(second.length).toBe(first.length);
    expect(maxAbsDiff(first, second)).toBe(0);
  });

  it('handles input shorter than a window and empty input', () => {
    expect(run(new TimeStretcher(1, RATE, 2), [sine(100, 440)])[0]!.length).toBe(50);
    expect(run(new TimeStretcher(1, RATE, 0.5), [sine(100, 440)])[0]!.length).toBe(200);
    expect(new TimeStretcher(1, RATE, 2).flush().frames).toBe(0);
  });
});

describe('TimeStretcher stereo', () => {
  for (const speed of [0.5, 1.5]) {
    it(`keeps channels separate at ${speed}× (left sine, right silence)`, () => {
      const left = sine(N, 440);
      const right = new Float32Array(N);
      const [outLeft, outRight] = run(new TimeStretcher(2, RATE, speed), [left, right]);
      expect(outRight!.length).toBe(outLeft!.length);
      let peak = 0;
      for (const x of outRight!) peak = Math.max(peak, Math.abs(x));
      expect(peak).toBeLessThan(1e-6);
      const from = Math.floor(outLeft!.length / 4);
      const to = Math.floor((3 * outLeft!.length) / 4);
      expect(Math.abs(rms(outLeft!, from, to) / rms(left, 0, N) - 1)).toBeLessThan(0.05);
    });
  }
});

describe('TimeStretcher validation', () => {
  it('rejects bad arguments', () => {
    expect(() => new TimeStretcher(1, RATE, 0)).toThrow(RangeError);
    expect(() => new TimeStretcher(1, RATE, Number.NaN)).toThrow(RangeError);
    expect(() => new TimeStretcher(0, RATE, 1)).toThrow(RangeError);
    expect(() => new TimeStretcher(2, RATE, 2).process([new Float32Array(4)], 4)).toThrow(RangeError);
  });
});
