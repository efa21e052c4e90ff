import { afterEach, describe, expect, it, vi } from 'vitest';
import { AudioDataPlanes } from './audio-data-planes.ts';
import { recordAudioCopies } from '../../test-support/audio-copies.ts';

/** Stereo (or mono) test data in `format`: channel c, frame i holds (c + 1) × (i + 1) / 16_384. */
function audioData(format: AudioSampleFormat, channels: number, frames: number): AudioData {
  const value = (c: number, i: number) => ((c + 1) * (i + 1)) / 16_384;
  const planar = format.endsWith('-planar');
  const s16 = format.startsWith('s16');
  const data = s16 ? new Int16Array(frames * channels) : new Float32Array(frames * channels);
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < frames; i++) data[planar ? c * frames + i : i * channels + c] = s16 ? Math.round(value(c, i) * 32767) : value(c, i);
  }
  return new AudioData({ format, sampleRate: 48_000, numberOfFrames: frames, numberOfChannels: channels, timestamp: 0, data });
}

describe('AudioDataPlanes', () => {
  afterEach(() => vi.restoreAllMocks());

  for (const format of ['f32-planar', 'f32', 's16', 's16-planar'] as const) {
    for (const channels of [1, 2]) {
      it(`reads ${channels}-channel ${format} into float planes, chunk after chunk`, () => {
        const planes = new AudioDataPlanes();
        for (const frames of [1024, 300, 5000]) {
          const data = audioData(format, channels, frames);
          const read = planes.read(data);
          data.close();
          expect(read).toHaveLength(channels);
          for (let c = 0; c < channels; c++) {
            const expected = Float32Array.from({ length: frames }, (_, i) => ((c + 1) * (i + 1)) / 16_384);
            const got = read[c]!.subarray(0, frames);
            if (format.startsWith('s16')) for (let i = 0; i < frames; i += 97) expect(got[i]).toBeCloseTo(expected[i]!, 3);
            else expect(got).toEqual(expected);
          }
        }
      });
    }
  }

  it('never copies an AudioData in its own format (WebKitGTK 2.50 kills the page process on that)', () => {
    const copies = recordAudioCopies();
    for (const channels of [2, 1]) {
      const planes = new AudioDataPlanes();
      for (const format of ['f32-planar', 'f32', 's16', 's16-planar'] as const) {
        const data = audioData(format, channels, 512);
        planes.read(data);
        data.close();
      }
    }
    expect(copies.length).toBeGreaterThan(0);
    for (const [own, copied] of copies) expect(copied ?? own).not.toBe(own);
  });

  it('reads mono float in neither float layout (the same bytes: WebKitGTK 2.50 copies them as its own format and dies), losing nothing below full scale', () => {
    const copies = recordAudioCopies();
    const planes = new AudioDataPlanes();
    for (const format of ['f32-planar', 'f32'] as const) {
      const samples = Float32Array.from({ length: 480 }, (_, i) => Math.sin(i / 7) * 0.999);
      const data = new AudioData({ format, sampleRate: 48_000, numberOfFrames: 480, numberOfChannels: 1, timestamp: 0, data: samples });
      const [plane] = planes.read(data);
      data.close();
      for (let i = 0; i < 480; i++) expect(plane![i]).toBeCloseTo(samples[i]!, 7);
    }
    expect(copies.map(([, copied]) => copied)).toEqual(['s32', 's32']);
  });
});
