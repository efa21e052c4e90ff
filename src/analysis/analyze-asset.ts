import { openMedia } from '../media/open-media.ts';
import type { MediaSource } from '../media/media-source.ts';
import { AudioDataPlanes } from '../media/audio/audio-data-planes.ts';
import { ChannelMixer } from '../media/audio/channel-mixer.ts';
import { drawUpright, frameAt } from '../media/upright-frame.ts';
import { LoudnessMeter } from './loudness.ts';
import type { LoudnessBlocks } from './loudness-range.ts';
import { SceneCutDetector, type SceneCut } from './scene-cuts.ts';
import { estimateTempo, OnsetEnvelope } from './tempo.ts';
import { WaveformBuilder, type WaveformPeaks } from './waveform.ts';

/** Everything analysis knows about an asset; each stage is cached on its own. */
export interface AssetAnalysis {
  /** Small WebP/JPEG stills taken at keyframes spread over the clip. */
  thumbnails?: Blob[];
  /** Where in the asset each thumbnail was taken (for a clip's filmstrip). */
  thumbnailTimesUs?: number[];
  waveform?: WaveformPeaks;
  loudnessLufs?: number;
  /** Loudness over time, for the loudness of any clip's span. */
  loudnessBlocks?: LoudnessBlocks;
  /** For music (audio-only assets). */
  tempo?: { bpm: number; confidence: number; beatsUs: number[] };
  sceneCuts?: SceneCut[];
}

export type AnalysisStage = 'thumbnails' | 'video' | 'audio';

const THUMBNAILS = 8;
const THUMB_HEIGHT = 90;
const CUT_W = 64;
const CUT_H = 36;

export class AnalysisCanceled extends Error {
  override name = 'AbortError';
}

async function thumbnails(source: MediaSource, isCanceled: () => boolean): Promise<Pick<AssetAnalysis, 'thumbnails' | 'thumbnailTimesUs'>> {
  const video = source.video!;
  const keys = video.keyframeTimesUs.length > 0 ? video.keyframeTimesUs : [0];
  const picks = keys.length <= THUMBNAILS ? keys : Array.from({ length: THUMBNAILS }, (_, i) => keys[Math.floor((i * keys.length) / THUMBNAILS)]!);
  const width = Math.max(2, Math.round((THUMB_HEIGHT * video.displayWidth) / video.displayHeight));
  const canvas = new OffscreenCanvas(width, THUMB_HEIGHT);
  const context = canvas.getContext('2d')!;
  const blobs: Blob[] = [];
  const timesUs: number[] = [];
  for (const tUs of picks) {
    if (isCanceled()) throw new AnalysisCanceled();
    const frame = await frameAt(source, tUs);
    if (!frame) continue;
    timesUs.push(tUs);
    try {
      drawUpright(context, frame, video.rotation, width, THUMB_HEIGHT);
    } finally {
      frame.close();
    }
    blobs.push(await canvas.convertToBlob({ type: 'image/webp', quality: 0.7 }));
  }
  return { thumbnails: blobs, thumbnailTimesUs: timesUs };
}

/** One decode pass over the video: scene cuts from 64×36 luma thumbnails. */
async function videoPass(source: MediaSource, isCanceled: () => boolean, onProgress: (f: number) => void): Promise<SceneCut[]> {
  const video = source.video!;
  const context = new OffscreenCanvas(CUT_W, CUT_H).getContext('2d', { willReadFrequently: true })!;
  const luma = new Uint8Array(CUT_W * CUT_H);
  const detector = new SceneCutDetector();
  for await (const frame of source.videoFrames(0, video.durationUs)) {
    try {
      if (isCanceled()) throw new AnalysisCanceled();
      drawUpright(context, frame, video.rotation, CUT_W, CUT_H);
      const rgba = context.getImageData(0, 0, CUT_W, CUT_H).data;
      for (let i = 0; i < luma.length; i++) luma[i] = (rgba[i * 4]! * 77 + rgba[i * 4 + 1]! * 150 + rgba[i * 4 + 2]! * 29) >> 8;
      detector.push(luma, frame.timestamp);
      onProgress(Math.min(1, frame.timestamp / video.durationUs));
    } finally {
      frame.close();
    }
  }
  return detector.cuts();
}

/** One decode pass over the audio: waveform peaks, loudness, and tempo for music. */
async function audioPass(source: MediaSource, isCanceled: () => boolean, onProgress: (f: number) => void): Promise<Pick<AssetAnalysis, 'waveform' | 'loudnessLufs' | 'loudnessBlocks' | 'tempo'>> {
  const audio = source.audio!;
  const planes = new AudioDataPlanes();
  const mixer = new ChannelMixer();
  let waveform: WaveformBuilder | null = null;
  let loudness: LoudnessMeter | null = null;
  let originUs = 0;
  let onsets: OnsetEnvelope | null = null;
  const music = !source.video;
  for await (const data of source.audioData(0, audio.durationUs)) {
    try {
      if (isCanceled()) throw new AnalysisCanceled();
      // Built from the decoder's real output format (it may differ from the header's).
      waveform ??= new WaveformBuilder(data.sampleRate);
      if (!loudness) {
        loudness = new LoudnessMeter(data.sampleRate, data.numberOfChannels);
        originUs = Math.max(0, data.timestamp);
      }
      if (music) onsets ??= new OnsetEnvelope(data.sampleRate);
      // What comes before 0 is not heard (an MP3's priming, sound before a WebM's or an MPEG-TS's first picture): the
      // mixer drops it, and a waveform that kept it would run late of the sound by as much.
      const skip = Math.min(data.numberOfFrames, Math.max(0, Math.round((-data.timestamp * data.sampleRate) / 1_000_000)));
      const read = planes.read(data).map((plane) => plane.subarray(skip));
      const frames = data.numberOfFrames - skip;
      waveform.push(read, frames);
      loudness.push(read, frames);
      if (onsets) onsets.push(mixer.mix(read, data.numberOfChannels, frames, 1)[0]!, frames);
      onProgress(Math.min(1, data.timestamp / audio.durationUs));
    } finally {
      data.close();
    }
  }
  const result: Pick<AssetAnalysis, 'waveform' | 'loudnessLufs' | 'loudnessBlocks' | 'tempo'> = {};
  if (waveform) result.waveform = waveform.finish();
  if (loudness) {
    result.loudnessLufs = loudness.integratedLufs();
    result.loudnessBlocks = { originUs, meanSquares: loudness.blockMeanSquares() };
  }
  if (onsets) {
    const { envelope, hopSeconds } = onsets.finish();
    const tempo = estimateTempo(envelope, hopSeconds);
    result.tempo = { bpm: tempo.bpm, confidence: tempo.confidence, beatsUs: tempo.beatsSeconds.map((s) => Math.round(s * 1_000_000)) };
  }
  return result;
}

/** Runs the requested stages on a file (in an analysis worker); stages that do not apply are skipped. */
export async function analyzeStages(
  file: Blob,
  name: string,
  fingerprint: string,
  stages: readonly AnalysisStage[],
  isCanceled: () => boolean,
  onProgress: (fraction: number) => void,
): Promise<Partial<Record<AnalysisStage, AssetAnalysis>>> {
  const source = await openMedia(file, name, fingerprint);
  const out: Partial<Record<AnalysisStage, AssetAnalysis>> = {};
  const share = 1 / stages.length;
  for (const [i, stage] of stages.entries()) {
    const progress = (f: number) => onProgress((i + f) * share);
    if (stage === 'thumbnails') out.thumbnails = source.video ? await thumbnails(source, isCanceled) : {};
    if (stage === 'video') out.video = source.video && source.container !== 'image' ? { sceneCuts: await videoPass(source, isCanceled, progress) } : {};
    // Sound the browser (or Spool) cannot play is left out of the asset: analysing it would only fail, and lose the scene cuts.
    if (stage === 'audio') out.audio = source.audio && (await source.canDecode('audio')) ? await audioPass(source, isCanceled, progress) : {};
    progress(1);
  }
  return out;
}
