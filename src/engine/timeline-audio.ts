import { sourceAtUs, type Project } from '../model/project.ts';
import { planAudioSpans, spanGain, totalSamples, type AudioSpan } from '../model/render-plan.ts';
import { StageClock } from '../media/stage-clock.ts';
import { clipAudioBlocks } from './clip-audio-blocks.ts';
import { PeakLimiter } from '../media/audio/peak-limiter.ts';
import type { SourceLookup } from './sources.ts';

export const MIX_BLOCK_FRAMES = 2048;

/** A block of the mix: `frames` samples from timeline sample `startSample`, channel-major with stride `blockFrames` (MixOptions). */
export interface MixBlock {
  startSample: number;
  frames: number;
  /** Reused for the next block: copy what must outlive it. */
  planes: Float32Array<ArrayBuffer>;
}

export interface MixOptions {
  sampleRate: number;
  channels: number;
  /** Timeline sample to start at (preview plays from the playhead; export from 0). */
  fromSample?: number;
  /** Timeline sample to stop before (default: the end of the timeline). */
  toSample?: number;
  /** Samples per block (default MIX_BLOCK_FRAMES): small for playback's latency, larger for export's throughput. */
  blockFrames?: number;
  clock?: StageClock;
  checkCanceled?: () => void;
}

interface Voice {
  /** The span decoded (relative to `fromSample`): a clip that began before `fromSample` is cut to start there, with its in point moved along; its gain shape stays in timeline samples. */
  decoded: AudioSpan;
  blocks: AsyncGenerator<Float32Array>;
  /** The voice's next block, asked for ahead of need so decoding overlaps mixing and encoding. */
  next: Promise<IteratorResult<Float32Array>>;
}

/** A clip's decoder starts this long before its sound is due, so a cut never waits for a decoder to open and warm up. */
const LOOKAHEAD_SECONDS = 1;

/** Asks for a voice's next block now; a failure surfaces when the block is awaited. */
function prefetch(blocks: AsyncGenerator<Float32Array>): Promise<IteratorResult<Float32Array>> {
  const next = blocks.next();
  next.catch(() => undefined);
  return next;
}

/**
 * The timeline's sound, block by block: every audible clip (any track, freely
 * overlapping) placed sample-exactly and scaled by volume and fades; silence
 * where nothing plays; peaks past full scale limited, never clipped. Each block is awaited by its consumer (the encoder, or
 * the preview's audio clock), so back-pressure reaches every decoder and
 * memory stays flat. Export and preview both mix through this.
 */
export async function* mixTimelineAudio(project: Project, sources: SourceLookup, options: MixOptions): AsyncGenerator<MixBlock> {
  const { sampleRate, channels } = options;
  const block = options.blockFrames ?? MIX_BLOCK_FRAMES;
  const from = options.fromSample ?? 0;
  const to = Math.min(options.toSample ?? Infinity, totalSamples(project, sampleRate));
  const clock = options.clock ?? new StageClock();
  const checkCanceled = options.checkCanceled ?? (() => undefined);
  // Positions below are relative to `from`, so the block grid starts where playback does.
  const pending = planAudioSpans(project, sampleRate)
    .filter((span) => span.endSample > from && span.startSample < to && sources(span.clip.assetId)?.audio)
    .map((span) => {
      const skipped = Math.max(0, from - span.startSample);
      const clip = skipped === 0 ? span.clip : { ...span.clip, inUs: sourceAtUs(span.clip, span.clip.startUs + Math.round((skipped * 1_000_000) / sampleRate)) };
      return { clip, startSample: span.startSample - from + skipped, endSample: span.endSample - from, shape: span.shape };
    });
  const active: Voice[] = [];
  // Two buffers in turn: a block is limited, and handed on, once the block after it is mixed (the limiter looks ahead).
  const buffers = [new Float32Array(channels * block), new Float32Array(channels * block)] as const;
  const limiter = new PeakLimiter(sampleRate, channels);
  const total = to - from;
  let heldStart = -1;
  let heldFrames = 0;
  try {
    for (let start = 0; start < total; start += block) {
      checkCanceled();
      const frames = Math.min(block, total - start);
      const planes = buffers[(start / block) % 2]!;
      while (pending[0] && pending[0].startSample < start + block + LOOKAHEAD_SECONDS * sampleRate) {
        const decoded = pending.shift()!;
        const blocks = clipAudioBlocks(decoded, sources(decoded.clip.assetId)!, { sampleRate, channels, blockFrames: block, clock, checkCanceled });
        active.push({ decoded, blocks, next: prefetch(blocks) });
      }
      planes.fill(0);
      for (const voice of [...active]) {
        const { decoded } = voice;
        // Opened ahead: its first block is the one holding its start.
        if (decoded.startSample >= start + block) continue;
        const next = await voice.next;
        if (!next.done) voice.next = prefetch(voice.blocks);
        if (!next.done) {
          const first = Math.max(start, decoded.startSample);
          const last = Math.min(start + frames, decoded.endSample);
          for (let c = 0; c < channels; c++) {
            for (let s = first; s < last; s++) planes[c * block + (s - start)]! += next.value[c * block + (s - start)]! * spanGain(decoded.shape, from + s);
          }
        }
        if (next.done || decoded.endSample <= start + block) {
          await voice.blocks.return(undefined);
          active.splice(active.indexOf(voice), 1);
        }
      }
      if (heldStart >= 0) {
        const held = buffers[(heldStart / block) % 2]!;
        limiter.process(held, block, heldFrames, planes, block, frames);
        yield { startSample: from + heldStart, frames: heldFrames, planes: held };
      }
      heldStart = start;
      heldFrames = frames;
    }
    if (heldStart >= 0) {
      const held = buffers[(heldStart / block) % 2]!;
      limiter.process(held, block, heldFrames, held, block, 0);
      yield { startSample: from + heldStart, frames: heldFrames, planes: held };
    }
  } finally {
    for (const voice of active) await voice.blocks.return(undefined);
  }
}
