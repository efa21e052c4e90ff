import { describe, expect, it } from 'vitest';
import { Mp4Source } from './mp4-source.ts';
import { probeSource, firstProblem } from './probe.ts';
import { fixtureFile } from '../test-support/fixtures.ts';

async function pngBytes(): Promise<Blob> {
  const canvas = new OffscreenCanvas(8, 8);
  canvas.getContext('2d')!.fillRect(0, 0, 4, 4);
  return canvas.convertToBlob({ type: 'image/png' });
}

async function openError(blob: Blob, name: string): Promise<Error> {
  try {
    await Mp4Source.open(blob, name);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${name} opened without complaint`);
}

describe('bad input gets a specific message', () => {
  it('an empty file', async () => {
    const error = await openError(new Blob([]), 'empty.mp4');
    expect(error.name).toBe('UnsupportedMediaError');
    expect(error.message).toBe('"empty.mp4" is empty (0 bytes): it is not a video file.');
  });

  it('random bytes named .mp4', async () => {
    const bytes = new Uint8Array(64 * 1024);
    for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
    bytes.set([0x00, 0x01, 0x02, 0x03], 0);
    const error = await openError(new Blob([bytes]), 'noise.mp4');
    expect(error.name).toBe('UnsupportedMediaError');
    expect(error.message).toContain('"noise.mp4" is not a video file');
  });

  it('a PNG named .mp4', async () => {
    const error = await openError(await pngBytes(), 'picture.mp4');
    expect(error.message).toBe('"picture.mp4" is not a video file Spool can open yet: it is a PNG image.');
  });

  it('an MP4 cut short inside its media data', async () => {
    const whole = await fixtureFile('barcode');
    const error = await openError(whole.slice(0, Math.floor(whole.size * 0.6)), 'cut.mp4');
    expect(error.name).toBe('CorruptMediaError');
    expect(error.message).toMatch(/^"cut\.mp4" is damaged or incomplete: .*cut short/);
  });

  it('damaged picture data: the message names the file and where the damage is', async () => {
    const whole = await fixtureFile('barcode');
    const samples = (await Mp4Source.open(whole, 'x.mp4')).video!.samples;
    // Every picture sample from the keyframe at 2 s on is garbage.
    const bytes = new Uint8Array(await whole.arrayBuffer());
    for (const sample of samples.filter((s) => s.ptsUs >= 2_000_000 - 1000)) {
      for (let i = sample.offset; i < sample.offset + sample.size; i++) bytes[i] = bytes[i]! ^ 0xa5;
    }
    const source = await Mp4Source.open(new Blob([bytes]), 'damaged.mp4');
    let shown = 0;
    const error = await (async () => {
      try {
        for await (const frame of source.videoFrames(500_000, 9_000_000)) {
          shown++;
          frame.close();
        }
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('damaged.mp4 decoded without complaint');
    })();
    expect(error.name).toBe('CorruptMediaError');
    // The last good frame is just before 2 s (decoding started at 0.5 s, which an old message named).
    expect(error.message).toMatch(/^"damaged\.mp4" could not be decoded near 0:01\.(8|9)\d\d: its video data is damaged/);
    expect(shown).toBeGreaterThan(30);
  });

  it('an MP4 cut short inside its header', async () => {
    const whole = await fixtureFile('barcode');
    const error = await openError(whole.slice(0, 2000), 'stub.mp4');
    expect(error.name).toBe('CorruptMediaError');
    expect(error.message).toContain('"stub.mp4" is damaged or incomplete');
  });

  it('HEVC, which this Chromium cannot decode, is named as such', async () => {
    const probe = await probeSource(await Mp4Source.open(await fixtureFile('hevc'), 'phone.mp4'));
    const video = probe.tracks[0]!;
    expect(video.codec).toMatch(/^hvc1/);
    expect(video.decodable).toBe(false);
    expect(firstProblem(probe)).toMatch(/^This browser can't decode HEVC \(H\.265\) video \("phone\.mp4"\)/);
  });
});

describe('probe', () => {
  it('reads the barcode fixture', async () => {
    const probe = await probeSource(await Mp4Source.open(await fixtureFile('barcode'), 'b.mp4'));
    expect(probe.durationUs).toBe(10_000_000);
    const [video, audio] = probe.tracks;
    expect(video).toMatchObject({ kind: 'video', codedWidth: 640, codedHeight: 360, displayWidth: 640, rotation: 0, fps: 30, frameCount: 300, keyframeCount: 5, decodable: true });
    expect(video?.codec).toMatch(/^avc1\.64/);
    expect(audio).toMatchObject({ kind: 'audio', codec: 'mp4a.40.2', sampleRate: 48000, channels: 2, decodable: true });
  });

  it('honours the rotation matrix', async () => {
    const probe = await probeSource(await Mp4Source.open(await fixtureFile('rotated'), 'r.mp4'));
    expect(probe.tracks[0]).toMatchObject({ rotation: 270, codedWidth: 320, codedHeight: 180, displayWidth: 180, displayHeight: 320 });
  });

  it('puts B-frame presentation times on the frame grid from zero (edit list applied)', async () => {
    const source = await Mp4Source.open(await fixtureFile('barcode'), 'b.mp4');
    const pts = source.video!.samples.map((s) => s.ptsUs).sort((a, b) => a - b);
    expect(pts[0]).toBe(0);
    pts.forEach((t, i) => expect(Math.abs(t - (i * 1_000_000) / 30)).toBeLessThanOrEqual(1));
    const decodeOrderIsPresentationOrder = source.video!.samples.every((s, i, all) => i === 0 || s.ptsUs > all[i - 1]!.ptsUs);
    expect(decodeOrderIsPresentationOrder).toBe(false); // there really are B-frames
  });
});
