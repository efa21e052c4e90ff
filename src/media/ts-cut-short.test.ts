import { describe, expect, it } from 'vitest';
import { withoutUnfinishedEnd } from './ts-cut-short.ts';

const VIDEO = 0x100;
const SOUND = 0x101;

/**
 * One 188-byte packet of `pid` carrying `payload` bytes (stuffed to fill the packet when fewer than 184); when `pes`
 * is given, it starts a PES packet declaring that many bytes after its 6-byte head (0: unbounded, as video's is).
 */
function packet(pid: number, payload: number, pes?: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(188).fill(0xaa);
  bytes.set([0x47, (pes === undefined ? 0 : 0x40) | (pid >> 8), pid & 0xff, payload < 184 ? 0x30 : 0x10]);
  if (payload < 184) bytes.set([183 - payload, ...(payload < 183 ? [0, ...Array(182 - payload).fill(0xff)] : [])], 4);
  if (pes !== undefined) bytes.set([0, 0, 1, pid === VIDEO ? 0xe0 : 0xc0, pes >> 8, pes & 0xff], 188 - payload);
  return bytes;
}

/** Which PIDs the readable file's packets have, in order (0x1fff: blanked). */
async function pidsOf(blob: Blob): Promise<number[]> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return Array.from({ length: bytes.length / 188 }, (_, i) => ((bytes[i * 188 + 1]! & 0x1f) << 8) | bytes[i * 188 + 2]!);
}

const read = (...packets: Uint8Array<ArrayBuffer>[]) => withoutUnfinishedEnd(new Blob(packets), { stride: 188, syncAt: 0 }, [
    { pid: VIDEO, type: 0x1b },
    { pid: SOUND, type: 0x0f },
  ]);

describe('an unbounded PES filling its last TS packet exactly', () => {
  it('is whole when sound follows it from a muxer writing each PES whole (FFmpeg)', async () => {
    const { cutShort } = await read(packet(VIDEO, 184, 0), packet(VIDEO, 184), packet(SOUND, 100, 94));
    expect(cutShort).toBe(false);
  });

  it('is taken as cut when the muxer interleaves its streams (broadcast, camcorders), sound after it or not', async () => {
    const { blob, cutShort } = await read(packet(VIDEO, 184, 0), packet(SOUND, 100, 94), packet(VIDEO, 184), packet(SOUND, 100, 94));
    expect(cutShort).toBe(true);
    expect(await pidsOf(blob)).toEqual([0x1fff, SOUND, 0x1fff, SOUND]);
  });

  it('is taken as cut when nothing follows it: a whole one cannot be told from one cut on a packet boundary', async () => {
    const { blob, cutShort } = await read(packet(SOUND, 100, 94), packet(VIDEO, 184, 0), packet(VIDEO, 184));
    expect(cutShort).toBe(true);
    expect(await pidsOf(blob)).toEqual([SOUND, 0x1fff, 0x1fff]);
  });

  it('is whole when its last packet is stuffed; a PCR alone after it (no payload) changes nothing', async () => {
    const pcrAlone = new Uint8Array(188).fill(0xff);
    pcrAlone.set([0x47, VIDEO >> 8, VIDEO & 0xff, 0x20, 183, 0x10, 1, 2, 3, 4, 5, 6]);
    expect((await read(packet(VIDEO, 184, 0), packet(VIDEO, 100))).cutShort).toBe(false);
    expect((await read(packet(VIDEO, 184, 0), packet(VIDEO, 184), pcrAlone)).cutShort).toBe(true);
  });
});
