import { nullPacket, readTsPacket, TS_PACKET_BYTES, type TsLayout } from './ts-packet.ts';

/** An ADTS frame's length (header included) when one starts at `at`; 0 when none does or its length is impossible. */
function adtsFrameBytes(es: Uint8Array, at: number): number {
  if (at + 7 > es.length || es[at] !== 0xff || (es[at + 1]! & 0xf6) !== 0xf0) return 0;
  const length = ((es[at + 3]! & 0x03) << 11) | (es[at + 4]! << 3) | (es[at + 5]! >> 5);
  return length >= 7 ? length : 0;
}

/**
 * An AAC PES packet cut short (its TS packets, in file order, each a whole `layout.stride`) holds the ADTS frames
 * before the cut whole (FFmpeg puts up to 17 in one: 0.36 s at 48 kHz). These are its packets rewritten to end after
 * the last whole frame, its declared size made to match (the packet it ends in stuffed, those after it null packets),
 * or undefined when no frame is whole.
 */
export function endingAtWholeAdts(packets: readonly Uint8Array<ArrayBuffer>[], layout: TsLayout): Uint8Array<ArrayBuffer>[] | undefined {
  const payloads = packets.map((packet) => readTsPacket(packet, layout.syncAt)!.payload);
  const pes = new Uint8Array(payloads.reduce((sum, p) => sum + p.length, 0));
  payloads.reduce((at, p) => (pes.set(p, at), at + p.length), 0);
  const headerBytes = 9 + (pes[8] ?? 0);
  const es = pes.subarray(headerBytes);
  let whole = 0;
  for (let frame = adtsFrameBytes(es, 0); frame > 0 && whole + frame <= es.length; frame = adtsFrameBytes(es, whole)) whole += frame;
  if (whole === 0) return undefined;
  const kept = headerBytes + whole;
  pes.set([(kept - 6) >> 8, (kept - 6) & 0xff], 4);
  let at = 0;
  return packets.map((packet, i) => {
    const left = kept - at;
    const room = payloads[i]!.length;
    if (left <= 0) return nullPacket(layout);
    const rewritten = packet.slice();
    if (left < room) stuff(rewritten, layout.syncAt, room - left);
    rewritten.set(pes.subarray(at, at + Math.min(left, room)), layout.syncAt + TS_PACKET_BYTES - Math.min(left, room));
    at += room;
    return rewritten;
  });
}

/** Grows the adaptation field of the packet whose sync byte is at `sync` by `bytes` of stuffing, its payload shrinking by as many. */
function stuff(packet: Uint8Array, sync: number, bytes: number): void {
  const hadField = (packet[sync + 3]! & 0x20) !== 0;
  const length = hadField ? packet[sync + 4]! : -1; // -1: not even the length byte
  const grown = length + bytes;
  packet[sync + 3] = packet[sync + 3]! | 0x20;
  packet[sync + 4] = grown;
  if (grown === 0) return;
  // A field of length 0 gains its flags byte (none set) before the stuffing.
  if (length <= 0) packet[sync + 5] = 0;
  packet.fill(0xff, sync + 5 + Math.max(length, 1), sync + 5 + grown);
}
