import type { Asset, AudioCodecChoice, ClipPicture, ContainerChoice, OutputSettings, Project, TextStyle, TransitionKind, VideoCodecChoice } from './project.ts';
import { DEFAULT_KEY_TOLERANCE, emptyProject, HEX_COLOUR, fitFades, MAX_TIMELINE_US, newClip, newTrack, TEXT_ASSET_DURATION_US, TRANSITION_KINDS } from './project.ts';
import { formatTimecode } from './time.ts';
import { MAX_OUTPUT_SIDE, MIN_OUTPUT_SIDE, outputSide } from './output-format.ts';
import type { AssetId, TrackId } from './ids.ts';

/**
 * The project file (`.spool.json`): what `spool render PROJECT.json` renders
 * and what the app exports and imports. Media by path (and, from the app, by
 * content fingerprint so it can relink), clips by media key, optional tracks,
 * sound and markers. Untrusted input, so every field is checked with a message
 * that names it. The schema is documented in the README.
 */
export interface JobTrack {
  id: TrackId;
  kind: 'video' | 'audio';
  name: string;
  muted?: boolean;
  solo?: boolean;
  locked?: boolean;
  hidden?: boolean;
}

export interface JobClip {
  /** A key of `media` (a file) or, instead, of `titles`. */
  media?: string;
  title?: string;
  inUs: number;
  outUs?: number;
  startUs?: number;
  track?: TrackId;
  volume?: number;
  fadeInUs?: number;
  fadeOutUs?: number;
  speed?: number;
  picture?: Partial<ClipPicture>;
  duckOthers?: boolean;
}

export interface JobTransition {
  /** Indexes into `clips`. */
  from: number;
  to: number;
  kind: TransitionKind;
  durationUs: number;
}

/** What a file holds: enough to place its clips (and to say what to import) while the file itself is missing. */
export type MediaKind = 'video' | 'audio' | 'video+audio';
export interface MediaInfo {
  durationUs: number;
  kind: MediaKind;
}

export interface RenderJob {
  name?: string;
  output: Partial<OutputSettings>;
  media: Record<string, string>;
  fingerprints?: Record<string, string>;
  /** Written by the app (files and links), so a project opens before its media is imported. */
  mediaInfo?: Record<string, MediaInfo>;
  tracks?: JobTrack[];
  clips: JobClip[];
  titles?: Record<string, TextStyle>;
  transitions?: JobTransition[];
  markers?: { timeUs: number; label: string }[];
}

const AUDIO_CODECS: readonly AudioCodecChoice[] = ['auto', 'aac', 'opus'];
const VIDEO_CODECS: readonly VideoCodecChoice[] = ['avc', 'hevc', 'av1', 'vp9', 'vp8'];
const CONTAINERS: readonly ContainerChoice[] = ['mp4', 'webm', 'm4a'];
const MAX_CLIPS = 10_000;
const MAX_MEDIA = 10_000;
/** No time in a project file may be past a day: larger values are hostile or broken, and would freeze the UI. */
const MAX_TIME_US = MAX_TIMELINE_US;

/** A title's text, at most: what a project file (and so the title box) allows. */
export const MAX_TITLE_CHARACTERS = 2000;

function fail(path: string, problem: string): never {
  throw new TypeError(`${path} ${problem}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A key in an error message: escaped and cut short, whatever the input holds. */
const keyPath = (path: string, key: string) => `${path}.${JSON.stringify(key).slice(1, -1).slice(0, 40)}`;

/** An object with only the listed fields: a misspelt or foreign field is named, never silently ignored. */
function knownRecord(value: unknown, path: string, fields: readonly string[]): Record<string, unknown> {
  if (!isRecord(value)) fail(path, 'must be an object');
  for (const key of Object.keys(value)) if (!fields.includes(key)) fail(keyPath(path, key), 'is not a field Spool knows');
  return value;
}

const MAX_KEY = 64;
/** Keys people choose (media, titles): short, and never one that reaches an object's prototype when assigned. */
function entries(value: Record<string, unknown>, path: string): [string, unknown][] {
  return Object.entries(value).map(([key, item]) => {
    if (key.length === 0 || key.length > MAX_KEY || key === '__proto__' || key === 'constructor' || key === 'prototype') {
      fail(keyPath(path, key), `is not an allowed name (1 to ${MAX_KEY} characters, not __proto__, constructor or prototype)`);
    }
    return [key, item];
  });
}

function optionalNumber(obj: Record<string, unknown>, key: string, path: string, min: number, max: number): number | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${path}.${key}`, 'must be a number');
  if (value < min || value > max) fail(`${path}.${key}`, `must be between ${min} and ${max}`);
  return value;
}

function parseOutput(value: unknown): Partial<OutputSettings> {
  if (value === undefined) return {};
  const raw = knownRecord(value, 'output', ['width', 'height', 'fps', 'container', 'videoCodec', 'audioCodec', 'videoBitrate', 'background']);
  const output: Partial<OutputSettings> = {};
  const width = optionalNumber(raw, 'width', 'output', MIN_OUTPUT_SIDE, MAX_OUTPUT_SIDE);
  const height = optionalNumber(raw, 'height', 'output', MIN_OUTPUT_SIDE, MAX_OUTPUT_SIDE);
  const fps = optionalNumber(raw, 'fps', 'output', 1, 240);
  const videoBitrate = optionalNumber(raw, 'videoBitrate', 'output', 10_000, 500_000_000);
  for (const [key, value] of [['width', width], ['height', height]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value % 2 !== 0)) fail(`output.${key}`, 'must be an even whole number');
  }
  if (width !== undefined) output.width = width;
  if (height !== undefined) output.height = height;
  if (fps !== undefined) output.fps = fps;
  if (videoBitrate !== undefined) output.videoBitrate = Math.round(videoBitrate);
  if (raw.videoCodec !== undefined) {
    if (!VIDEO_CODECS.includes(raw.videoCodec as VideoCodecChoice)) fail('output.videoCodec', `must be one of ${VIDEO_CODECS.join(', ')}`);
    output.videoCodec = raw.videoCodec as VideoCodecChoice;
  }
  if (raw.container !== undefined) {
    if (!CONTAINERS.includes(raw.container as ContainerChoice)) fail('output.container', `must be one of ${CONTAINERS.join(', ')}`);
    output.container = raw.container as ContainerChoice;
  }
  if (raw.background !== undefined) {
    if (typeof raw.background !== 'string' || !/^#[0-9a-f]{6}$/i.test(raw.background)) fail('output.background', 'must be a colour like "#000000"');
    output.background = raw.background.toLowerCase();
  }
  if (raw.audioCodec !== undefined) {
    if (!AUDIO_CODECS.includes(raw.audioCodec as AudioCodecChoice)) fail('output.audioCodec', `must be one of ${AUDIO_CODECS.join(', ')}`);
    output.audioCodec = raw.audioCodec as AudioCodecChoice;
  }
  return output;
}

const MAX_TRACKS = 100;
const MAX_TEXT = 200;

function optionalBoolean(obj: Record<string, unknown>, key: string, path: string): boolean | undefined {
  const value = obj[key];
  if (value !== undefined && typeof value !== 'boolean') fail(`${path}.${key}`, 'must be true or false');
  return value as boolean | undefined;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length > MAX_TEXT) fail(path, `must be text of at most ${MAX_TEXT} characters`);
  return value;
}

function parseTracks(raw: unknown): JobTrack[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_TRACKS) fail('tracks', `must be a list of 1 to ${MAX_TRACKS} tracks`);
  const seen = new Set<string>();
  return raw.map((value: unknown, i: number) => {
    const path = `tracks[${i}]`;
    const track = knownRecord(value, path, ['id', 'kind', 'name', 'muted', 'solo', 'locked', 'hidden']);
    if (typeof track.id !== 'string' || !/^track:[\w-]{1,64}$/.test(track.id) || seen.has(track.id)) fail(`${path}.id`, 'must be a unique id like "track:v1"');
    seen.add(track.id);
    if (track.kind !== 'video' && track.kind !== 'audio') fail(`${path}.kind`, 'must be "video" or "audio"');
    const flags = Object.fromEntries(
      (['muted', 'solo', 'locked', 'hidden'] as const).map((flag) => [flag, optionalBoolean(track, flag, path)]).filter(([, v]) => v !== undefined),
    );
    return { id: track.id as TrackId, kind: track.kind, name: text(track.name ?? track.id, `${path}.name`), ...flags };
  });
}

const TITLE_DEFAULT_US = 5_000_000;

function parseTitle(value: unknown, path: string): TextStyle {
  const raw = knownRecord(value, path, ['content', 'fontFamily', 'size', 'color', 'align', 'x', 'y', 'background', 'outline']);
  const number = (key: string, min: number, max: number, fallback: number) => optionalNumber(raw, key, path, min, max) ?? fallback;
  const colour = (key: string, fallback: string | null) => {
    const value = raw[key];
    if (value === undefined) return fallback;
    if (value === null && fallback === null) return null;
    if (typeof value !== 'string' || !HEX_COLOUR.test(value)) fail(`${path}.${key}`, 'must be a colour like "#ffffff"');
    return value.toLowerCase();
  };
  if (typeof raw.content !== 'string' || raw.content.length > MAX_TITLE_CHARACTERS) fail(`${path}.content`, `must be text of at most ${MAX_TITLE_CHARACTERS} characters`);
  const fontFamily = raw.fontFamily === undefined ? 'system-ui, sans-serif' : text(raw.fontFamily, `${path}.fontFamily`);
  if (!/^[\w\s,'"-]*$/.test(fontFamily)) fail(`${path}.fontFamily`, 'must be a list of font names');
  const align = raw.align ?? 'center';
  if (align !== 'left' && align !== 'center' && align !== 'right') fail(`${path}.align`, 'must be "left", "center" or "right"');
  return {
    content: raw.content,
    fontFamily,
    size: number('size', 0.02, 0.5, 0.1),
    color: colour('color', '#ffffff')!,
    align,
    x: number('x', 0, 1, 0.5),
    y: number('y', 0, 1, 0.5),
    background: colour('background', null),
    ...(raw.outline === undefined ? {} : { outline: raw.outline === true || (raw.outline === false ? false : fail(`${path}.outline`, 'must be true or false')) }),
  };
}

function parsePicture(value: unknown, path: string): Partial<ClipPicture> {
  const raw = knownRecord(value, path, ['fit', 'opacity', 'x', 'y', 'scale', 'rotation', 'crop', 'brightness', 'contrast', 'saturation', 'fadeInUs', 'fadeOutUs', 'end', 'key']);
  const picture: Partial<ClipPicture> = {};
  if (raw.fit !== undefined) {
    if (raw.fit !== 'contain' && raw.fit !== 'cover') fail(`${path}.fit`, 'must be "contain" (whole picture, with bars) or "cover" (fill, cut to fit)');
    picture.fit = raw.fit;
  }
  const ranges: [Exclude<keyof ClipPicture, 'crop' | 'fit' | 'end' | 'key'>, number, number][] = [
    ['opacity', 0, 1],
    ['x', -1, 2],
    ['y', -1, 2],
    ['scale', 0.05, 10],
    ['rotation', -360, 360],
    ['brightness', -1, 1],
    ['contrast', 0, 2],
    ['saturation', 0, 2],
    ['fadeInUs', 0, MAX_TIME_US],
    ['fadeOutUs', 0, MAX_TIME_US],
  ];
  for (const [key, min, max] of ranges) {
    const value = optionalNumber(raw, key, path, min, max);
    if (value !== undefined) picture[key] = value;
  }
  if (raw.end !== undefined) {
    // Each end value left out stays where it starts.
    const end = knownRecord(raw.end, `${path}.end`, ['scale', 'x', 'y']);
    picture.end = {
      scale: optionalNumber(end, 'scale', `${path}.end`, 0.05, 10) ?? picture.scale ?? 1,
      x: optionalNumber(end, 'x', `${path}.end`, -1, 2) ?? picture.x ?? 0.5,
      y: optionalNumber(end, 'y', `${path}.end`, -1, 2) ?? picture.y ?? 0.5,
    };
  }
  if (raw.key !== undefined) {
    const key = knownRecord(raw.key, `${path}.key`, ['color', 'tolerance']);
    if (typeof key.color !== 'string' || !HEX_COLOUR.test(key.color)) fail(`${path}.key.color`, 'must be a colour like "#00b140"');
    picture.key = { color: key.color.toLowerCase(), tolerance: optionalNumber(key, 'tolerance', `${path}.key`, 0.01, 0.5) ?? DEFAULT_KEY_TOLERANCE };
  }
  if (raw.crop !== undefined) {
    const crop = knownRecord(raw.crop, `${path}.crop`, ['left', 'top', 'right', 'bottom']);
    const side = (key: string) => optionalNumber(crop, key, `${path}.crop`, 0, 0.45) ?? 0;
    picture.crop = { left: side('left'), top: side('top'), right: side('right'), bottom: side('bottom') };
  }
  return picture;
}

const JOB_FIELDS = ['name', 'output', 'media', 'fingerprints', 'mediaInfo', 'tracks', 'clips', 'titles', 'transitions', 'markers'];
const CLIP_FIELDS = ['media', 'title', 'inUs', 'outUs', 'startUs', 'track', 'volume', 'fadeInUs', 'fadeOutUs', 'speed', 'picture', 'duckOthers'];
/** A path on disk (CLI) or a file's name (app). */
const MAX_PATH = 4096;
/** Fingerprints become asset ids, so only characters that are safe in an id. */
const FINGERPRINT = /^[\w.-]{1,100}$/;
const MEDIA_KINDS: readonly MediaKind[] = ['video', 'audio', 'video+audio'];

function parseMediaInfo(raw: unknown, media: Record<string, string>): Record<string, MediaInfo> | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) fail('mediaInfo', 'must map media names to their duration and kind');
  const info: Record<string, MediaInfo> = {};
  for (const [key, value] of entries(raw, 'mediaInfo')) {
    const path = `mediaInfo.${key}`;
    if (!Object.hasOwn(media, key)) fail(path, 'must name an entry of "media"');
    const item = knownRecord(value, path, ['durationUs', 'kind']);
    const durationUs = optionalNumber(item, 'durationUs', path, 1, MAX_TIME_US);
    if (durationUs === undefined) fail(`${path}.durationUs`, 'must be a number');
    if (!MEDIA_KINDS.includes(item.kind as MediaKind)) fail(`${path}.kind`, `must be one of ${MEDIA_KINDS.join(', ')}`);
    info[key] = { durationUs: Math.round(durationUs), kind: item.kind as MediaKind };
  }
  return info;
}

export function parseRenderJob(value: unknown): RenderJob {
  if (!isRecord(value)) fail('project', 'must be a JSON object');
  const raw = knownRecord(value, 'project', JOB_FIELDS);
  const output = parseOutput(raw.output);
  if (!isRecord(raw.media) || (Object.keys(raw.media).length === 0 && raw.titles === undefined)) fail('media', 'must map at least one name to a file path');
  if (Object.keys(raw.media).length > MAX_MEDIA) fail('media', `may name at most ${MAX_MEDIA} files`);
  const media: Record<string, string> = {};
  for (const [key, path] of entries(raw.media, 'media')) {
    if (typeof path !== 'string' || path.length === 0 || path.length > MAX_PATH) fail(`media.${key}`, `must be a file path (at most ${MAX_PATH} characters)`);
    media[key] = path;
  }
  let fingerprints: Record<string, string> | undefined;
  if (raw.fingerprints !== undefined) {
    if (!isRecord(raw.fingerprints)) fail('fingerprints', 'must map media names to fingerprints');
    fingerprints = {};
    for (const [key, value] of entries(raw.fingerprints, 'fingerprints')) {
      if (!Object.hasOwn(media, key)) fail(`fingerprints.${key}`, 'must name an entry of "media"');
      if (typeof value !== 'string' || !FINGERPRINT.test(value)) fail(`fingerprints.${key}`, 'must be a fingerprint like "fp-1a2b-…" (letters, digits, "-", "_", ".")');
      fingerprints[key] = value;
    }
  }
  const mediaInfo = parseMediaInfo(raw.mediaInfo, media);
  const tracks = parseTracks(raw.tracks);
  let titles: Record<string, TextStyle> | undefined;
  if (raw.titles !== undefined) {
    if (!isRecord(raw.titles) || Object.keys(raw.titles).length > MAX_MEDIA) fail('titles', `must map at most ${MAX_MEDIA} names to titles`);
    titles = {};
    for (const [key, value] of entries(raw.titles, 'titles')) titles[key] = parseTitle(value, `titles.${key}`);
  }
  if (!Array.isArray(raw.clips) || raw.clips.length === 0) fail('clips', 'must be a non-empty array');
  if (raw.clips.length > MAX_CLIPS) fail('clips', `may hold at most ${MAX_CLIPS} clips`);
  const clips = raw.clips.map((value: unknown, i: number): JobClip => {
    const path = `clips[${i}]`;
    const clip = knownRecord(value, path, CLIP_FIELDS);
    const isTitle = clip.title !== undefined;
    if (isTitle) {
      if (clip.media !== undefined) fail(path, 'must have either "media" or "title", not both');
      if (typeof clip.title !== 'string' || !titles || !Object.hasOwn(titles, clip.title)) fail(`${path}.title`, 'must name an entry of "titles"');
    } else if (typeof clip.media !== 'string' || !Object.hasOwn(media, clip.media)) fail(`${path}.media`, 'must name an entry of "media"');
    const round = (us: number | undefined) => (us === undefined ? undefined : Math.round(us));
    const inUs = round(optionalNumber(clip, 'inUs', path, 0, MAX_TIME_US)) ?? 0;
    const outUs = round(optionalNumber(clip, 'outUs', path, 0, MAX_TIME_US));
    const startUs = round(optionalNumber(clip, 'startUs', path, 0, MAX_TIME_US));
    if (outUs !== undefined && outUs <= inUs) fail(`${path}.outUs`, 'must be after inUs');
    if (clip.track !== undefined && !tracks?.some((t) => t.id === clip.track)) fail(`${path}.track`, 'must name an entry of "tracks"');
    const volume = optionalNumber(clip, 'volume', path, 0, 2);
    const fadeInUs = round(optionalNumber(clip, 'fadeInUs', path, 0, MAX_TIME_US));
    const fadeOutUs = round(optionalNumber(clip, 'fadeOutUs', path, 0, MAX_TIME_US));
    const speed = optionalNumber(clip, 'speed', path, 0.25, 4);
    if (clip.duckOthers !== undefined && typeof clip.duckOthers !== 'boolean') fail(`${path}.duckOthers`, 'must be true or false');
    return {
      ...(isTitle ? { title: clip.title as string } : { media: clip.media as string }),
      ...(speed === undefined ? {} : { speed }),
      ...(clip.picture === undefined ? {} : { picture: parsePicture(clip.picture, `${path}.picture`) }),
      inUs,
      ...(outUs === undefined ? {} : { outUs }),
      ...(startUs === undefined ? {} : { startUs }),
      ...(clip.track === undefined ? {} : { track: clip.track as TrackId }),
      ...(volume === undefined ? {} : { volume }),
      ...(fadeInUs === undefined ? {} : { fadeInUs }),
      ...(fadeOutUs === undefined ? {} : { fadeOutUs }),
      ...(clip.duckOthers === true ? { duckOthers: true } : {}),
    };
  });
  let markers: RenderJob['markers'];
  if (raw.markers !== undefined) {
    if (!Array.isArray(raw.markers) || raw.markers.length > MAX_CLIPS) fail('markers', `must be a list of at most ${MAX_CLIPS} markers`);
    markers = raw.markers.map((value: unknown, i: number) => {
      const marker = knownRecord(value, `markers[${i}]`, ['timeUs', 'label']);
      const timeUs = optionalNumber(marker, 'timeUs', `markers[${i}]`, 0, MAX_TIME_US);
      if (timeUs === undefined) fail(`markers[${i}].timeUs`, 'must be a number');
      return { timeUs: Math.round(timeUs), label: text(marker.label ?? '', `markers[${i}].label`) };
    });
  }
  let transitions: JobTransition[] | undefined;
  if (raw.transitions !== undefined) {
    if (!Array.isArray(raw.transitions) || raw.transitions.length > MAX_CLIPS) fail('transitions', `must be a list of at most ${MAX_CLIPS} transitions`);
    transitions = raw.transitions.map((value: unknown, i: number): JobTransition => {
      const path = `transitions[${i}]`;
      const transition = knownRecord(value, path, ['from', 'to', 'kind', 'durationUs']);
      const index = (key: 'from' | 'to') => {
        const value = transition[key];
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= clips.length) fail(`${path}.${key}`, 'must be the index of a clip');
        return value;
      };
      const kind = TRANSITION_KINDS.find((k) => k === transition.kind) ?? fail(`${path}.kind`, 'must be "crossfade", "dip", "wipe", "push" or "zoom"');
      const durationUs = optionalNumber(transition, 'durationUs', path, 1, MAX_TIME_US) ?? 1_000_000;
      const [from, to] = [index('from'), index('to')];
      if (from === to) fail(`${path}.to`, 'must be another clip than from');
      return { from, to, kind, durationUs: Math.round(durationUs) };
    });
    // As in the editor, a clip ends into at most one transition.
    const seen = new Set<number>();
    transitions.forEach((t, i) => {
      if (seen.has(t.from)) fail(`transitions[${i}].from`, `clip ${t.from} already has a transition at its end`);
      seen.add(t.from);
    });
  }
  return {
    ...(raw.name === undefined ? {} : { name: text(raw.name, 'name') }),
    ...(titles ? { titles } : {}),
    ...(transitions ? { transitions } : {}),
    output,
    media,
    ...(fingerprints ? { fingerprints } : {}),
    ...(mediaInfo ? { mediaInfo } : {}),
    ...(tracks ? { tracks } : {}),
    clips,
    ...(markers ? { markers } : {}),
  };
}

/** What a probe says about each media key, enough to place clips and size the output. */
export interface MediaFacts {
  durationUs: number;
  hasVideo: boolean;
  hasAudio: boolean;
  width?: number;
  height?: number;
  fps?: number;
}

/**
 * Places the job's clips (back to back unless `startUs` says otherwise) and
 * fills output settings from the first video when the job leaves them out.
 */
export function buildProject(job: RenderJob, facts: Record<string, MediaFacts>, assetIds: Record<string, AssetId>): Project {
  const base = emptyProject(job.name ?? 'Untitled');
  const tracks = job.tracks
    ? job.tracks.map((t) => ({ ...newTrack(t.id, t.kind, t.name), muted: t.muted ?? false, solo: t.solo ?? false, locked: t.locked ?? false, hidden: t.hidden ?? false }))
    : base.tracks;
  const defaultTrack = (tracks.find((t) => t.kind === 'video') ?? tracks[0]!).id;
  const cursor = new Map<string, number>();
  // Keys are made id-safe; two that come out alike ("a b", "a_b") are told apart, or one title would show for both.
  const titleIds = new Map<string, AssetId>();
  for (const key of Object.keys(job.titles ?? {})) {
    const safe = `asset:title-${key.replace(/[^\w-]/g, '_')}`;
    let id = safe;
    for (let n = 2; [...titleIds.values()].includes(id as AssetId); n++) id = `${safe}-${n}`;
    titleIds.set(key, id as AssetId);
  }
  const titleId = (key: string) => titleIds.get(key)!;
  const clips = job.clips.map((c, i) => {
    const title = c.title === undefined ? undefined : job.titles?.[c.title];
    const f = c.media === undefined ? undefined : facts[c.media];
    const assetId = title ? titleId(c.title!) : c.media === undefined ? undefined : assetIds[c.media];
    if (!assetId || (!title && !f)) throw new TypeError(`clips[${i}].media has no probe result`);
    const durationUs = title ? TEXT_ASSET_DURATION_US : f!.durationUs;
    const outUs = Math.min(c.outUs ?? (title ? c.inUs + TITLE_DEFAULT_US : durationUs), durationUs);
    if (outUs <= c.inUs) throw new RangeError(`clips[${i}] starts at ${formatTimecode(c.inUs)} of "${c.media}", past its end (${formatTimecode(durationUs)})`);
    const trackId = c.track ?? defaultTrack;
    const speed = c.speed ?? 1;
    // Back to back on their track unless the clip says where it starts.
    const startUs = c.startUs ?? cursor.get(trackId) ?? 0;
    cursor.set(trackId, startUs + Math.round((outUs - c.inUs) / speed));
    return fitFades(
      {
        ...newClip({ id: `clip:${i + 1}`, assetId, trackId, startUs, inUs: c.inUs, outUs }),
        volume: c.volume ?? 1,
        fadeInUs: c.fadeInUs ?? 0,
        fadeOutUs: c.fadeOutUs ?? 0,
        ...(c.speed === undefined || c.speed === 1 ? {} : { speed: c.speed }),
        ...(c.picture ? { picture: c.picture } : {}),
        ...(c.duckOthers ? { duckOthers: true } : {}),
      },
      'in',
    );
  });
  const videos = job.clips.map((c) => (c.media === undefined ? undefined : facts[c.media])).filter((f) => f?.hasVideo);
  const firstVideo = videos[0];
  // A still has no frame rate of its own: the first moving video's, else 30.
  const firstRate = videos.find((f) => (f?.fps ?? 0) > 0)?.fps;
  const output: OutputSettings = {
    width: job.output.width ?? outputSide(firstVideo?.width ?? 1280),
    height: job.output.height ?? outputSide(firstVideo?.height ?? 720),
    fps: job.output.fps ?? firstRate ?? 30,
    videoCodec: job.output.videoCodec ?? 'avc',
    audioCodec: job.output.audioCodec ?? 'auto',
    ...(job.output.container ? { container: job.output.container } : {}),
    ...(job.output.videoBitrate ? { videoBitrate: job.output.videoBitrate } : {}),
    ...(job.output.background ? { background: job.output.background } : {}),
  };
  const assets: Asset[] = Object.entries(assetIds).map(([key, id]) => {
    const f = facts[key]!;
    return { id, name: job.media[key]!, durationUs: f.durationUs, hasVideo: f.hasVideo, hasAudio: f.hasAudio };
  });
  for (const [key, style] of Object.entries(job.titles ?? {})) {
    assets.push({ id: titleId(key), name: style.content.split('\n')[0]!.slice(0, 60) || 'Title', durationUs: TEXT_ASSET_DURATION_US, hasVideo: true, hasAudio: false, text: style });
  }
  const markers = (job.markers ?? []).map((m, i) => ({ id: `marker:${i + 1}` as const, timeUs: m.timeUs, label: m.label }));
  const transitions = (job.transitions ?? []).map((t, i) => ({
    id: `transition:${i + 1}` as const,
    kind: t.kind,
    fromClipId: clips[t.from]!.id,
    toClipId: clips[t.to]!.id,
    durationUs: t.durationUs,
  }));
  return { ...base, output, assets, tracks, clips, markers, transitions };
}

/** The project as a `.spool.json` file: media named by file name and fingerprint, so it renders from the CLI and relinks in the app. */
export function projectToJob(project: Project, fingerprintOf: (assetId: AssetId) => string | undefined): RenderJob {
  // One key per asset, within the 64 characters a name may have, and never shared (cut to 40, two titles sharing their first 40 became one).
  const keys = new Map<AssetId, string>();
  const keyOf = (assetId: AssetId) => {
    let key = keys.get(assetId);
    if (key === undefined) {
      const base = assetId.replace(/^asset:(title-)?/, '').slice(0, MAX_KEY);
      const taken = new Set(keys.values());
      key = base;
      for (let n = 2; taken.has(key); n++) key = `${base.slice(0, MAX_KEY - String(n).length - 1)}-${n}`;
      keys.set(assetId, key);
    }
    return key;
  };
  const media: Record<string, string> = {};
  const fingerprints: Record<string, string> = {};
  const mediaInfo: Record<string, MediaInfo> = {};
  const titles: Record<string, TextStyle> = {};
  for (const asset of project.assets) {
    if (asset.text) {
      titles[keyOf(asset.id)] = asset.text;
      continue;
    }
    media[keyOf(asset.id)] = asset.name;
    mediaInfo[keyOf(asset.id)] = { durationUs: asset.durationUs, kind: asset.hasVideo ? (asset.hasAudio ? 'video+audio' : 'video') : 'audio' };
    const fingerprint = fingerprintOf(asset.id);
    if (fingerprint) fingerprints[keyOf(asset.id)] = fingerprint;
  }
  const isTitle = (assetId: AssetId) => !!project.assets.find((a) => a.id === assetId)?.text;
  const index = new Map(project.clips.map((c, i) => [c.id, i]));
  return {
    name: project.name,
    output: project.output,
    media,
    fingerprints,
    mediaInfo,
    ...(Object.keys(titles).length > 0 ? { titles } : {}),
    tracks: project.tracks.map(({ id, kind, name, muted, solo, locked, hidden }) => ({ id, kind, name, muted, solo, locked, hidden })),
    clips: project.clips.map((c) => ({
      ...(isTitle(c.assetId) ? { title: keyOf(c.assetId) } : { media: keyOf(c.assetId) }),
      inUs: c.inUs,
      outUs: c.outUs,
      startUs: c.startUs,
      track: c.trackId,
      volume: c.volume,
      fadeInUs: c.fadeInUs,
      fadeOutUs: c.fadeOutUs,
      ...(c.speed === undefined ? {} : { speed: c.speed }),
      ...(c.picture ? { picture: c.picture } : {}),
      ...(c.duckOthers ? { duckOthers: true } : {}),
    })),
    transitions: project.transitions
      .filter((t) => index.has(t.fromClipId) && index.has(t.toClipId))
      .map((t) => ({ from: index.get(t.fromClipId)!, to: index.get(t.toClipId)!, kind: t.kind, durationUs: t.durationUs })),
    markers: project.markers.map(({ timeUs, label }) => ({ timeUs, label })),
  };
}
