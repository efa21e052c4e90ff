import { describe, expect, it } from 'vitest';
import { EncodeSink } from './encode-sink.ts';
import { pickVideoEncoder } from './encoder-config.ts';
import type { ExportMuxer } from './export-muxer.ts';
import { StageClock } from './stage-clock.ts';

/** A muxer whose disk fills up after `room` chunks, as an OPFS sync write does past the quota. */
function fillingMuxer(room: number): ExportMuxer & { written: number } {
  const full = () => new DOMException('The operation failed because it would cause the application to exceed its storage quota.', 'QuotaExceededError');
  const muxer = {
    written: 0,
    addVideoChunk() {
      if (muxer.written >= room) throw full();
      muxer.written++;
    },
    addVideoChunkRaw() {
      muxer.addVideoChunk();
    },
    addAudioChunk() {},
    addAudioChunkRaw() {
      throw full();
    },
    finalize() {
      throw full();
    },
  };
  return muxer;
}

const frameAt = (i: number) => {
  const canvas = new OffscreenCanvas(320, 180);
  const g = canvas.getContext('2d')!;
  g.fillStyle = `hsl(${i * 10}, 70%, 50%)`;
  g.fillRect(0, 0, 320, 180);
  return new VideoFrame(canvas, { timestamp: i * 33_333, duration: 33_333 });
};

describe('EncodeSink when the disk fills up', () => {
  it('a failed write inside the encoder callback fails the export with a message that says what to do', async () => {
    const muxer = fillingMuxer(3);
    const sink = new EncodeSink({ muxer, video: await pickVideoEncoder('avc', 320, 180, 30), clock: new StageClock() });
    const run = async () => {
      for (let i = 0; i < 60; i++) {
        const frame = frameAt(i);
        try {
          await sink.addVideoFrame(frame, i % 30 === 0);
        } finally {
          frame.close();
        }
      }
      await sink.finish();
    };
    await expect(run()).rejects.toMatchObject({ name: 'StorageQuotaError', message: expect.stringContaining('no room left') });
    expect(muxer.written).toBe(3);
    sink.close();
  });

  it('a stream-copied sample (picture or sound) that cannot be written says the same', () => {
    const sink = new EncodeSink({ muxer: fillingMuxer(0), clock: new StageClock() });
    const data = new Uint8Array(10);
    expect(() => sink.addEncodedVideo(data, true, 0, 33_333)).toThrow(/no room left/);
    expect(() => sink.addEncodedVideo(data, true, 0, 33_333)).toThrow(/no room left/);
    expect(() => new EncodeSink({ muxer: fillingMuxer(0), clock: new StageClock() }).addEncodedAudio(data, 0, 21_333)).toThrow(/no room left/);
  });
});

describe('pickVideoEncoder says what stands in the way', () => {
  it('a bitrate too high, a size too small, or a codec not here at all', async () => {
    await expect(pickVideoEncoder('avc', 640, 360, 30, 400_000_000)).rejects.toThrow('This browser cannot encode H.264 at 400 Mbit/s (640×360, 30 fps). Choose a lower bitrate or another quality.');
    // A size the encoder refuses below: bigger, not smaller, is the way out.
    if (!(await pickVideoEncoder('avc', 10, 10, 30).catch(() => null))) {
      await expect(pickVideoEncoder('avc', 10, 10, 30)).rejects.toThrow('This browser cannot encode H.264 at 10×10, 30 fps. Choose another format or a larger output size.');
    }
    if (!(await pickVideoEncoder('hevc', 640, 360, 30).catch(() => null))) {
      await expect(pickVideoEncoder('hevc', 1920, 1080, 30)).rejects.toThrow('This browser cannot encode HEVC (H.265) at all. Choose another format.');
    }
  });
});
