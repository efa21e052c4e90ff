import { describe, expect, it } from 'vitest';
import { edgeColour } from './edge-colour.ts';

/** A `width`×`height` picture of `fill` with a `subject` block from (x0, y0) to (x1, y1). */
function picture(width: number, height: number, fill: number[], subject: number[], [x0, y0, x1, y1]: number[]): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rgba.set([...(x >= x0! && x < x1! && y >= y0! && y < y1! ? subject : fill), 255], (y * width + x) * 4);
  }
  return rgba;
}

describe('edgeColour', () => {
  it('is the screen round the subject, even where the subject reaches an edge', () => {
    // A person standing on the bottom edge, across a third of it.
    const shot = picture(60, 40, [64, 179, 77], [200, 150, 120], [20, 10, 40, 40]);
    expect(edgeColour(shot, 60, 40)).toBe('#40b34d');
  });

  it('ignores the middle of the picture', () => {
    expect(edgeColour(picture(20, 20, [0, 0, 255], [255, 0, 0], [2, 2, 18, 18]), 20, 20)).toBe('#0000ff');
  });
});
