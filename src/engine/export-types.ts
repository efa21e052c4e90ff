import type { RendererKind } from '../media/compositor/frame-compositor.ts';
import type { ContainerChoice } from '../model/project.ts';
import type { Stage } from '../media/stage-clock.ts';
import type { OutputResult } from '../media/output-file.ts';

export interface ExportProgress {
  frame: number;
  totalFrames: number;
  percent: number;
  fps: number;
  /** What is being written: the video (with its sound alongside), sound only (M4A), or the file being closed. */
  stage: 'video' | 'sound' | 'finishing';
  /** Estimated from the pace so far; null until there is a pace. */
  secondsLeft: number | null;
}

/** What `spool render --stats` writes and the export panel shows. */
/** Said before an export: whether each stream will be copied as it is, and if not, why. */
export interface ExportPaths {
  /** Null for sound only. */
  video: { path: 'copy' | 'reencode'; reason: string | null; snappable: boolean } | null;
  /** `reason`: why the sound is not copied, unless the format chosen already says it. `none`: no clip that is heard has sound. */
  sound: { path: 'copy' | 'encode' | 'none'; reason: string | null };
}

export interface ExportStats {
  frames: number;
  wallMs: number;
  fps: number;
  stages: Record<Stage, number>;
  /** Filled by whoever can see the whole browser's memory (the CLI); null inside the page. */
  peakMemoryBytes: number | null;
  /** CLI only: the browser's memory before the export, and the peaks of its first and last quarter (flat when equal). */
  idleMemoryBytes?: number;
  memoryFirstQuarterPeakBytes?: number;
  memoryLastQuarterPeakBytes?: number;
  /** `copy`: the video's encoded samples were copied as they were (lossless); `reencode`: decoded, drawn and encoded. */
  path: 'reencode' | 'copy';
  /** Why the video could not be copied (re-encoded instead). */
  copyRefused?: string;
  /** `copy`: the sources' AAC packets were copied as they were (lossless); `encode`: mixed and encoded; null: no sound. */
  soundPath: 'copy' | 'encode' | null;
  /** Why the sound could not be copied (mixed and encoded instead). */
  soundCopyRefused?: string;
  container: ContainerChoice;
  /** Null for sound only (M4A). */
  videoCodec: string | null;
  audioCodec: string | null;
  hardwareAcceleration: 'prefer-hardware' | 'no-preference';
  /** Which compositor drew the frames (null when none needed drawing: copied, untouched or sound only). */
  renderer: RendererKind | null;
  /** Frames that needed no pixel change and went from decoder to encoder as they were (no compositing). */
  directFrames: number;
  /** The deepest the bounded queues got: decode (chunks in every video and audio decoder plus what they decoded and was not yet taken), video and audio encode. */
  queuePeaks: { decode: number; videoEncode: number; audioEncode: number };
  outputBytes: number;
  width: number;
  height: number;
  outputFps: number;
}

export interface ExportResult {
  output: OutputResult;
  stats: ExportStats;
}
