import { gatedLufs } from './loudness.ts';

/**
 * An asset's loudness over time, as analysis keeps it: the K-weighted mean
 * square of each 400 ms gating block, one every 100 ms, the first starting at
 * `originUs` of the asset's sound. 4 bytes per 100 ms: about 140 KB an hour.
 */
export interface LoudnessBlocks {
  originUs: number;
  meanSquares: Float32Array;
}

const HOP_US = 100_000;
const BLOCK_US = 400_000;

/**
 * Integrated loudness (LUFS) of the source span [fromUs, toUs): the gated
 * blocks lying wholly inside it, or for a span shorter than a block, those
 * overlapping it. Null when no block is there; -Infinity for silence.
 */
export function spanLoudnessLufs(blocks: LoudnessBlocks, fromUs: number, toUs: number): number | null {
  const count = blocks.meanSquares.length;
  const clamp = (i: number) => Math.min(count, Math.max(0, i));
  let first = clamp(Math.ceil((fromUs - blocks.originUs) / HOP_US));
  let end = clamp(Math.floor((toUs - blocks.originUs - BLOCK_US) / HOP_US) + 1);
  if (end <= first) {
    first = clamp(Math.floor((fromUs - blocks.originUs - BLOCK_US) / HOP_US) + 1);
    end = clamp(Math.ceil((toUs - blocks.originUs) / HOP_US));
  }
  return end > first ? gatedLufs(blocks.meanSquares, first, end) : null;
}
