import { afterEach, describe, expect, it, vi } from 'vitest';
import { avcCodecStrings, defaultVideoBitrate, encodableVideoCodecs, pickVideoEncoder } from './encoder-config.ts';

const levelOf = (w: number, h: number, fps: number) => avcCodecStrings(w, h, fps)[0]!.slice(-2);

describe('avcCodecStrings', () => {
  it('offers High, Main and Baseline, in that order, at one level', () => {
    expect(avcCodecStrings(640, 360, 30)).toEqual(['avc1.64001f', 'avc1.4d001f', 'avc1.42e01f']);
    expect(avcCodecStrings(1920, 1080, 30)).toEqual(['avc1.640028', 'avc1.4d0028', 'avc1.42e028']);
  });

  it('picks the lowest level that fits frame size and macroblock rate', () => {
    expect(levelOf(640, 360, 30)).toBe('1f'); // 3.1
    expect(levelOf(1280, 720, 30)).toBe('1f'); // 3600 MBs: exactly the 3.1 frame limit
    expect(levelOf(1280, 720, 60)).toBe('20'); // 216000 MB/s: exactly the 3.2 rate limit
    expect(levelOf(1920, 1080, 30)).toBe('28'); // 4.0
    expect(levelOf(1920, 1080, 60)).toBe('2a'); // 4.2
    expect(levelOf(2560, 1440, 30)).toBe('32'); // 5.0
    expect(levelOf(3840, 2160, 30)).toBe('33'); // 5.1
    expect(levelOf(3840, 2160, 60)).toBe('34'); // 5.2
    expect(levelOf(7680, 4320, 30)).toBe('3c'); // 6.0
  });

  it('rounds partial macroblocks up (1080 rows are 68 macroblocks)', () => {
    expect(levelOf(1920, 1080, 30)).toBe(levelOf(1920, 1088, 30));
    // 1281 px is 81 macroblocks wide: 81×45 = 3645 MBs, one column over the 3.1 frame limit.
    expect(levelOf(1281, 720, 30)).toBe('20');
  });

  it('moves up a level when only the frame rate grows', () => {
    expect(levelOf(1920, 1080, 30)).toBe('28');
    expect(levelOf(1920, 1080, 30.2)).toBe('2a'); // 8160 × 30.2 > 245760
  });

  it('falls back to level 6.0 when nothing fits', () => {
    expect(levelOf(7680, 4320, 60)).toBe('3c');
    expect(levelOf(8192, 8192, 240)).toBe('3c');
  });

  it('uses the lowest listed level for tiny outputs', () => {
    expect(avcCodecStrings(16, 16, 1)).toEqual(['avc1.64001f', 'avc1.4d001f', 'avc1.42e01f']);
  });
});

describe('defaultVideoBitrate', () => {
  it('is about 0.1 bit per pixel per frame', () => {
    expect(defaultVideoBitrate(1920, 1080, 30)).toBe(6_220_800);
    expect(defaultVideoBitrate(3840, 2160, 60)).toBe(49_766_400);
    expect(defaultVideoBitrate(1280, 720, 30)).toBe(2_764_800);
    expect(defaultVideoBitrate(640, 360, 30)).toBe(691_200);
  });

  it('never goes below 500 kbit/s', () => {
    expect(defaultVideoBitrate(320, 240, 15)).toBe(500_000);
    expect(defaultVideoBitrate(16, 16, 1)).toBe(500_000);
  });

  it('returns a whole number for fractional frame rates', () => {
    const rate = defaultVideoBitrate(1001, 1001, 29.97);
    expect(Number.isInteger(rate)).toBe(true);
    expect(rate).toBe(Math.round(1001 * 1001 * 29.97 * 0.1));
  });
});

describe('avcCodecStrings per-side limit (regression)', () => {
  it('raises the level for very wide frames', () => {
    expect(avcCodecStrings(8192, 16, 30)[0]).not.toBe('avc1.64001f');
  });
});

describe('videoCodecStrings', () => {
  it('names a level that admits the size and rate, for each codec', async () => {
    const { videoCodecStrings } = await import('./encoder-config.ts');
    expect(videoCodecStrings('hevc', 1920, 1080, 30)).toEqual(['hvc1.1.6.L120.B0', 'hev1.1.6.L120.B0']);
    expect(videoCodecStrings('hevc', 3840, 2160, 60)).toEqual(['hvc1.1.6.L153.B0', 'hev1.1.6.L153.B0']);
    expect(videoCodecStrings('vp9', 1280, 720, 30)).toEqual(['vp09.00.31.08']);
    expect(videoCodecStrings('vp9', 1920, 1080, 60)).toEqual(['vp09.00.41.08']);
    expect(videoCodecStrings('av1', 1920, 1080, 30)).toEqual(['av01.0.08M.08']);
    expect(videoCodecStrings('av1', 3840, 2160, 30)).toEqual(['av01.0.12M.08']);
    expect(videoCodecStrings('vp8', 640, 360, 30)).toEqual(['vp8']);
    expect(videoCodecStrings('avc', 1920, 1080, 30)[0]).toBe('avc1.640028');
    // Beyond every table: the largest level, and the encoder decides.
    expect(videoCodecStrings('av1', 16384, 16384, 120)).toEqual(['av01.0.16M.08']);
  });
});

describe('AV1 where the encoder cannot be believed', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** A VideoEncoder that takes every configuration, and knows the 'quantizer' bitrate mode or (as WebKit's) throws a TypeError for it. */
  const encoderThatSaysYes = (knowsQuantizer: boolean) => ({
    isConfigSupported: async (config: VideoEncoderConfig) => {
      if (config.bitrateMode === 'quantizer' && !knowsQuantizer) throw new TypeError('Type error');
      return { supported: true, config };
    },
  });

  it('is neither offered nor picked where the encoder does not know the quantizer mode (WebKitGTK 2.50: its AV1 encoder kills the page)', async () => {
    vi.stubGlobal('VideoEncoder', encoderThatSaysYes(false));
    expect((await encodableVideoCodecs(1280, 720, 30)).map((c) => c.codec)).toEqual(['avc', 'hevc', 'vp9', 'vp8']);
    await expect(pickVideoEncoder('av1', 1280, 720, 30)).rejects.toThrow('This browser cannot encode AV1 at all. Choose another format.');
  });

  it('is offered where the encoder knows every bitrate mode (Chromium, Firefox)', async () => {
    vi.stubGlobal('VideoEncoder', encoderThatSaysYes(true));
    expect((await encodableVideoCodecs(1280, 720, 30)).map((c) => c.codec)).toEqual(['avc', 'hevc', 'av1', 'vp9', 'vp8']);
    expect((await pickVideoEncoder('av1', 1280, 720, 30)).config.codec).toBe('av01.0.05M.08');
  });
});
