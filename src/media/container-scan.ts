import { EncodedPacketSink } from 'mediabunny';
import type { Input, InputAudioTrack, InputVideoTrack } from 'mediabunny';
import { frameRateFacts, type Container, type VideoInfo } from './media-source.ts';

/**
 * Version of what scanContainer computes. Scans are kept by content fingerprint and this version (scan-cache.ts):
 * bump it whenever what is computed changes, so scans kept by an older Spool are read again.
 */
export const SCAN_VERSION = 2;

/** The video facts only a read of every packet gives: its track (by mediabunny's id), frame rate, frames and keyframes. */
export interface VideoScan extends Pick<VideoInfo, 'fps' | 'variableFrameRate' | 'frameCount' | 'framesBeforeKeyframe' | 'durationUs'> {
  trackId: number;
  /** Sorted, in µs: a typed array, as a long recording has thousands. */
  keyframeTimesUs: Float64Array;
}

/** What opening a file through mediabunny learns only by reading through it, for the tracks Spool uses. */
export interface ContainerScan {
  /** The file's time (µs) that is time 0 here (see clockOrigin). */
  originUs: number;
  durationUs: number;
  video?: VideoScan;
  audio?: { trackId: number; durationUs: number };
}

export const toUs = (seconds: number) => Math.round(seconds * 1_000_000);

/**
 * Reads the whole file: an MPEG-TS has no index, Matroska's Cues list keyframes only, and an MP3 without a Xing
 * header or an ADTS file has its duration only in its last frame's place. The full read (~1 s per 100 MB of
 * MPEG-TS here) is why the result is kept (scan-cache.ts).
 */
export async function scanContainer(input: Input, container: Container, video: InputVideoTrack | undefined, audio: InputAudioTrack | undefined): Promise<ContainerScan> {
  const originUs = await clockOrigin(input, container, video, audio);
  const scan: ContainerScan = { originUs, durationUs: toUs(await input.computeDuration()) - originUs };
  if (video) scan.video = await scanVideo(video, originUs);
  if (audio) scan.audio = { trackId: audio.id, durationUs: toUs(await audio.computeDuration()) - originUs };
  return scan;
}

/**
 * How long a Matroska or MPEG-TS file's sound may start before its picture and still be left out (see clockOrigin). Such a lead
 * is an encoder's priming — AAC's 1024 samples are 21 ms at 48 kHz (128 ms at 8 kHz), Opus's pre-skip 7 ms — or a
 * recorder starting the camera a moment after the microphone (11 ms from Chrome's MediaRecorder here); a longer one is
 * sound someone recorded before the camera's first frame.
 */
const DROPPED_LEAD_US = 200_000;

/**
 * The file's time that is time 0 here: the clip starts at its first picture, so frame n is at n / rate (from the
 * earliest track instead, a 30 fps export of an FFmpeg MKV showed frame 0 twice, every later frame one late). Every
 * track keeps its time relative to the others. Matroska and MPEG-TS have no edit list: sound that starts before the
 * picture is how they hold an AAC or MP3 encoder's priming, and it is left out, as an MP4's edit list would have it
 * (the mixer drops what comes before 0). But sound that leads by more than DROPPED_LEAD_US is kept,
 * the clip starting with it and showing its first picture until then: losing what was said before the camera started
 * would lose work, a still first picture loses nothing. A file whose clock starts late (a remux that kept a
 * broadcast's clock, a part of a longer recording; an MPEG-TS always does, at 1.4 s from FFmpeg) thus starts where its
 * picture or sound does, not after minutes of its first frame held. A file of sound alone starts at its first timestamp,
 * or at 0 if that is earlier (what a muxer writes before 0 is not meant to be heard).
 */
async function clockOrigin(input: Input, container: Container, video: InputVideoTrack | undefined, audio: InputAudioTrack | undefined): Promise<number> {
  if (container !== 'webm' && container !== 'matroska' && container !== 'mpegts') return 0;
  const earliestUs = Math.max(0, toUs(await input.getFirstTimestamp([video, audio].filter((track) => !!track))));
  if (!video) return earliestUs;
  const pictureUs = toUs(await video.getFirstTimestamp());
  return pictureUs - earliestUs <= DROPPED_LEAD_US ? pictureUs : earliestUs;
}

async function scanVideo(track: InputVideoTrack, originUs: number): Promise<VideoScan> {
  const pts: number[] = [];
  const keyframes: number[] = [];
  for await (const packet of new EncodedPacketSink(track).packets(undefined, undefined, { metadataOnly: true })) {
    pts.push(toUs(packet.timestamp) - originUs);
    if (packet.type === 'key') keyframes.push(toUs(packet.timestamp) - originUs);
  }
  const keyframeTimesUs = Float64Array.from(keyframes).sort();
  const firstKeyUs = keyframeTimesUs[0] ?? Infinity;
  const durationUs = toUs(await track.computeDuration()) - originUs;
  return {
    trackId: track.id,
    ...frameRateFacts(pts, durationUs),
    frameCount: pts.length,
    keyframeTimesUs,
    framesBeforeKeyframe: pts.filter((t) => t < firstKeyUs).length,
    durationUs,
  };
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * `kept` as a scan of these tracks, or undefined when it is not one: written by another Spool, damaged, or of other
 * tracks (the sound chosen depends on what this browser decodes, which an update may change).
 */
export function scanOfTracks(kept: unknown, video: InputVideoTrack | undefined, audio: InputAudioTrack | undefined): ContainerScan | undefined {
  if (!isRecord(kept) || !isNumber(kept.originUs) || !isNumber(kept.durationUs)) return undefined;
  const { video: keptVideo, audio: keptAudio } = kept;
  if (video) {
    if (!isRecord(keptVideo) || keptVideo.trackId !== video.id || !(keptVideo.keyframeTimesUs instanceof Float64Array)) return undefined;
    const counts = [keptVideo.fps, keptVideo.frameCount, keptVideo.framesBeforeKeyframe, keptVideo.durationUs];
    if (!counts.every(isNumber) || typeof keptVideo.variableFrameRate !== 'boolean') return undefined;
  } else if (keptVideo !== undefined) return undefined;
  if (audio) {
    if (!isRecord(keptAudio) || keptAudio.trackId !== audio.id || !isNumber(keptAudio.durationUs)) return undefined;
  } else if (keptAudio !== undefined) return undefined;
  return kept as unknown as ContainerScan;
}
