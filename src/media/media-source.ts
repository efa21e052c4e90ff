/**
 * What the engine needs from any opened media file, whatever its container:
 * facts about its tracks, and decoded frames/audio over a time range. MP4/MOV
 * (mp4box), WebM/Matroska, MPEG-TS and audio files (mediabunny) and still images all
 * implement it, so preview, export and analysis never care which it is.
 */
export type Container = 'mp4' | 'webm' | 'matroska' | 'mpegts' | 'mp3' | 'wav' | 'flac' | 'ogg' | 'adts' | 'image';

export interface VideoInfo {
  codec: string;
  codedWidth: number;
  codedHeight: number;
  /** Clockwise degrees to rotate decoded frames for display. */
  rotation: 0 | 90 | 180 | 270;
  /** Size as displayed, after rotation. */
  displayWidth: number;
  displayHeight: number;
  fps: number;
  variableFrameRate: boolean;
  frameCount: number;
  keyframeTimesUs: number[];
  /** Frames shown before the first keyframe (a stream cut mid-GOP): they cannot be decoded, and that keyframe's picture stands in for them. */
  framesBeforeKeyframe: number;
  durationUs: number;
  config: VideoDecoderConfig;
}

export interface AudioInfo {
  codec: string;
  sampleRate: number;
  channels: number;
  durationUs: number;
  config: AudioDecoderConfig;
  /** What the sound is when Spool cannot read it in any browser ("12-bit PCM"): it is left out with a notice. */
  unsupported?: string;
  /** Set when the file has several sound tracks (languages, microphones): which this is, the others being left out. */
  choice?: SoundTrackChoice;
}

/**
 * One sound track of several: its place in the file (from 1), how many there
 * are, its name where the file gives one, and whether it is the one the file
 * plays by default (else that one cannot be decoded here).
 */
export interface SoundTrackChoice {
  number: number;
  count: number;
  name?: string;
  isDefault: boolean;
}

/** Kinds of track Spool never imports: it takes pictures and sound only. */
export type LeftOutKind = 'subtitles' | 'chapters' | 'timecode' | 'metadata' | 'other';

/** A track the file declares but Spool cannot read: its place among the file's tracks (from 1), its kind where known, and why. */
export interface DamagedTrack {
  number: number;
  kind?: 'video' | 'sound' | LeftOutKind;
  why: string;
}

/**
 * The tracks of a file that Spool does not import, beyond the other sound
 * tracks (`AudioInfo.choice` tells of those): each is said in a notice, never
 * dropped silently.
 */
export interface LeftOutTracks {
  /** Set when the file has several video tracks: the one used (its place among them, from 1) and how many there are. */
  video?: { number: number; count: number };
  /** How many tracks of each kind (chapters: a chapter track, or a Matroska file's chapter list). */
  kinds: Partial<Record<LeftOutKind, number>>;
  damaged: DamagedTrack[];
}

export interface MediaSource {
  readonly name: string;
  readonly blob: Blob;
  readonly container: Container;
  readonly durationUs: number;
  readonly video: VideoInfo | undefined;
  readonly audio: AudioInfo | undefined;
  /** What the file holds that is not imported (MP4/MOV and Matroska/WebM say; other formats hold nothing else Spool knows of). */
  readonly leftOut?: LeftOutTracks;
  /** Set when the file ends mid-frame (a recording or copy stopped early) and that unfinished end is left out. */
  readonly cutShort?: boolean;
  /** Whether this browser can decode the track (codec support, not just parsing). */
  canDecode(kind: 'video' | 'audio'): Promise<boolean>;
  /**
   * Decoded frames in presentation order covering [startUs, endUs]: starting
   * with the frame on screen at startUs (or the first frame), ending after the
   * one on screen at endUs. The consumer closes each frame.
   */
  videoFrames(startUs: number, endUs: number, onReadMs?: (ms: number) => void): AsyncGenerator<VideoFrame>;
  /** Decoded audio covering [startUs, endUs) in order (may start a little earlier: pre-roll). The consumer closes each. */
  audioData(startUs: number, endUs: number, onReadMs?: (ms: number) => void): AsyncGenerator<AudioData>;
  /** The same media with its audio ignored (for sound this browser cannot decode). */
  withoutAudio(): MediaSource;
  /** Releases anything held between uses (a still's decoded frame). */
  close?(): void;
}

const STANDARD_RATES = [23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60, 90, 100, 119.88, 120, 240];

/** The standard rate within `tolerance` (a fraction) of `measured`, else `measured` to three decimals. */
function nearestStandard(measured: number, tolerance: number): number {
  const standard = STANDARD_RATES.reduce((best, rate) => (Math.abs(rate - measured) < Math.abs(best - measured) ? rate : best));
  return Math.abs(standard - measured) <= standard * tolerance ? standard : Math.round(measured * 1000) / 1000;
}

/** A step (µs) at least this share of a variable-rate video's steps is one of its rates. */
const COMMON_STEP_SHARE = 0.1;

/**
 * Frame-rate facts from presentation times (any order), and whether steps vary
 * by more than 10% (variable frame rate, as phones record). A steady video's
 * rate is its average over the span of the frames (robust to
 * millisecond-rounded WebM timestamps and a short last frame). A variable
 * one's is the fastest rate it keeps up for a good share of its frames (a
 * phone's 30 fps with dropped frames is 30, not the 28.7 of its average, which
 * as the output rate would resample every steady stretch and judder).
 */
export function frameRateFacts(ptsUs: number[], durationUs: number): { fps: number; variableFrameRate: boolean } {
  const sorted = [...ptsUs].sort((a, b) => a - b);
  // One frame: its duration is all there is, rounded to the millisecond in a WebM (33 ms for 30 fps's 33.3, 30.303 fps as
  // is): the nearest standard rate within 2%.
  if (sorted.length < 2) return { fps: durationUs > 0 && sorted.length === 1 ? nearestStandard(1_000_000 / durationUs, 0.02) : 0, variableFrameRate: false };
  let min = Infinity;
  let max = 0;
  const steps = new Map<number, number>();
  for (let i = 1; i < sorted.length; i++) {
    const step = sorted[i]! - sorted[i - 1]!;
    min = Math.min(min, step);
    max = Math.max(max, step);
    // Counted to the millisecond: rounded timestamps make a steady 30 fps alternate 33 and 34 ms.
    const ms = Math.round(step / 1000);
    steps.set(ms, (steps.get(ms) ?? 0) + 1);
  }
  // Millisecond timestamps make a steady 30 fps alternate 33/34 ms: allow that much jitter.
  const variableFrameRate = max > min * 1.1 + 1000;
  const span = sorted[sorted.length - 1]! - sorted[0]!;
  const average = span > 0 ? ((sorted.length - 1) * 1_000_000) / span : 0;
  // Timestamp rounding leaves a standard rate a hair off (29.995): take the nearest standard rate within 0.2%.
  if (!variableFrameRate) return { fps: nearestStandard(average, 0.002), variableFrameRate };
  const stepsUs = sorted.slice(1).map((t, i) => t - sorted[i]!);
  const common = [...steps].filter(([ms, count]) => ms > 0 && count >= (sorted.length - 1) * COMMON_STEP_SHARE).map(([ms]) => ms);
  if (common.length === 0) {
    // Steps too scattered for any to be common (a screen recording on a busy machine: 20 to 45 ms) give the rate of
    // the mean of their middle half. Not the average rate: it counts the seconds a still screen sent no frame (17 fps
    // for a 30 fps recording still for 1.5 of its 3.5 s), and as the output rate would drop frames where it moves.
    // So scattered, the measure is rough (30.4 to 31 for 30 here): the nearest standard rate within 5% is meant.
    const ordered = stepsUs.filter((step) => step > 0).sort((a, b) => a - b);
    const middle = ordered.slice(ordered.length >> 2, ordered.length - (ordered.length >> 2));
    return { fps: nearestStandard(1_000_000 / (middle.reduce((a, b) => a + b, 0) / middle.length), 0.05), variableFrameRate };
  }
  const shortest = Math.min(...common);
  // The mean of the steps near the shortest common one (a millisecond count hides 33.33 against 33.37), within a
  // millisecond: millisecond timestamps (a browser's recording) make 30 fps steps of 33 and 34 ms, 33 alone being 30.3.
  const near = stepsUs.filter((step) => Math.abs(step / 1000 - shortest) <= 1);
  return { fps: nearestStandard(1_000_000 / (near.reduce((a, b) => a + b, 0) / near.length), 0.01), variableFrameRate };
}
