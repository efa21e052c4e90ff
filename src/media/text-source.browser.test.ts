import { describe, expect, it } from 'vitest';
import { titleSource } from './text-source.ts';
import { defaultTextStyle, type TextStyle } from '../model/project.ts';

/** The title's RGBA bytes, drawn at `width`×`height`. */
async function titleBytes(content: string, width: number, height: number, look: Partial<TextStyle> = { background: '#ff0000' }): Promise<Uint8ClampedArray> {
  const source = titleSource('Title', 1_000_000, { ...defaultTextStyle(content), ...look }, width, height);
  const generator = source.videoFrames();
  const frame = (await generator.next()).value as VideoFrame;
  try {
    const bytes = new Uint8ClampedArray(width * height * 4);
    await frame.copyTo(bytes);
    return bytes;
  } finally {
    frame.close();
    await generator.return(undefined);
    source.close();
  }
}

/** Columns and rows that hold any drawn (non-transparent) pixel. */
function drawnBounds(bytes: Uint8ClampedArray, width: number, height: number) {
  let [left, right, top, bottom] = [width, -1, height, -1];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (bytes[(y * width + x) * 4 + 3]! > 0) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
  return { left, right, top, bottom };
}

describe('title rendering', () => {
  it('outlines the letters in black when asked, with no box', async () => {
    const [width, height] = [320, 180];
    /** Opaque pixels that are dark (the outline) and light (the white letters). */
    const count = (bytes: Uint8ClampedArray) => {
      let [dark, light] = [0, 0];
      for (let i = 0; i < bytes.length; i += 4) {
        if (bytes[i + 3]! < 200) continue;
        if (bytes[i]! < 60) dark++;
        else if (bytes[i]! > 200) light++;
      }
      return { dark, light };
    };
    const plain = count(await titleBytes('Hello', width, height, { background: null }));
    const outlined = count(await titleBytes('Hello', width, height, { background: null, outline: true }));
    expect(plain.dark).toBe(0);
    expect(outlined.dark).toBeGreaterThan(50);
    expect(outlined.light).toBeGreaterThan(plain.light / 2);
  });

  it('wraps a long title inside the frame instead of running off both edges', async () => {
    const [width, height] = [320, 180];
    const short = drawnBounds(await titleBytes('Hi', width, height), width, height);
    const long = drawnBounds(await titleBytes('A title far too long to fit on one line of a small frame, so it wraps', width, height), width, height);
    // The box stays clear of the frame's edges…
    expect(long.left).toBeGreaterThan(4);
    expect(long.right).toBeLessThan(width - 5);
    // …and is two or more lines tall where the short one is one.
    expect(long.bottom - long.top).toBeGreaterThan(1.5 * (short.bottom - short.top));
  });
});
