import { describe, expect, it } from 'vitest';
import type { ClipId, TrackId } from '../model/ids.ts';
import { emptyProject, newClip, newTrack, type Clip, type Project } from '../model/project.ts';
import { withChange } from '../editor/document.ts';
import { nudgeClips } from './clip-nudge.ts';

const S = 1_000_000;
const V1: TrackId = 'track:v1';
const LK: TrackId = 'track:lk';

/** A 10 s asset; clip a shows its 2 s – 8 s from 3 s on the timeline, at 25 fps (40 ms frames). */
function project(clips: Clip[] = [newClip({ id: 'clip:a', assetId: 'asset:vid', trackId: V1, startUs: 3 * S, inUs: 2 * S, outUs: 8 * S })]): Project {
  const base = emptyProject('Test');
  return {
    ...base,
    output: { ...base.output, fps: 25 },
    assets: [{ id: 'asset:vid', name: 'vid.mp4', durationUs: 10 * S, hasVideo: true, hasAudio: true }],
    tracks: [newTrack(V1, 'video', 'Video 1'), { ...newTrack(LK, 'video', 'Locked'), locked: true }],
    clips,
  };
}
const A: ClipId[] = ['clip:a'];
const after = (p: Project, action: Parameters<typeof nudgeClips>[2], ids = A) => {
  const nudge = nudgeClips(p, ids, action);
  return { clip: nudge.change ? withChange(p, nudge.change).clips.find((c) => c.id === ids[0]) : undefined, announcement: nudge.announcement };
};

describe('nudgeClips', () => {
  it('moves by exactly one frame or one second, and says where the clip is now', () => {
    expect(after(project(), 'nudgeForward')).toEqual({ clip: expect.objectContaining({ startUs: 3_040_000, inUs: 2 * S }), announcement: 'Moved: vid.mp4 starts 0:03.040, length 0:06.000.' });
    expect(after(project(), 'nudgeBack').clip?.startUs).toBe(2_960_000);
    expect(after(project(), 'nudgeBackSecond').clip?.startUs).toBe(2 * S);
    expect(after(project(), 'nudgeForwardSecond').clip?.startUs).toBe(4 * S);
  });

  it('trims either edge by one frame (the in point follows the start)', () => {
    expect(after(project(), 'trimStartForward')).toEqual({
      clip: expect.objectContaining({ startUs: 3_040_000, inUs: 2_040_000, outUs: 8 * S }),
      announcement: 'Trimmed: vid.mp4 starts 0:03.040, length 0:05.960.',
    });
    expect(after(project(), 'trimStartBack').clip).toMatchObject({ startUs: 2_960_000, inUs: 1_960_000 });
    expect(after(project(), 'trimEndBack').clip).toMatchObject({ startUs: 3 * S, outUs: 7_960_000 });
    expect(after(project(), 'trimEndForward').clip).toMatchObject({ outUs: 8_040_000 });
  });

  it('moves and trims every selected clip in one change, and counts them', () => {
    const b = newClip({ id: 'clip:b', assetId: 'asset:vid', trackId: V1, startUs: 9 * S, inUs: 0, outUs: 1 * S });
    const p = project([...project().clips, b]);
    const nudge = nudgeClips(p, ['clip:a', 'clip:b'], 'trimEndBack');
    expect(withChange(p, nudge.change!).clips.map((c) => c.outUs)).toEqual([7_960_000, 960_000]);
    expect(nudge.announcement).toBe('Trimmed 2 clips: vid.mp4 starts 0:03.000, length 0:05.960.');
  });

  it('refuses what a drag refuses, saying why', () => {
    const locked = project([newClip({ id: 'clip:a', assetId: 'asset:vid', trackId: LK, startUs: 3 * S, inUs: 2 * S, outUs: 8 * S })]);
    expect(after(locked, 'nudgeForward')).toEqual({ clip: undefined, announcement: 'The clip is on a locked track.' });
    const atZero = project([newClip({ id: 'clip:a', assetId: 'asset:vid', trackId: V1, startUs: 0, inUs: 0, outUs: 40_000 })]);
    expect(after(atZero, 'nudgeBack').announcement).toBe('Already at the start of the timeline.');
    expect(after(atZero, 'trimStartBack').announcement).toBe('Cannot start earlier: the media or the timeline begins there.');
    expect(after(atZero, 'trimEndBack').announcement).toBe('Cannot trim: one frame is the shortest a clip can be.');
    expect(after(atZero, 'trimStartForward').announcement).toBe('Cannot trim: one frame is the shortest a clip can be.');
    const whole = project([newClip({ id: 'clip:a', assetId: 'asset:vid', trackId: V1, startUs: 0, inUs: 0, outUs: 10 * S })]);
    expect(after(whole, 'trimEndForward').announcement).toBe('Cannot end later: the media ends there.');
    expect(nudgeClips(project(), [], 'nudgeForward')).toEqual({ change: null, announcement: 'No clip selected.' });
  });

  it('moves clips to the nearest track above or below that takes them (Alt+↑/↓), at the same times, or says why not', () => {
    const V2: TrackId = 'track:v2';
    const A1: TrackId = 'track:a1';
    const base = project();
    // Top to bottom: Video 2, Locked, Video 1 (clip a), Audio 1.
    const p = { ...base, tracks: [newTrack(V2, 'video', 'Video 2'), ...base.tracks.slice(1), base.tracks[0]!, newTrack(A1, 'audio', 'Audio 1')] };
    expect(after(p, 'trackUp')).toEqual({ clip: expect.objectContaining({ trackId: V2, startUs: 3 * S }), announcement: 'Moved to Video 2.' });
    // An audio track takes a clip with a picture (as a drag puts it there), a video track no sound alone.
    expect(after(p, 'trackDown')).toMatchObject({ clip: { trackId: A1 }, announcement: 'Moved to Audio 1.' });
    const sound = { ...p, assets: [...p.assets, { id: 'asset:snd' as const, name: 'snd.m4a', durationUs: 10 * S, hasVideo: false, hasAudio: true }] };
    const onAudio = { ...sound, clips: [{ ...p.clips[0]!, assetId: 'asset:snd' as const, trackId: A1 }] };
    expect(after(onAudio, 'trackUp')).toEqual({ clip: undefined, announcement: 'No track above takes this clip.' });
    expect(after(onAudio, 'trackDown')).toEqual({ clip: undefined, announcement: 'No track below takes this clip.' });
    const onTop = { ...p, clips: [{ ...p.clips[0]!, trackId: V2 }] };
    expect(after(onTop, 'trackUp')).toEqual({ clip: undefined, announcement: 'No track above takes this clip.' });
    expect(after(onTop, 'trackDown')).toMatchObject({ clip: { trackId: V1 }, announcement: 'Moved to Video 1.' });
    const locked = { ...p, clips: [{ ...p.clips[0]!, trackId: LK }] };
    expect(after(locked, 'trackUp')).toEqual({ clip: undefined, announcement: 'The clip is on a locked track.' });
  });
});
