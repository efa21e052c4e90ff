import type { Project } from '../model/project.ts';
import { resolveFrame, type FrameLayer } from '../model/render-plan.ts';
import { StillSource } from '../media/still-source.ts';
import type { SourceLookup } from './sources.ts';

/**
 * How long a clip's last frame stays on past the end of its picture. Phones
 * and cameras write sound a packet or two (tens of milliseconds) longer than
 * the picture; showing the background there would flash it at every cut.
 * Sound that runs on longer than this has no picture: what is below shows.
 */
export const PICTURE_HOLD_US = 100_000;

/**
 * The layers that show a picture at timeline time `tUs`, bottom first: those of
 * `resolveFrame` whose clip has a picture there. A clip whose sound outlasts
 * its picture (a file whose sound track is the longer) shows nothing once its
 * picture has ended (past PICTURE_HOLD_US) — what is below it, or the
 * background — as before it starts; holding its last frame would repeat a
 * picture the file does not have. A still holds for the whole clip. Preview,
 * playback and export all draw these, so they agree.
 */
export function pictureLayers(project: Project, sources: SourceLookup, tUs: number): FrameLayer[] {
  return resolveFrame(project, tUs).filter((layer) => {
    const source = sources(layer.clip.assetId);
    if (!source?.video) return false;
    return source instanceof StillSource || layer.sourceUs < source.video.durationUs + PICTURE_HOLD_US;
  });
}
