import { describe, expect, it } from 'vitest';
import { emptyProject, newClip, newTrack, type Project } from '../model/project.ts';
import { adjacentEditPoint, editPoints } from './edit-points.ts';

const S = 1_000_000;

function project(): Project {
  const base = emptyProject('Edit points');
  const tracks = [newTrack('track:v1', 'video', 'Video 1'), newTrack('track:a1', 'audio', 'Audio 1'), { ...newTrack('track:h', 'video', 'Hidden'), hidden: true }];
  const clip = (id: string, trackId: string, startUs: number, lengthUs: number, speed?: number) => ({
    ...newClip({ id: `clip:${id}`, assetId: 'asset:a', trackId: trackId as Project['tracks'][number]['id'], startUs, inUs: 0, outUs: lengthUs }),
    ...(speed ? { speed } : {}),
  });
  return {
    ...base,
    tracks,
    clips: [clip('a', 'track:v1', 0, 2 * S), clip('b', 'track:v1', 2 * S, 4 * S, 2), clip('c', 'track:a1', 3 * S, S), clip('h', 'track:h', 7 * S, S)],
    markers: [{ id: 'marker:1', timeUs: 2_500_000, label: '' }],
  };
}

describe('editPoints', () => {
  it('takes the start, clip edges on shown tracks (at their speed) and markers, sorted, once each', () => {
    expect(editPoints(project())).toEqual([0, 2 * S, 2_500_000, 3 * S, 4 * S]);
  });
});

describe('adjacentEditPoint', () => {
  const points = [0, 2 * S, 2_500_000, 3 * S, 4 * S];
  it('goes to the next or previous point, never staying on the one it is at', () => {
    expect(adjacentEditPoint(points, 0, 1)).toBe(2 * S);
    expect(adjacentEditPoint(points, 2 * S, 1)).toBe(2_500_000);
    expect(adjacentEditPoint(points, 2 * S, -1)).toBe(0);
    expect(adjacentEditPoint(points, 2_700_000, -1)).toBe(2_500_000);
  });
  it('has nothing past the ends', () => {
    expect(adjacentEditPoint(points, 0, -1)).toBeNull();
    expect(adjacentEditPoint(points, 4 * S, 1)).toBeNull();
  });
});
