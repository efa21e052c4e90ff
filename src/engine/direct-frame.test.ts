import { describe, expect, it } from 'vitest';
import type { CompositeLayer } from '../media/compositor/frame-compositor.ts';
import { untouchedFrame } from './direct-frame.ts';

/** The fields untouchedFrame reads, as a decoder's frame would have them. */
function frame(overrides: Partial<{ format: VideoPixelFormat | null; displayWidth: number; displayHeight: number; visible: [number, number] }> = {}): VideoFrame {
  const [vw, vh] = overrides.visible ?? [1920, 1080];
  return { format: overrides.format ?? 'NV12', displayWidth: overrides.displayWidth ?? 1920, displayHeight: overrides.displayHeight ?? 1080, visibleRect: { width: vw, height: vh } } as unknown as VideoFrame;
}

const layer = (f: VideoFrame, extra: Partial<CompositeLayer> = {}): CompositeLayer => ({ frame: f, rotation: 0, ...extra });

describe('untouchedFrame (frames that skip the compositor)', () => {
  it('passes a single upright YUV frame of the output size with a neutral look', () => {
    const f = frame();
    expect(untouchedFrame([layer(f)], 1920, 1080)).toBe(f);
    const neutral = { opacity: 1, dim: 1, reveal: 1, crop: { left: 0, top: 0, right: 0, bottom: 0 }, x: 0.5, y: 0.5, scale: 1, rotation: 0, brightness: 0, contrast: 1, saturation: 1, fit: 'cover' as const };
    expect(untouchedFrame([layer(f, { look: neutral })], 1920, 1080)).toBe(f);
    expect(untouchedFrame([layer(frame({ format: 'I420' }))], 1920, 1080)).not.toBeNull();
  });

  it('composites whenever a pixel would change', () => {
    const f = frame();
    expect(untouchedFrame([], 1920, 1080)).toBeNull();
    expect(untouchedFrame([layer(f), layer(f)], 1920, 1080)).toBeNull();
    expect(untouchedFrame([layer(f, { rotation: 90 })], 1920, 1080)).toBeNull();
    expect(untouchedFrame([layer(f)], 1280, 720)).toBeNull();
    expect(untouchedFrame([layer(frame({ visible: [1920, 1072] }))], 1920, 1080)).toBeNull();
    expect(untouchedFrame([layer(frame({ format: 'RGBA' }))], 1920, 1080)).toBeNull();
    expect(untouchedFrame([layer(frame({ format: 'I420A' }))], 1920, 1080)).toBeNull();
    for (const look of [{ opacity: 0.99 }, { dim: 0.5 }, { reveal: 0.3 }, { scale: 1.01 }, { x: 0.4 }, { rotation: 10 }, { brightness: 0.1 }, { contrast: 1.2 }, { saturation: 0 }, { crop: { left: 0.1, top: 0, right: 0, bottom: 0 } }, { key: { r: 0, g: 0.7, b: 0.25, tolerance: 0.15 } }]) {
      expect(untouchedFrame([layer(f, { look })], 1920, 1080), JSON.stringify(look)).toBeNull();
    }
  });
});
