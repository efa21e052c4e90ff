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

describe('aacChannelCount', () => {
  it('reads the channel configuration from an AudioSpecificConfig', async () => {
    const { aacChannelCount } = await import('./mp4-source.ts');
    expect(aacChannelCount(new Uint8Array([0x11, 0x90]))).toBe(2); // AAC-LC, 48 kHz, stereo
    expect(aacChannelCount(new Uint8Array([0x12, 0x08]))).toBe(1); // AAC-LC, 44.1 kHz, mono
    expect(aacChannelCount(new Uint8Array([0x11, 0xb8]))).toBe(8); // config 7 is 7.1: eight channels
  });
});
