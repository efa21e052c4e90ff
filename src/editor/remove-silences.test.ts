import { describe, expect, it } from 'vitest';
import { clipEndUs, emptyProject, newClip, newTrack, type Project } from '../model/project.ts';
import { withChange } from './document.ts';
import { removeSilences } from './remove-silences.ts';

const S = 1_000_000;

function project(): Project {
  const base = emptyProject('Talk');
  const talk = { ...newClip({ id: 'clip:talk', assetId: 'asset:a', trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 10 * S }), fadeInUs: 200_000 };
  const after = newClip({ id: 'clip:after', assetId: 'asset:b', trackId: 'track:v1', startUs: 10 * S, inUs: 0, outUs: 2 * S });
  const music = newClip({ id: 'clip:music', assetId: 'asset:b', trackId: 'track:a1', startUs: 0, inUs: 0, outUs: 12 * S });
  return {
    ...base,
    assets: [
      { id: 'asset:a', name: 'talk.mp4', durationUs: 10 * S, hasVideo: true, hasAudio: true },
      { id: 'asset:b', name: 'b.mp4', durationUs: 20 * S, hasVideo: true, hasAudio: true },
    ],
    tracks: [newTrack('track:v1', 'video', 'Video 1'), newTrack('track:a1', 'audio', 'Audio 1')],
    clips: [talk, after, music],
  };
}

const spansOn = (p: Project, trackId: string) => p.clips.filter((c) => c.trackId === trackId).map((c) => [c.assetId, c.startUs, clipEndUs(c), c.inUs]);

describe('removeSilences', () => {
  it('cuts each pause less 0.15 s of padding at either side (none at the clip’s ends), closing up what follows on the track', () => {
    const p = withChange(
      project(),
      removeSilences(project(), 'clip:talk', [
        [0, 1 * S],
        [3 * S, 5 * S],
        [9 * S, 10 * S],
      ])!,
    );
    // Kept: 0.85–3.15 s and 4.85–9.15 s of the source, on the 30 fps grid (0.85 s is 25.5 frames: 26, 0.8667 s).
    expect(spansOn(p, 'track:v1')).toEqual([
      ['asset:a', 0, 2_300_000, 866_667],
      ['asset:a', 2_300_000, 6_600_000, 4_866_667],
      ['asset:b', 6_600_000, 8_600_000, 0],
    ]);
    // Other tracks stay.
    expect(spansOn(p, 'track:a1')).toEqual([['asset:b', 0, 12 * S, 0]]);
  });

  it('cuts a detached sound alike, so picture and sound stay in step, whichever of the two it is asked for', () => {
    const withSound = withChange(project(), { put: [{ ...project().clips[0]!, volume: 0 }, { ...project().clips[0]!, id: 'clip:sound', trackId: 'track:a2' }] });
    const p0 = { ...withSound, tracks: [...withSound.tracks, newTrack('track:a2', 'audio', 'Audio 2')] };
    for (const asked of ['clip:talk', 'clip:sound'] as const) {
      const p = withChange(p0, removeSilences(p0, asked, [[3 * S, 5 * S]])!);
      const picture = spansOn(p, 'track:v1').filter(([asset]) => asset === 'asset:a');
      expect(picture).toEqual([
        ['asset:a', 0, 3_166_667, 0],
        ['asset:a', 3_166_667, 8_300_000, 4_866_667],
      ]);
      expect(spansOn(p, 'track:a2')).toEqual(picture);
      expect(spansOn(p, 'track:a1')).toEqual([['asset:b', 0, 12 * S, 0]]); // the music is not cut
    }
  });

  it('cuts neither a clip on a locked track nor its detached sound', () => {
    const withSound = withChange(project(), { put: [{ ...project().clips[0]!, volume: 0 }, { ...project().clips[0]!, id: 'clip:sound', trackId: 'track:a2' }] });
    const p0 = { ...withSound, tracks: [{ ...withSound.tracks[0]!, locked: true }, ...withSound.tracks.slice(1), newTrack('track:a2', 'audio', 'Audio 2')] };
    expect(removeSilences(p0, 'clip:talk', [[3 * S, 5 * S]])).toBeNull();
  });

  it('leaves pauses too short to cut once padded, and unknown clips', () => {
    expect(removeSilences(project(), 'clip:talk', [[3 * S, 3 * S + 350_000]])).toBeNull();
    expect(removeSilences(project(), 'clip:nope' as 'clip:x', [[0, S]])).toBeNull();
  });
});
