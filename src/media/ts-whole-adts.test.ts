import { describe, expect, it } from 'vitest';
import { readTsPacket, type TsLayout } from './ts-packet.ts';
import { endingAtWholeAdts } from './ts-whole-adts.ts';

/** An ADTS frame of `bytes` bytes (header included), its payload `fill`. */
function adtsFrame(bytes: number, fill: number): number[] {
  return [0xff, 0xf1, 0x4c, 0x80 | (bytes >> 11), (bytes >> 3) & 0xff, ((bytes & 7) << 5) | 0x1f, 0xfc, ...Array<number>(bytes - 7).fill(fill)];
}

/** `payload` (184 bytes) as a TS packet of PID 0x101 in `layout`, the PES starting in it; a 192-byte one with a timecode first. */
function packet(payload: number[], { stride, syncAt }: TsLayout): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(stride).fill(0xee);
  bytes.set([1, 2, 3, 4].slice(0, syncAt));
  bytes.set([0x47, 0x41, 0x01, 0x10, ...payload], syncAt);
  return bytes;
}

describe('an AAC PES cut short, ended after its last whole ADTS frame', () => {
  // A 14-byte PES head declaring a 169-byte frame and a 100-byte one; only the first TS packet arrived, which holds the
  // first frame and 1 byte of the second.
  const head = [0, 0, 1, 0xc0, 0, 14 + 169 + 100 - 6, 0x80, 0x80, 5, 0x21, 0, 1, 0, 1];
  const payload = [...head, ...adtsFrame(169, 0xaa), ...adtsFrame(100, 0xbb)].slice(0, 184);

  for (const layout of [{ stride: 188, syncAt: 0 }, { stride: 192, syncAt: 4 }] as const) {
    it(`keeps the whole frame, stuffing the one byte left with an empty adaptation field (${layout.stride}-byte packets)`, () => {
      const [rewritten] = endingAtWholeAdts([packet(payload, layout)], layout)!;
      const read = readTsPacket(rewritten!, layout.syncAt)!;
      expect([read.pid, read.starts, read.stuffing]).toEqual([0x101, true, 1]);
      expect([...read.payload]).toEqual([...head.slice(0, 5), 14 + 169 - 6, ...payload.slice(6, 183)]);
      expect([...rewritten!.subarray(0, layout.syncAt)]).toEqual([1, 2, 3, 4].slice(0, layout.syncAt));
    });
  }

  it('gives nothing to keep when no frame is whole', () => {
    const layout = { stride: 188, syncAt: 0 } as const;
    expect(endingAtWholeAdts([packet([...head, ...adtsFrame(300, 0xaa)].slice(0, 184), layout)], layout)).toBeUndefined();
  });
});
