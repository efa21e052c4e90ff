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

  it('puts a second file’s captions above the first’s where they are on screen together, a third elsewhere in time at the usual place', () => {
    const english = [
      { startUs: 0, endUs: 2_000_000, text: 'Hello' },
      { startUs: 1_000_000, endUs: 3_000_000, text: 'Two\nlines' },
    ];
    const withEnglish = withChange(base, addCaptions(base, english, 'en.srt'));
    const french = [{ startUs: 2_500_000, endUs: 4_000_000, text: 'Bonjour\nà tous' }];
    const p = withChange(withEnglish, addCaptions(withEnglish, french, 'fr.srt'));
    expect(p.tracks.map((t) => t.name)).toEqual(['Captions: fr.srt', 'Captions: en.srt (2)', 'Captions: en.srt', 'Video 1', 'Audio 1']);
    const textsOn = (name: string) => p.clips.filter((c) => c.trackId === p.tracks.find((t) => t.name === name)!.id).map((c) => p.assets.find((a) => a.id === c.assetId)!.text!);
    const [upper] = textsOn('Captions: en.srt (2)');
    const [fr] = textsOn('Captions: fr.srt');
    // The French box (two lines and a quarter line of padding below its centre) ends above the top English box, on screen with it from 2.5 s.
    expect(fr!.y + fr!.size * (2 / 2 + 0.25)).toBeLessThanOrEqual(upper!.y - upper!.size * (2 / 2 + 0.25));
    const later = withChange(p, addCaptions(p, [{ startUs: 5_000_000, endUs: 6_000_000, text: 'Later' }], 'later.srt'));
    expect(later.assets.find((a) => a.text?.content === 'Later')!.text!.y).toBe(0.88);
  });

  it('keeps files piled past the top of the frame inside it (a title below 0 would not reopen)', () => {
    const threeRows = [0, 1, 2].map((i) => ({ startUs: 0, endUs: 5_000_000, text: `Line ${i}\nsecond\nthird` }));
    let p = base;
    for (const name of ['a.srt', 'b.srt', 'c.srt', 'd.srt']) p = withChange(p, addCaptions(p, threeRows, name));
    const ys = p.assets.map((a) => a.text?.y).filter((y): y is number => y !== undefined);
    expect(ys).toHaveLength(12);
    for (const y of ys) expect(y).toBeGreaterThan(0);
  });

  it('stacks at most three rows: a pile of cues overlaps on the row that frees first', () => {
    const pile = Array.from({ length: 5 }, (_, i) => ({ startUs: i * 100_000, endUs: 10_000_000 - i * 100_000, text: `Cue ${i}` }));
    const p = withChange(base, addCaptions(base, pile, 'pile.vtt'));
    expect(p.tracks.map((t) => t.name)).toEqual(['Captions: pile.vtt (3)', 'Captions: pile.vtt (2)', 'Captions: pile.vtt', 'Video 1', 'Audio 1']);
    expect(p.clips.filter((c) => c.trackId === p.tracks[0]!.id)).toHaveLength(3); // cues 2, 3 and 4: the top row ends first each time
  });
});
