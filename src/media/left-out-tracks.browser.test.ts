import { describe, expect, it } from 'vitest';
import { openMedia } from './open-media.ts';
import { probeSource } from './probe.ts';
import { fixtureFile, type FIXTURES } from '../test-support/fixtures.ts';

const probe = async (key: keyof typeof FIXTURES, name: string) => probeSource(await openMedia(await fixtureFile(key), name));

/** extra-tracks.mp4 with `damage` done to its bytes; `trakAt(n)` is where its n-th track box starts. */
async function damagedExtras(damage: (bytes: Uint8Array, view: DataView, trakAt: (n: number) => number) => void): Promise<File> {
  const bytes = new Uint8Array(await (await fixtureFile('extraTracksMp4')).arrayBuffer());
  const traks: number[] = [];
  for (let i = 4; i < bytes.length; i++) if (String.fromCharCode(...bytes.subarray(i, i + 4)) === 'trak') traks.push(i - 4);
  damage(bytes, new DataView(bytes.buffer), (n) => traks[n - 1]!);
  return new File([bytes], 'damaged.mp4');
}

/** Renames the first `type` box inside the n-th track (so mp4box no longer finds it). */
const hideBox = (n: number, type: string) => (bytes: Uint8Array, view: DataView, trakAt: (n: number) => number) => {
  const start = trakAt(n);
  const end = start + view.getUint32(start);
  for (let i = start + 8; i < end; i++) if (String.fromCharCode(...bytes.subarray(i, i + 4)) === type) return bytes.set([0x78, 0x78, 0x78, 0x78], i);
  throw new Error(`no ${type} in track ${n}`);
};

describe('tracks Spool does not import are named, never dropped silently', () => {
  it('MP4: subtitles, chapters and a second video track', async () => {
    const result = await probe('extraTracksMp4', 'extras.mp4');
    expect(result.tracks.map((t) => t.kind)).toEqual(['video', 'audio']);
    expect(result.notice).toBe(
      'Subtitles (2 tracks), chapters and a second video track of "extras.mp4" are not imported: Spool imports picture and sound only, from its first video track.',
    );
  });

  it('MKV: SRT and ASS subtitles, chapters and a second video track', async () => {
    const result = await probe('extraTracksMkv', 'extras.mkv');
    expect(result.tracks.map((t) => t.kind)).toEqual(['video', 'audio']);
    expect(result.notice).toBe(
      'Subtitles (2 tracks), chapters and a second video track of "extras.mkv" are not imported: Spool imports picture and sound only, from its first video track.',
    );
  });

  it('MOV: a timecode track goes unsaid (every camera file has one)', async () => {
    const result = await probe('timecode', 'camera.mov');
    expect(result.tracks.map((t) => t.kind)).toEqual(['video']);
    expect(result.notice).toBeUndefined();
  });

  it('MP4: the first video track this browser decodes is used (H.264 after an HEVC one here), the other named', async () => {
    const result = await probe('hevcThenH264', 'two-codecs.mp4');
    const decodesHevc = (await VideoDecoder.isConfigSupported({ codec: 'hvc1.1.6.L63.90', codedWidth: 64, codedHeight: 64 })).supported;
    expect(result.tracks.map((t) => [t.kind, t.codec.slice(0, 4)])).toEqual([['video', decodesHevc ? 'hvc1' : 'avc1']]);
    expect(result.notice).toBe(
      decodesHevc
        ? 'A second video track of "two-codecs.mp4" is not imported: Spool uses its first video track.'
        : 'Another video track of "two-codecs.mp4" is not imported: Spool uses its video track 2.',
    );
  });

  it('a file with nothing left out gets no notice', async () => {
    for (const [key, name] of [['barcode', 'plain.mp4'], ['webm', 'plain.webm'], ['soundPcm', 'plain.mov'], ['lateStart', 'plain.mkv']] as const) {
      expect((await probe(key, name)).notice, name).toBeUndefined();
    }
  });

  describe('MP4 tracks that cannot be read', () => {
    it('a subtitle track without its sample table is named and left out; the rest imports', async () => {
      const result = await probeSource(await openMedia(await damagedExtras(hideBox(4, 'stbl')), 'damaged.mp4'));
      expect(result.tracks.map((t) => t.kind)).toEqual(['video', 'audio']);
      expect(result.notice).toBe(
        'Subtitles, chapters and a second video track of "damaged.mp4" are not imported: Spool imports picture and sound only, from its first video track. ' +
          'Track 4 (subtitles) of "damaged.mp4" is damaged and was left out: the sample table (stbl) is missing.',
      );
    });

    it('a sound track without its chunk offsets is named and left out: the picture imports', async () => {
      const result = await probeSource(await openMedia(await damagedExtras(hideBox(3, 'stco')), 'damaged.mp4'));
      expect(result.tracks.map((t) => t.kind)).toEqual(['video']);
      expect(result.notice).toMatch(/ Track 3 \(sound\) of "damaged\.mp4" is damaged and was left out: the sample table \(stbl\) is incomplete: it has no chunk offsets \(stco\)\.$/);
    });

    it('tracks past a track box whose size runs off the movie box are named', async () => {
      // Track 4's size claims far more than the movie box holds: mp4box stops reading the movie box there.
      const file = await damagedExtras((_bytes, view, trakAt) => view.setUint32(trakAt(4), 100_000));
      const result = await probeSource(await openMedia(file, 'damaged.mp4'));
      expect(result.tracks.map((t) => t.kind)).toEqual(['video', 'audio']);
      expect(result.notice).toBe(
        'A second video track of "damaged.mp4" is not imported: Spool uses its first video track. ' +
          'Tracks 4 (subtitles), 5 (subtitles) and 6 (subtitles) of "damaged.mp4" are damaged and were left out: the movie header cannot be read from track 4 on.',
      );
    });

    it('the only video track without its sample description: the file is refused, naming the track and why', async () => {
      // Both video tracks' sample descriptions hidden: no picture is left.
      const file = await damagedExtras((bytes, view, trakAt) => [1, 2].forEach((n) => hideBox(n, 'stsd')(bytes, view, trakAt)));
      await expect(openMedia(file, 'damaged.mp4')).rejects.toMatchObject({
        name: 'CorruptMediaError',
        message: expect.stringMatching(/^"damaged\.mp4" is damaged: its video track \(track 1\) cannot be used, as the sample description \(stsd\) is missing\. Export it again/),
      });
    });
  });
});
