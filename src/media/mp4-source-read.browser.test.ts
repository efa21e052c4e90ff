import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureFile } from '../test-support/fixtures.ts';
import { Mp4Source, type PartSample } from './mp4-source.ts';

/** A file whose streams break after their first 100 kB, as WebKit's can on large files; slices still work. */
class BreakingStreamBlob extends Blob {
  override slice(start?: number, end?: number, type?: string): Blob {
    const inner = super.slice(start, end, type);
    return Object.assign(inner, {
      stream: () => {
        let sent = false;
        return new ReadableStream<Uint8Array>({
          async pull(controller) {
            if (sent) return controller.error(new TypeError('WebKitBlobResource error 1'));
            sent = true;
            controller.enqueue(new Uint8Array(await inner.slice(0, 100_000).arrayBuffer()));
          },
        });
      },
    });
  }
}

let file: File;
beforeAll(async () => {
  file = await fixtureFile('barcode');
});

/** Every sample's bytes, read one slice at a time: what any reading must match. */
async function reference(source: Mp4Source, kind: 'video' | 'audio', from: number, to: number): Promise<Uint8Array[]> {
  const track = source[kind]!;
  const bytes: Uint8Array[] = [];
  for (let i = from; i < to; i++) {
    const s = track.samples[i]!;
    bytes.push(new Uint8Array(await file.slice(s.offset, s.offset + s.size).arrayBuffer()));
  }
  return bytes;
}

async function readBoth(source: Mp4Source): Promise<PartSample[]> {
  const out: PartSample[] = [];
  const parts = [
    { track: source.video!, from: 60, to: 180 },
    { track: source.audio!, from: 90, to: 270 },
  ];
  for await (const item of source.readTracks(parts)) out.push({ ...item, data: item.data.slice() });
  return out;
}

describe('Mp4Source reads picture and sound in one pass', () => {
  it('yields each track in decode order, both together in file order, with the right bytes', async () => {
    const source = await Mp4Source.open(file, 'barcode.mp4');
    const read = await readBoth(source);
    const offsets = read.map((r) => r.sample.offset);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(read.filter((r) => r.part === 0).map((r) => r.data)).toEqual(await reference(source, 'video', 60, 180));
    expect(read.filter((r) => r.part === 1).map((r) => r.data)).toEqual(await reference(source, 'audio', 90, 270));
    // Picture and sound interleave (the file holds them so): neither comes all first.
    expect(read.slice(0, 120).some((r) => r.part === 1) && read.slice(0, 180).some((r) => r.part === 0)).toBe(true);
  });

  it('when a stream breaks midway, slices take over from the sample it did not deliver: nothing lost, nothing twice', async () => {
    const source = await Mp4Source.open(new BreakingStreamBlob([file]), 'barcode.mp4');
    const read = await readBoth(source);
    expect(read.filter((r) => r.part === 0).map((r) => r.data)).toEqual(await reference(source, 'video', 60, 180));
    expect(read.filter((r) => r.part === 1).map((r) => r.data)).toEqual(await reference(source, 'audio', 90, 270));
  });

  it('a file cut short says so, whichever way it is read', async () => {
    const source = await Mp4Source.open(file, 'barcode.mp4');
    const cut = await Mp4Source.open(file, 'barcode.mp4');
    Object.defineProperty(cut, 'blob', { value: file.slice(0, source.video!.samples[100]!.offset) });
    const reading = async () => {
      for await (const item of cut.readTracks([{ track: cut.video!, from: 60, to: 180 }])) void item;
    };
    await expect(reading()).rejects.toMatchObject({ name: 'CorruptMediaError', message: '"barcode.mp4" could not be read completely (was it changed or moved?).' });
  });
});
