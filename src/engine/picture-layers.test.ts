import { describe, expect, it } from 'vitest';
import type { AssetId } from '../model/ids.ts';
import { emptyProject, newClip, type Project } from '../model/project.ts';
import type { MediaSource } from '../media/media-source.ts';
import { PICTURE_HOLD_US, pictureLayers } from './picture-layers.ts';

const A: AssetId = 'asset:a';

/** A clip of a file whose picture is 1 s long and whose sound runs on to `soundUs`. */
function longSound(soundUs: number): { project: Project; sources: () => MediaSource } {
  const project: Project = {
    ...emptyProject(),
    assets: [{ id: A, name: 'phone.mp4', durationUs: soundUs, hasVideo: true, hasAudio: true }],
    clips: [newClip({ id: 'clip:a', assetId: A, trackId: 'track:v1', startUs: 0, inUs: 0, outUs: soundUs })],
  };
  const source = { video: { durationUs: 1_000_000 } } as unknown as MediaSource;
  return { project, sources: () => source };
}

describe('pictureLayers: what shows once a clip’s picture has ended', () => {
  it('keeps the last frame on while the sound runs a packet or two past the picture (a background frame would flash at the cut)', () => {
    const { project, sources } = longSound(1_040_000);
    for (const tUs of [999_000, 1_000_000, 1_033_333]) expect(pictureLayers(project, sources, tUs), `at ${tUs}`).toHaveLength(1);
  });

  it('shows what is below (here the background) once the sound has run on past the hold', () => {
    const { project, sources } = longSound(1_500_000);
    expect(pictureLayers(project, sources, 1_000_000 + PICTURE_HOLD_US - 1)).toHaveLength(1);
    expect(pictureLayers(project, sources, 1_000_000 + PICTURE_HOLD_US)).toHaveLength(0);
    expect(pictureLayers(project, sources, 1_400_000)).toHaveLength(0);
  });
});
