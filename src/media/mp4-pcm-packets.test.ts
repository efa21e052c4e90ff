import { describe, expect, it } from 'vitest';
import { pcmPackets, type PcmTables } from './mp4-pcm-packets.ts';

const tables = (t: Partial<PcmTables>): PcmTables => ({
  chunkOffsets: [],
  firstChunk: [1],
  samplesPerChunk: [0],
  sampleCount: 0,
  sampleSize: 0,
  sampleSizes: () => [],
  ...t,
});

describe('pcmPackets', () => {
  it('cuts chunks of one-frame samples (as FFmpeg writes a MOV) into packets within each chunk', () => {
    // Stereo 16-bit (4-byte frames): chunks of 2048, 2048 and 1024 frames, packets of at most 1500.
    const t = tables({ chunkOffsets: [100, 20_000, 40_000], firstChunk: [1, 3], samplesPerChunk: [2048, 1024], sampleCount: 5120, sampleSize: 4 });
    expect(pcmPackets(t, 4, 1500)).toEqual([
      { offset: 100, size: 6000, firstFrame: 0, frames: 1500 },
      { offset: 6100, size: 2192, firstFrame: 1500, frames: 548 },
      { offset: 20_000, size: 6000, firstFrame: 2048, frames: 1500 },
      { offset: 26_000, size: 2192, firstFrame: 3548, frames: 548 },
      { offset: 40_000, size: 4096, firstFrame: 4096, frames: 1024 },
    ]);
  });

  it("reads an old QuickTime sample size of 1 as one frame, and never expands a constant size's list", () => {
    const t = tables({
      chunkOffsets: [0, 1000],
      samplesPerChunk: [100],
      sampleCount: 150,
      sampleSize: 1,
      sampleSizes: () => {
        throw new Error('a constant size is not expanded');
      },
    });
    // The last chunk holds only the 50 samples left.
    expect(pcmPackets(t, 6, 4096)).toEqual([
      { offset: 0, size: 600, firstFrame: 0, frames: 100 },
      { offset: 1000, size: 300, firstFrame: 100, frames: 50 },
    ]);
  });

  it('adds up samples of their own sizes (ISO ipcm: many frames a sample)', () => {
    const t = tables({ chunkOffsets: [8, 5000], samplesPerChunk: [2], sampleCount: 4, sampleSizes: () => [1024, 1024, 1024, 512] });
    expect(pcmPackets(t, 4, 4096)).toEqual([
      { offset: 8, size: 2048, firstFrame: 0, frames: 512 },
      { offset: 5000, size: 1536, firstFrame: 512, frames: 384 },
    ]);
  });
});
