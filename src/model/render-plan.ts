import type { Clip, Project } from './project.ts';
import { clipDurationUs, timelineDurationUs } from './project.ts';
import { frameCountFor, frameTimeUs } from './time.ts';

/** One thing to draw at an instant: which clip, and which moment of its asset. */
export interface FrameLayer {
  clip: Clip;
  sourceUs: number;
}

/** The layers visible at timeline time `tUs` (empty: draw background). */
export function resolveFrame(project: Project, tUs: number): FrameLayer[] {
  const layers: FrameLayer[] = [];
  for (const clip of project.clips) {
    if (tUs >= clip.startUs && tUs < clip.startUs + clipDurationUs(clip)) {
      layers.push({ clip, sourceUs: clip.inUs + (tUs - clip.startUs) });
    }
  }
  return layers;
}

/** A stretch of output frames [firstFrame, endFrame) that shows one clip (or nothing). */
export interface VideoSegment {
  clip: Clip | null;
  firstFrame: number;
  endFrame: number;
}

/**
 * Splits the output frames into per-clip runs, so a decoder can stream each run
 * in one pass. A frame belongs to the clip visible at its start time.
 */
export function planVideoSegments(project: Project): VideoSegment[] {
  const { fps } = project.output;
  const total = frameCountFor(timelineDurationUs(project), fps);
  const segments: VideoSegment[] = [];
  for (let frame = 0; frame < total; frame++) {
    const clip = resolveFrame(project, frameTimeUs(frame, fps))[0]?.clip ?? null;
    const last = segments[segments.length - 1];
    if (last && last.clip === clip) last.endFrame = frame + 1;
    else segments.push({ clip, firstFrame: frame, endFrame: frame + 1 });
  }
  return segments;
}

/** A stretch of output audio: `clip` plays its [inUs, outUs) over output samples [startSample, endSample). */
export interface AudioSegment {
  clip: Clip | null;
  startSample: number;
  endSample: number;
}

/**
 * Audio spans in output samples. Boundaries are rounded from timeline
 * microseconds once, so consecutive clips meet exactly: no gap, no overlap, no drift.
 */
export function planAudioSegments(project: Project, sampleRate: number): AudioSegment[] {
  const toSample = (us: number) => Math.round((us * sampleRate) / 1_000_000);
  const ordered = [...project.clips].sort((a, b) => a.startUs - b.startUs);
  const segments: AudioSegment[] = [];
  let cursor = 0;
  for (const clip of ordered) {
    const start = toSample(clip.startUs);
    const end = toSample(clip.startUs + clipDurationUs(clip));
    if (start > cursor) segments.push({ clip: null, startSample: cursor, endSample: start });
    segments.push({ clip, startSample: Math.max(start, cursor), endSample: end });
    cursor = end;
  }
  return segments;
}
