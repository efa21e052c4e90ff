import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Asset, Clip, Project, Track, Transition } from '../model/project.ts';
import { clipEndUs, defaultTextStyle, emptyProject, newClip, newTrack } from '../model/project.ts';
import type { ClipId, TrackId } from '../model/ids.ts';
import { frameTimeUs } from '../model/time.ts';
import { DUCK_GAIN, planAudioSpans, spanGain } from '../model/render-plan.ts';
import { withChange, type ProjectChange } from './document.ts';
import {
  addClip,
  addClipOnFreeAudioTrack,
  addMarker,
  addTrack,
  closeGap,
  deleteClips,
  detachSound,
  insertFreezeFrame,
  duplicateClips,
  moveClips,
  normalizeLoudness,
  pasteClips,
  removeMarker,
  removeTrack,
  rippleDelete,
  setClipSound,
  setTrackFlag,
  slipClip,
  splitAt,
  splitClip,
  trimClip,
  trimClipsBy,
  trimClipsTo,
} from './commands.ts';

// Deterministic ids, so that whole records can be compared.
const ids = vi.hoisted(() => ({ n: 0 }));
vi.mock('../model/ids.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../model/ids.ts')>();
  return {
    ...actual,
    newClipId: () => `clip:new${++ids.n}`,
    newTrackId: () => `track:new${++ids.n}`,
    newMarkerId: () => `marker:new${++ids.n}`,
  };
});
beforeEach(() => {
  ids.n = 0;
});

const S = 1_000_000;
const NTSC = 30000 / 1001;

const VID: Asset = { id: 'asset:vid', name: 'vid.mp4', durationUs: 10 * S, hasVideo: true, hasAudio: true };
const SND: Asset = { id: 'asset:snd', name: 'snd.wav', durationUs: 4 * S, hasVideo: false, hasAudio: true };
const ODD: Asset = { id: 'asset:odd', name: 'odd.mp4', durationUs: 1_010_000, hasVideo: true, hasAudio: false };
const BLIP: Asset = { id: 'asset:blip', name: 'blip.wav', durationUs: 20_000, hasVideo: false, hasAudio: true };

const V2: TrackId = 'track:v2';
const V1: TrackId = 'track:v1';
const A1: TrackId = 'track:a1';
const LK: TrackId = 'track:lk';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function clip(name: string, trackId: TrackId, startUs: number, inUs: number, outUs: number, more: Partial<Clip> = {}): Clip {
  return { ...newClip({ id: `clip:${name}`, assetId: 'asset:vid', trackId, startUs, inUs, outUs }), ...more };
}

/** Tracks V2, V1 (video), A1 (audio) and LK (locked, video); frozen, so any mutation throws. */
function project(clips: Clip[], fps = 30): Project {
  const base = emptyProject('Test');
  const tracks: Track[] = [newTrack(V2, 'video', 'Video 2'), newTrack(V1, 'video', 'Video 1'), newTrack(A1, 'audio', 'Audio 1'), { ...newTrack(LK, 'video', 'Locked'), locked: true }];
  return deepFreeze({ ...base, output: { ...base.output, fps }, assets: [VID, SND, ODD, BLIP], tracks, clips, markers: [] });
}

/** Applies a change the way the document store does: records in, put/remove, records out. */
function apply(p: Project, change: ProjectChange | null): Project {
  if (!change) throw new Error('expected a change');
  return withChange(p, change);
}

const putClips = (change: ProjectChange | null): Clip[] => (change?.put ?? []) as Clip[];

describe('addClip', () => {
  it('places the whole asset at the frame-snapped start with a new id', () => {
    const p = project([]);
    expect(addClip(p, 'asset:vid', V1, 1_010_000)).toEqual({
      put: [{ id: 'clip:new1', assetId: 'asset:vid', trackId: V1, startUs: 1_000_000, inUs: 0, outUs: 10 * S, volume: 1, fadeInUs: 0, fadeOutUs: 0 }],
    });
  });

  it('snaps to the 29.97 grid and clamps the start to 0', () => {
    expect(putClips(addClip(project([], NTSC), 'asset:vid', V1, 1_000_000))[0]?.startUs).toBe(1_001_000);
    expect(putClips(addClip(project([], 29.97), 'asset:vid', V1, 1_000_000))[0]?.startUs).toBe(1_001_001);
    expect(putClips(addClip(project([]), 'asset:vid', V1, -500_000))[0]?.startUs).toBe(0);
  });

  it('puts clips with pictures on video or audio tracks, sound-only ones on audio tracks only', () => {
    const p = project([]);
    expect(putClips(addClip(p, 'asset:vid', A1, 0))[0]?.trackId).toBe(A1);
    expect(putClips(addClip(p, 'asset:snd', A1, 0))[0]).toMatchObject({ trackId: A1, outUs: 4 * S });
    expect(addClip(p, 'asset:snd', V1, 0)).toBeNull();
  });

  it('refuses unknown assets and tracks, locked tracks, sub-frame assets and non-finite times', () => {
    const p = project([]);
    expect(addClip(p, 'asset:nope', V1, 0)).toBeNull();
    expect(addClip(p, 'asset:vid', 'track:nope', 0)).toBeNull();
    expect(addClip(p, 'asset:vid', LK, 0)).toBeNull();
    expect(addClip(p, 'asset:blip', A1, 0)).toBeNull();
    expect(addClip(p, 'asset:vid', V1, Number.NaN)).toBeNull();
  });
});

describe('splitClip', () => {
  it('cuts at the snapped time: the left keeps the id, the right gets a new one', () => {
    const a = clip('a', V1, 1 * S, 2 * S, 8 * S, { volume: 0.5 });
    expect(splitClip(project([a]), 'clip:a', 3_010_000)).toEqual({
      put: [
        { ...a, outUs: 4 * S },
        { ...a, id: 'clip:new1', startUs: 3 * S, inUs: 4 * S, outUs: 8 * S },
      ],
    });
  });

  it('halves add up to the original and abut on the timeline and in the source', () => {
    const a = clip('a', V1, 1 * S, 2 * S, 8 * S);
    const [left, right] = putClips(splitClip(project([a]), 'clip:a', 5_555_555));
    if (!left || !right) throw new Error('expected two halves');
    expect(left.outUs - left.inUs + (right.outUs - right.inUs)).toBe(a.outUs - a.inUs);
    expect(left.inUs).toBe(a.inUs);
    expect(right.outUs).toBe(a.outUs);
    expect(left.outUs).toBe(right.inUs);
    expect(clipEndUs(left)).toBe(right.startUs);
    expect(right.startUs).toBe(frameTimeUs(167, 30)); // 5.555555 s × 30 = 166.67 frames → 167
  });

  it('snaps the cut to the 29.97 grid', () => {
    const a = clip('a', V1, 0, 0, 10 * S);
    const [left, right] = putClips(splitClip(project([a], NTSC), 'clip:a', 1 * S));
    expect(left).toEqual({ ...a, outUs: 1_001_000 });
    expect(right).toEqual({ ...a, id: 'clip:new1', startUs: 1_001_000, inUs: 1_001_000 });
  });

  it('gives the fade-in to the left and the fade-out to the right, each fitted to its half', () => {
    const a = clip('a', V1, 0, 0, 4 * S, { fadeInUs: 500_000, fadeOutUs: 3 * S });
    const [left, right] = putClips(splitClip(project([a]), 'clip:a', 2 * S));
    expect(left).toMatchObject({ fadeInUs: 500_000, fadeOutUs: 0 });
    expect(right).toMatchObject({ fadeInUs: 0, fadeOutUs: 2 * S });
    const long = clip('b', V1, 0, 0, 4 * S, { fadeInUs: 3 * S });
    expect(putClips(splitClip(project([long]), 'clip:b', 1 * S))[0]).toMatchObject({ outUs: 1 * S, fadeInUs: 1 * S });
  });

  it('splits the picture’s fades and motion as the whole clip had them: no fade out and in at the cut, no jump in a slow zoom', () => {
    const a = clip('a', V1, 0, 2 * S, 6 * S, { picture: { opacity: 0.8, fadeInUs: 500_000, fadeOutUs: 3 * S, scale: 1, end: { scale: 2, x: 0.3, y: 0.5 } } });
    const [left, right] = putClips(splitClip(project([a]), 'clip:a', S));
    expect(left!.picture).toEqual({ opacity: 0.8, fadeInUs: 500_000, fadeOutUs: 0, scale: 1, end: { scale: 1.25, x: 0.45, y: 0.5 } });
    expect(right!.picture).toEqual({ opacity: 0.8, fadeInUs: 0, fadeOutUs: 3 * S, scale: 1.25, x: 0.45, y: 0.5, end: { scale: 2, x: 0.3, y: 0.5 } });
    // A fade longer than its half is cut to it.
    expect(putClips(splitClip(project([a]), 'clip:a', 3 * S))[1]!.picture).toMatchObject({ fadeInUs: 0, fadeOutUs: S });
  });

  it('refuses cuts at or outside the edges, halves under a frame, locked clips and unknown ids', () => {
    const a = clip('a', V1, 1 * S, 0, 2 * S);
    const odd = clip('odd', V1, 5 * S, 0, 1_010_000, { assetId: 'asset:odd' });
    const locked = clip('l', LK, 0, 0, 5 * S);
    const p = project([a, odd, locked]);
    expect(splitClip(p, 'clip:a', 1 * S)).toBeNull();
    expect(splitClip(p, 'clip:a', 1_010_000)).toBeNull(); // snaps back onto the start
    expect(splitClip(p, 'clip:a', 3 * S)).toBeNull();
    expect(splitClip(p, 'clip:a', 4 * S)).toBeNull();
    expect(splitClip(p, 'clip:odd', 6 * S)).toBeNull(); // would leave 10 ms on the right
    expect(splitClip(p, 'clip:l', 2 * S)).toBeNull();
    expect(splitClip(p, 'clip:nope', 2 * S)).toBeNull();
    expect(splitClip(p, 'clip:a', Number.NaN)).toBeNull();
  });
});

describe('splitAt', () => {
  const a = clip('a', V1, 0, 0, 4 * S);
  const b = clip('b', A1, 1 * S, 0, 4 * S);
  const c = clip('c', V2, 3 * S, 0, 4 * S); // starts after the cut
  const l = clip('l', LK, 0, 0, 4 * S);

  it('splits every clip under the playhead on unlocked tracks', () => {
    expect(splitAt(project([a, b, c, l]), 2 * S)).toEqual({
      put: [
        { ...a, outUs: 2 * S },
        { ...a, id: 'clip:new1', startUs: 2 * S, inUs: 2 * S },
        { ...b, outUs: 1 * S },
        { ...b, id: 'clip:new2', startUs: 2 * S, inUs: 1 * S },
      ],
    });
  });

  it('splits only the given clips', () => {
    const change = splitAt(project([a, b, c, l]), 2 * S, ['clip:b', 'clip:c', 'clip:l']);
    expect(putClips(change).map((x) => x.id)).toEqual(['clip:b', 'clip:new1']);
  });

  it('splits a given clip’s detached sound, or the picture it was detached from, with it (not on a locked track), so ripple edits still find the pair', () => {
    const picture = clip('picture', V1, S, 2 * S, 6 * S, { volume: 0 });
    const sound = clip('sound', A1, S, 2 * S, 6 * S);
    const longer = clip('longer', V2, S, 2 * S, 7 * S); // the same media over another span: not its pair
    const locked = clip('locked', LK, S, 2 * S, 6 * S);
    for (const given of ['clip:picture', 'clip:sound'] as const) {
      const p = apply(project([picture, sound, longer, locked]), splitAt(project([picture, sound, longer, locked]), 3 * S, [given]));
      const spans = (trackId: TrackId) => p.clips.filter((x) => x.trackId === trackId).map((x) => [x.startUs, x.inUs, x.outUs]);
      expect(spans(V1)).toEqual([
        [S, 2 * S, 4 * S],
        [3 * S, 4 * S, 6 * S],
      ]);
      expect(spans(A1)).toEqual(spans(V1));
      expect(spans(V2)).toEqual([[S, 2 * S, 7 * S]]);
      expect(spans(LK)).toEqual([[S, 2 * S, 6 * S]]);
    }
  });

  it('returns null when nothing editable is under the playhead', () => {
    expect(splitAt(project([a, b, c, l]), 9 * S)).toBeNull();
    expect(splitAt(project([l]), 2 * S)).toBeNull();
  });
});

describe('moveClips', () => {
  it('shifts the group by the frame-snapped delta, keeping offsets', () => {
    const a = clip('a', V1, 0, 0, 2 * S);
    const b = clip('b', A1, 2 * S, 0, 2 * S);
    expect(moveClips(project([a, b]), ['clip:a', 'clip:b'], 1_010_000)).toEqual({
      put: [
        { ...a, startUs: 1 * S },
        { ...b, startUs: 3 * S },
      ],
    });
  });

  it('lands the earliest clip on the 29.97 grid', () => {
    const a = clip('a', V1, 1_001_000, 0, 2 * S);
    const b = clip('b', V1, 2_002_000, 0, 2 * S);
    const moved = putClips(moveClips(project([a, b], NTSC), ['clip:a', 'clip:b'], 33_000));
    expect(moved.map((x) => x.startUs)).toEqual([1_034_367, 2_035_367]); // frame 31, and the same 33 367 µs later
  });

  it('clamps the group so that its earliest start stays at 0', () => {
    const a = clip('a', V1, 1 * S, 0, 2 * S);
    const b = clip('b', V1, 4 * S, 0, 2 * S);
    expect(putClips(moveClips(project([a, b]), ['clip:a', 'clip:b'], -5 * S)).map((x) => x.startUs)).toEqual([0, 3 * S]);
  });

  it('returns null for no movement (and does not pull off-grid clips onto the grid)', () => {
    const a = clip('a', V1, 1_010_000, 0, 2 * S);
    const p = project([a]);
    expect(moveClips(p, ['clip:a'], 0)).toBeNull();
    expect(moveClips(p, ['clip:a'], 0, V1)).toBeNull();
    expect(moveClips(project([clip('z', V1, 0, 0, S)]), ['clip:z'], -S)).toBeNull();
  });

  it('moves to another track when its kind accepts every clip', () => {
    const a = clip('a', V1, 0, 0, 2 * S);
    const s = clip('s', A1, 3 * S, 0, 2 * S, { assetId: 'asset:snd' });
    const p = project([a, s]);
    expect(moveClips(p, ['clip:a'], 0, A1)).toEqual({ put: [{ ...a, trackId: A1 }] });
    expect(moveClips(p, ['clip:a'], 0, V2)).toEqual({ put: [{ ...a, trackId: V2 }] });
    expect(moveClips(p, ['clip:s'], 0, V1)).toBeNull();
    expect(moveClips(p, ['clip:a', 'clip:s'], 0, V2)).toBeNull(); // one refusal refuses the move
    expect(moveClips(p, ['clip:a', 'clip:s'], S, A1)).toEqual({
      put: [
        { ...a, trackId: A1, startUs: S },
        { ...s, trackId: A1, startUs: 4 * S },
      ],
    });
  });

  it('refuses locked and unknown target tracks', () => {
    const p = project([clip('a', V1, 0, 0, 2 * S)]);
    expect(moveClips(p, ['clip:a'], S, LK)).toBeNull();
    expect(moveClips(p, ['clip:a'], S, 'track:nope')).toBeNull();
  });

  it('leaves clips on locked tracks where they are', () => {
    const a = clip('a', V1, 0, 0, 2 * S);
    const l = clip('l', LK, 0, 0, 2 * S);
    const p = project([a, l]);
    expect(moveClips(p, ['clip:a', 'clip:l'], S)).toEqual({ put: [{ ...a, startUs: S }] });
    expect(moveClips(p, ['clip:l'], S)).toBeNull();
    expect(moveClips(p, ['clip:nope'], S)).toBeNull();
  });
});

describe('trimClipsBy', () => {
  it('moves the same edge of each clip by the delta, each with trimClip\'s clamps, skipping locked tracks', () => {
    const a = clip('a', V1, 3 * S, 2 * S, 8 * S);
    const b = clip('b', V2, 0, 0, 10 * S);
    const c = clip('c', LK, 0, 0, 2 * S);
    const p = project([a, b, c]);
    // b cannot end later (its media ends) nor start earlier (the timeline starts): only a changes.
    expect(trimClipsBy(p, ['clip:a', 'clip:b', 'clip:c'], 'end', 1_000_000)).toEqual({ put: [{ ...a, outUs: 9 * S }] });
    expect(trimClipsBy(p, ['clip:a', 'clip:b'], 'start', 1_000_000)).toEqual({ put: [{ ...a, startUs: 4 * S, inUs: 3 * S }, { ...b, startUs: 1 * S, inUs: 1 * S }] });
    expect(trimClipsBy(p, ['clip:b', 'clip:c'], 'start', -1_000_000)).toBeNull();
  });
});

describe('trimClip', () => {
  // Source 2 s – 8 s of a 10 s asset, shown from 3 s to 9 s.
  const a = clip('a', V1, 3 * S, 2 * S, 8 * S);

  it('moves the start edge and the in point together', () => {
    expect(trimClip(project([a]), 'clip:a', 'start', 2_010_000)).toEqual({ put: [{ ...a, startUs: 2 * S, inUs: 1 * S }] });
    expect(trimClip(project([a]), 'clip:a', 'start', 4 * S)).toEqual({ put: [{ ...a, startUs: 4 * S, inUs: 3 * S }] });
  });

  it('moves the end edge by changing the out point', () => {
    expect(trimClip(project([a]), 'clip:a', 'end', 5_010_000)).toEqual({ put: [{ ...a, outUs: 4 * S }] });
  });

  it('clamps to the source media', () => {
    expect(trimClip(project([a]), 'clip:a', 'start', 0)).toEqual({ put: [{ ...a, startUs: 1 * S, inUs: 0 }] });
    expect(trimClip(project([a]), 'clip:a', 'end', 100 * S)).toEqual({ put: [{ ...a, outUs: 10 * S }] });
  });

  it('clamps the start to the timeline origin', () => {
    const early = clip('e', V1, 1 * S, 5 * S, 8 * S);
    expect(trimClip(project([early]), 'clip:e', 'start', -3 * S)).toEqual({ put: [{ ...early, startUs: 0, inUs: 4 * S }] });
  });

  it('keeps at least one frame', () => {
    expect(trimClip(project([a]), 'clip:a', 'start', 20 * S)).toEqual({ put: [{ ...a, startUs: 8_966_667, inUs: 7_966_667 }] });
    expect(trimClip(project([a]), 'clip:a', 'end', 0)).toEqual({ put: [{ ...a, outUs: 2_033_333 }] });
  });

  it('snaps to the 29.97 grid and keeps a whole 29.97 frame', () => {
    const b = clip('b', V1, 1_001_000, 0, 5 * S);
    const p = project([b], NTSC);
    expect(trimClip(p, 'clip:b', 'end', 3 * S)).toEqual({ put: [{ ...b, outUs: 2_002_000 }] });
    expect(trimClip(p, 'clip:b', 'end', 0)).toEqual({ put: [{ ...b, outUs: 33_367 }] }); // frame 31 starts at 1 034 367
    const c = clip('c', V1, 0, 0, 1_001_000);
    expect(trimClip(project([c], NTSC), 'clip:c', 'start', 5 * S)).toEqual({ put: [{ ...c, startUs: 967_633, inUs: 967_633 }] });
  });

  it('shortens fades that no longer fit, the trimmed edge first', () => {
    const f = clip('f', V1, 0, 0, 4 * S, { fadeInUs: 1 * S, fadeOutUs: 2 * S });
    expect(putClips(trimClip(project([f]), 'clip:f', 'end', 2_500_000))[0]).toMatchObject({ outUs: 2_500_000, fadeInUs: 1 * S, fadeOutUs: 1_500_000 });
    expect(putClips(trimClip(project([f]), 'clip:f', 'start', 1_500_000))[0]).toMatchObject({ inUs: 1_500_000, fadeInUs: 500_000, fadeOutUs: 2 * S });
  });

  it('refuses locked and unknown clips and no-op trims', () => {
    const l = clip('l', LK, 0, 0, 2 * S);
    const p = project([a, l]);
    expect(trimClip(p, 'clip:l', 'end', S)).toBeNull();
    expect(trimClip(p, 'clip:nope', 'end', S)).toBeNull();
    expect(trimClip(p, 'clip:a', 'end', 9 * S)).toBeNull();
    expect(trimClip(p, 'clip:a', 'start', 3_010_000)).toBeNull();
    expect(trimClip(project([clip('z', V1, 0, 4 * S, 10 * S)]), 'clip:z', 'end', 20 * S)).toBeNull(); // already at the source end
  });
});

describe('deleteClips', () => {
  it('removes the clips, except those on locked tracks', () => {
    const p = project([clip('a', V1, 0, 0, S), clip('b', A1, 0, 0, S), clip('l', LK, 0, 0, S)]);
    expect(deleteClips(p, ['clip:a', 'clip:l', 'clip:b', 'clip:nope'])).toEqual({ remove: ['clip:a', 'clip:b'] });
    expect(deleteClips(p, ['clip:l'])).toBeNull();
    expect(deleteClips(p, ['clip:nope'])).toBeNull();
  });
});

describe('rippleDelete', () => {
  const a = clip('a', V1, 0, 0, 2 * S);
  const b = clip('b', V1, 2 * S, 0, 3 * S);
  const c = clip('c', V1, 6 * S, 0, 2 * S);
  const d = clip('d', A1, 0, 0, 1 * S);
  const e = clip('e', A1, 1 * S, 0, 2 * S);
  const f = clip('f', A1, 4 * S, 0, 1 * S);
  const g = clip('g', V2, 10 * S, 0, 1 * S);

  it('closes up behind deleted clips on each of two tracks, leaving other tracks alone', () => {
    const p = project([a, b, c, d, e, f, g]);
    const change = rippleDelete(p, ['clip:b', 'clip:e']);
    expect(change).toEqual({
      put: [
        { ...c, startUs: 3 * S },
        { ...f, startUs: 2 * S },
      ],
      remove: ['clip:b', 'clip:e'],
    });
    const after = apply(p, change);
    expect(after.clips.map((x) => [x.id, x.startUs])).toEqual([
      ['clip:a', 0],
      ['clip:d', 0],
      ['clip:f', 2 * S],
      ['clip:c', 3 * S],
      ['clip:g', 10 * S],
    ]);
  });

  it('moves each clip by the total deleted length before it', () => {
    const p = project([a, b, c, clip('h', V1, 9 * S, 0, S)]);
    expect(rippleDelete(p, ['clip:a', 'clip:c'])).toEqual({
      put: [
        { ...b, startUs: 0 },
        { ...clip('h', V1, 9 * S, 0, S), startUs: 5 * S },
      ],
      remove: ['clip:a', 'clip:c'],
    });
  });

  it('moves a clip that overlapped a deleted one back only to the deleted clip’s start', () => {
    const over = clip('over', V1, 3 * S, 0, 3 * S); // starts inside b (2 s – 5 s)
    expect(rippleDelete(project([a, b, over]), ['clip:b'])).toEqual({ put: [{ ...over, startUs: 2 * S }], remove: ['clip:b'] });
  });

  it('deletes without moving anything when nothing follows', () => {
    expect(rippleDelete(project([a, b, c]), ['clip:c'])).toEqual({ remove: ['clip:c'] });
  });

  it('takes a clip’s detached sound, or its picture, with it, closing up both tracks alike (a locked pair stays, other tracks too)', () => {
    const picture = clip('picture', V1, 0, 0, 2 * S, { volume: 0 });
    const sound = clip('sound', A1, 0, 0, 2 * S);
    const nextPicture = clip('nextPicture', V1, 2 * S, 2 * S, 6 * S, { volume: 0 });
    const nextSound = clip('nextSound', A1, 2 * S, 2 * S, 6 * S);
    const title = clip('title', V2, 3 * S, 0, S);
    const locked = clip('locked', LK, 0, 0, 2 * S);
    const p0 = project([picture, sound, nextPicture, nextSound, title, locked]);
    for (const given of ['clip:picture', 'clip:sound'] as const) {
      const p = apply(p0, rippleDelete(p0, [given]));
      expect(Object.fromEntries(p.clips.map((x) => [x.id, x.startUs]))).toEqual({ 'clip:nextPicture': 0, 'clip:nextSound': 0, 'clip:title': 3 * S, 'clip:locked': 0 });
    }
  });

  it('refuses clips on locked tracks and unknown ids', () => {
    const l = clip('l', LK, 0, 0, S);
    const m = clip('m', LK, 2 * S, 0, S);
    expect(rippleDelete(project([l, m]), ['clip:l'])).toBeNull();
    expect(rippleDelete(project([a]), ['clip:nope'])).toBeNull();
  });
});

describe('closeGap', () => {
  const a = clip('a', V1, 0, 0, 2 * S);
  const b = clip('b', V1, 3 * S, 0, 2 * S);
  const c = clip('c', V1, 6 * S, 0, 1 * S);
  const other = clip('o', A1, 4 * S, 0, 1 * S);

  it('moves every clip after the gap left by its length', () => {
    expect(closeGap(project([a, b, c, other]), V1, 2_500_000)).toEqual({
      put: [
        { ...b, startUs: 2 * S },
        { ...c, startUs: 5 * S },
      ],
    });
    expect(closeGap(project([a, b, c, other]), V1, 5 * S)).toEqual({ put: [{ ...c, startUs: 5 * S }] });
  });

  it('closes the gap before the first clip', () => {
    expect(closeGap(project([b, c]), V1, 1 * S)).toEqual({
      put: [
        { ...b, startUs: 0 },
        { ...c, startUs: 3 * S },
      ],
    });
  });

  it('closes the same span on the track of a later clip’s detached sound, or picture, so the two stay in step (a locked one stays)', () => {
    const sound = clip('sound', A1, 0, 0, 2 * S);
    const laterSound = clip('laterSound', A1, 3 * S, 0, 2 * S); // b’s pair
    const pairs = [a, b, sound, laterSound, clip('title', V2, 4 * S, 0, S)];
    for (const [trackId, atUs] of [
      [V1, 2_500_000],
      [A1, 2_500_000],
    ] as const) {
      const p = apply(project(pairs), closeGap(project(pairs), trackId, atUs));
      expect(Object.fromEntries(p.clips.map((x) => [x.id, x.startUs]))).toEqual({ 'clip:a': 0, 'clip:b': 2 * S, 'clip:sound': 0, 'clip:laterSound': 2 * S, 'clip:title': 4 * S });
    }
    const lockedPair = clip('lockedPair', LK, 3 * S, 0, 2 * S);
    expect(closeGap(project([a, b, lockedPair]), V1, 2_500_000)).toEqual({ put: [{ ...b, startUs: 2 * S }] });
  });

  it('closes nothing where a later clip’s pair has something in the gap’s span on its track (it could not move up)', () => {
    const longerSound = clip('longerSound', A1, 0, 0, 2_500_000); // runs on into the picture’s gap (an L-cut)
    const laterSound = clip('laterSound', A1, 3 * S, 0, 2 * S);
    expect(closeGap(project([a, b, longerSound, laterSound]), V1, 2_500_000)).toBeNull();
    // The sound track's own, shorter gap closes both by its length.
    const p = apply(project([a, b, longerSound, laterSound]), closeGap(project([a, b, longerSound, laterSound]), A1, 2_700_000));
    expect(Object.fromEntries(p.clips.map((x) => [x.id, x.startUs]))).toEqual({ 'clip:a': 0, 'clip:b': 2_500_000, 'clip:longerSound': 0, 'clip:laterSound': 2_500_000 });
  });

  it('returns null inside a clip, after the last one, on locked or unknown tracks', () => {
    const p = project([a, b, c, clip('l', LK, 3 * S, 0, S)]);
    expect(closeGap(p, V1, 1 * S)).toBeNull();
    expect(closeGap(p, V1, 3 * S)).toBeNull();
    expect(closeGap(p, V1, 8 * S)).toBeNull();
    expect(closeGap(p, LK, 1 * S)).toBeNull();
    expect(closeGap(p, 'track:nope', 1 * S)).toBeNull();
    expect(closeGap(p, V1, -1)).toBeNull();
  });
});

describe('duplicateClips', () => {
  it('copies a multi-track selection after its last end, keeping offsets and settings', () => {
    const a = clip('a', V1, 1 * S, 0, 2 * S, { volume: 0.3, fadeInUs: 100_000 });
    const d = clip('d', A1, 2 * S, 1 * S, 3 * S, { assetId: 'asset:snd' });
    const x = clip('x', V1, 8 * S, 0, S);
    expect(duplicateClips(project([a, d, x]), ['clip:a', 'clip:d'])).toEqual({
      put: [
        { ...a, id: 'clip:new1', startUs: 4 * S },
        { ...d, id: 'clip:new2', startUs: 5 * S },
      ],
    });
  });

  it('places a single copy right after the original', () => {
    const odd = clip('odd', V1, 0, 0, 1_010_000, { assetId: 'asset:odd' });
    expect(duplicateClips(project([odd]), ['clip:odd'])).toEqual({ put: [{ ...odd, id: 'clip:new1', startUs: 1_010_000 }] });
  });

  it('gives a copied title its own words, as paste does', () => {
    const t = clip('t', V1, 0, 0, S, { assetId: 'asset:title-t' });
    const base = project([t]);
    const titled = { ...base, assets: [...base.assets, { id: 'asset:title-t' as const, name: 'Hi', durationUs: 86_400 * S, hasVideo: true, hasAudio: false, text: defaultTextStyle('Hi') }] };
    const put = duplicateClips(titled, ['clip:t'])!.put!;
    const [asset, copy] = put as [Asset, Clip];
    expect(asset).toMatchObject({ name: 'Hi', text: { content: 'Hi' } });
    expect(asset.id).not.toBe('asset:title-t');
    expect(copy).toMatchObject({ assetId: asset.id, startUs: S });
  });

  it('skips clips on locked tracks', () => {
    const a = clip('a', V1, 0, 0, S);
    const l = clip('l', LK, 5 * S, 0, S);
    expect(duplicateClips(project([a, l]), ['clip:a', 'clip:l'])).toEqual({ put: [{ ...a, id: 'clip:new1', startUs: S }] });
    expect(duplicateClips(project([a, l]), ['clip:l'])).toBeNull();
    expect(duplicateClips(project([a, l]), [])).toBeNull();
  });
});

describe('slipClip', () => {
  const a = clip('a', V1, 3 * S, 2 * S, 8 * S);

  it('shifts in and out together by the frame-snapped delta', () => {
    expect(slipClip(project([a]), 'clip:a', 1_010_000)).toEqual({ put: [{ ...a, inUs: 3 * S, outUs: 9 * S }] });
    expect(slipClip(project([a], NTSC), 'clip:a', -1 * S)).toEqual({ put: [{ ...a, inUs: 2 * S - 1_001_000, outUs: 8 * S - 1_001_000 }] });
  });

  it('clamps to the source', () => {
    expect(slipClip(project([a]), 'clip:a', 5 * S)).toEqual({ put: [{ ...a, inUs: 4 * S, outUs: 10 * S }] });
    expect(slipClip(project([a]), 'clip:a', -5 * S)).toEqual({ put: [{ ...a, inUs: 0, outUs: 6 * S }] });
  });

  it('returns null when it cannot move, for locked and unknown clips', () => {
    const whole = clip('w', V1, 0, 0, 10 * S);
    expect(slipClip(project([whole]), 'clip:w', S)).toBeNull();
    expect(slipClip(project([a]), 'clip:a', 10_000)).toBeNull(); // under half a frame
    expect(slipClip(project([clip('l', LK, 0, 2 * S, 4 * S)]), 'clip:l', S)).toBeNull();
    expect(slipClip(project([a]), 'clip:nope', S)).toBeNull();
  });
});

describe('setClipSound', () => {
  const a = clip('a', V1, 0, 0, 4 * S, { fadeOutUs: 1 * S });

  it('sets volume, clamped to 0–2', () => {
    expect(setClipSound(project([a]), 'clip:a', { volume: 0.5 })).toEqual({ put: [{ ...a, volume: 0.5 }] });
    expect(setClipSound(project([a]), 'clip:a', { volume: 3 })).toEqual({ put: [{ ...a, volume: 2 }] });
    expect(setClipSound(project([a]), 'clip:a', { volume: -1 })).toEqual({ put: [{ ...a, volume: 0 }] });
  });

  it('keeps fades non-negative and together within the clip', () => {
    expect(setClipSound(project([a]), 'clip:a', { fadeInUs: 500_000.4 })).toEqual({ put: [{ ...a, fadeInUs: 500_000 }] });
    expect(setClipSound(project([a]), 'clip:a', { fadeInUs: 10 * S })).toEqual({ put: [{ ...a, fadeInUs: 3 * S }] });
    expect(setClipSound(project([a]), 'clip:a', { fadeOutUs: -5 })).toEqual({ put: [{ ...a, fadeOutUs: 0 }] });
    expect(setClipSound(project([a]), 'clip:a', { fadeInUs: 3 * S, fadeOutUs: 3 * S })).toEqual({ put: [{ ...a, fadeInUs: 3 * S, fadeOutUs: 1 * S }] });
  });

  it('returns null for no change, locked and unknown clips', () => {
    expect(setClipSound(project([a]), 'clip:a', { volume: 1, fadeOutUs: 1 * S })).toBeNull();
    expect(setClipSound(project([a]), 'clip:a', {})).toBeNull();
    expect(setClipSound(project([a]), 'clip:a', { volume: Number.NaN, fadeInUs: Number.POSITIVE_INFINITY })).toBeNull();
    expect(setClipSound(project([clip('l', LK, 0, 0, S)]), 'clip:l', { volume: 0 })).toBeNull();
    expect(setClipSound(project([a]), 'clip:nope', { volume: 0 })).toBeNull();
  });
});

describe('trimClipsTo', () => {
  const a = clip('a', V1, 0, 0, 4 * S);
  const b = clip('b', A1, S, 0, 4 * S);
  const far = clip('far', V2, 5 * S, 0, S);

  it('cuts off what lies before or after the frame-snapped time from every clip under it', () => {
    expect(putClips(trimClipsTo(project([a, b, far]), 'start', 2_010_000))).toEqual([
      { ...a, startUs: 2 * S, inUs: 2 * S },
      { ...b, startUs: 2 * S, inUs: S },
    ]);
    expect(putClips(trimClipsTo(project([a, b, far]), 'end', 3 * S))).toEqual([
      { ...a, outUs: 3 * S },
      { ...b, outUs: 2 * S },
    ]);
  });

  it('with ripple, closes the cut: the clip (cut at its start) and what follows on its track move earlier by as much', () => {
    const next = clip('n', V1, 4 * S, 0, S);
    const other = clip('o', V2, 4 * S, 0, S);
    const start = apply(project([a, next, other]), trimClipsTo(project([a, next, other]), 'start', S, undefined, true));
    expect(start.clips.filter((c) => c.trackId === V1).map((c) => [c.id, c.startUs, c.inUs, clipEndUs(c)])).toEqual([
      ['clip:a', 0, S, 3 * S],
      ['clip:n', 3 * S, 0, 4 * S],
    ]);
    expect(start.clips.find((c) => c.id === 'clip:o')!.startUs).toBe(4 * S); // another track stays
    const end = apply(project([a, next]), trimClipsTo(project([a, next]), 'end', 3 * S, ['clip:a'], true));
    expect(end.clips.map((c) => [c.id, c.startUs, clipEndUs(c)])).toEqual([
      ['clip:a', 0, 3 * S],
      ['clip:n', 3 * S, 4 * S],
    ]);
  });

  it('cuts a given clip’s detached pair alike, with Shift closing up its track too, so what follows stays in step (a locked pair stays)', () => {
    const picture = clip('picture', V1, 0, 0, 4 * S, { volume: 0 });
    const sound = clip('sound', A1, 0, 0, 4 * S);
    const nextPicture = clip('nextPicture', V1, 4 * S, 5 * S, 7 * S, { volume: 0 });
    const nextSound = clip('nextSound', A1, 4 * S, 5 * S, 7 * S);
    const music = { ...clip('music', V2, 0, 0, 4 * S), assetId: 'asset:snd' as Clip['assetId'] };
    const locked = clip('locked', LK, 0, 0, 4 * S);
    const p0 = project([picture, sound, nextPicture, nextSound, music, locked]);
    const spans = (p: Project, trackId: TrackId) => p.clips.filter((x) => x.trackId === trackId).map((x) => [x.startUs, x.inUs, clipEndUs(x)]);
    for (const [edge, ripple, v1] of [
      ['start', false, [[S, S, 4 * S], [4 * S, 5 * S, 6 * S]]],
      ['end', false, [[0, 0, S], [4 * S, 5 * S, 6 * S]]],
      ['start', true, [[0, S, 3 * S], [3 * S, 5 * S, 5 * S]]],
      ['end', true, [[0, 0, S], [S, 5 * S, 3 * S]]],
    ] as const) {
      for (const given of ['clip:picture', 'clip:sound'] as const) {
        const p = apply(p0, trimClipsTo(p0, edge, S, [given], ripple));
        expect(spans(p, V1)).toEqual(v1);
        expect(spans(p, A1)).toEqual(v1);
        expect(spans(p, V2)).toEqual(spans(p0, V2));
        expect(spans(p, LK)).toEqual(spans(p0, LK));
      }
    }
  });

  it('takes only the given clips when given, and none that the time only touches, nor locked ones', () => {
    expect(putClips(trimClipsTo(project([a, b]), 'end', 3 * S, ['clip:b']))).toEqual([{ ...b, outUs: 2 * S }]);
    expect(trimClipsTo(project([a, b]), 'start', 0)).toBeNull();
    expect(trimClipsTo(project([a]), 'end', 4 * S)).toBeNull();
    expect(trimClipsTo(project([clip('l', LK, 0, 0, 4 * S)]), 'end', 2 * S)).toBeNull();
    expect(trimClipsTo(project([a]), 'end', Number.NaN)).toBeNull();
  });
});

describe('insertFreezeFrame', () => {
  const STILL: Asset = { id: 'asset:still', name: 'vid-frame-60.png', durationUs: 5 * S, hasVideo: true, hasAudio: false };
  const a = clip('a', V1, 0, 0, 4 * S, { picture: { scale: 0.5 } });
  const b = clip('b', V1, 4 * S, 0, 2 * S);
  const above = clip('above', V2, 3 * S, 0, 2 * S);
  const spans = (p: Project, trackId: TrackId) => p.clips.filter((c) => c.trackId === trackId).map((c) => [c.assetId, c.startUs, clipEndUs(c)]);

  it('splits the clip, moves what follows 3 s later and holds the still in between, with the clip’s picture', () => {
    const p = apply(project([a, b, above]), insertFreezeFrame(project([a, b, above]), 'clip:a', 2_010_000, STILL));
    expect(spans(p, V1)).toEqual([
      ['asset:vid', 0, 2 * S],
      ['asset:still', 2 * S, 5 * S],
      ['asset:vid', 5 * S, 7 * S],
      ['asset:vid', 7 * S, 9 * S],
    ]);
    expect(p.clips.find((c) => c.assetId === 'asset:still')!.picture).toEqual({ scale: 0.5 });
    expect(p.clips.find((c) => c.trackId === V1 && c.startUs === 5 * S)!.inUs).toBe(2 * S);
    expect(spans(p, V2)).toEqual([['asset:vid', 6 * S, 8 * S]]); // after the point on another track: 3 s later too
    expect(p.assets.map((x) => x.id)).toContain('asset:still');
  });

  it('is an insert edit on every unlocked track: a detached sound across the point splits there and stays in step, silent during the hold', () => {
    const sound = clip('sound', A1, 0, 0, 4 * S, { fadeOutUs: S });
    const music = clip('music', A1, 4 * S, 0, 2 * S);
    const title = clip('title', V2, S, 0, 2 * S); // 1 s – 3 s, across the point
    const locked = clip('locked', LK, 3 * S, 0, S);
    const before = { ...project([a, b, sound, music, title, locked]), markers: [{ id: 'marker:m' as const, timeUs: 3 * S, label: '' }] };
    const p = apply(before, insertFreezeFrame(before, 'clip:a', 2 * S, STILL));
    expect(spans(p, A1)).toEqual([
      ['asset:vid', 0, 2 * S],
      ['asset:vid', 5 * S, 7 * S],
      ['asset:vid', 7 * S, 9 * S],
    ]);
    // The sound's second part plays what the picture's does, from the same source time.
    const [picture, heard] = [p.clips.find((c) => c.trackId === V1 && c.startUs === 5 * S)!, p.clips.find((c) => c.trackId === A1 && c.startUs === 5 * S)!];
    expect([heard.inUs, heard.outUs, heard.fadeOutUs]).toEqual([picture.inUs, picture.outUs, S]);
    expect(spans(p, V2)).toEqual([
      ['asset:vid', S, 2 * S],
      ['asset:vid', 5 * S, 6 * S],
    ]);
    // A locked track is never changed, and markers stay where they are, as ripple delete and Shift+Q/W leave them.
    expect(spans(p, LK)).toEqual([['asset:vid', 3 * S, 4 * S]]);
    expect(p.markers).toEqual(before.markers);
  });

  it('moves everything by exactly the hold’s length where frames are not a whole number of µs', () => {
    const ntsc = (clips: Clip[]) => project(clips, NTSC);
    const long = clip('long', V1, 0, 0, 9 * S);
    const sound = clip('sound', A1, 0, 0, 9 * S);
    const at = frameTimeUs(1, NTSC);
    // A one-frame hold (33367 µs) from frame 1 ends 1 µs past frame 2: snapped to the grid, what follows would overlap it.
    const p = apply(ntsc([long, sound]), insertFreezeFrame(ntsc([long, sound]), 'clip:long', at, STILL, 40_000));
    const hold = p.clips.find((c) => c.assetId === 'asset:still')!;
    expect(p.clips.filter((c) => c.startUs > at).map((c) => c.startUs)).toEqual([clipEndUs(hold), clipEndUs(hold)]);
  });

  it('holds the first frame before the clip, and the last one after it; a short still holds as long as it lasts', () => {
    expect(spans(apply(project([a, b]), insertFreezeFrame(project([a, b]), 'clip:b', 4 * S, STILL, S)), V1)).toEqual([
      ['asset:vid', 0, 4 * S],
      ['asset:still', 4 * S, 5 * S],
      ['asset:vid', 5 * S, 7 * S],
    ]);
    // A clip ending 10 ms past a frame: in that sliver there is nothing to split off, so the hold follows the clip.
    const ragged = clip('r', V1, 0, 0, 4_010_000);
    expect(spans(apply(project([ragged]), insertFreezeFrame(project([ragged]), 'clip:r', 4 * S, STILL)), V1)).toEqual([
      ['asset:vid', 0, 4_010_000],
      ['asset:still', 4_010_000, 7_010_000],
    ]);
    const short = { ...STILL, durationUs: S };
    expect(spans(apply(project([a]), insertFreezeFrame(project([a]), 'clip:a', 0, short)), V1)[0]).toEqual(['asset:still', 0, S]);
  });

  it('holds the picture still as it stands at the frame: no fades of the clip’s, a slow zoom stopped where it has got to', () => {
    const moving = clip('m', V1, 0, 0, 4 * S, { picture: { rotation: 90, fadeInUs: S, fadeOutUs: S, end: { scale: 3, x: 0.5, y: 0.5 } } });
    const hold = (atUs: number) => apply(project([moving]), insertFreezeFrame(project([moving]), 'clip:m', atUs, STILL)).clips.find((c) => c.assetId === 'asset:still')!.picture;
    expect(hold(2 * S)).toEqual({ rotation: 90, scale: 2, x: 0.5, y: 0.5 });
    expect(hold(0)).toEqual({ rotation: 90, scale: 1, x: 0.5, y: 0.5 });
  });

  it('does nothing outside the clip, or on a locked track', () => {
    expect(insertFreezeFrame(project([a]), 'clip:a', 4 * S, STILL)).toBeNull();
    expect(insertFreezeFrame(project([clip('l', LK, 0, 0, S)]), 'clip:l', 0, STILL)).toBeNull();
    expect(insertFreezeFrame(project([a]), 'clip:nope', 0, STILL)).toBeNull();
  });
});

describe('addClipOnFreeAudioTrack', () => {
  const VOICE: Asset = { id: 'asset:voice', name: 'voice-over.webm', durationUs: 2 * S, hasVideo: false, hasAudio: true };

  it('places the whole asset on the first audio track free for its length, adding the asset record', () => {
    const change = addClipOnFreeAudioTrack(project([]), VOICE, 3 * S);
    expect(change?.put).toEqual([VOICE, { id: 'clip:new1', assetId: 'asset:voice', trackId: A1, startUs: 3 * S, inUs: 0, outUs: 2 * S, volume: 1, fadeInUs: 0, fadeOutUs: 0 }]);
  });

  it('takes a new audio track where the audio tracks are busy then', () => {
    const music = { ...clip('music', A1, 0, 0, 4 * S), assetId: 'asset:snd' as Clip['assetId'] };
    const withVoice = apply(project([music]), { put: [VOICE] });
    const p = apply(withVoice, addClipOnFreeAudioTrack(withVoice, VOICE, 3 * S));
    expect(p.tracks.map((t) => t.name)).toEqual(['Video 2', 'Video 1', 'Audio 1', 'Audio 2', 'Locked']);
    expect(p.clips.filter((c) => c.assetId === 'asset:voice').map((c) => [p.tracks.find((t) => t.id === c.trackId)!.name, c.startUs])).toEqual([['Audio 2', 3 * S]]);
    expect(p.assets.filter((a) => a.id === 'asset:voice')).toHaveLength(1);
  });
});

describe('detachSound', () => {
  const talk = clip('talk', V1, S, 2 * S, 6 * S, { volume: 0.8, fadeInUs: 100_000, fadeOutUs: 200_000, speed: 2, picture: { scale: 0.5 } });

  it('gives the sound its own clip on the audio track, same span and sound, and turns the picture clip to volume 0', () => {
    const change = detachSound(project([talk]), ['clip:talk']);
    expect(change).toEqual({
      put: [
        { id: 'clip:new1', assetId: 'asset:vid', trackId: A1, startUs: S, inUs: 2 * S, outUs: 6 * S, volume: 0.8, fadeInUs: 100_000, fadeOutUs: 200_000, speed: 2 },
        { ...talk, volume: 0 },
      ],
    });
    const after = apply(project([talk]), change);
    expect(clipEndUs(after.clips.find((c) => c.id === 'clip:new1')!)).toBe(clipEndUs(talk));
  });

  it('takes the ducking with the sound: the detached voice still lowers the music, the silent picture does not', () => {
    const voice = { ...talk, duckOthers: true };
    const music = { ...clip('music', A1, 0, 0, 8 * S), assetId: 'asset:snd' as Clip['assetId'] };
    const p = apply(project([voice, music]), detachSound(project([voice, music]), ['clip:talk']));
    expect(p.clips.find((c) => c.id === 'clip:talk')!.duckOthers).toBeUndefined();
    const sound = p.clips.find((c) => c.assetId === 'asset:vid' && c.id !== 'clip:talk')!;
    expect(sound.duckOthers).toBe(true);
    const musicGain = spanGain(planAudioSpans(p, 1000).find((s) => s.clip.id === 'clip:music')!.shape, 2000);
    expect(musicGain).toBe(DUCK_GAIN);
  });

  it('takes a new audio track where the audio tracks are busy then, one for each clip that needs it, in one change', () => {
    const music = { ...clip('music', A1, 0, 0, 4 * S), assetId: 'asset:snd' as Clip['assetId'] };
    const over = clip('over', V2, S, 0, 2 * S);
    const p = apply(project([talk, over, music]), detachSound(project([talk, over, music]), ['clip:talk', 'clip:over']));
    expect(p.tracks.map((t) => t.name)).toEqual(['Video 2', 'Video 1', 'Audio 1', 'Audio 2', 'Audio 3', 'Locked']);
    const onTrack = (name: string) => p.clips.filter((c) => c.trackId === p.tracks.find((t) => t.name === name)!.id).map((c) => [c.assetId, c.startUs, c.volume]);
    expect(onTrack('Audio 2')).toEqual([['asset:vid', S, 0.8]]);
    expect(onTrack('Audio 3')).toEqual([['asset:vid', S, 1]]);
    expect(p.clips.filter((c) => c.trackId === V1 || c.trackId === V2).map((c) => c.volume)).toEqual([0, 0]);
  });

  it('keeps the sound’s transition: detached clips that crossfaded still crossfade on the audio track', () => {
    const first = clip('first', V1, 0, 0, 2 * S);
    const second = clip('second', V1, 2 * S, 4 * S, 6 * S);
    const fade: Transition = { id: 'transition:x' as Transition['id'], kind: 'crossfade', fromClipId: 'clip:first', toClipId: 'clip:second', durationUs: 500_000 };
    const before = { ...project([first, second]), transitions: [fade] };
    const p = apply(before, detachSound(before, ['clip:first', 'clip:second']));
    const sounds = p.clips.filter((c) => c.trackId === A1).sort((a, b) => a.startUs - b.startUs);
    expect(sounds).toHaveLength(2);
    expect(p.transitions).toHaveLength(2);
    expect(p.transitions.find((t) => t.id !== fade.id)).toMatchObject({ kind: 'crossfade', fromClipId: sounds[0]!.id, toClipId: sounds[1]!.id, durationUs: 500_000 });
  });

  it('keeps sound from a muted track unheard: it goes to a muted audio track', () => {
    const base = project([talk]);
    const muted = { ...base, tracks: base.tracks.map((t) => (t.id === V1 ? { ...t, muted: true } : t)) };
    const p = apply(muted, detachSound(muted, ['clip:talk']));
    const soundTrack = p.tracks.find((t) => t.id === p.clips.find((c) => c.id !== 'clip:talk')!.trackId)!;
    expect(soundTrack).toMatchObject({ kind: 'audio', muted: true, name: 'Audio 2' });
  });

  it('leaves clips without both picture and sound, on an audio track, silent or locked alone', () => {
    const sndOnly = { ...clip('snd', V1, 0, 0, S), assetId: 'asset:snd' as Clip['assetId'] };
    const pictureOnly = { ...clip('odd', V1, S, 0, S), assetId: 'asset:odd' as Clip['assetId'] };
    const others = [sndOnly, pictureOnly, clip('a', A1, 0, 0, S), clip('silent', V2, 0, 0, S, { volume: 0 }), clip('l', LK, 0, 0, S)];
    expect(detachSound(project(others), ['clip:snd', 'clip:odd', 'clip:a', 'clip:silent', 'clip:l', 'clip:nope'])).toBeNull();
  });
});

describe('normalizeLoudness', () => {
  const loud = clip('loud', V1, 0, 0, 4 * S);
  const quiet = clip('quiet', V1, 4 * S, 0, 4 * S, { volume: 0.5 });
  const lufs: Record<string, number | null> = { 'clip:loud': -8, 'clip:quiet': -30, 'clip:silent': Number.NEGATIVE_INFINITY, 'clip:none': null };
  const lufsOf = (c: Clip) => lufs[c.id];

  it('sets each volume so the clip plays at −14 LUFS, in one change, at most +6 dB', () => {
    const change = normalizeLoudness(project([loud, quiet]), ['clip:loud', 'clip:quiet'], lufsOf);
    // −8 LUFS down 6 dB: 10^(−6/20); −30 LUFS needs +16 dB, and +6 dB (volume 2) is the most.
    expect(putClips(change)).toEqual([
      { ...loud, volume: 0.5012 },
      { ...quiet, volume: 2 },
    ]);
  });

  it('leaves a clip at volume 0 silent: its sound was turned off (or detached to a clip of its own)', () => {
    expect(normalizeLoudness(project([{ ...loud, volume: 0 }]), ['clip:loud'], lufsOf)).toBeNull();
    expect(putClips(normalizeLoudness(project([{ ...loud, volume: 0 }, quiet]), ['clip:loud', 'clip:quiet'], lufsOf)).map((c) => c.id)).toEqual(['clip:quiet']);
  });

  it('takes another target', () => {
    expect(putClips(normalizeLoudness(project([loud]), ['clip:loud'], lufsOf, -23))[0]!.volume).toBe(0.1778);
  });

  it('leaves clips without a loudness (no sound, silence, not analysed), locked ones and unchanged ones alone', () => {
    const others = [clip('silent', V1, 0, 0, S), clip('none', V2, 0, 0, S), clip('loud', LK, 0, 0, S), clip('quiet', V1, S, 0, S, { volume: 2 })];
    expect(normalizeLoudness(project(others), ['clip:silent', 'clip:none', 'clip:loud', 'clip:quiet', 'clip:nope'], lufsOf)).toBeNull();
    expect(normalizeLoudness(project([loud]), ['clip:loud'], () => undefined)).toBeNull();
  });
});

describe('removeTrack', () => {
  it('removes a track with its clips and their transitions, in one change', () => {
    const a = clip('a', V2, 0, 0, S);
    const b = clip('b', V2, S, 0, S);
    const keep = clip('k', V1, 0, 0, S);
    const p = { ...project([a, b, keep]), transitions: [{ id: 'transition:t' as const, fromClipId: a.id, toClipId: b.id, kind: 'crossfade' as const, durationUs: 500_000 }] };
    const after = apply(p, removeTrack(p, V2));
    expect(after.tracks.map((t) => t.id)).toEqual([V1, A1, LK]);
    expect(after.clips.map((c) => c.id)).toEqual([keep.id]);
    expect(after.transitions).toEqual([]);
  });

  it('keeps a locked track and the last video track', () => {
    expect(removeTrack(project([]), LK)).toBeNull();
    const oneVideo = { ...project([]), tracks: project([]).tracks.filter((t) => t.id === V1 || t.id === A1) };
    expect(removeTrack(oneVideo, V1)).toBeNull();
    expect(removeTrack(oneVideo, A1)).not.toBeNull();
    expect(removeTrack(project([]), 'track:nope' as TrackId)).toBeNull();
  });
});

describe('the timeline is at most a day long', () => {
  it('moves no clip to end past a day', () => {
    const a = clip('a', V1, 0, 0, 4 * S);
    expect(putClips(moveClips(project([a]), ['clip:a'], 1e15))[0]!.startUs).toBe(86_400_000_000 - 4 * S);
  });
});

describe('markers', () => {
  it('adds a marker at the frame-snapped time, not before 0', () => {
    expect(addMarker(project([]), 1_010_000, 'Intro')).toEqual({ put: [{ id: 'marker:new1', timeUs: 1 * S, label: 'Intro' }] });
    expect(addMarker(project([], NTSC), 1 * S)).toEqual({ put: [{ id: 'marker:new2', timeUs: 1_001_000, label: '' }] });
    expect(addMarker(project([]), -S)).toEqual({ put: [{ id: 'marker:new3', timeUs: 0, label: '' }] });
  });

  it('does not stack a second marker on the same time; removes by id', () => {
    const p = apply(project([]), addMarker(project([]), 2 * S, 'A'));
    expect(p.markers).toEqual([{ id: 'marker:new1', timeUs: 2 * S, label: 'A' }]);
    expect(addMarker(p, 2_010_000)).toBeNull();
    expect(removeMarker(p, 'marker:new1')).toEqual({ remove: ['marker:new1'] });
    expect(removeMarker(p, 'marker:nope')).toBeNull();
  });
});

describe('setTrackFlag', () => {
  it('sets each flag, and can unlock a locked track', () => {
    const p = project([]);
    const v1 = p.tracks[1];
    expect(setTrackFlag(p, V1, 'muted', true)).toEqual({ put: [{ ...v1, muted: true }] });
    expect(setTrackFlag(p, V1, 'solo', true)).toEqual({ put: [{ ...v1, solo: true }] });
    expect(setTrackFlag(p, V1, 'hidden', true)).toEqual({ put: [{ ...v1, hidden: true }] });
    expect(setTrackFlag(p, V1, 'locked', true)).toEqual({ put: [{ ...v1, locked: true }] });
    expect(apply(p, setTrackFlag(p, LK, 'locked', false)).tracks[3]?.locked).toBe(false);
  });

  it('returns null for no change or an unknown track', () => {
    const p = project([]);
    expect(setTrackFlag(p, V1, 'muted', false)).toBeNull();
    expect(setTrackFlag(p, LK, 'locked', true)).toBeNull();
    expect(setTrackFlag(p, 'track:nope', 'muted', true)).toBeNull();
  });

  it('locking a track makes its clips uneditable', () => {
    const p = project([clip('a', V1, 0, 0, 2 * S)]);
    const locked = apply(p, setTrackFlag(p, V1, 'locked', true));
    expect(splitClip(locked, 'clip:a', S)).toBeNull();
    expect(splitClip(p, 'clip:a', S)).not.toBeNull();
  });
});

describe('addTrack', () => {
  it('adds a video track above the video tracks and updates the order', () => {
    const p = deepFreeze(emptyProject('Film'));
    const change = addTrack(p, 'video');
    expect(change).toEqual({
      put: [
        { id: 'track:new1', kind: 'video', name: 'Video 2', muted: false, solo: false, locked: false, hidden: false },
        { id: 'document', name: 'Film', output: p.output, trackOrder: ['track:new1', 'track:v1', 'track:a1'] },
      ],
    });
    expect(apply(p, change).tracks.map((t) => t.id)).toEqual(['track:new1', 'track:v1', 'track:a1']);
  });

  it('adds an audio track below the audio tracks, with a name not taken', () => {
    const p = project([]);
    const change = addTrack(p, 'audio');
    expect(change.put?.[0]).toMatchObject({ id: 'track:new1', kind: 'audio', name: 'Audio 2' });
    expect(apply(p, change).tracks.map((t) => t.id)).toEqual([V2, V1, A1, 'track:new1', LK]); // right under the last audio track
    // Three video tracks already: the next is "Video 4".
    expect(addTrack(p, 'video').put?.[0]).toMatchObject({ kind: 'video', name: 'Video 4' });
  });

  it('skips names already taken', () => {
    const p: Project = deepFreeze({ ...emptyProject(), tracks: [newTrack(V1, 'video', 'Video 2'), newTrack(A1, 'audio', 'Audio 1')] });
    expect(addTrack(p, 'video').put?.[0]).toMatchObject({ name: 'Video 3' });
  });

  it('adds the first audio track at the bottom and the first video track at the top', () => {
    const onlyVideo: Project = deepFreeze({ ...emptyProject(), tracks: [newTrack(V1, 'video', 'Video 1')] });
    expect(apply(onlyVideo, addTrack(onlyVideo, 'audio')).tracks.map((t) => t.kind)).toEqual(['video', 'audio']);
    const onlyAudio: Project = deepFreeze({ ...emptyProject(), tracks: [newTrack(A1, 'audio', 'Audio 1')] });
    expect(apply(onlyAudio, addTrack(onlyAudio, 'video')).tracks.map((t) => t.kind)).toEqual(['video', 'audio']);
  });
});

describe('purity', () => {
  it('never mutates the project (it is frozen) and round-trips through the document records', () => {
    const a = clip('a', V1, 0, 0, 4 * S, { fadeInUs: S });
    const b = clip('b', A1, 5 * S, 0, 2 * S);
    const p = project([a, b]);
    const before = JSON.stringify(p);
    const ids2: ClipId[] = ['clip:a', 'clip:b'];
    const changes = [
      addClip(p, 'asset:vid', V2, 0),
      splitClip(p, 'clip:a', 2 * S),
      splitAt(p, 1 * S),
      moveClips(p, ids2, S, A1),
      trimClip(p, 'clip:a', 'start', S),
      trimClip(p, 'clip:a', 'end', S),
      deleteClips(p, ids2),
      rippleDelete(p, ['clip:a']),
      closeGap(p, A1, S),
      duplicateClips(p, ids2),
      slipClip(p, 'clip:b', S),
      setClipSound(p, 'clip:a', { volume: 2, fadeOutUs: S }),
      addMarker(p, S),
      setTrackFlag(p, V1, 'muted', true),
      addTrack(p, 'audio'),
    ];
    expect(changes.every((c) => c !== null)).toBe(true);
    expect(JSON.stringify(p)).toBe(before);
    for (const c of changes) expect(() => apply(p, c)).not.toThrow();
  });
});

describe('moveClips exactly onto an edge (snapping)', () => {
  it('keeps an off-grid start when exact, so snapped clips meet with no sliver', async () => {
    const { emptyProject: empty, newClip: clipOf } = await import('../model/project.ts');
    const p = empty();
    p.assets = [{ id: 'asset:x', name: 'x', durationUs: 5_000_000, hasVideo: true, hasAudio: false }];
    p.clips = [
      clipOf({ id: 'clip:a', assetId: 'asset:x', trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 1_045_000 }),
      clipOf({ id: 'clip:b', assetId: 'asset:x', trackId: 'track:v1', startUs: 2_000_000, inUs: 0, outUs: 1_000_000 }),
    ];
    const exact = moveClips(p, ['clip:b'], 1_045_000 - 2_000_000, undefined, true);
    expect((exact!.put![0] as { startUs: number }).startUs).toBe(1_045_000);
    const gridded = moveClips(p, ['clip:b'], 1_045_000 - 2_000_000);
    expect((gridded!.put![0] as { startUs: number }).startUs).toBe(1_033_333);
  });
});

describe('setOutput: format', () => {
  it('sets container and codecs, ignoring values it does not know', async () => {
    const { emptyProject: empty } = await import('../model/project.ts');
    const { setOutput } = await import('./commands.ts');
    const p = empty();
    const output = (change: Parameters<typeof setOutput>[1]) => (setOutput(p, change)?.put?.[0] as { output?: Project['output'] } | undefined)?.output;
    expect(output({ container: 'webm', videoCodec: 'vp9' })).toMatchObject({ container: 'webm', videoCodec: 'vp9' });
    expect(output({ container: 'm4a', audioCodec: 'opus' })).toMatchObject({ container: 'm4a', audioCodec: 'opus' });
    expect(setOutput(p, { container: 'avi' as 'mp4', videoCodec: 'mpeg2' as 'avc' })).toBeNull();
    expect(output({ videoBitrate: 8_000_000.4 })).toMatchObject({ videoBitrate: 8_000_000 });
    expect(output({ videoBitrate: 10 })).toMatchObject({ videoBitrate: 100_000 });
    const withRate = { ...p, output: { ...p.output, videoBitrate: 5_000_000 } };
    expect((setOutput(withRate, { videoBitrate: 0 })?.put?.[0] as { output: Project['output'] }).output.videoBitrate).toBeUndefined();
  });

  it('a quality preset follows a new size or frame rate; a bitrate of one’s own stays', async () => {
    const { emptyProject: empty } = await import('../model/project.ts');
    const { qualityBitrate } = await import('../model/output-format.ts');
    const { setOutput } = await import('./commands.ts');
    const p = empty();
    const at = (videoBitrate: number) => ({ ...p, output: { ...p.output, width: 960, height: 540, fps: 30, videoBitrate } });
    const bitrate = (from: Project, change: Parameters<typeof setOutput>[1]) => (setOutput(from, change)?.put?.[0] as { output: Project['output'] }).output.videoBitrate;
    expect(bitrate(at(qualityBitrate('small', 960, 540, 30)), { width: 1920, height: 1080 })).toBe(qualityBitrate('small', 1920, 1080, 30));
    expect(bitrate(at(qualityBitrate('high', 960, 540, 30)), { fps: 60 })).toBe(qualityBitrate('high', 960, 540, 60));
    expect(bitrate(at(3_000_000), { width: 1920, height: 1080 })).toBe(3_000_000);
  });
});

describe('setOutput', () => {
  it('changes size (even), rate and background, and refuses no-ops and junk', async () => {
    const { emptyProject: empty, sizeForAspect } = await import('../model/project.ts');
    const { setOutput } = await import('./commands.ts');
    const p = empty();
    const change = setOutput(p, { ...sizeForAspect('9:16', 1280, 720), fps: 29.97, background: '#FF8800' });
    expect((change!.put![0] as { output: unknown }).output).toEqual({ ...p.output, width: 720, height: 1280, fps: 29.97, background: '#ff8800' });
    expect(setOutput(p, { width: 1280 })).toBeNull();
    expect(setOutput(p, { background: 'red' })).toBeNull();
    expect(sizeForAspect('4:5', 1920, 1080)).toEqual({ width: 1080, height: 1350 });
    expect(sizeForAspect('1:1', 1920, 1080)).toEqual({ width: 1080, height: 1080 });
    expect(sizeForAspect('16:9', 720, 1280)).toEqual({ width: 1280, height: 720 });
  });
});

describe('setTransition and clip removal', () => {
  it('joins a clip to the one starting at its end, updates in place, removes, and is cleaned up with the clips', async () => {
    const { emptyProject: empty, newClip: clipOf } = await import('../model/project.ts');
    const { setTransition, withTransitionsOfRemovedClips, deleteClips: remove } = await import('./commands.ts');
    const p = empty();
    p.assets = [{ id: 'asset:x', name: 'x', durationUs: 9_000_000, hasVideo: true, hasAudio: false }];
    p.clips = [
      clipOf({ id: 'clip:a', assetId: 'asset:x', trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 2_000_000 }),
      clipOf({ id: 'clip:b', assetId: 'asset:x', trackId: 'track:v1', startUs: 2_000_000, inUs: 0, outUs: 2_000_000 }),
      clipOf({ id: 'clip:c', assetId: 'asset:x', trackId: 'track:v1', startUs: 5_000_000, inUs: 0, outUs: 1_000_000 }),
    ];
    const added = setTransition(p, 'clip:a', 'crossfade', 500_000)!.put![0] as import('../model/project.ts').Transition;
    expect(added).toMatchObject({ kind: 'crossfade', fromClipId: 'clip:a', toClipId: 'clip:b', durationUs: 500_000 });
    expect(setTransition(p, 'clip:b', 'wipe')).toBeNull(); // nothing starts where b ends
    p.transitions = [added];
    expect((setTransition(p, 'clip:a', 'dip')!.put![0] as { id: string; kind: string })).toMatchObject({ id: added.id, kind: 'dip' });
    expect(setTransition(p, 'clip:a', null)).toEqual({ remove: [added.id] });
    expect(withTransitionsOfRemovedClips(p, remove(p, ['clip:b']))!.remove).toEqual(['clip:b', added.id]);
    expect(withTransitionsOfRemovedClips(p, remove(p, ['clip:c']))!.remove).toEqual(['clip:c']);
  });
});

describe('setClipPicture', () => {
  it('sets and clamps picture settings, ignoring junk and no-ops', async () => {
    const { emptyProject: empty, newClip: clipOf } = await import('../model/project.ts');
    const { setClipPicture } = await import('./commands.ts');
    const p = empty();
    p.clips = [clipOf({ id: 'clip:a', assetId: 'asset:x', trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 1_000_000 })];
    const put = (c: Parameters<typeof setClipPicture>[2]) => (setClipPicture(p, 'clip:a', c)?.put?.[0] as { picture?: unknown } | undefined)?.picture;
    expect(put({ opacity: 2, scale: 0.5, rotation: 30, saturation: Number.NaN })).toEqual({ opacity: 1, scale: 0.5, rotation: 30 });
    expect(put({ crop: { left: 0.9, top: 0.1 } })).toEqual({ crop: { left: 0.45, top: 0.1, right: 0, bottom: 0 } });
    expect(put({ fit: 'cover' })).toEqual({ fit: 'cover' });
    expect(put({ fit: 'stretch' as 'cover' })).toBeUndefined();
    // Picture fades: whole µs, at most the clip's length (1 s).
    expect(put({ fadeInUs: 250_000.6, fadeOutUs: 5_000_000 })).toEqual({ fadeInUs: 250_001, fadeOutUs: 1_000_000 });
    expect(put({ fadeInUs: -1 })).toEqual({ fadeInUs: 0 });
    // Motion: each end value on its own (the others from the start), clamped; ending where it starts, or null, is none.
    expect(put({ end: { scale: 1.2 } })).toEqual({ end: { scale: 1.2, x: 0.5, y: 0.5 } });
    expect(put({ end: { x: 5 } })).toEqual({ end: { scale: 1, x: 2, y: 0.5 } });
    expect(put({ end: { scale: 1 } })).toBeUndefined();
    p.clips = [{ ...p.clips[0]!, picture: { end: { scale: 2, x: 0.5, y: 0.5 } } }];
    expect(put({ end: null })).toEqual({});
    expect(put({ end: { y: 0.6 } })).toEqual({ end: { scale: 2, x: 0.5, y: 0.6 } });
    expect(put({ end: { scale: 1 } })).toEqual({});
    expect(setClipPicture(p, 'clip:a', {})).toBeNull();
    expect(setClipPicture(p, 'clip:nope', { opacity: 0.5 })).toBeNull();
  });

  it('keys a colour out: a colour sets it (tolerance by default), values change one by one, null removes it', async () => {
    const { emptyProject: empty, newClip: clipOf, DEFAULT_KEY_TOLERANCE } = await import('../model/project.ts');
    const { setClipPicture } = await import('./commands.ts');
    const p = empty();
    p.clips = [clipOf({ id: 'clip:a', assetId: 'asset:x', trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 1_000_000 })];
    const put = (c: Parameters<typeof setClipPicture>[2]) => (setClipPicture(p, 'clip:a', c)?.put?.[0] as { picture?: unknown } | undefined)?.picture;
    expect(put({ key: { color: '#00B140' } })).toEqual({ key: { color: '#00b140', tolerance: DEFAULT_KEY_TOLERANCE } });
    // No colour yet: a tolerance alone (or a colour that is not one) keys nothing.
    expect(setClipPicture(p, 'clip:a', { key: { tolerance: 0.3 } })).toBeNull();
    expect(setClipPicture(p, 'clip:a', { key: { color: 'green' } })).toBeNull();
    p.clips = [{ ...p.clips[0]!, picture: { key: { color: '#00b140', tolerance: 0.2 } } }];
    expect(put({ key: { tolerance: 9 } })).toEqual({ key: { color: '#00b140', tolerance: 0.5 } });
    expect(put({ key: { color: '#0000ff' } })).toEqual({ key: { color: '#0000ff', tolerance: 0.2 } });
    expect(put({ key: null })).toEqual({});
  });
});

describe('pastePicture', () => {
  it("gives the selected clips a copied clip's picture whole, fades cut to each clip's length; locked tracks and identical pictures are left", async () => {
    const { emptyProject: empty, newClip: clipOf } = await import('../model/project.ts');
    const { pastePicture } = await import('./commands.ts');
    const p = empty();
    p.tracks = [...p.tracks, { id: 'track:v2' as never, kind: 'video', name: 'Video 2', muted: false, solo: false, locked: true, hidden: false }];
    const picture = { scale: 0.5, key: { color: '#00b140', tolerance: 0.2 }, fadeInUs: 2_000_000, end: { scale: 0.7, x: 0.5, y: 0.5 } };
    const source = { ...clipOf({ id: 'clip:src', assetId: 'asset:x', trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 5_000_000 }), picture };
    const short = { ...clipOf({ id: 'clip:short', assetId: 'asset:y', trackId: 'track:v1', startUs: 5_000_000, inUs: 0, outUs: 1_000_000 }), picture: { rotation: 30 } };
    const locked = clipOf({ id: 'clip:locked', assetId: 'asset:y', trackId: 'track:v2' as never, startUs: 0, inUs: 0, outUs: 1_000_000 });
    p.clips = [source, short, locked];
    const change = pastePicture(p, ['clip:short', 'clip:locked', 'clip:src'] as never[], source);
    expect(change?.put).toEqual([{ ...short, picture: { ...picture, fadeInUs: 1_000_000 } }]);
    expect(pastePicture(p, ['clip:src'] as never[], source)).toBeNull();
  });

  it('gives a title no key (its inspector has none to turn off) and a sound no picture', async () => {
    const { emptyProject: empty, newClip: clipOf, defaultTextStyle } = await import('../model/project.ts');
    const { pastePicture } = await import('./commands.ts');
    const p = empty();
    p.assets = [{ id: 'asset:title' as never, name: 'Title', durationUs: 5_000_000, hasVideo: true, hasAudio: false, text: defaultTextStyle() }];
    const source = { ...clipOf({ id: 'clip:src', assetId: 'asset:x', trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 5_000_000 }), picture: { scale: 0.5, key: { color: '#00b140', tolerance: 0.2 } } };
    const title = clipOf({ id: 'clip:title', assetId: 'asset:title', trackId: 'track:v1', startUs: 5_000_000, inUs: 0, outUs: 5_000_000 });
    const sound = clipOf({ id: 'clip:sound', assetId: 'asset:x', trackId: 'track:a1', startUs: 0, inUs: 0, outUs: 5_000_000 });
    p.clips = [source, title, sound];
    expect(pastePicture(p, ['clip:title', 'clip:sound'] as never[], source)?.put).toEqual([{ ...title, picture: { scale: 0.5 } }]);
  });
});

describe('setClipSource and splits with transitions (review fixes)', () => {
  it('sets in/out with the start kept, even for a clip at 0 whose in point goes down', async () => {
    const { emptyProject: empty, newClip: clipOf } = await import('../model/project.ts');
    const { setClipSource } = await import('./commands.ts');
    const p = empty();
    p.assets = [{ id: 'asset:x', name: 'x', durationUs: 9_000_000, hasVideo: true, hasAudio: false }];
    p.clips = [clipOf({ id: 'clip:a', assetId: 'asset:x', trackId: 'track:v1', startUs: 0, inUs: 5_000_000, outUs: 8_000_000 })];
    expect(setClipSource(p, 'clip:a', { inUs: 2_000_000 })!.put![0]).toMatchObject({ startUs: 0, inUs: 2_000_000, outUs: 8_000_000 });
    expect(setClipSource(p, 'clip:a', { outUs: 20_000_000 })!.put![0]).toMatchObject({ outUs: 9_000_000 });
    expect(setClipSource(p, 'clip:a', { inUs: 5_000_000 })).toBeNull();
    // Fades stay within the clip's new length.
    const faded = { ...p, clips: [{ ...p.clips[0]!, fadeOutUs: 2_500_000 }] };
    expect(setClipSource(faded, 'clip:a', { outUs: 6_000_000 })!.put![0]).toMatchObject({ outUs: 6_000_000, fadeOutUs: 1_000_000 });
  });

  it('moves a transition to the right half when its clip is split', async () => {
    const { emptyProject: empty, newClip: clipOf } = await import('../model/project.ts');
    const { splitClip: split } = await import('./commands.ts');
    const p = empty();
    p.assets = [{ id: 'asset:x', name: 'x', durationUs: 9_000_000, hasVideo: true, hasAudio: false }];
    p.clips = [
      clipOf({ id: 'clip:a', assetId: 'asset:x', trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 4_000_000 }),
      clipOf({ id: 'clip:b', assetId: 'asset:x', trackId: 'track:v1', startUs: 4_000_000, inUs: 0, outUs: 1_000_000 }),
    ];
    p.transitions = [{ id: 'transition:t', kind: 'crossfade', fromClipId: 'clip:a', toClipId: 'clip:b', durationUs: 1_000_000 }];
    const put = split(p, 'clip:a', 2_000_000)!.put!;
    const right = put.find((r) => r.id.startsWith('clip:') && r.id !== 'clip:a')!;
    expect(put.find((r) => r.id === 'transition:t')).toMatchObject({ fromClipId: right.id, toClipId: 'clip:b' });
  });
});

describe('clip speed', () => {
  it('maps timeline to source at the clip speed for plan, split and trim, and setClipSpeed clamps to 0.25–4', async () => {
    const { emptyProject: empty, newClip: clipOf, clipDurationUs } = await import('../model/project.ts');
    const { setClipSpeed, splitClip: split, trimClip: trim } = await import('./commands.ts');
    const { resolveFrame } = await import('../model/render-plan.ts');
    const p = empty();
    p.assets = [{ id: 'asset:x', name: 'x', durationUs: 20_000_000, hasVideo: true, hasAudio: false }];
    p.clips = [{ ...clipOf({ id: 'clip:a', assetId: 'asset:x', trackId: 'track:v1', startUs: 1_000_000, inUs: 2_000_000, outUs: 6_000_000 }), speed: 2 }];
    expect(clipDurationUs(p.clips[0]!)).toBe(2_000_000);
    expect(resolveFrame(p, 2_000_000)[0]!.sourceUs).toBe(4_000_000);
    const [left, right] = split(p, 'clip:a', 2_000_000)!.put! as { inUs: number; outUs: number; startUs: number }[];
    expect([left!.outUs, right!.inUs, right!.startUs]).toEqual([4_000_000, 4_000_000, 2_000_000]);
    expect((trim(p, 'clip:a', 'end', 2_000_000)!.put![0] as { outUs: number }).outUs).toBe(4_000_000);
    expect((trim(p, 'clip:a', 'end', 99_000_000)!.put![0] as { outUs: number }).outUs).toBe(20_000_000); // the media's end
    expect((setClipSpeed(p, 'clip:a', 9)!.put![0] as { speed: number }).speed).toBe(4);
    expect((setClipSpeed(p, 'clip:a', 0.1)!.put![0] as { speed: number }).speed).toBe(0.25);
    expect(setClipSpeed(p, 'clip:a', 2)).toBeNull();
  });
});

describe('snapCutsToKeyframes', () => {
  it('moves cuts to the nearest keyframes, clips that met still meeting and a gap kept; locked tracks and speed changes stay', async () => {
    const { emptyProject: empty, newClip: clipOf } = await import('../model/project.ts');
    const { snapCutsToKeyframes } = await import('./commands.ts');
    const p = empty();
    p.assets = [{ id: 'asset:x', name: 'x', durationUs: 8_000_000, hasVideo: true, hasAudio: true }];
    p.clips = [
      clipOf({ id: 'clip:a', assetId: 'asset:x', trackId: 'track:v1', startUs: 0, inUs: 1_400_000, outUs: 2_900_000 }),
      clipOf({ id: 'clip:b', assetId: 'asset:x', trackId: 'track:v1', startUs: 1_500_000, inUs: 5_200_000, outUs: 8_000_000 }),
    ];
    const keyframes = [0, 1_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000, 6_000_000, 7_000_000];
    const put = snapCutsToKeyframes(p, () => keyframes)!.put as Clip[];
    expect(put.map((c) => [c.id, c.startUs, c.inUs, c.outUs])).toEqual([
      ['clip:a', 0, 1_000_000, 3_000_000],
      ['clip:b', 2_000_000, 5_000_000, 8_000_000], // its out point is the media's end: kept
    ]);
    expect(snapCutsToKeyframes({ ...p, clips: put }, () => keyframes)).toBeNull();
    // A clip after a gap moves with the ones before it, the gap as it was (1 s).
    const gapped = { ...p, clips: [...p.clips, clipOf({ id: 'clip:c', assetId: 'asset:x', trackId: 'track:v1', startUs: 5_300_000, inUs: 2_000_000, outUs: 3_000_000 })] };
    expect((snapCutsToKeyframes(gapped, () => keyframes)!.put as Clip[]).map((c) => [c.id, c.startUs])).toEqual([
      ['clip:a', 0],
      ['clip:b', 2_000_000],
      ['clip:c', 6_000_000], // clip:b now ends at 5 s
    ]);
    expect(snapCutsToKeyframes(p, () => undefined)).toBeNull();
    const locked = { ...p, tracks: p.tracks.map((t) => ({ ...t, locked: true })) };
    expect(snapCutsToKeyframes(locked, () => keyframes)).toBeNull();
  });

  it("takes a clip's detached sound along: cut and placed as its picture, so they stay in step", async () => {
    const { emptyProject: empty, newClip: clipOf } = await import('../model/project.ts');
    const { snapCutsToKeyframes } = await import('./commands.ts');
    const p = empty();
    p.assets = [{ id: 'asset:x', name: 'x', durationUs: 10_000_000, hasVideo: true, hasAudio: true }];
    // The picture and its detached sound, cut at 2.5 s and 5.5 s with the middle ripple-deleted.
    const pieces = (trackId: string, tag: string) => [
      { ...clipOf({ id: `clip:${tag}1`, assetId: 'asset:x', trackId: trackId as never, startUs: 0, inUs: 0, outUs: 2_500_000 }), volume: tag === 'v' ? 0 : 1 },
      { ...clipOf({ id: `clip:${tag}2`, assetId: 'asset:x', trackId: trackId as never, startUs: 2_500_000, inUs: 5_500_000, outUs: 10_000_000 }), volume: tag === 'v' ? 0 : 1 },
    ];
    p.clips = [...pieces('track:v1', 'v'), ...pieces('track:a1', 'a')];
    const put = snapCutsToKeyframes(p, () => [0, 2_000_000, 4_000_000, 6_000_000, 8_000_000])!.put as Clip[];
    const spans = (prefix: string) => put.filter((c) => c.id.startsWith(prefix)).map((c) => [c.startUs, c.inUs, c.outUs]);
    expect(spans('clip:v')).toEqual([[0, 0, 2_000_000], [2_000_000, 6_000_000, 10_000_000]]);
    expect(spans('clip:a')).toEqual(spans('clip:v'));
  });
});

describe('pasteClips', () => {
  it('pastes at the playhead keeping trims, settings and relative offsets, on the same tracks', () => {
    const a = clip('a', V1, 2 * S, 1 * S, 3 * S, { volume: 0.5 });
    const b = clip('b', A1, 3 * S, 0, S, { assetId: SND.id });
    const p = project([a, b]);
    const pasted = putClips(pasteClips(p, [a, b], [VID, SND], 6 * S));
    expect(pasted.map((c) => [c.trackId, c.startUs, c.inUs, c.outUs, c.volume])).toEqual([
      [V1, 6 * S, 1 * S, 3 * S, 0.5],
      [A1, 7 * S, 0, S, 1],
    ]);
    expect(pasted.every((c) => c.id.startsWith('clip:new'))).toBe(true);
  });

  it('pastes clips copied in another project: their asset is added, and a track it lacks becomes a fitting one', () => {
    const other: Asset = { id: 'asset:other', name: 'other.mp4', durationUs: 5 * S, hasVideo: true, hasAudio: true };
    const copied = clip('c', 'track:elsewhere' as TrackId, 4 * S, S, 2 * S, { assetId: other.id });
    const p = project([]);
    const change = pasteClips(p, [copied], [other], 0)!;
    const [asset, pasted] = change.put as [Asset, Clip];
    expect(asset).toEqual(other);
    expect(pasted).toMatchObject({ assetId: other.id, trackId: V2, startUs: 0, inUs: S, outUs: 2 * S });
    // Applied, the project has the clip and its asset once.
    const after = apply(p, change);
    expect(after.assets.filter((a) => a.id === other.id)).toHaveLength(1);
    expect(after.clips).toHaveLength(1);
  });

  it('gives pasted titles their own words, and pastes nothing without a track to take it', () => {
    const title: Asset = { id: 'asset:title-t', name: 'Hi', durationUs: 86_400 * S, hasVideo: true, hasAudio: false, text: defaultTextStyle('Hi') };
    const t = clip('t', V1, 0, 0, S, { assetId: title.id });
    const [asset, pasted] = pasteClips(project([]), [t], [title], 0)!.put as [Asset, Clip];
    expect(asset).toMatchObject({ text: { content: 'Hi' } });
    expect(asset.id).not.toBe(title.id);
    expect(pasted.assetId).toBe(asset.id);
    const allLocked = { ...project([]), tracks: project([]).tracks.map((tr) => ({ ...tr, locked: true })) };
    expect(pasteClips(allLocked, [t], [title], 0)).toBeNull();
  });
});
