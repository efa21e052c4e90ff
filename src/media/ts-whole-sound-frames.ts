import { nullPacket, readTsPacket, TS_PACKET_BYTES, type TsLayout } from './ts-packet.ts';

/** The length of a frame that starts at `at` (header included); 0 when none does there or its length is impossible. */
export type FrameBytes = (es: Uint8Array, at: number) => number;

/** An ADTS frame's (AAC's) length, from its header. */
const adtsFrameBytes: FrameBytes = (es, at) => {
  if (at + 7 > es.length || es[at] !== 0xff || (es[at + 1]! & 0xf6) !== 0xf0) return 0;
  const length = ((es[at + 3]! & 0x03) << 11) | (es[at + 4]! << 3) | (es[at + 5]! >> 5);
  return length >= 7 ? length : 0;
};

/** MPEG audio bitrates (kbit/s) by bitrate index: MPEG-1 Layers I, II, III; MPEG-2/2.5 Layer I; Layers II and III. */
const MPEG_KBPS = [
  [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
];

/** An MPEG audio frame's (MP3's, MP2's) length, from its header's version, layer, bitrate, sample rate and padding. */
const mpegAudioFrameBytes: FrameBytes = (es, at) => {
  if (at + 4 > es.length || es[at] !== 0xff || (es[at + 1]! & 0xe0) !== 0xe0) return 0;
  const version = (es[at + 1]! >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const layer = 4 - ((es[at + 1]! >> 1) & 3); // 4: reserved
  const rateIndex = (es[at + 2]! >> 2) & 3;
  const kbps = MPEG_KBPS[version === 3 ? layer - 1 : layer === 1 ? 3 : 4]?.[es[at + 2]! >> 4];
  if (version === 1 || layer === 4 || rateIndex === 3 || !kbps) return 0;
  const sampleRate = [44_100, 48_000, 32_000][rateIndex]! / (version === 3 ? 1 : version === 2 ? 2 : 4);
  const padding = (es[at + 2]! >> 1) & 1;
  if (layer === 1) return (Math.floor((12_000 * kbps) / sampleRate) + padding) * 4;
  return Math.floor(((layer === 3 && version !== 3 ? 72_000 : 144_000) * kbps) / sampleRate) + padding;
};

/** AC-3 bitrates (kbit/s) by frame size code / 2. */
const AC3_KBPS = [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 576, 640];

/** An AC-3 frame's length: 1536 samples at its bitrate, in 16-bit words (at 44.1 kHz an odd code adds one). */
const ac3FrameBytes: FrameBytes = (es, at) => {
  if (at + 5 > es.length || es[at] !== 0x0b || es[at + 1] !== 0x77) return 0;
  const rateCode = es[at + 4]! >> 6;
  const sizeCode = es[at + 4]! & 0x3f;
  const kbps = AC3_KBPS[sizeCode >> 1];
  if (rateCode === 3 || !kbps) return 0;
  const sampleRate = [48_000, 44_100, 32_000][rateCode]!;
  return 2 * (Math.floor((kbps * 96_000) / sampleRate) + (rateCode === 1 ? sizeCode & 1 : 0));
};

/** Sound whose frames say their length, by the stream_type a program map lists it with. */
export const SOUND_FRAMES: ReadonlyMap<number, FrameBytes> = new Map([
  [0x0f, adtsFrameBytes],
  [0x03, mpegAudioFrameBytes],
  [0x04, mpegAudioFrameBytes],
  [0x81, ac3FrameBytes],
]);

/**
 * A sound PES packet cut short (its TS packets, in file order, each a whole `layout.stride`) holds the frames before
 * the cut whole (FFmpeg puts up to 17 AAC frames in one, 0.36 s at 48 kHz; 11 of AC-3, 0.35 s). These are its packets
 * rewritten to end after the last whole frame (lengths by `frameBytes`), its declared size made to match (the packet
 * it ends in stuffed, those after it null packets), or undefined when no frame is whole.
 */
export function endingAtWholeFrames(packets: readonly Uint8Array<ArrayBuffer>[], layout: TsLayout, frameBytes: FrameBytes): Uint8Array<ArrayBuffer>[] | undefined {
  const payloads = packets.map((packet) => readTsPacket(packet, layout.syncAt)!.payload);
  const pes = new Uint8Array(payloads.reduce((sum, p) => sum + p.length, 0));
  payloads.reduce((at, p) => (pes.set(p, at), at + p.length), 0);
  const headerBytes = 9 + (pes[8] ?? 0);
  const es = pes.subarray(headerBytes);
  let whole = 0;
  for (let frame = frameBytes(es, 0); frame > 0 && whole + frame <= es.length; frame = frameBytes(es, whole)) whole += frame;
  if (whole === 0) return undefined;
  const kept = headerBytes + whole;
  // The size it declares, made the kept one's; unbounded (0) it stays so, as it must if that is too big for the field.
  const declared = kept - 6 <= 0xffff && (pes[4]! | pes[5]!) !== 0 ? kept - 6 : 0;
  pes.set([declared >> 8, declared & 0xff], 4);
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
