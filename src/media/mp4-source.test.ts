import { describe, expect, it } from 'vitest';
import { rotationFromMatrix } from './mp4-source.ts';

const ONE = 65536; // 16.16 fixed point
const W = 1 << 30; // 2.30 fixed point

describe('rotationFromMatrix', () => {
  it('reads the four tkhd rotations', () => {
    expect(rotationFromMatrix([ONE, 0, 0, 0, ONE, 0, 0, 0, W])).toBe(0);
    expect(rotationFromMatrix([0, ONE, 0, -ONE, 0, 0, 0, 0, W])).toBe(90);
    expect(rotationFromMatrix([-ONE, 0, 0, 0, -ONE, 0, 0, 0, W])).toBe(180);
    expect(rotationFromMatrix([0, -ONE, 0, ONE, 0, 0, 0, 0, W])).toBe(270);
  });

  it('accepts typed arrays, as mp4box returns them', () => {
    expect(rotationFromMatrix(Int32Array.of(0, ONE, 0, -ONE, 0, 0, 0, 0, W))).toBe(90);
    expect(rotationFromMatrix(Int32Array.of(0, -ONE, 0, ONE, 0, 0, 0, 0, W))).toBe(270);
  });

  it('ignores translation and scale', () => {
    expect(rotationFromMatrix([0, 2 * ONE, 0, -2 * ONE, 0, 0, 1080 * ONE, 0, W])).toBe(90);
    expect(rotationFromMatrix([-ONE / 2, 0, 0, 0, -ONE / 2, 0, 1920 * ONE, 1080 * ONE, W])).toBe(180);
  });

  it('snaps slightly-off angles to the nearest quarter turn', () => {
    expect(rotationFromMatrix([ONE, 500, 0, -500, ONE, 0, 0, 0, W])).toBe(0);
    expect(rotationFromMatrix([ONE, -500, 0, 500, ONE, 0, 0, 0, W])).toBe(0);
    expect(rotationFromMatrix([-300, ONE, 0, -ONE, -300, 0, 0, 0, W])).toBe(90);
    expect(rotationFromMatrix([-ONE, -300, 0, 300, -ONE, 0, 0, 0, W])).toBe(180);
  });

  it('treats a missing or short matrix as no rotation', () => {
    expect(rotationFromMatrix([])).toBe(0);
    expect(rotationFromMatrix([ONE])).toBe(0);
  });

  it('only returns 0, 90, 180 or 270', () => {
    for (let deg = -720; deg <= 720; deg += 7) {
      const r = (deg * Math.PI) / 180;
      const m = [Math.round(Math.cos(r) * ONE), Math.round(Math.sin(r) * ONE), 0, -Math.round(Math.sin(r) * ONE), Math.round(Math.cos(r) * ONE), 0, 0, 0, W];
      expect([0, 90, 180, 270]).toContain(rotationFromMatrix(m));
    }
  });
});

describe('aacConfigFacts', () => {
  it('reads the channel configuration from an AudioSpecificConfig', async () => {
    const { aacConfigFacts } = await import('./mp4-source.ts');
    expect(aacConfigFacts(new Uint8Array([0x11, 0x90])).channels).toBe(2); // AAC-LC, 48 kHz, stereo
    expect(aacConfigFacts(new Uint8Array([0x12, 0x08])).channels).toBe(1); // AAC-LC, 44.1 kHz, mono
    expect(aacConfigFacts(new Uint8Array([0x11, 0xb8])).channels).toBe(8); // config 7 is 7.1: eight channels
  });

  it('reads the sample rate: indexed, explicit, and the output rate of HE-AAC', async () => {
    const { aacConfigFacts } = await import('./mp4-source.ts');
    expect(aacConfigFacts(new Uint8Array([0x11, 0x90])).sampleRate).toBe(48_000);
    expect(aacConfigFacts(new Uint8Array([0x10, 0x10])).sampleRate).toBe(96_000); // index 0: more than an MP4 sound entry holds
    // Index 15: 24 bits of rate follow (here 88 200), then the channels (stereo).
    expect(aacConfigFacts(new Uint8Array([0x17, 0x80, 0xac, 0x44, 0x10]))).toEqual({ sampleRate: 88_200, channels: 2 });
    // HE-AAC signalled explicitly (object type 5): a 24 kHz core whose output is 48 kHz.
    expect(aacConfigFacts(new Uint8Array([0x2b, 0x11, 0x88]))).toEqual({ sampleRate: 48_000, channels: 2 });
  });
});

describe('opusHead (an MP4 dOps box as the OpusHead WebCodecs wants)', () => {
  it('writes the fields little-endian after the magic, with the mapping table for family 1', async () => {
    const { opusHead } = await import('./mp4-source.ts');
    const stereo = opusHead({ OutputChannelCount: 2, PreSkip: 312, InputSampleRate: 48_000, OutputGain: -256, ChannelMappingFamily: 0 });
    expect(new TextDecoder().decode(stereo.subarray(0, 8))).toBe('OpusHead');
    expect([...stereo.subarray(8)]).toEqual([1, 2, 312 & 255, 312 >> 8, 0x80, 0xbb, 0, 0, 0x00, 0xff, 0]);
    const surround = opusHead({ OutputChannelCount: 3, PreSkip: 0, InputSampleRate: 44_100, OutputGain: 0, ChannelMappingFamily: 1, StreamCount: 2, CoupledCount: 1, ChannelMapping: [0, 2, 1] });
    expect(surround.length).toBe(19 + 2 + 3);
    expect([...surround.subarray(18)]).toEqual([1, 2, 1, 0, 2, 1]);
  });
});

describe('webCodecsAudioCodec', () => {
  it("names MP3 in MP4 (object type 0x6B or 0x69) 'mp3', Opus 'opus', and leaves the rest", async () => {
    const { webCodecsAudioCodec } = await import('./mp4-source.ts');
    expect(['mp4a.6b', 'mp4a.6B', 'mp4a.69', 'Opus', 'fLaC', 'mp4a.40.2', 'ac-3'].map(webCodecsAudioCodec)).toEqual(['mp3', 'mp3', 'mp3', 'opus', 'flac', 'mp4a.40.2', 'ac-3']);
  });
});
