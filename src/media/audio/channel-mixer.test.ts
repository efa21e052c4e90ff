import { describe, expect, it } from 'vitest';
import { ChannelMixer } from './channel-mixer.ts';

const plane = (...values: number[]) => Float32Array.from(values);

describe('ChannelMixer', () => {
  it('passes matching layouts through untouched', () => {
    const planes = [plane(1, 2), plane(3, 4)];
    expect(new ChannelMixer().mix(planes, 2, 2, 2)).toBe(planes);
  });

  it('copies mono to both sides', () => {
    const out = new ChannelMixer().mix([plane(0.5, -0.5)], 1, 2, 2);
    expect(out.map((p) => Array.from(p.subarray(0, 2)))).toEqual([[0.5, -0.5], [0.5, -0.5]]);
  });

  it('averages stereo into mono', () => {
    const out = new ChannelMixer().mix([plane(1, 0), plane(0, 1)], 2, 2, 1);
    expect(Array.from(out[0]!.subarray(0, 2))).toEqual([0.5, 0.5]);
  });

  it('keeps the centre and surrounds of 5.1 at −3 dB and drops the LFE', () => {
    // L R C LFE Ls Rs: only the centre speaks.
    const silent = () => plane(0, 0);
    const out = new ChannelMixer().mix([silent(), silent(), plane(1, 1), plane(1, 1), silent(), silent()], 6, 2, 2);
    expect(out[0]![0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(out[1]![0]).toBeCloseTo(Math.SQRT1_2, 6);
    const surround = new ChannelMixer().mix([silent(), silent(), silent(), silent(), plane(1, 1), silent()], 6, 2, 2);
    expect(surround[0]![1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(surround[1]![1]).toBe(0);
  });
});
