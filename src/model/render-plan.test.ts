import { describe, expect, it } from 'vitest';
import { emptyProject, newClip, newTrack, type Clip, type Project } from './project.ts';
import { activeTransitions, DUCK_GAIN, planAudioSpans, spanGain, planVideoSpans, resolveFrame, sourceUsAtFrame, totalFrames, totalSamples } from './render-plan.ts';
import { frameTimeUs } from './time.ts';

let n = 0;
function clip(trackId: Clip['trackId'], startUs: number, inUs: number, outUs: number, extra: Partial<Clip> = {}): Clip {
  return { ...newClip({ id: `clip:${++n}`, assetId: 'asset:a', trackId, startUs, inUs, outUs }), ...extra };
}

/** V2 over V1, then A1. */
function project(clips: Clip[], change: (p: Project) => void = () => undefined): Project {
  const p = emptyProject();
  p.tracks = [newTrack('track:v2', 'video', 'Video 2'), newTrack('track:v1', 'video', 'Video 1'), newTrack('track:a1', 'audio', 'Audio 1')];
  p.clips = clips;
  change(p);
  return p;
}

describe('resolveFrame', () => {
  it('draws lower video tracks first and skips audio tracks, hidden tracks and clips not covering the time', () => {
    const base = clip('track:v1', 0, 1_000_000, 5_000_000);
    const overlay = clip('track:v2', 1_000_000, 0, 2_000_000);
    const music = clip('track:a1', 0, 0, 10_000_000);
    const p = project([overlay, music, base]);
    expect(resolveFrame(p, 1_500_000).map((l) => [l.clip.id, l.sourceUs])).toEqual([
      [base.id, 2_500_000],
      [overlay.id, 500_000],
    ]);
    expect(resolveFrame(p, 3_000_000).map((l) => l.clip.id)).toEqual([base.id]); // overlay ended at 3 s (exclusive)
    expect(resolveFrame(p, 5_000_000)).toEqual([]);
    p.tracks[0]!.hidden = true;
    expect(resolveFrame(p, 1_500_000).map((l) => l.clip.id)).toEqual([base.id]);
  });
});

describe('ducking', () => {
  it('lowers the sound of clips on other tracks under a clip that asks, easing down before and up after it; not its own track, not a muted ducker', () => {
    const rate = 1000; // a sample a millisecond keeps the numbers readable
    const voice = clip('track:v1', 1_000_000, 0, 1_000_000, { duckOthers: true });
    const music = clip('track:a1', 0, 0, 4_000_000);
    const same = clip('track:v1', 2_000_000, 0, 1_000_000);
    const spans = planAudioSpans(project([voice, music, same]), rate);
    const gain = (c: Clip, ms: number) => spanGain(spans.find((s) => s.clip.id === c.id)!.shape, ms);
    expect([gain(music, 500), gain(music, 875), gain(music, 1000), gain(music, 1500), gain(music, 1999), gain(music, 2124), gain(music, 2500)]).toEqual([1, 0.625, DUCK_GAIN, DUCK_GAIN, DUCK_GAIN, 0.625, 1]);
    expect(gain(voice, 1500)).toBe(1);
    expect(gain(same, 2000)).toBe(1); // the same track is not lowered
    const muted = project([voice, music], (p) => (p.tracks[1]!.muted = true));
    expect(spanGain(planAudioSpans(muted, rate).find((s) => s.clip.id === music.id)!.shape, 1500)).toBe(1);
  });
});

describe('resolveFrame: push and zoom transitions', () => {
  it('shifts the pictures across (push) or scales them (zoom) with the progress through the transition', () => {
    const a = clip('track:v1', 0, 0, 2_000_000);
    const b = clip('track:v1', 2_000_000, 0, 2_000_000);
    const joined = (kind: 'push' | 'zoom') =>
      project([a, b], (q) => {
        q.transitions = [{ id: 'transition:1', fromClipId: a.id, toClipId: b.id, kind, durationUs: 1_000_000 }];
      });
    const look = (kind: 'push' | 'zoom', tUs: number) => resolveFrame(joined(kind), tUs).map((l) => [l.clip.id, l.shiftX, l.zoom, l.opacity]);
    expect(look('push', 1_750_000)).toEqual([
      [a.id, -0.25, undefined, undefined],
      [b.id, 0.75, undefined, undefined],
    ]);
    expect(look('zoom', 2_000_000)).toEqual([
      [a.id, undefined, 1.25, undefined],
      [b.id, undefined, 1.25, 0.5],
    ]);
  });
});

describe('resolveFrame: picture fades', () => {
  it('raises the opacity over the fade-in and lowers it over the fade-out, on top of the clip’s own and a transition’s', () => {
    const a = clip('track:v1', 0, 0, 2_000_000, { picture: { fadeInUs: 1_000_000, fadeOutUs: 500_000 } });
    const p = project([a]);
    const opacity = (tUs: number) => resolveFrame(p, tUs)[0]!.opacity;
    expect([opacity(0), opacity(250_000), opacity(1_000_000), opacity(1_500_000), opacity(1_750_000), opacity(1_950_000)]).toEqual([0, 0.25, undefined, undefined, 0.5, 0.1]);
    // Into a crossfade: the incoming clip's fade-in multiplies the crossfade's opacity.
    const b = clip('track:v1', 2_000_000, 0, 2_000_000, { picture: { fadeInUs: 2_000_000 } });
    const withFade = project([{ ...a, picture: {} }, b], (q) => {
      q.transitions = [{ id: 'transition:1', fromClipId: a.id, toClipId: b.id, kind: 'crossfade', durationUs: 1_000_000 }];
    });
    const incoming = resolveFrame(withFade, 2_250_000).find((l) => l.clip.id === b.id)!;
    expect(incoming.opacity).toBeCloseTo(0.75 * 0.125, 9);
  });
});

describe('planVideoSpans', () => {
  it('gives each visible clip the output frames that start within it', () => {
    const a = clip('track:v1', 0, 2_000_000, 5_000_000); // 3 s
    const b = clip('track:v2', frameTimeUs(45, 30), 0, 1_000_000);
    const p = project([b, a]);
    expect(planVideoSpans(p).map((s) => [s.clip.id, s.firstFrame, s.endFrame])).toEqual([
      [a.id, 0, 90],
      [b.id, 45, 75],
    ]);
    expect(totalFrames(p)).toBe(90);
    expect(sourceUsAtFrame(p, a, 30)).toBe(3_000_000);
  });

  it('counts frames on the rounded grid: a clip ending exactly on a frame start does not own it', () => {
    const a = clip('track:v1', 0, 0, frameTimeUs(62, 30));
    expect(planVideoSpans(project([a]))[0]).toMatchObject({ firstFrame: 0, endFrame: 62 });
  });
});

describe('planAudioSpans', () => {
  it('lets clips that meet on the timeline meet to the sample, at any rate', () => {
    for (const rate of [8000, 44_100, 48_000, 96_000]) {
      const clips = Array.from({ length: 50 }, (_, i) => clip('track:v1', i * 333_333, 0, 333_333));
      const spans = planAudioSpans(project(clips), rate);
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.startSample).toBe(spans[i - 1]!.endSample);
      expect(spans[spans.length - 1]!.endSample).toBe(totalSamples(project(clips), rate));
    }
  });

  it('mixes overlapping tracks, and honours mute and solo', () => {
    const dialogue = clip('track:v1', 0, 0, 2_000_000);
    const music = clip('track:a1', 500_000, 0, 1_000_000);
    const both = project([dialogue, music]);
    expect(planAudioSpans(both, 48_000).map((s) => [s.clip.id, s.startSample, s.endSample])).toEqual([
      [dialogue.id, 0, 96_000],
      [music.id, 24_000, 72_000],
    ]);
    expect(planAudioSpans(project([dialogue, music], (p) => (p.tracks[2]!.muted = true)), 48_000).map((s) => s.clip.id)).toEqual([dialogue.id]);
    expect(planAudioSpans(project([dialogue, music], (p) => (p.tracks[2]!.solo = true)), 48_000).map((s) => s.clip.id)).toEqual([music.id]);
  });
});

describe('spanGain', () => {
  it('applies volume and linear fades in and out', () => {
    const c = clip('track:a1', 0, 0, 1_000_000, { volume: 0.5, fadeInUs: 100_000, fadeOutUs: 200_000 });
    const rate = 1000; // 1000 samples for the clip
    const [span] = planAudioSpans(project([c]), rate);
    expect([0, 50, 500, 900, 1000].map((s) => spanGain(span!.shape, s))).toEqual([0, expect.closeTo(0.25), 0.5, expect.closeTo(0.25), 0]);
  });

  it('follows transitions: a crossfade overlaps the two sounds, each running on past its clip, adding up to one; a dip fades out to the cut and in after', () => {
    const rate = 1000;
    const a = clip('track:v1', 0, 0, 2_000_000, { id: 'clip:a' });
    const b = clip('track:v1', 2_000_000, 5_000_000, 7_000_000, { id: 'clip:b' });
    const joined = (kind: 'crossfade' | 'dip' | 'wipe') =>
      planAudioSpans(
        project([a, b], (p) => {
          p.transitions = [{ id: 'transition:t', kind, fromClipId: 'clip:a', toClipId: 'clip:b', durationUs: 1_000_000 }];
        }),
        rate,
      );
    for (const kind of ['crossfade', 'wipe'] as const) {
      const [from, to] = joined(kind);
      // Each runs half a second past its edge, into its media: a reads on to 2.5 s, b from 4.5 s.
      expect([from!.startSample, from!.endSample, from!.clip.outUs]).toEqual([0, 2500, 2_500_000]);
      expect([to!.startSample, to!.endSample, to!.clip.inUs, to!.clip.startUs]).toEqual([1500, 4000, 4_500_000, 1_500_000]);
      for (const s of [1500, 1750, 2000, 2250, 2499]) expect(spanGain(from!.shape, s) + spanGain(to!.shape, s)).toBeCloseTo(1);
      expect([spanGain(from!.shape, 1400), spanGain(from!.shape, 2000), spanGain(to!.shape, 2000), spanGain(to!.shape, 2600)]).toEqual([1, 0.5, 0.5, 1]);
    }
    const [from, to] = joined('dip');
    expect([from!.endSample, to!.startSample, from!.clip, to!.clip]).toEqual([2000, 2000, a, b]);
    expect([1500, 1750, 1999].map((s) => spanGain(from!.shape, s))).toEqual([1, 0.5, expect.closeTo(0.002)]);
    expect([2000, 2250, 2500].map((s) => spanGain(to!.shape, s))).toEqual([0, 0.5, 1]);
  });
});

describe('transitions', () => {
  function cut(kind: 'crossfade' | 'dip' | 'wipe', durationUs = 1_000_000): Project {
    const a = clip('track:v1', 0, 0, 2_000_000, { id: 'clip:a' });
    const b = clip('track:v1', 2_000_000, 5_000_000, 7_000_000, { id: 'clip:b' });
    return project([a, b], (p) => {
      p.assets = [{ id: 'asset:a', name: 'a', durationUs: 10_000_000, hasVideo: true, hasAudio: false }];
      p.transitions = [{ id: 'transition:t', kind, fromClipId: 'clip:a', toClipId: 'clip:b', durationUs }];
    });
  }

  it('crossfades across the cut: the outgoing clip runs on past its out point while the incoming one fades in', () => {
    const p = cut('crossfade');
    expect(resolveFrame(p, 1_400_000).map((l) => l.clip.id)).toEqual(['clip:a']); // before the window
    const mid = resolveFrame(p, 2_000_000);
    expect(mid.map((l) => [l.clip.id, l.sourceUs, l.opacity])).toEqual([
      ['clip:a', 2_000_000, undefined],
      ['clip:b', 5_000_000, 0.5],
    ]);
    expect(resolveFrame(p, 1_750_000)[1]).toMatchObject({ clip: { id: 'clip:b' }, sourceUs: 4_750_000, opacity: 0.25 });
    expect(resolveFrame(p, 2_600_000).map((l) => l.clip.id)).toEqual(['clip:b']);
  });

  it('dips through black and wipes left to right', () => {
    expect(resolveFrame(cut('dip'), 1_750_000)).toEqual([expect.objectContaining({ clip: expect.objectContaining({ id: 'clip:a' }), dim: 0.5 })]);
    expect(resolveFrame(cut('dip'), 2_250_000)).toEqual([expect.objectContaining({ clip: expect.objectContaining({ id: 'clip:b' }), dim: 0.5 })]);
    expect(resolveFrame(cut('wipe'), 2_250_000).map((l) => l.reveal)).toEqual([undefined, 0.75]);
  });

  it('widens the decode spans of both clips by half the transition, and does nothing once they no longer meet', () => {
    const p = cut('crossfade');
    expect(planVideoSpans(p).map((s) => [s.clip.id, s.firstFrame, s.endFrame])).toEqual([
      ['clip:a', 0, 75],
      ['clip:b', 45, 120],
    ]);
    const moved = { ...p, clips: [p.clips[0]!, { ...p.clips[1]!, startUs: 2_100_000 }] }; // projects change by copy, never in place
    expect(resolveFrame(moved, 1_900_000)).toEqual([{ clip: moved.clips[0], sourceUs: 1_900_000 }]);
    expect(resolveFrame(moved, 2_050_000)).toEqual([]);
  });

  it('draws one transition per cut: a second into the same clip (from a clip that overlaps the first) is left out', () => {
    const p = cut('dip');
    const c = clip('track:v1', 1_000_000, 0, 1_000_000, { id: 'clip:c' }); // also ends where clip:b starts
    const both = { ...p, clips: [...p.clips, c], transitions: [...p.transitions, { id: 'transition:u' as const, kind: 'wipe' as const, fromClipId: 'clip:c' as const, toClipId: 'clip:b' as const, durationUs: 1_000_000 }] };
    expect(activeTransitions(both).map((a) => a.transition.id)).toEqual(['transition:t']);
  });

  it('holds the last frame when the outgoing clip has no media past its out point', () => {
    const p = cut('crossfade');
    p.assets[0] = { ...p.assets[0]!, durationUs: 2_000_000 };
    expect(resolveFrame(p, 2_400_000)[0]!.sourceUs).toBe(1_999_999);
  });
});

describe('transitions of see-through layers (titles)', () => {
  it('fades a title out instead of leaving it over the incoming clip, and never dims its letters to black', () => {
    const a = clip('track:v1', 0, 0, 2_000_000, { id: 'clip:a', assetId: 'asset:title' });
    const b = clip('track:v1', 2_000_000, 0, 2_000_000, { id: 'clip:b', assetId: 'asset:title' });
    const p = project([a, b], (q) => {
      q.assets = [{ id: 'asset:title', name: 'T', durationUs: 86_400_000_000, hasVideo: true, hasAudio: false, text: { content: 'x', fontFamily: 'x', size: 0.1, color: '#fff', align: 'center', x: 0.5, y: 0.5, background: null } }];
      q.transitions = [{ id: 'transition:t', kind: 'crossfade', fromClipId: 'clip:a', toClipId: 'clip:b', durationUs: 1_000_000 }];
    });
    expect(resolveFrame(p, 1_750_000).map((l) => l.opacity)).toEqual([0.75, 0.25]);
    const dip = { ...p, transitions: [{ ...p.transitions[0]!, kind: 'dip' as const }] };
    expect(resolveFrame(dip, 1_750_000)).toEqual([expect.objectContaining({ opacity: 0.5 })]);
    expect(resolveFrame(dip, 1_750_000)[0]!.dim).toBeUndefined();
  });
});
