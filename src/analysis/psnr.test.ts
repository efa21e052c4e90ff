import { describe, expect, it } from 'vitest';
import { psnr } from './psnr.ts';

describe('psnr', () => {
  it('is infinite for identical pictures and ignores alpha', () => {
    const a = new Uint8ClampedArray([10, 20, 30, 255, 40, 50, 60, 0]);
    const b = new Uint8ClampedArray([10, 20, 30, 0, 40, 50, 60, 255]);
    expect(psnr(a, b)).toBe(Infinity);
  });

  it('follows 10·log10(255² / MSE)', () => {
    const a = new Uint8ClampedArray([0, 0, 0, 255]);
    const b = new Uint8ClampedArray([10, 10, 10, 255]); // MSE 100
    expect(psnr(a, b)).toBeCloseTo(10 * Math.log10((255 * 255) / 100), 10);
  });

  it('refuses pictures of different sizes', () => {
    expect(() => psnr(new Uint8ClampedArray(4), new Uint8ClampedArray(8))).toThrow(RangeError);
  });
});
