import type { AudioSpan } from '../model/render-plan.ts';
import type { MediaSource } from '../media/media-source.ts';
import { AudioDataPlanes } from '../media/audio/audio-data-planes.ts';
import { ChannelMixer } from '../media/audio/channel-mixer.ts';
import { LinearResampler } from '../media/audio/linear-resampler.ts';
import { PcmBlockWriter } from '../media/audio/pcm-block-writer.ts';
import { SegmentPlacer } from '../media/audio/segment-placer.ts';
import type { StageClock } from '../media/stage-clock.ts';

export interface ClipAudioOptions {
  sampleRate: number;
  channels: number;
  blockFrames: number;
  clock: StageClock;
  checkCanceled: () => void;
}

/**
 * One clip's sound as blocks on the output's block grid: block k holds output
 * samples [k·B, (k+1)·B) (channel-major, stride B), silent outside the clip.
 * Decoded audio is trimmed, converted and placed sample-exactly; blocks are
 * produced as the mixer asks for them, so memory stays at a block or two.
 */
export async function* clipAudioBlocks(span: AudioSpan, source: MediaSource, options: ClipAudioOptions): AsyncGenerator<Float32Array> {
  const { sampleRate, channels, blockFrames, clock, checkCanceled } = options;
  const ready: Float32Array[] = [];
  const writer = new PcmBlockWriter(channels, blockFrames, (block) => {
    ready.push(block.slice());
  });
  void writer.writeSilence(span.startSample - Math.floor(span.startSample / blockFrames) * blockFrames);
  const length = span.endSample - span.startSample;
  const placer = new SegmentPlacer(writer, span.clip.inUs, length, sampleRate);
  const planes = new AudioDataPlanes();
  const mixer = new ChannelMixer();
  let resampler = null as LinearResampler | null;
  const decoded = source.audioData(span.clip.inUs, span.clip.outUs, (ms) => clock.add('demux', ms));
  try {
    while (!placer.full) {
      const next = await clock.time('decode', () => decoded.next());
      if (next.done) break;
      const data = next.value;
      try {
        checkCanceled();
        const mixed = mixer.mix(planes.read(data), data.numberOfChannels, data.numberOfFrames, channels);
        // Built from what the decoder really outputs (HE-AAC, for one, decodes at twice the rate its header states).
        if (data.sampleRate !== sampleRate && resampler?.fromRate !== data.sampleRate) resampler = new LinearResampler(data.sampleRate, sampleRate, channels);
        const out = data.sampleRate === sampleRate ? { planes: mixed, frames: data.numberOfFrames } : resampler!.process(mixed, data.numberOfFrames);
        void placer.place(out.planes, out.frames, data.timestamp);
      } finally {
        data.close();
      }
      while (ready.length > 0) yield ready.shift()!;
    }
  } finally {
    await decoded.return(undefined);
  }
  // Whatever the source lacks is silence: finish the current block, then hand out one shared silent block.
  const remaining = length - placer.written;
  const inBlock = (blockFrames - (writer.position % blockFrames)) % blockFrames;
  void writer.writeSilence(Math.min(remaining, inBlock));
  void writer.flush();
  while (ready.length > 0) yield ready.shift()!;
  const silent = new Float32Array(channels * blockFrames);
  for (let left = remaining - Math.min(remaining, inBlock); left > 0; left -= blockFrames) yield silent;
}
