import type { Project } from '../model/project.ts';
import { planAudioSegments } from '../model/render-plan.ts';
import { AudioDataPlanes } from '../media/audio/audio-data-planes.ts';
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
  const pending: Promise<void>[] = [];
  const writer = new PcmBlockWriter(channels, BLOCK_FRAMES, (block, frames, startSample) => {
    // AudioData copies its input, so the writer's block is free to reuse at once.
    const data: Float32Array<ArrayBuffer> =
      frames === BLOCK_FRAMES
        ? block
        : Float32Array.from({ length: frames * channels }, (_, i) => block[Math.floor(i / frames) * BLOCK_FRAMES + (i % frames)]!);
    const audioData = new AudioData({ format: 'f32-planar', sampleRate, numberOfFrames: frames, numberOfChannels: channels, timestamp: Math.round((startSample * 1_000_000) / sampleRate), data });
    pending.push(sink.addAudio(audioData));
  });
  const planes = new AudioDataPlanes();
  for (const segment of planAudioSegments(project, sampleRate)) {
    const length = segment.endSample - segment.startSample;
    const placer = new SegmentPlacer(writer, segment.clip?.inUs ?? 0, length, sampleRate);
    const source = segment.clip ? sources(segment.clip.assetId) : undefined;
    const track = source?.audio;
    if (segment.clip && source && track) {
      const resampler = track.sampleRate === sampleRate ? null : new LinearResampler(track.sampleRate, sampleRate, track.channels);
      const decoded = source.audioData(segment.clip.inUs, segment.clip.outUs, (ms) => clock.add('demux', ms));
      try {
        for (;;) {
          const next = await clock.time('decode', () => decoded.next());
          if (next.done) break;
          const data = next.value;
          try {
            checkCanceled();
            const read = planes.read(data);
            const out = resampler ? resampler.process(read, data.numberOfFrames) : { planes: read, frames: data.numberOfFrames };
            placer.place(out.planes, out.frames, data.timestamp);
          } finally {
            data.close();
          }
          await Promise.all(pending.splice(0));
          if (placer.full) break;
        }
      } finally {
        await decoded.return(undefined);
      }
    }
    placer.finish();
    await Promise.all(pending.splice(0));
  }
  writer.flush();
  await Promise.all(pending.splice(0));
}
