import { describe, expect, it } from 'vitest';
import { packetMicros, PacketTimes } from './packet-times.ts';

describe('PacketTimes', () => {
  it('keeps the times of packets stamped in order (as Chromium stamps them)', () => {
    const times = new PacketTimes(20_000);
    for (let i = 0; i < 10; i++) expect(times.place(i * 20_000, 20_000)).toEqual({ timestamp: i * 20_000, duration: 20_000, own: true });
  });

  it('lays packets stamped with their block’s start and length (WebKitGTK 2.50) end to end, one AAC frame each', () => {
    const frame = packetMicros('aac', { codec: 'mp4a.40.2', sampleRate: 48_000, numberOfChannels: 2 });
    expect(frame).toBeCloseTo(21_333.33, 1);
    const times = new PacketTimes(frame);
    const placed = [];
    // Two blocks of 8192 samples: eight packets each, all at the block's start, each "170666 µs" long.
    for (const block of [0, 170_667]) for (let i = 0; i < 8; i++) placed.push(times.place(block, 170_666));
    expect(placed.map((p) => p.timestamp)).toEqual([0, 21_333, 42_667, 64_000, 85_333, 106_667, 128_000, 149_333, 170_667, 192_000, 213_334, 234_667, 256_000, 277_334, 298_667, 320_000]);
    expect(placed.filter((p) => !p.own).every((p) => p.duration === 21_333)).toBe(true);
  });

  it('takes Opus’s frame duration from the configuration (20 ms unless set)', () => {
    expect(packetMicros('opus', { codec: 'opus', sampleRate: 48_000, numberOfChannels: 2 })).toBe(20_000);
    expect(packetMicros('opus', { codec: 'opus', sampleRate: 48_000, numberOfChannels: 2, opus: { frameDuration: 10_000 } } as AudioEncoderConfig)).toBe(10_000);
  });
});
