import type { AssetId } from '../model/ids.ts';
import type { Mp4Source } from '../media/mp4-source.ts';

/** Finds the opened source for an asset (undefined: offline or removed). */
export type SourceLookup = (assetId: AssetId) => Mp4Source | undefined;
