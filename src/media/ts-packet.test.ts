import { describe, expect, it } from 'vitest';
import { readTsPacket, tsLayout } from './ts-packet.ts';

/** One 188-byte packet: PID 0x100, with `adaptation` (its length byte first) before `payloadBytes` of payload. */
function packet(adaptation: number[] | null, starts = false): Uint8Array {
  const bytes = new Uint8Array(188).fill(0xab);
  bytes.set([0x47, (starts ? 0x40 : 0) | 0x01, 0x00, adaptation ? 0x30 : 0x10]);
  if (adaptation) bytes.set(adaptation, 4);
  return bytes;
}

describe('TS packets', () => {
  it('finds the layout: 188-byte packets, 192 with a 4-byte timecode first, or 204 with 16 bytes of parity after', () => {
    const at = (size: number, offset: number) => Uint8Array.from({ length: size * 2 + 8 }, (_, i) => (i % size === offset ? 0x47 : 0));
    expect(tsLayout(at(188, 0))).toEqual({ stride: 188, syncAt: 0 });
    expect(tsLayout(at(192, 4))).toEqual({ stride: 192, syncAt: 4 });
    expect(tsLayout(at(204, 0))).toEqual({ stride: 204, syncAt: 0 });
    expect(tsLayout(new Uint8Array(400))).toBeUndefined();
  });

  it('reads PID, start flag and payload; stuffing only where a packet is filled, not a PCR', () => {
    expect(readTsPacket(packet(null, true), 0)).toMatchObject({ pid: 0x100, starts: true, stuffing: 0 });
    expect(readTsPacket(packet(null), 0)!.payload.length).toBe(184);
    // A PCR (flags 0x10, 6 bytes): mid-PES in a broadcast, no stuffing.
    expect(readTsPacket(packet([7, 0x10, 1, 2, 3, 4, 5, 6]), 0)).toMatchObject({ stuffing: 0, payload: expect.objectContaining({ length: 176 }) });
    // A PCR and 10 bytes of stuffing; flags alone and 20 of stuffing; a field of length 0 (one byte of stuffing).
    expect(readTsPacket(packet([17, 0x10, 1, 2, 3, 4, 5, 6, ...Array(10).fill(0xff)]), 0)!.stuffing).toBe(10);
    expect(readTsPacket(packet([21, 0x00, ...Array(20).fill(0xff)]), 0)!.stuffing).toBe(20);
    expect(readTsPacket(packet([0]), 0)).toMatchObject({ stuffing: 1, payload: expect.objectContaining({ length: 183 }) });
  });

  it('gives nothing where there is no whole packet', () => {
    expect(readTsPacket(packet(null).subarray(0, 100), 0)).toBeUndefined();
    expect(readTsPacket(new Uint8Array(188), 0)).toBeUndefined();
  });
});
