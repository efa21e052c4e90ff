import { describe, expect, it } from 'vitest';
import { emptyProject, newTrack, type Project } from '../model/project.ts';
import { withChange } from './document.ts';
import { addCaptions } from './add-captions.ts';

describe('addCaptions', () => {
  const base: Project = { ...emptyProject('Talk'), tracks: [newTrack('track:v1', 'video', 'Video 1'), newTrack('track:a1', 'audio', 'Audio 1')] };

  it('puts each caption as a title clip at its times, on the frame grid, on a new top track named after the file', () => {
    const p = withChange(
      base,
      addCaptions(
        base,
        [
          { startUs: 1_010_000, endUs: 3_000_000, text: 'Hello\nthere' },
          { startUs: 3_000_000, endUs: 3_001_000, text: 'Hi' },
        ],
        'talk.srt',
      ),
    );
    expect(p.tracks.map((t) => t.name)).toEqual(['Captions: talk.srt', 'Video 1', 'Audio 1']);
    const onTop = p.clips.filter((c) => c.trackId === p.tracks[0]!.id);
    // 30 fps: 1.01 s lands on 1.000 s; a caption shorter than a frame lasts one.
    expect(onTop.map((c) => [c.startUs, c.outUs - c.inUs])).toEqual([
      [1_000_000, 2_000_000],
      [3_000_000, 33_333],
    ]);
    const texts = onTop.map((c) => p.assets.find((a) => a.id === c.assetId)!.text);
    expect(texts.map((t) => t?.content)).toEqual(['Hello\nthere', 'Hi']);
    expect(texts[0]).toMatchObject({ color: '#ffffff', background: '#000000', y: 0.88 });
    expect(new Set(onTop.map((c) => c.assetId)).size).toBe(2); // each its own words
  });

  it('puts captions on screen together (overlapping cues) on a track of their own above, a line higher, so none hides another', () => {
    const captions = [
      { startUs: 500_000, endUs: 2_000_000, text: 'First' },
      { startUs: 1_500_000, endUs: 3_000_000, text: 'Second\nin two lines' },
      { startUs: 3_000_000, endUs: 4_000_000, text: 'Third' },
    ];
    const p = withChange(base, addCaptions(base, captions, 'talk.srt'));
    expect(p.tracks.map((t) => t.name)).toEqual(['Captions: talk.srt (2)', 'Captions: talk.srt', 'Video 1', 'Audio 1']);
    const on = (trackIndex: number) => p.clips.filter((c) => c.trackId === p.tracks[trackIndex]!.id).map((c) => p.assets.find((a) => a.id === c.assetId)!.text!);
    expect(on(1).map((t) => t.content)).toEqual(['First', 'Third']);
    expect(on(0).map((t) => t.content)).toEqual(['Second\nin two lines']);
    // Each box is its lines high plus a quarter line of padding above and below, centred on y: the upper one ends above the lower one.
    const [lower, upper] = [on(1)[0]!, on(0)[0]!];
    expect(upper.y + upper.size * (2 / 2 + 0.25)).toBeLessThanOrEqual(lower.y - lower.size * (1 / 2 + 0.25));
    expect(lower.y).toBe(0.88);
  });

  it('stacks at most three rows: a pile of cues overlaps on the row that frees first', () => {
    const pile = Array.from({ length: 5 }, (_, i) => ({ startUs: i * 100_000, endUs: 10_000_000 - i * 100_000, text: `Cue ${i}` }));
    const p = withChange(base, addCaptions(base, pile, 'pile.vtt'));
    expect(p.tracks.map((t) => t.name)).toEqual(['Captions: pile.vtt (3)', 'Captions: pile.vtt (2)', 'Captions: pile.vtt', 'Video 1', 'Audio 1']);
    expect(p.clips.filter((c) => c.trackId === p.tracks[0]!.id)).toHaveLength(3); // cues 2, 3 and 4: the top row ends first each time
  });
});
