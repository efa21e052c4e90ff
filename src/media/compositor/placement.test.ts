import { describe, expect, it } from 'vitest';
import { writePlacement, type Rotation } from './placement.ts';

function place(frameW: number, frameH: number, rotation: Rotation, outW: number, outH: number): Float32Array {
  const out = new Float32Array(8);
  writePlacement(out, frameW, frameH, rotation, outW, outH);
  return out;
}

/** Source UV that display UV (u, v) samples, per the uniform's offset + u * uvX + v * uvY. */
function sourceUv(out: Float32Array, u: number, v: number): [number, number] {
  return [out[2]! + u * out[4]! + v * out[6]!, out[3]! + u * out[5]! + v * out[7]!];
}

/** Corners of the displayed picture: top-left, top-right, bottom-left, bottom-right (u right, v down). */
const TL: [number, number] = [0, 0];
const TR: [number, number] = [1, 0];
const BL: [number, number] = [0, 1];
const BR: [number, number] = [1, 1];

describe('writePlacement: extents', () => {
  it('fills the output when aspect ratios match', () => {
    const out = place(1920, 1080, 0, 1280, 720);
    expect(out[0]).toBe(1);
    expect(out[1]).toBe(1);
  });

  it('letterboxes a wide frame in a taller output (full width, reduced height)', () => {
    const out = place(1920, 1080, 0, 1080, 1080);
    expect(out[0]).toBe(1);
    expect(out[1]).toBeCloseTo(9 / 16, 6);
    const cinema = place(2400, 1000, 0, 1920, 1080); // 2.4:1 in 16:9
    expect(cinema[0]).toBe(1);
    expect(cinema[1]).toBeCloseTo(800 / 1080, 6);
  });

  it('pillarboxes a tall frame in a wider output (full height, reduced width)', () => {
    const out = place(1080, 1920, 0, 1920, 1080);
    expect(out[0]).toBeCloseTo((1080 * (1080 / 1920)) / 1920, 6); // 607.5 px of 1920
    expect(out[1]).toBe(1);
    const fourThree = place(640, 480, 0, 1920, 1080);
    expect(fourThree[0]).toBeCloseTo(1440 / 1920, 6);
    expect(fourThree[1]).toBe(1);
  });

  it('cover fills the output and lets the overflow fall outside it (no bars)', () => {
    const out = new Float32Array(8);
    writePlacement(out, 640, 480, 0, 1920, 1080, 'cover'); // 4:3 filling 16:9: full width, taller than the output
    expect(out[0]).toBe(1);
    expect(out[1]).toBeCloseTo(1440 / 1080, 6);
    writePlacement(out, 1080, 1920, 90, 1080, 1920, 'cover'); // turned sideways: 16:9 shown in 9:16, full height
    expect(out[1]).toBe(1);
    expect(out[0]).toBeCloseTo((1920 * (1920 / 1080)) / 1080, 6);
  });

  it('scales up small frames to fit', () => {
    const out = place(320, 180, 0, 1920, 1080);
    expect([out[0], out[1]]).toEqual([1, 1]);
  });

  it('swaps the frame sides for 90° and 270°, not for 180°', () => {
    // A landscape-coded phone video rotated to portrait, shown in a landscape output: pillarboxed.
    for (const rotation of [90, 270] as const) {
      const out = place(1920, 1080, rotation, 1920, 1080);
      expect(out[0]).toBeCloseTo(0.31640625, 6);
      expect(out[1]).toBe(1);
      // ... and in a portrait output it fills it.
      const portrait = place(1920, 1080, rotation, 1080, 1920);
      expect([portrait[0], portrait[1]]).toEqual([1, 1]);
    }
    const flipped = place(1920, 1080, 180, 1080, 1080);
    expect(flipped[0]).toBe(1);
    expect(flipped[1]).toBeCloseTo(9 / 16, 6);
  });

  it('always keeps both extents within (0, 1] with one of them exactly 1', () => {
    for (const [fw, fh, ow, oh] of [
      [17, 1000, 640, 360],
      [4000, 3, 640, 360],
      [1, 1, 7680, 4320],
      [641, 359, 640, 360],
    ]) {
      for (const rotation of [0, 90, 180, 270] as const) {
        const out = place(fw!, fh!, rotation, ow!, oh!);
        expect(out[0]).toBeGreaterThan(0);
        expect(out[1]).toBeGreaterThan(0);
        expect(out[0]).toBeLessThanOrEqual(1);
        expect(out[1]).toBeLessThanOrEqual(1);
        expect(Math.max(out[0]!, out[1]!)).toBe(1);
        // Aspect of the placed picture equals the displayed frame's aspect.
        const sideways = rotation === 90 || rotation === 270;
        const aspect = sideways ? fh! / fw! : fw! / fh!;
        expect((out[0]! * ow!) / (out[1]! * oh!)).toBeCloseTo(aspect, 3);
      }
    }
  });
});

describe('writePlacement: rotation UV maps', () => {
  it('maps display UV straight to source UV with no rotation', () => {
    const out = place(640, 360, 0, 640, 360);
    expect(sourceUv(out, ...TL)).toEqual([0, 0]);
    expect(sourceUv(out, ...TR)).toEqual([1, 0]);
    expect(sourceUv(out, ...BL)).toEqual([0, 1]);
    expect(sourceUv(out, ...BR)).toEqual([1, 1]);
    expect(sourceUv(out, 0.25, 0.75)).toEqual([0.25, 0.75]);
  });

  it('rotates 90° clockwise: the source top-left lands at the display top-right', () => {
    const out = place(640, 360, 90, 360, 640);
    expect(sourceUv(out, ...TR)).toEqual([0, 0]);
    expect(sourceUv(out, ...TL)).toEqual([0, 1]); // source bottom-left
    expect(sourceUv(out, ...BL)).toEqual([1, 1]); // source bottom-right
    expect(sourceUv(out, ...BR)).toEqual([1, 0]); // source top-right
  });

  it('rotates 180°: every corner maps to the opposite one', () => {
    const out = place(640, 360, 180, 640, 360);
    expect(sourceUv(out, ...TL)).toEqual([1, 1]);
    expect(sourceUv(out, ...TR)).toEqual([0, 1]);
    expect(sourceUv(out, ...BL)).toEqual([1, 0]);
    expect(sourceUv(out, ...BR)).toEqual([0, 0]);
  });

  it('rotates 270° clockwise (90° counter-clockwise): the source top-left lands at the display bottom-left', () => {
    const out = place(640, 360, 270, 360, 640);
    expect(sourceUv(out, ...BL)).toEqual([0, 0]);
    expect(sourceUv(out, ...TL)).toEqual([1, 0]); // source top-right
    expect(sourceUv(out, ...TR)).toEqual([1, 1]); // source bottom-right
    expect(sourceUv(out, ...BR)).toEqual([0, 1]); // source bottom-left
  });

  it('composes: 90° twice equals 180°, 90° then 180° equals 270°', () => {
    const r90 = place(4, 2, 90, 4, 4);
    const r180 = place(4, 2, 180, 4, 4);
    const r270 = place(4, 2, 270, 4, 4);
    for (const [u, v] of [TL, TR, BL, BR, [0.3, 0.6] as [number, number]]) {
      const once = sourceUv(r90, u, v);
      const twice = sourceUv(r90, ...once);
      const [a, b] = sourceUv(r180, u, v);
      expect(twice[0]).toBeCloseTo(a, 6);
      expect(twice[1]).toBeCloseTo(b, 6);
      const thrice = sourceUv(r90, ...twice);
      const [c, d] = sourceUv(r270, u, v);
      expect(thrice[0]).toBeCloseTo(c, 6);
      expect(thrice[1]).toBeCloseTo(d, 6);
    }
  });

  it('keeps every UV map a bijection of the unit square (all four source corners used)', () => {
    for (const rotation of [0, 90, 180, 270] as const) {
      const out = place(100, 50, rotation, 100, 100);
      const corners = [TL, TR, BL, BR].map(([u, v]) => sourceUv(out, u, v).join(','));
      expect(new Set(corners)).toEqual(new Set(['0,0', '1,0', '0,1', '1,1']));
    }
  });
});

describe('writePlacement: output buffer', () => {
  it('writes exactly the first 8 floats and nothing else', () => {
    const out = new Float32Array(12).fill(-7);
    writePlacement(out, 1920, 1080, 90, 1280, 720);
    expect(Array.from(out.slice(8))).toEqual([-7, -7, -7, -7]);
    expect(Array.from(out.slice(0, 8)).some((x) => x === -7)).toBe(false);
  });

  it('overwrites a reused buffer completely when the rotation changes', () => {
    const out = new Float32Array(8);
    writePlacement(out, 640, 360, 270, 640, 360);
    writePlacement(out, 640, 360, 0, 640, 360);
    expect(Array.from(out)).toEqual([1, 1, 0, 0, 1, 0, 0, 1]);
  });
});
