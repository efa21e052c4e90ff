import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { MP4BoxBuffer, type Movie } from 'mp4box';
import { createMp4File } from './mp4box-file.ts';

const HOUR_AT_48K = 48_000 * 3600;

/** pcm-twos.mov with its sample tables claiming `samples` one-frame samples in one chunk (the moov only: mdat is never read). */
function longPcmMov(samples: number): ArrayBuffer {
  const bytes = new Uint8Array(readFileSync(new URL('../../e2e/fixtures/pcm-twos.mov', import.meta.url)));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const find = (type: string) => bytes.findIndex((_, i) => [...type].every((c, k) => bytes[i + k] === c.charCodeAt(0)));
  view.setUint32(find('stsz') + 12, samples); // after version/flags and the constant size
  view.setUint32(find('stts') + 12, samples); // the one run's count
  view.setUint32(find('stsc') + 16, samples); // the one run's samples per chunk
  return bytes.slice().buffer;
}

describe('createMp4File', () => {
  it('opens an hour of 48 kHz PCM at once: no per-sample list for the sound track, its constant size not expanded', () => {
    const file = createMp4File();
    let movie: Movie | undefined;
    file.onReady = (info) => (movie = info);
    const started = performance.now();
    file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(longPcmMov(HOUR_AT_48K), 0), true);
    expect(performance.now() - started).toBeLessThan(500);
    const trak = file.getTrackById(movie!.tracks[0]!.id);
    expect(trak.samples).toEqual([]);
    const stsz = trak.mdia.minf.stbl.stsz;
    expect([stsz.sample_size, stsz.sample_count]).toEqual([2, HOUR_AT_48K]);
  });

  it("times a fragmented file's samples from each fragment's start (tfdt), not on from the fragment before", () => {
    // 30 frames at 30 fps in fragments of 10, the second and third starting 0.5 s later than the frames before end.
    const file = createMp4File();
    let movie: Movie | undefined;
    file.onReady = (info) => (movie = info);
    const bytes = readFileSync(new URL('../../e2e/fixtures/fragments-gap.mp4', import.meta.url));
    file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), 0), true);
    file.flush();
    const samples = file.getTrackSamplesInfo(movie!.tracks[0]!.id);
    expect(samples.map((s) => Math.round((s.cts / s.timescale) * 30))).toEqual(Array.from({ length: 30 }, (_, n) => (n < 10 ? n : n + 15)));
  });

  it('still lists the samples of tracks mp4box parses, and expands a constant size when it is read', () => {
    const file = createMp4File();
    let movie: Movie | undefined;
    file.onReady = (info) => (movie = info);
    const bytes = readFileSync(new URL('../../e2e/fixtures/sound-pcm.mov', import.meta.url));
    file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), 0), true);
    const [video, sound] = movie!.tracks;
    expect(file.getTrackById(video!.id).samples).toHaveLength(30);
    // Read when asked for: the list a write or another reader would use.
    expect(file.getTrackById(sound!.id).mdia.minf.stbl.stsz.sample_sizes).toHaveLength(22050);
  });
});
