import { describe, expect, it } from 'vitest';
import { newClip, type Clip } from '../model/project.ts';
import { look } from './layer-look.ts';

const clip = (picture: Clip['picture']): Clip => ({ ...newClip({ id: 'clip:a', assetId: 'asset:a', trackId: 'track:v1', startUs: 0, inUs: 1_000_000, outUs: 5_000_000 }), picture });

describe('look', () => {
  it('moves scale and centre evenly from the start values to the end ones over the clip’s source span', () => {
    const moving = clip({ scale: 1, x: 0.5, end: { scale: 2, x: 0.3, y: 0.5 } });
    const at = (sourceUs: number) => {
      const { scale, x, y } = look({ clip: moving, sourceUs });
      return [scale, Math.round((x ?? 0.5) * 1000) / 1000, y];
    };
    expect(at(1_000_000)).toEqual([1, 0.5, 0.5]);
    expect(at(3_000_000)).toEqual([1.5, 0.4, 0.5]);
    expect(at(5_000_000)).toEqual([2, 0.3, 0.5]);
    // A transition shows the clip past its ends: held there.
    expect(at(0)).toEqual([1, 0.5, 0.5]);
    expect(at(6_000_000)).toEqual([2, 0.3, 0.5]);
  });

  it('gives the compositor a key colour as 0–1 RGB with its tolerance', () => {
    expect(look({ clip: clip({ key: { color: '#00ff80', tolerance: 0.2 } }), sourceUs: 2_000_000 }).key).toEqual({ r: 0, g: 1, b: 128 / 255, tolerance: 0.2 });
    expect(look({ clip: clip({}), sourceUs: 2_000_000 }).key).toBeUndefined();
  });

  it('leaves a picture without an end where it is', () => {
    expect(look({ clip: clip({ scale: 0.5 }), sourceUs: 4_000_000 }).scale).toBe(0.5);
  });
});
