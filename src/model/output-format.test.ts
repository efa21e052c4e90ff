import { describe, expect, it } from 'vitest';
import { containerForFileName, estimatedExportBytes, exportFileName, projectFileName, outputFormat, outputSide, stillFileName, unusedFileName } from './output-format.ts';

describe('outputFormat', () => {
  it('is MP4 with the chosen codec by default', () => {
    expect(outputFormat({ videoCodec: 'avc', audioCodec: 'auto' })).toEqual({ container: 'mp4', video: 'avc', audio: 'auto', extension: 'mp4', mimeType: 'video/mp4' });
    expect(outputFormat({ container: 'mp4', videoCodec: 'av1', audioCodec: 'aac' })).toMatchObject({ video: 'av1', audio: 'aac' });
  });

  it('WebM carries VP8, VP9 or AV1 with Opus; another codec becomes VP9', () => {
    expect(outputFormat({ container: 'webm', videoCodec: 'vp8', audioCodec: 'aac' })).toEqual({ container: 'webm', video: 'vp8', audio: 'opus', extension: 'webm', mimeType: 'video/webm' });
    expect(outputFormat({ container: 'webm', videoCodec: 'avc', audioCodec: 'auto' })).toMatchObject({ video: 'vp9' });
    expect(outputFormat({ container: 'mp4', videoCodec: 'vp8', audioCodec: 'auto' })).toMatchObject({ video: 'avc' });
  });

  it('M4A has no video', () => {
    expect(outputFormat({ container: 'm4a', videoCodec: 'avc', audioCodec: 'opus' })).toEqual({ container: 'm4a', video: null, audio: 'opus', extension: 'm4a', mimeType: 'audio/mp4' });
  });

  it('reads the container from an output file name', () => {
    expect(['a.mp4', 'b.WebM', 'c.m4a', 'd.mov', 'e'].map(containerForFileName)).toEqual(['mp4', 'webm', 'm4a', null, null]);
  });
});

describe('export presets', () => {
  it('sizes keep the project shape at the named short side; vertical is 1080×1920', async () => {
    const { presetSize } = await import('./output-format.ts');
    expect(presetSize('1080p', 1280, 720)).toEqual({ width: 1920, height: 1080 });
    expect(presetSize('2160p', 1920, 1080)).toEqual({ width: 3840, height: 2160 });
    expect(presetSize('720p', 1080, 1920)).toEqual({ width: 720, height: 1280 });
    expect(presetSize('small', 1080, 1080)).toEqual({ width: 540, height: 540 });
    expect(presetSize('vertical', 1920, 1080)).toEqual({ width: 1080, height: 1920 });
  });

  it('quality sets bits per pixel per frame, with a floor for each, so no two qualities share a bitrate at any size', async () => {
    const { qualityBitrate } = await import('./output-format.ts');
    expect(qualityBitrate('standard', 1920, 1080, 30)).toBe(6_220_800);
    expect(qualityBitrate('high', 1920, 1080, 30)).toBe(12_441_600);
    expect(qualityBitrate('small', 160, 90, 30)).toBe(150_000);
    for (const [w, h, fps] of [[16, 16, 1], [160, 90, 30], [320, 180, 25], [640, 360, 30], [3840, 2160, 60]] as const) {
      expect(new Set((['high', 'standard', 'small'] as const).map((q) => qualityBitrate(q, w, h, fps))).size, `${w}×${h}@${fps}`).toBe(3);
    }
  });
});

describe('exportFileName', () => {
  const output = { container: 'webm' as const, videoCodec: 'vp9' as const, audioCodec: 'auto' as const };
  it("is the first asset's name with -edit and the format's extension", () => {
    expect(exportFileName({ assets: [{ name: 'Holiday.MOV' }], output })).toBe('Holiday-edit.webm');
  });
  it('keeps only the last part of a path (the CLI names assets by path) and no character a file name refuses', () => {
    expect(exportFileName({ assets: [{ name: '/home/me/clips/a:b?.mp4' }], output })).toBe('a_b_-edit.webm');
    expect(exportFileName({ assets: [{ name: 'C:\\clips\\day.mp4' }], output })).toBe('day-edit.webm');
    expect(exportFileName({ assets: [], output })).toBe('spool-edit.webm');
  });
});

describe('stillFileName', () => {
  it("is the first asset's name with the frame's number, as a PNG", () => {
    expect(stillFileName({ assets: [{ name: 'Holiday.MOV' }] }, 90)).toBe('Holiday-frame-90.png');
    expect(stillFileName({ assets: [] }, 0)).toBe('spool-frame-0.png');
  });
});

describe('projectFileName', () => {
  it("is the project's name, letters of every script kept, with only what a file name refuses replaced", () => {
    expect(projectFileName('Holiday cut')).toBe('Holiday cut.spool.json');
    expect(projectFileName('Ciné été — 日本旅行 🎬')).toBe('Ciné été — 日本旅行 🎬.spool.json');
    expect(projectFileName('a/b: "c" <1>?*')).toBe('a_b_ _c_ _1_.spool.json');
    expect(projectFileName('  ')).toBe('project.spool.json');
  });
});

describe('unusedFileName', () => {
  it('keeps a name nobody has, and numbers one that is taken past every taken number', () => {
    expect(unusedFileName('a-edit.mp4', [])).toBe('a-edit.mp4');
    expect(unusedFileName('a-edit.mp4', ['a-edit.webm'])).toBe('a-edit.mp4');
    expect(unusedFileName('a-edit.mp4', ['a-edit.mp4'])).toBe('a-edit-2.mp4');
    expect(unusedFileName('a-edit.mp4', ['a-edit.mp4', 'a-edit-2.mp4', 'a-edit-3.mp4'])).toBe('a-edit-4.mp4');
    expect(unusedFileName('noext', ['noext'])).toBe('noext-2');
  });
});

describe('outputSide', () => {
  it('is even and at least 16, which encoders take (a 10×10 source got a 10×10 output no encoder would make)', () => {
    expect([10, 1, 15, 16, 17, 639, 1080].map(outputSide)).toEqual([16, 16, 16, 16, 18, 640, 1080]);
  });
});

describe('estimatedExportBytes', () => {
  const output = { width: 1280, height: 720, fps: 30, container: 'mp4' as const, videoCodec: 'avc' as const, audioCodec: 'auto' as const };
  it("is the video's bitrate (chosen, else the standard quality's) and the sound's over the length; unknown when the video is copied", () => {
    // 0.1 bit a pixel a frame: 2,764,800 bit/s, and 150,000 for the sound, over 10 s.
    expect(estimatedExportBytes(output, 10_000_000, 'reencode', true)).toBe(3_643_500);
    expect(estimatedExportBytes({ ...output, videoBitrate: 8_000_000 }, 10_000_000, 'reencode', false)).toBe(10_000_000);
    expect(estimatedExportBytes({ ...output, container: 'm4a' }, 10_000_000, null, true)).toBe(187_500);
    expect(estimatedExportBytes(output, 10_000_000, 'copy', true)).toBeNull();
  });
});
