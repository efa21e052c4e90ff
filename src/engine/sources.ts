import type { AssetId } from '../model/ids.ts';
import type { MediaSource } from '../media/media-source.ts';

/** Finds the opened source for an asset (undefined: offline or removed). */
export type SourceLookup = (assetId: AssetId) => MediaSource | undefined;
