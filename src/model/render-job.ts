import type { AudioCodecChoice, OutputSettings, Project } from './project.ts';
import { emptyProject, newClip } from './project.ts';
import type { AssetId } from './ids.ts';

/**
 * The CLI's project file (`spool render PROJECT.json`): media by path, clips by
 * media key. Untrusted input, so every field is checked with a message that
 * names it. The schema is documented in the README.
 */
export interface RenderJob {
  output: Partial<OutputSettings>;
  media: Record<string, string>;
  clips: { media: string; inUs: number; outUs?: number; startUs?: number }[];
}

const AUDIO_CODECS: readonly AudioCodecChoice[] = ['auto', 'aac', 'opus'];
const MAX_CLIPS = 10_000;

function fail(path: string, problem: string): never {
  throw new TypeError(`${path} ${problem}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalNumber(obj: Record<string, unknown>, key: string, path: string, min: number, max: number): number | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${path}.${key}`, 'must be a number');
  if (value < min || value > max) fail(`${path}.${key}`, `must be between ${min} and ${max}`);
  return value;
}

function parseOutput(raw: unknown): Partial<OutputSettings> {
  if (raw === undefined) return {};
  if (!isRecord(raw)) fail('output', 'must be an object');
  const output: Partial<OutputSettings> = {};
  const width = optionalNumber(raw, 'width', 'output', 16, 8192);
  const height = optionalNumber(raw, 'height', 'output', 16, 8192);
  const fps = optionalNumber(raw, 'fps', 'output', 1, 240);
  const videoBitrate = optionalNumber(raw, 'videoBitrate', 'output', 10_000, 500_000_000);
  for (const [key, value] of [['width', width], ['height', height]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value % 2 !== 0)) fail(`output.${key}`, 'must be an even whole number');
  }
  if (width !== undefined) output.width = width;
  if (height !== undefined) output.height = height;
  if (fps !== undefined) output.fps = fps;
  if (videoBitrate !== undefined) output.videoBitrate = Math.round(videoBitrate);
  if (raw.videoCodec !== undefined && raw.videoCodec !== 'avc') fail('output.videoCodec', 'must be "avc" (more codecs come with WebM export)');
  if (raw.audioCodec !== undefined) {
    if (!AUDIO_CODECS.includes(raw.audioCodec as AudioCodecChoice)) fail('output.audioCodec', `must be one of ${AUDIO_CODECS.join(', ')}`);
    output.audioCodec = raw.audioCodec as AudioCodecChoice;
  }
  return output;
}

export function parseRenderJob(raw: unknown): RenderJob {
  if (!isRecord(raw)) fail('project', 'must be a JSON object');
  const output = parseOutput(raw.output);
  if (!isRecord(raw.media) || Object.keys(raw.media).length === 0) fail('media', 'must map at least one name to a file path');
  const media: Record<string, string> = {};
  for (const [key, path] of Object.entries(raw.media)) {
    if (typeof path !== 'string' || path.length === 0) fail(`media.${key}`, 'must be a file path');
    media[key] = path;
  }
  if (!Array.isArray(raw.clips) || raw.clips.length === 0) fail('clips', 'must be a non-empty array');
  if (raw.clips.length > MAX_CLIPS) fail('clips', `may hold at most ${MAX_CLIPS} clips`);
  const clips = raw.clips.map((clip: unknown, i: number) => {
    const path = `clips[${i}]`;
    if (!isRecord(clip)) fail(path, 'must be an object');
    if (typeof clip.media !== 'string' || !Object.hasOwn(media, clip.media)) fail(`${path}.media`, 'must name an entry of "media"');
    const round = (us: number | undefined) => (us === undefined ? undefined : Math.round(us));
    const inUs = round(optionalNumber(clip, 'inUs', path, 0, Number.MAX_SAFE_INTEGER)) ?? 0;
    const outUs = round(optionalNumber(clip, 'outUs', path, 0, Number.MAX_SAFE_INTEGER));
    const startUs = round(optionalNumber(clip, 'startUs', path, 0, Number.MAX_SAFE_INTEGER));
    if (outUs !== undefined && outUs <= inUs) fail(`${path}.outUs`, 'must be after inUs');
    return { media: clip.media, inUs, ...(outUs === undefined ? {} : { outUs }), ...(startUs === undefined ? {} : { startUs }) };
  });
  return { output, media, clips };
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
  let cursor = 0;
  const clips = job.clips.map((c, i) => {
    const f = facts[c.media];
    const assetId = assetIds[c.media];
    if (!f || !assetId) throw new TypeError(`clips[${i}].media has no probe result`);
    const outUs = Math.min(c.outUs ?? f.durationUs, f.durationUs);
    if (outUs <= c.inUs) throw new RangeError(`clips[${i}] starts at ${c.inUs} µs, past the end of "${c.media}" (${f.durationUs} µs)`);
    const startUs = c.startUs ?? cursor;
    cursor = startUs + (outUs - c.inUs);
    return newClip({ id: `clip:${i + 1}`, assetId, trackId: 'track:v1', startUs, inUs: c.inUs, outUs });
  });
  // One track: clips may leave gaps but never overlap (what plays would be ambiguous).
  const byStart = clips.map((clip, index) => ({ clip, index })).sort((a, b) => a.clip.startUs - b.clip.startUs);
  for (let k = 1; k < byStart.length; k++) {
    const before = byStart[k - 1]!;
    const after = byStart[k]!;
    if (after.clip.startUs < before.clip.startUs + (before.clip.outUs - before.clip.inUs)) {
      throw new RangeError(`clips[${after.index}] overlaps clips[${before.index}] on the timeline (one track: clips may not overlap)`);
    }
  }
  const firstVideo = job.clips.map((c) => facts[c.media]).find((f) => f?.hasVideo);
  const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
  const output: OutputSettings = {
    width: job.output.width ?? even(firstVideo?.width ?? 1280),
    height: job.output.height ?? even(firstVideo?.height ?? 720),
    fps: job.output.fps ?? firstVideo?.fps ?? 30,
    videoCodec: 'avc',
    audioCodec: job.output.audioCodec ?? 'auto',
    ...(job.output.videoBitrate ? { videoBitrate: job.output.videoBitrate } : {}),
  };
  const assets = Object.entries(assetIds).map(([key, id]) => {
    const f = facts[key]!;
    return { id, name: job.media[key]!, durationUs: f.durationUs, hasVideo: f.hasVideo, hasAudio: f.hasAudio };
  });
  return { ...emptyProject(), output, assets, clips };
}
