import { backgroundRgb, type Project } from '../model/project.ts';
import { totalFrames as countFrames } from '../model/render-plan.ts';
import { frameTimeUs } from '../model/time.ts';
import type { CompositeLayer, FrameCompositor } from '../media/compositor/frame-compositor.ts';
import { pickAudioEncoder, pickVideoEncoder } from '../media/encoder-config.ts';
import { ExportCanceledError } from '../media/errors.ts';
import { Mp4ExportSink } from '../media/export-sink.ts';
import { createOutputFile } from '../media/output-file.ts';
import { StageClock } from '../media/stage-clock.ts';
import { exportAudio } from './audio-export.ts';
import { TimelineVideo } from './timeline-video.ts';
import { untouchedFrame } from './direct-frame.ts';
import type { ExportProgress, ExportResult } from './export-types.ts';
import type { SourceLookup } from './sources.ts';

export interface ExportJobOptions {
  name: string;
  onProgress?: (progress: ExportProgress) => void;
  isCanceled: () => boolean;
}

const KEYFRAME_SECONDS = 2;


/** Output audio: the first audible clip's layout (at most stereo); none if no clip has sound. */
function audioFormatFor(project: Project, sources: SourceLookup): { sampleRate: number; channels: number } | null {
  for (const clip of project.clips) {
    const audio = sources(clip.assetId)?.audio;
    if (audio) return { sampleRate: audio.sampleRate, channels: Math.min(audio.channels, 2) };
  }
  return null;
}

/**
 * Exports a project: timeline → render plan → decoders → compositor → encoder →
 * MP4 in OPFS. Driven by its own loop (never the display clock), so it runs at
 * full speed in a hidden tab. A failure or cancel removes the partial file.
 */
export async function runExport(project: Project, sources: SourceLookup, compositor: FrameCompositor, options: ExportJobOptions): Promise<ExportResult> {
  const started = performance.now();
  const clock = new StageClock();
  const { width, height, fps } = project.output;
  const checkCanceled = () => {
    if (options.isCanceled()) throw new ExportCanceledError();
  };
  const encoder = await pickVideoEncoder(width, height, fps, project.output.videoBitrate);
  const audioFormat = audioFormatFor(project, sources);
  const audio = audioFormat ? await pickAudioEncoder(audioFormat.sampleRate, audioFormat.channels, project.output.audioCodec) : undefined;
  const output = await createOutputFile(options.name, (ms) => clock.add('mux', ms));
  let sink: Mp4ExportSink;
  try {
    sink = new Mp4ExportSink({ target: output.target, video: encoder, ...(audio ? { audio } : {}), clock });
  } catch (error) {
    await output.discard();
    throw error;
  }
  const totalFrames = countFrames(project);
  const background = backgroundRgb(project.output);
  const gop = Math.max(1, Math.round(fps * KEYFRAME_SECONDS));
  let done = 0;
  let directFrames = 0;
  const audioTask = audio
    ? exportAudio(project, sources, sink, { sampleRate: audio.config.sampleRate, channels: audio.config.numberOfChannels }, clock, checkCanceled)
    : Promise.resolve();
  // An audio failure must not wait for the video loop to notice.
  let audioError: unknown;
  const audioSettled = audioTask.catch((error: unknown) => (audioError = error));
  try {
    const video = new TimelineVideo(project, sources, { clock });
    const layers: CompositeLayer[] = [];
    try {
      for (let frame = 0; frame < totalFrames; frame++) {
        checkCanceled();
        if (audioError) throw audioError;
        await video.layersAt(frame, layers);
        const timestamp = frameTimeUs(frame, fps);
        const duration = frameTimeUs(frame + 1, fps) - timestamp;
        const untouched = untouchedFrame(layers, width, height);
        let out: VideoFrame;
        if (untouched) {
          // No pixel would change: the decoded frame goes to the encoder as it is (a re-stamped view, no copy).
          out = new VideoFrame(untouched, { timestamp, duration });
          directFrames++;
        } else {
          const composeStart = performance.now();
          out = await compositor.renderToFrame(width, height, layers, timestamp, duration, background);
          clock.add('composite', performance.now() - composeStart);
        }
        try {
          await sink.addVideoFrame(out, frame % gop === 0);
        } finally {
          out.close();
        }
        done++;
        const elapsed = (performance.now() - started) / 1000;
        options.onProgress?.({ frame: done, totalFrames, percent: (100 * done) / totalFrames, fps: elapsed > 0 ? done / elapsed : 0 });
      }
    } finally {
      await video.close();
    }
    await audioTask;
    await sink.finish();
    const result = await output.finish();
    const wallMs = performance.now() - started;
    return {
      output: result,
      stats: {
        frames: done,
        wallMs: Math.round(wallMs),
        fps: Math.round((done / (wallMs / 1000)) * 10) / 10,
        stages: clock.rounded(),
        peakMemoryBytes: null,
        path: 'reencode',
        videoCodec: encoder.config.codec,
        audioCodec: audio?.config.codec ?? null,
        hardwareAcceleration: encoder.hardwareAcceleration,
        renderer: compositor.kind,
        directFrames,
        outputBytes: result.size,
        width,
        height,
        outputFps: fps,
      },
    };
  } catch (error) {
    sink.close();
    await audioSettled;
    await output.discard();
    throw error;
  }
}
