import { describe, expect, it } from 'vitest';
import { NEUTRAL_PICTURE } from '../model/project.ts';
import { pictureBox } from './picture-box.ts';

const round = (box: ReturnType<typeof pictureBox>) => Object.fromEntries(Object.entries(box).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));

describe('pictureBox', () => {
  it('fits a 4:3 picture inside a 16:9 output (bars at the sides), or fills it', () => {
    expect(round(pictureBox(1920, 1080, 640, 480, NEUTRAL_PICTURE))).toEqual({ x: 0.5, y: 0.5, anchorX: 0.5, anchorY: 0.5, width: 0.75, height: 1, rotation: 0 });
    expect(round(pictureBox(1920, 1080, 640, 480, { ...NEUTRAL_PICTURE, fit: 'cover' }))).toEqual({ x: 0.5, y: 0.5, anchorX: 0.5, anchorY: 0.5, width: 1, height: 1.333, rotation: 0 });
  });

  it('scales about the centre and moves with it', () => {
    expect(round(pictureBox(1920, 1080, 1920, 1080, { ...NEUTRAL_PICTURE, scale: 0.5, x: 0.75, y: 0.25 }))).toEqual({ x: 0.75, y: 0.25, anchorX: 0.75, anchorY: 0.25, width: 0.5, height: 0.5, rotation: 0 });
  });

  it('keeps a cropped part where it was in the picture, turned with it', () => {
    // The left half cropped off: what is left is the right half, centred a quarter of the picture right of its centre.
    const crop = { left: 0.5, top: 0, right: 0, bottom: 0 };
    expect(round(pictureBox(1000, 1000, 1000, 1000, { ...NEUTRAL_PICTURE, crop }))).toEqual({ x: 0.75, y: 0.5, anchorX: 0.5, anchorY: 0.5, width: 0.5, height: 1, rotation: 0 });
    // Turned 90° clockwise, "right of centre" points down.
    expect(round(pictureBox(1000, 1000, 1000, 1000, { ...NEUTRAL_PICTURE, crop, rotation: 90 }))).toEqual({ x: 0.5, y: 0.75, anchorX: 0.5, anchorY: 0.5, width: 0.5, height: 1, rotation: 90 });
  });
});
