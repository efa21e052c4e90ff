import type { Clip, Project, Track } from './project.ts';
import { clipEndUs, timelineDurationUs } from './project.ts';
import { frameCountFor, frameTimeUs } from './time.ts';

/** One picture to draw at an instant: which clip, and which moment of its asset. */
export interface FrameLayer {
  clip: Clip;
  sourceUs: number;
}

/** Visible video tracks from the bottom up: the order layers are drawn in. */
function visibleVideoTracks(project: Project): Track[] {
  return project.tracks.filter((track) => track.kind === 'video' && !track.hidden).reverse();
}

const covers = (clip: Clip, tUs: number) => tUs >= clip.startUs && tUs < clipEndUs(clip);

/** The layers visible at timeline time `tUs`, bottom first (empty: draw background). */
export function resolveFrame(project: Project, tUs: number): FrameLayer[] {
  const layers: FrameLayer[] = [];
  for (const track of visibleVideoTracks(project)) {
    for (const clip of project.clips) {
      if (clip.trackId === track.id && covers(clip, tUs)) layers.push({ clip, sourceUs: clip.inUs + (tUs - clip.startUs) });
    }
  }
  return layers;
}

export function totalFrames(project: Project): number {
  return frameCountFor(timelineDurationUs(project), project.output.fps);
}

/** The output frames [firstFrame, endFrame) during which a clip is on screen: a frame shows a clip if it starts within it. */
export interface ClipSpan {
  clip: Clip;
  firstFrame: number;
  endFrame: number;
}

/** Every visible video clip's span of output frames, in order of first frame; decoders open and close on these. */
export function planVideoSpans(project: Project): ClipSpan[] {
  const { fps } = project.output;
  const visible = new Set(visibleVideoTracks(project).map((t) => t.id));
  return project.clips
    .filter((clip) => visible.has(clip.trackId))
    .map((clip) => ({ clip, firstFrame: frameCountFor(clip.startUs, fps), endFrame: frameCountFor(clipEndUs(clip), fps) }))
    .filter((span) => span.endFrame > span.firstFrame)
    .sort((a, b) => a.firstFrame - b.firstFrame);
}

/** Source time shown by `clip` at output frame `frame`. */
export function sourceUsAtFrame(clip: Clip, frame: number, fps: number): number {
  return clip.inUs + (frameTimeUs(frame, fps) - clip.startUs);
}

/** A clip's sound over output samples [startSample, endSample). */
export interface AudioSpan {
  clip: Clip;
  startSample: number;
  endSample: number;
}

/** Tracks whose sound is heard: not muted, and soloed if any track is. */
function audibleTracks(project: Project): Set<string> {
  const soloing = project.tracks.some((track) => track.solo);
  return new Set(project.tracks.filter((track) => !track.muted && (!soloing || track.solo)).map((track) => track.id));
}

/**
 * Every audible clip's span in output samples. Boundaries are rounded from
 * timeline microseconds once, so clips that meet on the timeline meet to the
 * sample: no gap, no overlap, no drift, however many clips.
 */
export function planAudioSpans(project: Project, sampleRate: number): AudioSpan[] {
  const toSample = (us: number) => Math.round((us * sampleRate) / 1_000_000);
  const audible = audibleTracks(project);
  return project.clips
    .filter((clip) => audible.has(clip.trackId))
    .map((clip) => ({ clip, startSample: toSample(clip.startUs), endSample: toSample(clipEndUs(clip)) }))
    .filter((span) => span.endSample > span.startSample)
    .sort((a, b) => a.startSample - b.startSample);
}

export function totalSamples(project: Project, sampleRate: number): number {
  return Math.round((timelineDurationUs(project) * sampleRate) / 1_000_000);
}

/** Gain of a clip's sound at `local` samples into a span of `length`: volume, shaped by linear fades. */
export function clipGain(clip: Clip, local: number, length: number, sampleRate: number): number {
  const fadeIn = (clip.fadeInUs * sampleRate) / 1_000_000;
  const fadeOut = (clip.fadeOutUs * sampleRate) / 1_000_000;
  let gain = clip.volume;
  if (fadeIn > 0 && local < fadeIn) gain *= local / fadeIn;
  if (fadeOut > 0 && length - local < fadeOut) gain *= (length - local) / fadeOut;
  return gain;
}
