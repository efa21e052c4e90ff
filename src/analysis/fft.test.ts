import { describe, expect, it } from 'vitest';
import { RealFft } from './fft.ts';
import { seededRandom } from '../test-support/test-signals.ts';

function naiveDft(x: Float64Array): { re: number[]; im: number[] } {
  const n = x.length;
  const re: number[] = [];
  const im: number[] = [];
  for (let k = 0; k <= n / 2; k++) {
    let r = 0;
    let i = 0;
    for (let t = 0; t < n; t++) {
      r += x[t]! * Math.cos((2 * Math.PI * k * t) / n);
      i -= x[t]! * Math.sin((2 * Math.PI * k * t) / n);
    }
    re.push(r);
    im.push(i);
  }
  return { re, im };
}

describe('RealFft', () => {
  it('matches a direct DFT for every size from 2 to 1024', () => {
    const random = seededRandom(11);
    for (let size = 2; size <= 1024; size *= 2) {
      const fft = new RealFft(size);
      const x = Float64Array.from({ length: size }, () => random() * 2 - 1);
      const re = new Float64Array(size / 2 + 1);
      const im = new Float64Array(size / 2 + 1);
      fft.forward(x, re, im);
      const expected = naiveDft(x);
      for (let k = 0; k <= size / 2; k++) {
        expect(Math.abs(re[k]! - expected.re[k]!)).toBeLessThan(1e-9 * size);
        expect(Math.abs(im[k]! - expected.im[k]!)).toBeLessThan(1e-9 * size);
      }
    }
  });

  it('puts a cosine in its bin and nowhere else, and is reusable (Float32 input)', () => {
    const fft = new RealFft(64);
    const re = new Float64Array(33);
    const im = new Float64Array(33);
    for (const bin of [1, 5, 31]) {
      const x = Float32Array.from({ length: 64 }, (_, t) => Math.cos((2 * Math.PI * bin * t) / 64));
      fft.forward(x, re, im);
      for (let k = 0; k <= 32; k++) {
        expect(Math.hypot(re[k]!, im[k]!)).toBeCloseTo(k === bin ? 32 : 0, 5);
      }
    }
  });

  it('rejects sizes that are not powers of two', () => {
    expect(() => new RealFft(48)).toThrow(RangeError);
    expect(() => new RealFft(1)).toThrow(RangeError);
  });
});
