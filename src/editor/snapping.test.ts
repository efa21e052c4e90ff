import { describe, expect, it } from 'vitest';
import type { Project } from '../model/project.ts';
import { emptyProject, newClip } from '../model/project.ts';
import { snap, snapEdges, snapTargets } from './snapping.ts';

const S = 1_000_000;

function project(): Project {
  return {
    ...emptyProject(),
    clips: [
      newClip({ id: 'clip:a', assetId: 'asset:x', trackId: 'track:v1', startUs: 1 * S, inUs: 0, outUs: 2 * S }), // 1 s – 3 s
      newClip({ id: 'clip:b', assetId: 'asset:x', trackId: 'track:a1', startUs: 3 * S, inUs: 5 * S, outUs: 6_500_000 }), // 3 s – 4.5 s
    ],
    markers: [{ id: 'marker:m', timeUs: 7 * S, label: '' }],
  };
}

describe('snapTargets', () => {
  it('lists 0, the playhead, clip edges, markers, beats and scene cuts, sorted and unique', () => {
    expect(snapTargets(project(), { playheadUs: 2_500_000, beatsUs: [500_000, 3 * S, 8 * S], sceneCutsUs: [6 * S, 1 * S] })).toEqual([
      0,
      500_000,
      1 * S,
      2_500_000,
      3 * S,
      4_500_000,
      6 * S,
      7 * S,
      8 * S,
    ]);
  });

  it('leaves out the excluded clips’ edges', () => {
    expect(snapTargets(project(), { playheadUs: 0, excludeClipIds: new Set(['clip:a']) })).toEqual([0, 3 * S, 4_500_000, 7 * S]);
    expect(snapTargets(project(), { playheadUs: 0, excludeClipIds: new Set(['clip:a', 'clip:b']) })).toEqual([0, 7 * S]);
  });

  it('drops negative and non-finite times', () => {
    expect(snapTargets(emptyProject(), { playheadUs: Number.NaN, beatsUs: [-5, Infinity, 10] })).toEqual([0, 10]);
  });
});

describe('snap', () => {
  const targets = [0, 1 * S, 2 * S, 3 * S];

  it('takes the nearest target within the threshold', () => {
    expect(snap(1_040_000, targets, 50_000)).toEqual({ us: 1 * S, target: 1 * S });
    expect(snap(1_960_000, targets, 50_000)).toEqual({ us: 2 * S, target: 2 * S });
    expect(snap(1_050_000, targets, 50_000)).toEqual({ us: 1 * S, target: 1 * S }); // the threshold is inclusive
  });

  it('leaves the candidate alone outside the threshold', () => {
    expect(snap(1_500_000, targets, 100_000)).toEqual({ us: 1_500_000, target: null });
    expect(snap(1_050_001, targets, 50_000)).toEqual({ us: 1_050_001, target: null });
    expect(snap(5, [], 100)).toEqual({ us: 5, target: null });
  });

  it('prefers the nearer of two targets, and the earlier one on a tie', () => {
    expect(snap(1_500_000, targets, 600_000)).toEqual({ us: 1 * S, target: 1 * S });
    expect(snap(1_500_001, targets, 600_000)).toEqual({ us: 2 * S, target: 2 * S });
    expect(snap(1_500_000, [2 * S, 1 * S], 600_000)).toEqual({ us: 1 * S, target: 1 * S });
  });
});

describe('snapEdges', () => {
  const targets = [0, 5 * S, 10 * S];

  it('snaps by the start edge when it is nearer', () => {
    expect(snapEdges(4_980_000, 2 * S, targets, 100_000)).toEqual({ startUs: 5 * S, target: 5 * S, edge: 'start' });
  });

  it('snaps by the end edge when it is nearer, moving the start to match', () => {
    expect(snapEdges(2_950_000, 2 * S, targets, 100_000)).toEqual({ startUs: 3 * S, target: 5 * S, edge: 'end' });
    // Both edges in reach: the end (10 ms away) beats the start (40 ms away).
    expect(snapEdges(40_000, 4_950_000, [0, 5 * S], 100_000)).toEqual({ startUs: 50_000, target: 5 * S, edge: 'end' });
  });

  it('prefers the start on a tie and leaves the clip alone when nothing is near', () => {
    expect(snapEdges(20_000, 4_960_000, [0, 5 * S], 100_000)).toEqual({ startUs: 0, target: 0, edge: 'start' });
    expect(snapEdges(2 * S, 1 * S, targets, 100_000)).toEqual({ startUs: 2 * S, target: null, edge: null });
  });
});
