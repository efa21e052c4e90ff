import type { AssetId, ClipId } from './ids.ts';

export const PROJECT_SCHEMA_VERSION = 1;

export type VideoCodecChoice = 'avc';
export type AudioCodecChoice = 'auto' | 'aac' | 'opus';

export interface OutputSettings {
  width: number;
  height: number;
  fps: number;
  videoCodec: VideoCodecChoice;
  audioCodec: AudioCodecChoice;
  /** Bits per second; undefined picks one from the size and frame rate. */
  videoBitrate?: number;
}

/** What the timeline needs to know about a piece of media; the bytes live elsewhere. */
export interface Asset {
  id: AssetId;
  name: string;
  durationUs: number;
  hasVideo: boolean;
  hasAudio: boolean;
}

/** A span [inUs, outUs) of an asset placed at `startUs` on the timeline. */
export interface Clip {
  id: ClipId;
  assetId: AssetId;
  startUs: number;
  inUs: number;
  outUs: number;
}

export interface Project {
  schemaVersion: typeof PROJECT_SCHEMA_VERSION;
  output: OutputSettings;
  assets: Asset[];
  /** One track for now, in timeline order. */
  clips: Clip[];
}

export const clipDurationUs = (clip: Clip): number => clip.outUs - clip.inUs;

export function timelineDurationUs(project: Project): number {
  let end = 0;
  for (const clip of project.clips) end = Math.max(end, clip.startUs + clipDurationUs(clip));
  return end;
}
