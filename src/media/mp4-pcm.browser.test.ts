import { describe, expect, it } from 'vitest';
import { openMedia } from './open-media.ts';
import { firstProblem, probeSource } from './probe.ts';
import { fixtureFile, type FIXTURES } from '../test-support/fixtures.ts';
import { findBeeps } from '../test-support/export-check.ts';

/** Every channel of a source's sound, each AudioData's timestamp checked against its first frame's index. */
async function decodeAll(name: keyof typeof FIXTURES): Promise<{ channels: Float32Array[]; sampleRate: number }> {
  const source = await openMedia(await fixtureFile(name), `${name}.mov`);
  const { sampleRate, channels: count } = source.audio!;
  const channels = Array.from({ length: count }, () => new Float32Array(Math.round((source.durationUs * sampleRate) / 1_000_000)));
  let at = 0;
  for await (const data of source.audioData(0, source.durationUs)) {
    try {
      expect(data.sampleRate).toBe(sampleRate);
      // Timed from the frame index, not from summed rounded durations.
      expect(data.timestamp).toBe(Math.round((at * 1_000_000) / sampleRate));
      channels.forEach((plane, c) => data.copyTo(plane.subarray(at, at + data.numberOfFrames), { planeIndex: c, format: 'f32-planar' }));
      at += data.numberOfFrames;
    } finally {
      data.close();
    }
  }
  expect(at).toBe(channels[0]!.length);
  return { channels, sampleRate };
}

/** A fixture with the sample size of its first `fourcc` sound description set to `bits`. */
async function withSampleBits(name: keyof typeof FIXTURES, fourcc: string, bits: number): Promise<Blob> {
  const bytes = new Uint8Array(await (await fixtureFile(name)).arrayBuffer());
  const type = [...fourcc].map((c) => c.charCodeAt(0));
  const at = bytes.findIndex((_, i) => type.every((b, k) => bytes[i + k] === b));
  // After the type: 6 reserved bytes, the data reference index, version, revision, vendor, channel count.
  new DataView(bytes.buffer).setUint16(at + 22, bits);
  return new Blob([bytes]);
}

describe('uncompressed (PCM) sound in MOV, as cameras and screen recorders write it', () => {
  it('probes as decodable PCM with its rate and channels, and plays the beep where it was recorded, at its level on each channel', async () => {
    const probe = await probeSource(await openMedia(await fixtureFile('soundPcm'), 'camera.mov'));
    expect(probe.tracks[1]).toEqual({
      kind: 'audio',
      codec: 'pcm-s16le',
      codecName: '16-bit PCM (little-endian)',
      sampleRate: 22_050,
      channels: 2,
      durationUs: 1_000_000,
      decodable: true,
    });
    expect(probe.notice).toBeUndefined();
    const { channels, sampleRate } = await decodeAll('soundPcm');
    // A 1 kHz sine from 0.5 s: the first sample above 0.2 comes within a quarter period (11 samples at 22.05 kHz).
    const [onset] = findBeeps(channels[0]!, sampleRate);
    expect(findBeeps(channels[0]!, sampleRate)).toHaveLength(1);
    expect(onset! - 500_000).toBeGreaterThanOrEqual(0);
    expect(onset! - 500_000).toBeLessThan(250);
    const peak = (plane: Float32Array) => plane.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak(channels[0]!)).toBeCloseTo(0.5, 2);
    expect(peak(channels[1]!)).toBeCloseTo(0.25, 2);
    // Silent outside the 30 ms beep.
    expect(peak(channels[0]!.subarray(0, Math.round(0.499 * sampleRate)))).toBe(0);
    expect(peak(channels[0]!.subarray(Math.round(0.531 * sampleRate)))).toBe(0);
  });

  it("reads big-endian 16-bit ('twos'), 24-bit with an 'enda' box ('in24') and version 2 'lpcm' to the very samples recorded", async () => {
    for (const [name, codec, quantum] of [
      ['pcmTwos', 'pcm-s16be', 2 ** -15],
      ['pcmIn24', 'pcm-s24le', 2 ** -23],
      ['pcmLpcm', 'pcm-s24be', 2 ** -23],
    ] as const) {
      expect((await openMedia(await fixtureFile(name), `${name}.mov`)).audio?.codec).toBe(codec);
      const { channels, sampleRate } = await decodeAll(name);
      let worst = 0;
      channels[0]!.forEach((v, n) => (worst = Math.max(worst, Math.abs(v - 0.5 * Math.sin((2 * Math.PI * 1000 * n) / sampleRate)))));
      // Within a step of the sample size: the wrong byte order or sign would be off by up to the full scale.
      expect(worst, name).toBeLessThanOrEqual(quantum);
    }
  });

  it('PCM in a layout Spool does not read is left out with a notice naming it, the picture kept; with no picture, the import says why', async () => {
    const withPicture = await probeSource(await openMedia(await withSampleBits('soundPcm', 'sowt', 12), 'camera.mov'));
    expect(withPicture.tracks[1]).toMatchObject({ kind: 'audio', sampleRate: 22_050, channels: 2, decodable: false });
    expect(withPicture.notice).toBe('Spool can\'t play the sound of "camera.mov" (12-bit PCM), so it was imported as picture only.');
    expect(firstProblem(withPicture)).toBeUndefined();
    const soundOnly = await probeSource(await openMedia(await withSampleBits('pcmTwos', 'twos', 12), 'voice.mov'));
    expect(firstProblem(soundOnly)).toBe('Spool can\'t play the sound of "voice.mov": it is 12-bit PCM. Convert it to AAC, or to 16- or 24-bit PCM.');
  });
});
