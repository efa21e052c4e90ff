import type { Clip, Project } from '../model/project.ts';
import { clipEndUs, clipPicture, clipSpeed, NEUTRAL_PICTURE, timelineDurationUs } from '../model/project.ts';
import { activeTransitions } from '../model/render-plan.ts';
import type { OutputFormat } from '../model/output-format.ts';
import { formatTimecode } from '../model/time.ts';
import { Mp4Source, type VideoTrack } from '../media/mp4-source.ts';
import { PTS_TOLERANCE_US } from '../media/sample-index.ts';
import { sameBytes } from './encoded-bytes.ts';
import { PICTURE_HOLD_US } from './picture-layers.ts';
import type { SourceLookup } from './sources.ts';
import type { CopyJob } from './copy-streams.ts';
import type { ClipId } from '../model/ids.ts';

/** Samples [from, to) (decode order) of one clip's track, shifted by `offsetUs` onto the timeline. */
export interface CopySegment {
  source: Mp4Source;
  track: VideoTrack;
  from: number;
  to: number;
  offsetUs: number;
  clipId: ClipId;
  startUs: number;
}

/** `snappable`: a cut off a keyframe (or inside a frame) is what stops the copy, so snapping cuts to keyframes may allow it. */
export type CopyPlan = { ok: true; segments: CopySegment[] } | { ok: false; reason: string; snappable?: true };

/** The codec family of an MP4 sample entry, as the output names codecs. */
const FAMILY: Record<string, string> = { avc1: 'avc', avc3: 'avc', hvc1: 'hevc', hev1: 'hevc', av01: 'av1', vp09: 'vp9' };


/** The keyframe sample shown at `us`, if there is one. */
const keyframeAt = (track: VideoTrack, us: number) => track.samples.findIndex((s) => s.key && Math.abs(s.ptsUs - us) <= PTS_TOLERANCE_US);

/** The sample whose frame starts at `us`, if there is one. */
const frameAt = (track: VideoTrack, us: number) => track.samples.findIndex((s) => Math.abs(s.ptsUs - us) <= PTS_TOLERANCE_US);

const reordering = new WeakMap<VideoTrack, boolean>();
/** Whether any frame is decoded after one it shows before (B-frames); the export panel asks on every edit, so kept per track. */
function reorders(track: VideoTrack): boolean {
  let known = reordering.get(track);
  if (known === undefined) reordering.set(track, (known = track.samples.some((s, i) => i > 0 && s.ptsUs < track.samples[i - 1]!.ptsUs)));
  return known;
}

/** How far ahead of its showing sample `index` is decoded (0 without B-frames). */
const decodeLead = (track: VideoTrack, index: number) => track.samples[index]!.ptsUs - track.samples[index]!.dtsUs;

/** No speed change and a neutral picture (fit aside: a source of the output's size fills it either way). */
function isPlain(clip: Clip): boolean {
  return clipSpeed(clip) === 1 && JSON.stringify({ ...clipPicture(clip), fit: 'contain' }) === JSON.stringify(NEUTRAL_PICTURE);
}

/**
 * Whether the video can be written by copying the source's encoded samples
 * (lossless, and as fast as the disk): one track of plain clips (no effect,
 * no speed change, no transition, no title), back to back from the start,
 * each clip starting on a keyframe and ending on one (or, where no frame is
 * reordered, on any frame: what comes before decodes without what follows),
 * from MP4 files whose codec, sample description,
 * size and frame rate equal the output's. Reordered (B-)frames are copied with
 * their composition offsets, and the file gets an edit list (see
 * mp4-edit-list.ts) so it starts showing at its first frame.
 * Otherwise says why not, in words for the export dialog.
 */
export function planStreamCopy(project: Project, sources: SourceLookup, format: OutputFormat): CopyPlan {
  const no = (reason: string): CopyPlan => ({ ok: false, reason });
  const offCut = (reason: string): CopyPlan => ({ ok: false, reason, snappable: true });
  if (format.container !== 'mp4' || !format.video) return no('only MP4 video is copied');
  const tracks = new Set(project.tracks.filter((t) => t.kind === 'video' && !t.hidden).map((t) => t.id));
  const clips = project.clips.filter((c) => tracks.has(c.trackId)).sort((a, b) => a.startUs - b.startUs);
  if (clips.length === 0) return no('there is no video to copy');
  if (new Set(clips.map((c) => c.trackId)).size > 1) return no('clips on several video tracks are drawn over each other');
  if (activeTransitions(project).length > 0) return no('a transition is drawn');
  // A chosen quality is a bitrate to encode to; the standard quality keeps the source's own (copying is lossless).
  if (project.output.videoBitrate) return no('a quality (bitrate) is chosen, so the video is encoded to it');
  const { width, height, fps } = project.output;
  const segments: CopySegment[] = [];
  let expectedStart = 0;
  let pictureEndUs = 0;
  let first: VideoTrack | undefined;
  for (const clip of clips) {
    const source = sources(clip.assetId);
    const name = project.assets.find((a) => a.id === clip.assetId)?.name ?? 'a clip';
    if (!(source instanceof Mp4Source) || !source.video) return no(`"${name}" is not an MP4/MOV video`);
    const track = source.video;
    if (clip.startUs > expectedStart) return no(`there is a gap at ${formatTimecode(expectedStart)}`);
    if (clip.startUs < expectedStart) return no(`clips overlap at ${formatTimecode(clip.startUs)}`);
    if (!isPlain(clip)) return no(`"${name}" has picture or speed settings`);
    if (FAMILY[track.codec.slice(0, 4)] !== format.video) return no(`"${name}" is ${track.codec}, not the output's codec`);
    if (track.displayWidth !== width || track.displayHeight !== height || track.rotation !== 0) return no(`"${name}" is not ${width}×${height} upright`);
    if (Math.abs(track.fps - fps) > 0.01 || track.variableFrameRate) return no(`"${name}" is not at ${fps} fps`);
    first ??= track;
    if (track.codec !== first.codec || !sameBytes(track.config.description, first.config.description)) return no('the clips were encoded with different settings');
    const from = keyframeAt(track, clip.inUs);
    if (from < 0) return offCut(`the cut at ${formatTimecode(clip.startUs)} is not on a keyframe of "${name}"`);
    // Past the end of its picture (and its hold) a clip shows the background (see pictureLayers): frames that need drawing.
    if (clip.outUs > track.durationUs + PICTURE_HOLD_US) return no(`the sound of "${name}" runs on past its picture, where the background shows`);
    const last = track.samples[track.samples.length - 1]!;
    const reordered = reorders(track);
    const to = clip.outUs >= last.ptsUs + last.durationUs - PTS_TOLERANCE_US ? track.samples.length : reordered ? keyframeAt(track, clip.outUs) : frameAt(track, clip.outUs);
    if (to < 0) return offCut(`the cut at ${formatTimecode(clipEndUs(clip))} is not on a ${reordered ? 'keyframe' : 'frame'} of "${name}"`);
    // Reordered (B-)frames copy only if every piece decodes the same distance ahead of what it shows (so decode times run on
    // across joins), and nothing after a cut's keyframe shows before it (an open GOP would lean on frames left behind).
    const lead = decodeLead(track, from);
    if (segments.length > 0 && Math.abs(lead - decodeLead(segments[0]!.track, segments[0]!.from)) > PTS_TOLERANCE_US) return no(`"${name}" reorders frames differently from the clip before it`);
    if (track.samples.slice(from, to).some((s) => s.ptsUs < track.samples[from]!.ptsUs - PTS_TOLERANCE_US)) return no(`"${name}" has frames that show before the keyframe at its cut (open GOP)`);
    segments.push({ source, track, from, to, offsetUs: clip.startUs - clip.inUs, clipId: clip.id, startUs: clip.startUs });
    expectedStart = clipEndUs(clip);
    pictureEndUs = clip.startUs + Math.min(clip.outUs, track.durationUs) - clip.inUs;
  }
  // Sound that runs on after the last picture (and its hold) has the background under it: frames to draw. Within the hold a
  // player keeps the copied last frame on, as the export would.
  if (timelineDurationUs(project) > pictureEndUs + PICTURE_HOLD_US) return no(`the sound runs on past the picture at ${formatTimecode(pictureEndUs)}, where the background shows`);
  return { ok: true, segments };
}

/** Where copied samples go (the encode sink, which forwards them to its muxer). */
export interface CopyTarget {
  addEncodedVideo(data: Uint8Array, key: boolean, timestampUs: number, durationUs: number, meta?: EncodedVideoChunkMetadata, compositionTimeOffsetUs?: number): void;
}

/** How long the copied video decodes before it shows its first frame: the edit the MP4 needs (0 without B-frames). */
export const copyLeadUs = (segments: readonly CopySegment[]): number => Math.max(0, Math.round(decodeLead(segments[0]!.track, segments[0]!.from)));

/** Jobs that copy the planned samples to the muxer, re-timed onto the timeline (see copyStreams). */
export function videoCopyJobs(segments: readonly CopySegment[], target: CopyTarget, onFrame: (done: number, total: number) => void): CopyJob[] {
  const total = segments.reduce((n, s) => n + s.to - s.from, 0);
  const { track } = segments[0]!;
  // The sample description goes with the first chunk; every segment shares it (planStreamCopy checked).
  let meta: EncodedVideoChunkMetadata | undefined = {
    decoderConfig: { codec: track.codec, codedWidth: track.codedWidth, codedHeight: track.codedHeight, ...(track.config.description ? { description: track.config.description } : {}) },
  };
  let done = 0;
  return segments.map((segment) => ({
    ...segment,
    add(sample, data) {
      target.addEncodedVideo(data, sample.key, sample.ptsUs + segment.offsetUs, sample.durationUs, meta, sample.ptsUs - sample.dtsUs);
      meta = undefined;
      onFrame(++done, total);
    },
  }));
}
