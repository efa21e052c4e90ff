import type { AudioSpan } from '../model/render-plan.ts';
import { clipSpeed } from '../model/project.ts';
import { TimeStretcher } from '../media/audio/time-stretch.ts';
import type { MediaSource } from '../media/media-source.ts';
import { AudioDataPlanes } from '../media/audio/audio-data-planes.ts';
import { ChannelMixer } from '../media/audio/channel-mixer.ts';
import { LinearResampler } from '../media/audio/linear-resampler.ts';
import { PcmBlockWriter } from '../media/audio/pcm-block-writer.ts';
import { SegmentPlacer } from '../media/audio/segment-placer.ts';
import type { StageClock } from '../media/stage-clock.ts';

/** Source read past a stretched clip's out point: more than a stretch window (30 ms) and its search (±10 ms). */
const STRETCH_READ_ON_US = 100_000;

/** A jump in the source's timestamps shorter than this (1 ms at 48 kHz) is rounding, not a gap. */
const MIN_GAP_FRAMES = 48;

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
  // A sped-up or slowed clip keeps its pitch: its sound is time-stretched, not resampled.
  const speed = clipSpeed(span.clip);
  const stretcher = speed === 1 ? null : new TimeStretcher(channels, sampleRate, speed);
  // The stretcher's last windows reach past the out point: read on into the source there (its sound, not silence, fills them), the excess being dropped.
  // The stretcher's output at o holds input from o × speed + (W / 2)(1 − speed) on average (a window's middle), so its sound
  // ran early when slowed and late when sped up (−20 ms at 0.5×): it is fed from that much before (or after) the in point.
  const leadUs = stretcher ? Math.round(((stretcher.windowSize / 2) * (1 - speed) * 1_000_000) / sampleRate) : 0;
  const fromUs = span.clip.inUs - leadUs;
  const decoded = source.audioData(fromUs, span.clip.outUs + (stretcher ? STRETCH_READ_ON_US : 0), (ms) => clock.add('demux', ms));
  // Stretched sound is laid end to end: how far into the source it has reached, to notice a gap.
  let sourceUs = fromUs;
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
        if (!stretcher) void placer.place(out.planes, out.frames, data.timestamp);
        else {
          // Drop what precedes the in point (pre-roll, priming) before stretching, then lay the stretched sound end to end.
          const skip = Math.max(0, Math.round(((fromUs - data.timestamp) * sampleRate) / 1_000_000));
          // Where the source's sound starts late or has a hole, the silence is stretched too, so the sound stays with its picture.
          const gap = Math.round(((data.timestamp - sourceUs) * sampleRate) / 1_000_000);
          if (gap > MIN_GAP_FRAMES) {
            const silence = stretcher.process(Array.from({ length: channels }, () => new Float32Array(gap)), gap);
            void placer.append(silence.planes, silence.frames);
          }
          if (skip < out.frames) {
            const stretched = stretcher.process(skip === 0 ? out.planes : out.planes.map((plane) => plane.subarray(skip)), out.frames - skip);
            void placer.append(stretched.planes, stretched.frames);
          }
          sourceUs = Math.max(sourceUs, data.timestamp + (out.frames * 1_000_000) / sampleRate);
        }
      } finally {
        data.close();
      }
      while (ready.length > 0) yield ready.shift()!;
    }
  } finally {
    await decoded.return(undefined);
  }
  // A resampler that low-passes still holds the last few samples.
  const held = resampler && !placer.full ? resampler.flush() : null;
  if (held && held.frames > 0) {
    const tail = stretcher ? stretcher.process(held.planes, held.frames) : held;
    void placer.append(tail.planes, tail.frames);
  }
  if (stretcher && !placer.full) {
    const tail = stretcher.flush();
    void placer.append(tail.planes, tail.frames);
    while (ready.length > 0) yield ready.shift()!;
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
