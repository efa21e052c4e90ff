import type { Project } from '../model/project.ts';
import { clipGain, planAudioSpans, totalSamples, type AudioSpan } from '../model/render-plan.ts';
import type { Mp4ExportSink } from '../media/export-sink.ts';
import type { StageClock } from '../media/stage-clock.ts';
import { clipAudioBlocks } from './clip-audio-blocks.ts';
import type { SourceLookup } from './sources.ts';

const BLOCK_FRAMES = 2048;

interface ActiveClip {
  span: AudioSpan;
  blocks: AsyncGenerator<Float32Array>;
  /** First output block this clip contributes to. */
  firstBlock: number;
}

/**
 * Mixes the timeline's sound into the sink, one block at a time: every audible
 * clip (any track, overlapping freely) contributes its placed samples scaled by
 * volume and fades; silence where nothing plays. Each block waits for the
 * encoder, so back-pressure reaches every decoder and memory stays flat.
 */
export async function exportAudio(
  project: Project,
  sources: SourceLookup,
  sink: Mp4ExportSink,
  format: { sampleRate: number; channels: number },
  clock: StageClock,
  checkCanceled: () => void,
): Promise<void> {
  const { sampleRate, channels } = format;
  const total = totalSamples(project, sampleRate);
  const pending = planAudioSpans(project, sampleRate).filter((span) => sources(span.clip.assetId)?.audio);
  const active: ActiveClip[] = [];
  const mix = new Float32Array(channels * BLOCK_FRAMES);
  try {
    for (let block = 0; block * BLOCK_FRAMES < total; block++) {
      checkCanceled();
      const start = block * BLOCK_FRAMES;
      const frames = Math.min(BLOCK_FRAMES, total - start);
      while (pending[0] && Math.floor(pending[0].startSample / BLOCK_FRAMES) === block) {
        const span = pending.shift()!;
        const options = { sampleRate, channels, blockFrames: BLOCK_FRAMES, clock, checkCanceled };
        active.push({ span, blocks: clipAudioBlocks(span, sources(span.clip.assetId)!, options), firstBlock: block });
      }
      mix.fill(0);
      for (const clip of [...active]) {
        const next = await clip.blocks.next();
        const { span } = clip;
        const length = span.endSample - span.startSample;
        if (!next.done) {
          const from = Math.max(start, span.startSample);
          const to = Math.min(start + frames, span.endSample);
          for (let c = 0; c < channels; c++) {
            for (let s = from; s < to; s++) mix[c * BLOCK_FRAMES + (s - start)]! += next.value[c * BLOCK_FRAMES + (s - start)]! * clipGain(span.clip, s - span.startSample, length, sampleRate);
          }
        }
        if (next.done || span.endSample <= start + BLOCK_FRAMES) {
          await clip.blocks.return(undefined);
          active.splice(active.indexOf(clip), 1);
        }
      }
      const data = frames === BLOCK_FRAMES ? mix : Float32Array.from({ length: frames * channels }, (_, i) => mix[Math.floor(i / frames) * BLOCK_FRAMES + (i % frames)]!);
      await sink.addAudio(new AudioData({ format: 'f32-planar', sampleRate, numberOfFrames: frames, numberOfChannels: channels, timestamp: Math.round((start * 1_000_000) / sampleRate), data }));
    }
  } finally {
    for (const clip of active) await clip.blocks.return(undefined);
  }
}
