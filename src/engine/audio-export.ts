import type { Project } from '../model/project.ts';
import { planAudioSegments } from '../model/render-plan.ts';
import { AudioDataPlanes } from '../media/audio/audio-data-planes.ts';
import { ChannelMixer } from '../media/audio/channel-mixer.ts';
import { LinearResampler } from '../media/audio/linear-resampler.ts';
import { PcmBlockWriter } from '../media/audio/pcm-block-writer.ts';
import { SegmentPlacer } from '../media/audio/segment-placer.ts';
import type { Mp4ExportSink } from '../media/export-sink.ts';
import type { StageClock } from '../media/stage-clock.ts';
import type { SourceLookup } from './sources.ts';

const BLOCK_FRAMES = 2048;

/**
 * Renders the timeline's audio into the sink: each clip's [in, out) decoded,
 * converted to the output rate and channel count, placed sample-exactly; silence
 * where no clip (or a clip without audio) plays.
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
  // Each block waits for the encoder to take it: back-pressure reaches the decoder, nothing piles up.
  const writer = new PcmBlockWriter(channels, BLOCK_FRAMES, (block, frames, startSample) => {
    // AudioData copies its input, so the writer's block is free to reuse at once.
    const data: Float32Array<ArrayBuffer> =
      frames === BLOCK_FRAMES
        ? block
        : Float32Array.from({ length: frames * channels }, (_, i) => block[Math.floor(i / frames) * BLOCK_FRAMES + (i % frames)]!);
    return sink.addAudio(new AudioData({ format: 'f32-planar', sampleRate, numberOfFrames: frames, numberOfChannels: channels, timestamp: Math.round((startSample * 1_000_000) / sampleRate), data }));
  });
  const planes = new AudioDataPlanes();
  const mixer = new ChannelMixer();
  for (const segment of planAudioSegments(project, sampleRate)) {
    const length = segment.endSample - segment.startSample;
    const placer = new SegmentPlacer(writer, segment.clip?.inUs ?? 0, length, sampleRate);
    const source = segment.clip ? sources(segment.clip.assetId) : undefined;
    if (segment.clip && source?.audio) {
      // Built from what the decoder really outputs (HE-AAC, for one, decodes at twice the rate its header states).
      let resampler = null as LinearResampler | null;
      const decoded = source.audioData(segment.clip.inUs, segment.clip.outUs, (ms) => clock.add('demux', ms));
      try {
        for (;;) {
          const next = await clock.time('decode', () => decoded.next());
          if (next.done) break;
          const data = next.value;
          try {
            checkCanceled();
            const mixed = mixer.mix(planes.read(data), data.numberOfChannels, data.numberOfFrames, channels);
            if (data.sampleRate !== sampleRate && (resampler?.fromRate !== data.sampleRate || resampler.channels !== channels)) {
              resampler = new LinearResampler(data.sampleRate, sampleRate, channels);
            }
            const out = data.sampleRate === sampleRate ? { planes: mixed, frames: data.numberOfFrames } : resampler!.process(mixed, data.numberOfFrames);
            await placer.place(out.planes, out.frames, data.timestamp);
          } finally {
            data.close();
          }
          if (placer.full) break;
        }
      } finally {
        await decoded.return(undefined);
      }
    }
    await placer.finish();
  }
  await writer.flush();
}
