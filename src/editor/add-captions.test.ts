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
});
