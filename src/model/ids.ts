/** Typed, prefixed ids: an asset id can never be passed where a clip id is expected. */
export type AssetId = `asset:${string}`;
export type ClipId = `clip:${string}`;
export type TrackId = `track:${string}`;
export type MarkerId = `marker:${string}`;
export type TransitionId = `transition:${string}`;

let counter = 0;

function unique(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export const newClipId = (): ClipId => `clip:${unique()}`;
export const newTrackId = (): TrackId => `track:${unique()}`;
export const newMarkerId = (): MarkerId => `marker:${unique()}`;
export const newTransitionId = (): TransitionId => `transition:${unique()}`;
