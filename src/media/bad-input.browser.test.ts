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
    expect(error.message).toBe(
      '"cut.mp4" is cut short: it is 596.7 KB, but its contents run on to 994.5 KB (as when a copy or download stops early). Copy or download it again from the original.',
    );
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
    expect(error.message).toMatch(/^"stub\.mp4" is cut short: it is 2\.0 KB, but its contents run on to 12\.1 KB .*Copy or download it again/);
  });

  describe('a damaged movie box (the file whole) is not called cut short', () => {
    /** The barcode fixture with `damage` done to its bytes (its movie box comes first, before the media data). */
    async function damaged(damage: (bytes: Uint8Array, view: DataView, boxAt: (type: string) => number) => void): Promise<Blob> {
      const bytes = new Uint8Array(await (await fixtureFile('barcode')).arrayBuffer());
      const boxAt = (type: string) => {
        const code = [...type].map((c) => c.charCodeAt(0));
        for (let i = 4; i < bytes.length; i++) if (code.every((c, k) => bytes[i + k] === c)) return i - 4;
        throw new Error(`no ${type} box`);
      };
      damage(bytes, new DataView(bytes.buffer), boxAt);
      return new Blob([bytes]);
    }
    const DAMAGED_BOXES = /^"bad\.mp4" is damaged: the sizes of its MP4 boxes do not add up \(the file is not cut short: its contents are corrupted\)\. Export it again from the program that made it, or copy it again from the original/;

    it('an index pointing past the end', async () => {
      // The video's first chunk offset, 5 MB past the end of the 1 MB file.
      const error = await openError(await damaged((bytes, view, boxAt) => view.setUint32(boxAt('stco') + 16, bytes.length + 5_000_000)), 'bad.mp4');
      expect(error.name).toBe('CorruptMediaError');
      expect(error.message).toMatch(/^"bad\.mp4" is damaged: its index points to data up to 6\.\d MB, but the file is complete at 994\.5 KB, so its index is wrong \(it is not cut short\)\. Export it again/);
    });

    it('a movie box that claims more than the file holds', async () => {
      const error = await openError(await damaged((bytes, view, boxAt) => view.setUint32(boxAt('moov'), bytes.length * 2)), 'bad.mp4');
      expect(error.message).toMatch(DAMAGED_BOXES);
    });

    it('a movie box smaller than its tracks', async () => {
      const error = await openError(await damaged((_bytes, view, boxAt) => view.setUint32(boxAt('moov'), 5000)), 'bad.mp4');
      expect(error.message).toMatch(DAMAGED_BOXES);
    });

    it('a sample table whose count runs off its box', async () => {
      const error = await openError(await damaged((_bytes, view, boxAt) => view.setUint32(boxAt('stsz') + 16, 1_000_000)), 'bad.mp4');
      expect(error.name).toBe('CorruptMediaError');
      expect(error.message).toMatch(/^"bad\.mp4" is damaged: its MP4 structure cannot be read \(the file is complete, but its contents are inconsistent\)\. Export it again/);
    });

    it('a whole file with no movie box (a recording never finished)', async () => {
      const error = await openError(await damaged((bytes, _view, boxAt) => bytes.set([...'free'].map((c) => c.charCodeAt(0)), boxAt('moov') + 4)), 'bad.mp4');
      expect(error.message).toMatch(/^"bad\.mp4" is incomplete: it has no movie header \(moov\), which happens when a recording stops before it is finished/);
    });
  });

  it('HEVC, which this Chromium cannot decode, is named as such', async () => {
    const probe = await probeSource(await Mp4Source.open(await fixtureFile('hevc'), 'phone.mp4'));
    const video = probe.tracks[0]!;
    expect(video.codec).toMatch(/^hvc1/);
    expect(video.decodable).toBe(false);
    expect(firstProblem(probe)).toMatch(/^This browser can't decode HEVC \(H\.265\) video \("phone\.mp4"\)/);
  });

  it('ProRes, whose sample entry mp4box does not parse, is named rather than its picture silently dropped', async () => {
    const probe = await probeSource(await Mp4Source.open(await fixtureFile('prores'), 'edit.mov'));
    expect(probe.tracks.map((t) => t.kind)).toEqual(['video', 'audio']);
    expect(probe.tracks[0]).toMatchObject({ kind: 'video', codec: 'apco', codecName: 'Apple ProRes', displayWidth: 64, displayHeight: 36, frameCount: 3, decodable: false });
    expect(firstProblem(probe)).toBe('No browser can decode Apple ProRes video ("edit.mov"). Convert it to H.264 video with AAC audio, then import it.');
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
