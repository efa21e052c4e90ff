import type { AssetId } from '../model/ids.ts';
import type { AudioInfo, MediaSource } from '../media/media-source.ts';
import type { Project } from '../model/project.ts';
import { audibleClips } from '../model/render-plan.ts';

/** Finds the opened source for an asset (undefined: offline or removed). */
export type SourceLookup = (assetId: AssetId) => MediaSource | undefined;

/** The sound of every clip that is heard (on a track not muted, soloed if any is), in clip order. */
export const heardAudio = (project: Project, sources: SourceLookup): AudioInfo[] => audibleClips(project).flatMap((clip) => sources(clip.assetId)?.audio ?? []);
