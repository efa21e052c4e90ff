import { describe, expect, it } from 'vitest';
import { emptyProject, newClip, newTrack, timelineDurationUs, type Clip, type Project } from '../model/project.ts';
import { projectInRange } from './range-project.ts';
import { frameTimeUs } from '../model/time.ts';

const S = 1_000_000;
const clip = (id: string, trackId: string, startUs: number, inUs: number, outUs: number, extra: Partial<Clip> = {}): Clip => ({
  ...newClip({ id: id as Clip['id'], assetId: 'asset:x' as Clip['assetId'], trackId: trackId as Clip['trackId'], startUs, inUs, outUs }),
  ...extra,
});

function project(): Project {
  const p = emptyProject();
  p.tracks = [{ ...newTrack('track:v2' as never, 'video', 'Video 2'), locked: true }, ...p.tracks];
  p.assets = [{ id: 'asset:x' as never, name: 'x.mp4', durationUs: 20 * S, hasVideo: true, hasAudio: true }];
  p.clips = [
    clip('clip:a', 'track:v1', 0, 0, 5 * S),
    clip('clip:b', 'track:v1', 5 * S, 10 * S, 15 * S),
    clip('clip:c', 'track:a1', 3 * S, 0, 3 * S),
    clip('clip:d', 'track:a1', 8 * S, 0, S),
    clip('clip:logo', 'track:v2', 0, 0, 10 * S),
  ];
  p.transitions = [{ id: 'transition:t' as never, kind: 'crossfade', fromClipId: 'clip:a' as never, toClipId: 'clip:b' as never, durationUs: S }];
  p.markers = [
    { id: 'marker:1' as never, timeUs: S, label: '' },
    { id: 'marker:2' as never, timeUs: 4 * S, label: '' },
  ];
  return p;
}

describe('projectInRange', () => {
  it('keeps 2–7 s as a project of its own from 0: clips cut at both ends (locked tracks too), their transition kept, what lies outside gone', () => {
    const ranged = projectInRange(project(), 2 * S, 7 * S);
    const spans = ranged.clips.map((c) => [c.trackId, c.startUs, c.inUs, c.outUs]).sort((x, y) => String(x[0]).localeCompare(String(y[0])) || Number(x[1]) - Number(y[1]));
    expect(spans).toEqual([
      ['track:a1', 1 * S, 0, 3 * S],
      ['track:v1', 0, 2 * S, 5 * S],
      ['track:v1', 3 * S, 10 * S, 12 * S],
      ['track:v2', 0, 2 * S, 7 * S],
    ]);
    expect(timelineDurationUs(ranged)).toBe(5 * S);
    // The crossfade still joins the two picture pieces that meet at 3 s.
    expect(ranged.transitions).toHaveLength(1);
    const joined = ranged.transitions[0]!;
    expect(ranged.clips.find((c) => c.id === joined.fromClipId)?.outUs).toBe(5 * S);
    expect(ranged.clips.find((c) => c.id === joined.toClipId)?.inUs).toBe(10 * S);
    expect(ranged.markers.map((m) => m.timeUs)).toEqual([2 * S]);
    expect(ranged.tracks.find((t) => t.id === 'track:v2')?.locked).toBe(true);
  });

  it("runs to the range's end where that is a gap in the timeline, and no further than the timeline", () => {
    const p = project();
    p.clips = [...p.clips, clip('clip:late', 'track:v1', 14 * S, 0, S)];
    // Nothing on any track from 10 s to 14 s: a range of 2–12 s is 10 s long, the last 2 s empty.
    expect(timelineDurationUs(projectInRange(p, 2 * S, 12 * S))).toBe(10 * S);
    // Past the timeline's end (15 s), it stops there.
    expect(timelineDurationUs(projectInRange(p, 2 * S, 30 * S))).toBe(13 * S);
  });

  it('drops a transition whose clip falls outside the range', () => {
    expect(projectInRange(project(), 0, 5 * S).transitions).toEqual([]);
  });

  it('keeps a clip across an end marked off the frame grid (I or O during playback), and a slowed clip cut at the end', () => {
    const p = project();
    p.output = { ...p.output, fps: 29.97 };
    p.tracks = p.tracks.filter((t) => t.id === 'track:v1');
    p.transitions = [];
    p.clips = [clip('clip:slow', 'track:v1', 0, 0, 3 * S, { speed: 0.3 })];
    // At 29.97 fps the cut at frame 35 leaves the slowed piece's rounded length a microsecond long.
    const atFrame35 = frameTimeUs(35, 29.97);
    expect(projectInRange(p, 0, atFrame35).clips.map((c) => c.startUs)).toEqual([0]);
    p.output = { ...p.output, fps: 30 };
    const offGrid = projectInRange(p, 1_010_000, 3_020_000);
    expect(offGrid.clips.map((c) => [c.startUs, c.inUs])).toEqual([[0, 300_000]]);
    expect(timelineDurationUs(offGrid)).toBe(frameTimeUs(91, 30) - S);
  });
});
