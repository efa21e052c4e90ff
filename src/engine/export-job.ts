import { timelineDurationUs, type Project } from '../model/project.ts';
import { exportFileName, outputFormat, unusedFileName } from '../model/output-format.ts';
import { listExportRecords } from '../storage/export-library.ts';
import { totalFrames as countFrames } from '../model/render-plan.ts';
import type { FrameCompositor } from '../media/compositor/frame-compositor.ts';
import { pickAudioEncoder, pickVideoEncoder } from '../media/encoder-config.ts';
import { EncodeSink } from '../media/encode-sink.ts';
import { encodesByteFramesFaithfully } from '../media/byte-frame-fidelity.ts';
import { ExportCanceledError, explainWriteError, MissingMediaError } from '../media/errors.ts';
import { createMuxer } from '../media/export-muxer.ts';
import { createOutputFile } from '../media/output-file.ts';
import { StageClock } from '../media/stage-clock.ts';
import { exportAudio } from './audio-export.ts';
import type { ExportProgress, ExportResult } from './export-types.ts';
import { heardAudio, type SourceLookup } from './sources.ts';
import { exportVideo } from './video-export.ts';
import { copyLeadUs, planStreamCopy, videoCopyJobs } from './stream-copy.ts';
import { audioCopyJobs, planAudioCopy } from './audio-copy.ts';
import { copyStreams } from './copy-streams.ts';
import { addEditList } from '../media/mp4-edit-list.ts';
import { setWebmDuration } from '../media/webm-duration.ts';
import { setDiscardPadding } from '../media/webm-discard-padding.ts';
import { frameTimeUs } from '../model/time.ts';

export interface ExportJobOptions {
  /** Unique per export: the folder the file is kept in. */
  id: string;
  onProgress?: (progress: ExportProgress) => void;
  isCanceled: () => boolean;
}

/**
 * Output audio: the first audible clip's rate, and stereo if any audible clip
 * has two channels or more (a mono clip first must not fold a stereo one
 * after it); none if no clip that is heard has sound.
 */
function audioFormatFor(project: Project, sources: SourceLookup): { sampleRate: number; channels: number } | null {
  const heard = heardAudio(project, sources);
  if (heard.length === 0) return null;
  return { sampleRate: heard[0]!.sampleRate, channels: Math.min(2, Math.max(...heard.map((audio) => audio.channels))) };
}

/**
 * Exports a project: timeline → render plan → decoders → compositor → encoders
 * → muxer (MP4, WebM or M4A) → a file in OPFS. M4A takes the direct audio path:
 * no video pipeline at all. Driven by its own loop (never the display clock),
 * so it runs at full speed in a hidden tab. A failure or cancel removes the
 * partial file.
 */
export async function runExport(project: Project, sources: SourceLookup, compositor: () => Promise<FrameCompositor>, options: ExportJobOptions): Promise<ExportResult> {
  const started = performance.now();
  const clock = new StageClock();
  const { width, height, fps } = project.output;
  const format = outputFormat(project.output);
  // Copy the encoded video where nothing needs drawing; else decode, draw and encode.
  const copy = format.video ? planStreamCopy(project, sources, format) : null;
  const encoder = format.video && !copy?.ok ? await pickVideoEncoder(format.video, width, height, fps, project.output.videoBitrate) : undefined;
  const copied = copy?.ok ? copy.segments : null;
  // Copy the sound's AAC packets where nothing changes it; else mix and encode.
  const soundCopy = planAudioCopy(project, sources, format);
  const copiedSound = soundCopy.ok ? soundCopy : null;
  const audioFormat = copiedSound ? null : audioFormatFor(project, sources);
  const audio = audioFormat ? await pickAudioEncoder(audioFormat.sampleRate, audioFormat.channels, format.audio) : undefined;
  const copiedTrack = copiedSound?.segments[0]!.track;
  if (!encoder && !copied && !audio && !copiedSound) {
    const muted = project.clips.some((clip) => sources(clip.assetId)?.audio);
    throw new MissingMediaError(
      muted
        ? 'Every clip with sound is on a muted track (or a track that is not soloed), so there is nothing to write to an M4A. Unmute a track, or export a video.'
        : 'Nothing in this project has sound, so there is nothing to write to an M4A. Add a clip with sound, or export a video.',
    );
  }
  const kept = await listExportRecords().catch(() => []);
  const name = unusedFileName(exportFileName(project), kept.map((record) => record.name));
  const output = await createOutputFile(options.id, name, format.mimeType, (ms) => clock.add('mux', ms));
  let sink: EncodeSink;
  try {
    const muxer = createMuxer(format.container, output.write, {
      video: encoder ? { codec: encoder.codec, width, height } : copied && format.video ? { codec: format.video, width, height } : null,
      audio: audio
        ? { codec: audio.codec, channels: audio.config.numberOfChannels, sampleRate: audio.config.sampleRate }
        : copiedTrack
          ? { codec: 'aac', channels: copiedTrack.channels, sampleRate: copiedTrack.sampleRate }
          : null,
    });
    const redrawFrames = !!encoder && !(await encodesByteFramesFaithfully(encoder.config));
    sink = new EncodeSink({ muxer, ...(encoder ? { video: encoder } : {}), ...(audio ? { audio } : {}), clock, redrawFrames });
  } catch (error) {
    await output.discard();
    throw error;
  }
  const hasVideo = !!encoder || !!copied;
  const totalFrames = hasVideo ? countFrames(project) : 0;
  let frames = 0;
  let reportedAt = 0;
  const report = (done: number, total: number) => {
    // Ten reports a second are plenty for a progress bar; each one crosses to the page.
    const now = performance.now();
    if (done < total && now - reportedAt < 100) return;
    reportedAt = now;
    const elapsed = (now - started) / 1000;
    const percent = (100 * done) / total;
    options.onProgress?.({
      frame: hasVideo ? done : 0,
      totalFrames,
      percent,
      fps: hasVideo && elapsed > 0 ? done / elapsed : 0,
      stage: hasVideo ? 'video' : 'sound',
      secondsLeft: percent > 0 ? (elapsed * (100 - percent)) / percent : null,
    });
  };
  let audioError: unknown;
  const check = () => {
    if (options.isCanceled()) throw new ExportCanceledError();
    // An audio failure must not wait for the video loop to finish to be noticed.
    if (audioError) throw audioError;
  };
  const readMs = (ms: number) => clock.add('demux', ms);
  // Copied sound beside copied video is read in the same pass over each file; beside re-encoded video (or none), on its own.
  const soundJobs = copiedSound ? audioCopyJobs(copiedSound, sink, hasVideo ? undefined : report) : [];
  const audioTask = audio
    ? exportAudio(project, sources, sink, { sampleRate: audio.config.sampleRate, channels: audio.config.numberOfChannels }, clock, () => {
        if (options.isCanceled()) throw new ExportCanceledError();
      }, hasVideo ? undefined : report)
    : soundJobs.length > 0 && !copied
      ? copyStreams(soundJobs, check, readMs)
      : Promise.resolve();
  const audioSettled = audioTask.catch((error: unknown) => (audioError = error));
  try {
    const onFrame = (done: number, total: number) => {
      frames = done;
      report(done, total);
    };
    let drew: FrameCompositor | null = null;
    const draw = async () => (drew ??= await compositor());
    const peaks = { decode: 0 };
    const directFrames = encoder ? await exportVideo(project, sources, draw, sink, { clock, check, onFrame, peaks }) : 0;
    if (copied) await copyStreams([...videoCopyJobs(copied, sink, onFrame), ...soundJobs], check, readMs);
    await audioTask;
    options.onProgress?.({ frame: frames, totalFrames, percent: 100, fps: 0, stage: 'finishing', secondsLeft: null });
    await sink.finish();
    // Copied B-frames decode before they show: an edit makes the file start at its first frame.
    const leadUs = copied ? copyLeadUs(copied) : 0;
    if (leadUs > 0) await clock.time('mux', () => addEditList(output, 'vide', leadUs));
    // WebM's duration as webm-muxer writes it stops at the last frame's start: it runs to the last frame's end, or the sound's.
    if (format.container === 'webm') {
      const endUs = Math.max(hasVideo ? frameTimeUs(totalFrames, fps) : 0, audio ? timelineDurationUs(project) : 0);
      await clock.time('mux', () => setWebmDuration(output, endUs));
      // The encoder filled its last packet out past the timeline's end: players are told to drop that.
      const paddingUs = sink.soundPaddingUs;
      if (paddingUs > 0) await clock.time('mux', () => setDiscardPadding(output, paddingUs * 1000));
    } else if (audio || copiedSound) {
      // The sound ends with the timeline (the mix) or its last clip (copied), though its last packet runs on; it starts
      // after the Opus encoder's pre-skip or copied AAC's packet of pre-roll. An edit hides both.
      const preRollUs = copiedSound ? (copiedSound.preRollSamples * 1e6) / copiedSound.sampleRate : sink.soundPreSkipUs;
      const endUs = copiedSound ? (copiedSound.endSample * 1e6) / copiedSound.sampleRate : timelineDurationUs(project);
      await clock.time('mux', () => addEditList(output, 'soun', preRollUs, endUs));
    }
    const result = await output.finish();
    const wallMs = performance.now() - started;
    return {
      output: result,
      stats: {
        frames,
        wallMs: Math.round(wallMs),
        fps: Math.round((frames / (wallMs / 1000)) * 10) / 10,
        stages: clock.rounded(),
        peakMemoryBytes: null,
        path: copied ? 'copy' : 'reencode',
        ...(copy && !copy.ok ? { copyRefused: copy.reason } : {}),
        soundPath: copiedSound ? 'copy' : audio ? 'encode' : null,
        ...(audio && !soundCopy.ok ? { soundCopyRefused: soundCopy.reason } : {}),
        container: format.container,
        videoCodec: encoder?.config.codec ?? copied?.[0]?.track.codec ?? null,
        audioCodec: audio?.config.codec ?? copiedTrack?.codec ?? null,
        hardwareAcceleration: encoder?.hardwareAcceleration ?? 'no-preference',
        renderer: (drew as FrameCompositor | null)?.kind ?? null,
        directFrames,
        queuePeaks: { decode: peaks.decode, ...sink.queuePeaks },
        outputBytes: result.size,
        width: hasVideo ? width : 0,
        height: hasVideo ? height : 0,
        outputFps: hasVideo ? fps : 0,
      },
    };
  } catch (error) {
    sink.close();
    await audioSettled;
    await output.discard();
    // A full disk says so wherever the write failed (a header patch, the closing record), not in DOMException's words.
    throw explainWriteError(error);
  }
}
