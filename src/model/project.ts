import type { AssetId, ClipId, MarkerId, TrackId, TransitionId } from './ids.ts';
import { outputSide } from './output-format.ts';

export const PROJECT_SCHEMA_VERSION = 3;

/** H.264, HEVC (H.265), AV1, VP9, VP8: which the browser can encode is asked at export (isConfigSupported). */
export type VideoCodecChoice = 'avc' | 'hevc' | 'av1' | 'vp9' | 'vp8';
export type AudioCodecChoice = 'auto' | 'aac' | 'opus';
/** MP4 (video), WebM (video) or M4A (sound only). */
export type ContainerChoice = 'mp4' | 'webm' | 'm4a';

export interface OutputSettings {
  width: number;
  height: number;
  fps: number;
  /** Absent: MP4. */
  container?: ContainerChoice;
  videoCodec: VideoCodecChoice;
  audioCodec: AudioCodecChoice;
  /** Bits per second; undefined picks one from the size and frame rate. */
  videoBitrate?: number;
  /** Shown where no clip covers the frame, as #rrggbb; black when absent. */
  background?: string;
}

export type AspectPreset = '16:9' | '9:16' | '1:1' | '4:5';

/** An output size for an aspect preset that keeps the current short side (even numbers, as encoders need). */
export function sizeForAspect(preset: AspectPreset, width: number, height: number): { width: number; height: number } {
  const short = Math.min(width, height);
  const [w, h] = preset.split(':').map(Number) as [number, number];
  return w >= h ? { width: outputSide((short * w) / h), height: outputSide(short) } : { width: outputSide(short), height: outputSide((short * h) / w) };
}

/** #rrggbb to 0–1 floats; black for anything malformed. */
export function backgroundRgb(output: OutputSettings): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(output.background ?? '');
  return match ? [parseInt(match[1]!, 16) / 255, parseInt(match[2]!, 16) / 255, parseInt(match[3]!, 16) / 255] : [0, 0, 0];
}

/** A title's words and look. Sizes and positions are fractions of the output, so titles survive a change of shape. */
export interface TextStyle {
  content: string;
  fontFamily: string;
  /** Line height as a fraction of the output height. */
  size: number;
  color: string;
  align: 'left' | 'center' | 'right';
  /** Centre of the text block, 0–1 across and down the output. */
  x: number;
  y: number;
  /** A box behind the text, or null for none. */
  background: string | null;
  /** A dark outline round the letters, to read on any picture without a box. */
  outline?: boolean;
}

/**
 * What the timeline needs to know about a piece of media; the bytes live
 * elsewhere. A title is an asset too (with `text`), drawn by the engine, so
 * every clip command (move, trim, split, delete) works on titles unchanged.
 */
export interface Asset {
  id: AssetId;
  name: string;
  durationUs: number;
  hasVideo: boolean;
  hasAudio: boolean;
  text?: TextStyle;
}

/** A title lasts as long as it is stretched: its "media" is a day of the same picture. */
export const TEXT_ASSET_DURATION_US = 86_400_000_000;

/** The longest a timeline may run (a project file's times are at most a day). */
export const MAX_TIMELINE_US = 86_400_000_000;

export function defaultTextStyle(content = 'Title'): TextStyle {
  return { content, fontFamily: 'system-ui, sans-serif', size: 0.1, color: '#ffffff', align: 'center', x: 0.5, y: 0.5, background: null };
}

/**
 * A lane of the timeline. Tracks are listed top to bottom as shown; a higher
 * video track covers the ones below it. Every clip's sound plays (unless its
 * track is muted, or another track is soloed); only video tracks show pictures.
 */
export interface Track {
  id: TrackId;
  kind: 'video' | 'audio';
  name: string;
  muted: boolean;
  solo: boolean;
  locked: boolean;
  hidden: boolean;
}

/** How a picture meets an output of another shape: whole with bars (letterbox/pillarbox), or filling it with the overflow cut off. */
export type PictureFit = 'contain' | 'cover';

/** How a clip's picture is placed and adjusted; absent fields are neutral (see `clipPicture`). */
export interface ClipPicture {
  fit: PictureFit;
  opacity: number;
  /** Centre, 0–1 across and down the output. */
  x: number;
  y: number;
  scale: number;
  /** Clockwise degrees. */
  rotation: number;
  /** Fractions trimmed from each side. */
  crop: { left: number; top: number; right: number; bottom: number };
  /** −1…1; contrast and saturation 0…2, 1 unchanged. */
  brightness: number;
  contrast: number;
  saturation: number;
  /** The picture fades in from what is below (the background, on one track) over its first µs, and out over its last. */
  fadeInUs: number;
  fadeOutUs: number;
  /**
   * Where scale and centre end up at the clip's out point, moving there evenly
   * from the values above over the clip (a slow zoom or pan, as on a photo:
   * "Ken Burns"); absent, they stay put.
   */
  end?: PictureEnd;
  /** A colour keyed out (a green screen): where it is, what is below shows; absent, nothing is. */
  key?: PictureKey;
}

export interface PictureKey {
  /** `#rrggbb`. */
  color: string;
  /** How far a pixel's chroma may lie from the key's and still go: 0.01–0.5 (Rec. 709 CbCr distance). */
  tolerance: number;
}

/** A colour as projects store them: `#rrggbb`. */
export const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** Chroma-key green (the paint's), keyed when no picture says otherwise. */
export const STANDARD_KEY_GREEN = '#00b140';

/** A new key's tolerance: a lit screen's own shades, not skin or grey. */
export const DEFAULT_KEY_TOLERANCE = 0.15;

export interface PictureEnd {
  scale: number;
  x: number;
  y: number;
}

/** A picture change as the inspector and commands take it: any fields, crop sides, end and key values one by one (`end: null` stops the motion, `key: null` the keying). */
export type PictureChange = Partial<Omit<ClipPicture, 'crop' | 'end' | 'key'>> & {
  crop?: Partial<ClipPicture['crop']>;
  end?: Partial<PictureEnd> | null;
  key?: Partial<PictureKey> | null;
};

export const NEUTRAL_PICTURE: ClipPicture = {
  fit: 'contain',
  opacity: 1,
  x: 0.5,
  y: 0.5,
  scale: 1,
  rotation: 0,
  crop: { left: 0, top: 0, right: 0, bottom: 0 },
  brightness: 0,
  contrast: 1,
  saturation: 1,
  fadeInUs: 0,
  fadeOutUs: 0,
};

export const clipPicture = (clip: Clip): ClipPicture => ({ ...NEUTRAL_PICTURE, ...clip.picture });

/** A clip's picture at source time `sourceUs`: a moving one's (`end`) scale and centre got there evenly from the in to the out point, held at the ends. */
export function pictureAt(clip: Clip, sourceUs: number): ClipPicture {
  const picture = clipPicture(clip);
  const { end } = picture;
  if (!end) return picture;
  const { inUs, outUs } = clip;
  const t = outUs > inUs ? Math.min(1, Math.max(0, (sourceUs - inUs) / (outUs - inUs))) : 0;
  const at = (from: number, to: number) => from + (to - from) * t;
  return { ...picture, scale: at(picture.scale, end.scale), x: at(picture.x, end.x), y: at(picture.y, end.y) };
}

/** A span [inUs, outUs) of an asset placed at `startUs` on a track. */
export interface Clip {
  id: ClipId;
  assetId: AssetId;
  trackId: TrackId;
  startUs: number;
  inUs: number;
  outUs: number;
  /** Linear gain, 0–2 (1 = as recorded). */
  volume: number;
  fadeInUs: number;
  fadeOutUs: number;
  /** Placement and colour; absent means as imported. */
  picture?: Partial<ClipPicture>;
  /** Playback speed, 0.25–4 (absent: 1). Sound keeps its pitch. */
  speed?: number;
  /** While this clip plays, the sound of clips on other tracks is lowered under it (ducking: a voice over music). */
  duckOthers?: boolean;
}

export interface Marker {
  id: MarkerId;
  timeUs: number;
  label: string;
}

export const TRANSITION_KINDS = ['crossfade', 'dip', 'wipe', 'push', 'zoom'] as const;
export type TransitionKind = (typeof TRANSITION_KINDS)[number];

/**
 * A transition across the cut where `fromClipId` ends and `toClipId` begins on
 * the same track, centred on the cut. It does nothing while the two clips do
 * not meet (moved apart), and comes back if they meet again.
 */
export interface Transition {
  id: TransitionId;
  kind: TransitionKind;
  fromClipId: ClipId;
  toClipId: ClipId;
  durationUs: number;
}

export interface Project {
  schemaVersion: typeof PROJECT_SCHEMA_VERSION;
  name: string;
  output: OutputSettings;
  assets: Asset[];
  tracks: Track[];
  clips: Clip[];
  markers: Marker[];
  transitions: Transition[];
  /** Where the timeline ends when that is after its last clip (an exported range ending in a gap); absent, it ends with its last clip. Not saved. */
  endUs?: number;
}

export const clipSpeed = (clip: Clip): number => clip.speed ?? 1;
/** Length on the timeline: the source span played at the clip's speed. */
export const clipDurationUs = (clip: Clip): number => Math.round((clip.outUs - clip.inUs) / clipSpeed(clip));
/** Source time the clip shows at timeline time `tUs` (unclamped). */
export const sourceAtUs = (clip: Clip, tUs: number): number => clip.inUs + Math.round((tUs - clip.startUs) * clipSpeed(clip));
/** Timeline time at which the clip shows source time `sourceUs` (unclamped). */
export const timelineAtUs = (clip: Clip, sourceUs: number): number => clip.startUs + Math.round((sourceUs - clip.inUs) / clipSpeed(clip));
export const clipEndUs = (clip: Clip): number => clip.startUs + clipDurationUs(clip);

export function timelineDurationUs(project: Project): number {
  let end = project.endUs ?? 0;
  for (const clip of project.clips) end = Math.max(end, clipEndUs(clip));
  return end;
}

export function newTrack(id: Track['id'], kind: Track['kind'], name: string): Track {
  return { id, kind, name, muted: false, solo: false, locked: false, hidden: false };
}

/** A clip with default sound settings. */
export function newClip(fields: Pick<Clip, 'id' | 'assetId' | 'trackId' | 'startUs' | 'inUs' | 'outUs'>): Clip {
  return { ...fields, volume: 1, fadeInUs: 0, fadeOutUs: 0 };
}

/** An empty project: one video track over one audio track. */
/** Fades fit inside the clip, as the editor keeps them (a project file may ask for more); the fade named by `keep` is shortened last. */
export function fitFades(clip: Clip, keep: 'in' | 'out'): Clip {
  const dur = Math.max(0, clipDurationUs(clip));
  if (keep === 'in') {
    const fadeInUs = Math.min(clip.fadeInUs, dur);
    return { ...clip, fadeInUs, fadeOutUs: Math.min(clip.fadeOutUs, dur - fadeInUs) };
  }
  const fadeOutUs = Math.min(clip.fadeOutUs, dur);
  return { ...clip, fadeOutUs, fadeInUs: Math.min(clip.fadeInUs, dur - fadeOutUs) };
}

/** The longest project name: what a `.spool.json` or a project link carries (render-job.ts's text limit). */
export const MAX_PROJECT_NAME = 200;

/**
 * A duplicate's name: "<name> copy", numbered past the names taken ("<name> copy 2"), so the project list
 * tells them apart; `name` is shortened so the whole stays within MAX_PROJECT_NAME (a longer one is saved as a
 * `.spool.json` that no Spool opens).
 */
export function copyName(name: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' copy' : ` copy ${n}`;
    const candidate = `${name.slice(0, MAX_PROJECT_NAME - suffix.length)}${suffix}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

/** "Project N" for a new project: N one past the count, or further while a project has that name (after a delete, the count repeats one). */
export function newProjectName(taken: readonly string[]): string {
  let n = taken.length + 1;
  while (taken.includes(`Project ${n}`)) n++;
  return `Project ${n}`;
}

export function emptyProject(name = 'Untitled'): Project {
  return {
    schemaVersion: PROJECT_SCHEMA_VERSION,
    name,
    output: { width: 1280, height: 720, fps: 30, videoCodec: 'avc', audioCodec: 'auto' },
    assets: [],
    tracks: [newTrack('track:v1', 'video', 'Video 1'), newTrack('track:a1', 'audio', 'Audio 1')],
    clips: [],
    markers: [],
    transitions: [],
  };
}
