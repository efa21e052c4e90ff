/** A stretch of a PCM track's bytes: `frames` whole frames from frame `firstFrame` of the track, at `offset` in the file. */
export interface PcmPacket {
  offset: number;
  size: number;
  firstFrame: number;
  frames: number;
}

/** The sample tables a PCM track's bytes are found by (stco/co64, stsc, stsz). */
export interface PcmTables {
  chunkOffsets: ArrayLike<number>;
  /** stsc: runs of chunks (1-based first chunk) with their samples per chunk. */
  firstChunk: ArrayLike<number>;
  samplesPerChunk: ArrayLike<number>;
  sampleCount: number;
  /** stsz's constant size, or 0 when each sample has its own (`sampleSizes`). */
  sampleSize: number;
  sampleSizes: () => ArrayLike<number>;
}

/**
 * Cuts a PCM track into packets of at most `maxFrames` frames, chunk by
 * chunk (a chunk's samples lie back to back). A MOV stores one sample per
 * audio frame (millions an hour), and older QuickTime writers give each the
 * size 1 whatever its real size: a sample with a constant size smaller than
 * a frame is one frame. Packets never span chunks, so each is one read.
 */
export function pcmPackets(tables: PcmTables, frameBytes: number, maxFrames: number): PcmPacket[] {
  const { chunkOffsets, firstChunk, samplesPerChunk, sampleCount, sampleSize } = tables;
  const sizes = sampleSize === 0 ? tables.sampleSizes() : undefined;
  const constantBytes = Math.max(sampleSize, frameBytes);
  const packets: PcmPacket[] = [];
  let run = 0;
  let sample = 0;
  let frame = 0;
  for (let chunk = 0; chunk < chunkOffsets.length && sample < sampleCount; chunk++) {
    while (run + 1 < firstChunk.length && firstChunk[run + 1]! - 1 <= chunk) run++;
    const count = Math.min(samplesPerChunk[run] ?? 0, sampleCount - sample);
    let bytes = count * constantBytes;
    if (sizes) {
      bytes = 0;
      for (let i = sample; i < sample + count; i++) bytes += sizes[i] ?? 0;
    }
    const frames = Math.floor(bytes / frameBytes);
    for (let done = 0; done < frames; done += maxFrames) {
      const n = Math.min(maxFrames, frames - done);
      packets.push({ offset: chunkOffsets[chunk]! + done * frameBytes, size: n * frameBytes, firstFrame: frame + done, frames: n });
    }
    frame += frames;
    sample += count;
  }
  return packets;
}
