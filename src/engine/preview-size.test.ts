import { describe, expect, it } from 'vitest';
import { previewSize } from './preview-size.ts';

describe('previewSize', () => {
  it('is the output size when the box is unknown or larger (never upscaled)', () => {
    expect(previewSize({ width: 1920, height: 1080 }, null)).toEqual({ width: 1920, height: 1080 });
    expect(previewSize({ width: 640, height: 360 }, { width: 1800, height: 1200 })).toEqual({ width: 640, height: 360 });
  });

  it('fits the output inside the on-screen box, keeping its shape, in even pixels', () => {
    expect(previewSize({ width: 1920, height: 1080 }, { width: 960, height: 900 })).toEqual({ width: 960, height: 540 });
    expect(previewSize({ width: 1080, height: 1920 }, { width: 1000, height: 600 })).toEqual({ width: 338, height: 600 });
    expect(previewSize({ width: 1920, height: 1080 }, { width: 901, height: 2000 })).toEqual({ width: 902, height: 506 });
  });

  it('never goes below 2×2', () => {
    expect(previewSize({ width: 1920, height: 1080 }, { width: 1, height: 1 })).toEqual({ width: 2, height: 2 });
  });
});
