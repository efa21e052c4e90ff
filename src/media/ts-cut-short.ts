import { nullPacket, readTsPacket, type TsLayout } from './ts-packet.ts';
import type { ProgramStream } from './ts-program.ts';
import { endingAtWholeFrames, SOUND_FRAMES, type FrameBytes } from './ts-whole-sound-frames.ts';

/** How far back from the end to look for each stream's last PES packet: more than a 4K keyframe's worth. */
const TAIL_SEARCH_BYTES = 16 << 20;
/** Bytes read at a time, walking back. */
const TAIL_STEP_BYTES = 1 << 20;

/** A stream's last PES packet, as found walking back from the end: its TS packets and what they carry. */
interface LastPes {
  /** Indices of its TS packets, in the file, last first. */
  packets: number[];
  /** For sound whose frames say their length (a cut PES keeps its whole frames): how long each is, and its TS packets' bytes, last first. */
  sound?: { frameBytes: FrameBytes; bytes: Uint8Array<ArrayBuffer>[] };
  payloadBytes: number;
  /** The size its header declares (0: unbounded, as video's usually is). */
  declaredBytes: number;
  /** Whether its last TS packet ends in stuffing, as a muxer fills the packet a PES ends in. */
  endsStuffed: boolean;
  /** Whether a packet of another of the program's streams comes after its last TS packet. */
  followed: boolean;
  started: boolean;
}

/**
 * Whether a PES packet is all there: its declared size arrived; or, unbounded, its last TS packet was stuffed to its
 * end, or another stream's packets follow it from a muxer that writes each PES whole (FFmpeg writes its sound's last
 * PES after the last picture). One that fills its last packet exactly (about one in 184) with nothing after it, or from
 * a muxer interleaving its streams' packets (as broadcasts do), cannot be told from one cut on a packet boundary and is
 * taken as cut. Kept, a cut frame fails Chromium's decoder ("Error during flush", losing the frames it still held):
 * every cut keyframe and 2 of 11 other frames cut on a packet boundary did here; the other 9 showed damaged.
 */
const isWhole = (pes: LastPes, interleaved: boolean) =>
  pes.declaredBytes > 0 ? pes.payloadBytes >= pes.declaredBytes : pes.endsStuffed || (pes.followed && !interleaved);

/**
 * A transport stream cut short (a recording or copy that stopped early) ends
 * in the middle of its streams' last PES packets: a frame or a few sound
 * packets that cannot decode, and WebCodecs stops at a damaged chunk, losing
 * the rest of its GOP with it. This returns the file with each unfinished last
 * PES blanked out (its TS packets made null packets, which demuxers skip) or,
 * for sound, ended after its last whole frame, and any part-packet at the end
 * dropped, so it reads up to its last whole frame and sound; `cutShort` says
 * whether anything was (see isWhole for what can be told). A file cut between
 * whole PES packets on a packet boundary is not called cut short: nothing in it
 * tells it from a whole one (a sound that ends before the picture may be how it
 * was recorded), and nothing of it is left out.
 */
export async function withoutUnfinishedEnd(blob: Blob, layout: TsLayout, streams: readonly ProgramStream[]): Promise<{ blob: Blob; cutShort: boolean }> {
  const { stride, syncAt } = layout;
  const count = Math.floor(blob.size / stride);
  const partPacket = blob.size % stride !== 0;
  const last = new Map(
    streams.map(({ pid, type }): [number, LastPes] => {
      const frameBytes = SOUND_FRAMES.get(type);
      return [pid, { packets: [], ...(frameBytes && { sound: { frameBytes, bytes: [] } }), payloadBytes: 0, declaredBytes: 0, endsStuffed: false, followed: false, started: false }];
    }),
  );
  // The streams inside whose PES packets the walk is (a later packet of theirs seen, not yet their start): a packet of
  // another stream there shows a muxer interleaving its streams' PES packets.
  const inside = new Set<number>();
  let interleaved = false;
  let seenAny = false;
  const searchFrom = Math.max(0, count - Math.ceil(TAIL_SEARCH_BYTES / stride));
  const stepPackets = Math.ceil(TAIL_STEP_BYTES / stride);
  for (let end = count; end > searchFrom && [...last.values()].some((pes) => !pes.started); end -= stepPackets) {
    const from = Math.max(searchFrom, end - stepPackets);
    const bytes = new Uint8Array(await blob.slice(from * stride, end * stride).arrayBuffer());
    for (let index = end - 1; index >= from; index--) {
      const packet = readTsPacket(bytes, (index - from) * stride + syncAt);
      const pes = packet && last.get(packet.pid);
      // A packet without payload (a PCR alone, as a constant-rate muxer sends) is part of no PES.
      if (!packet || !pes || packet.payload.length === 0) continue;
      if ([...inside].some((pid) => pid !== packet.pid)) interleaved = true;
      if (packet.starts) inside.delete(packet.pid);
      else inside.add(packet.pid);
      const followed = seenAny;
      seenAny = true;
      if (pes.started) continue;
      if (pes.packets.length === 0) Object.assign(pes, { endsStuffed: packet.stuffing > 0, followed });
      pes.packets.push(index);
      pes.sound?.bytes.push(bytes.slice((index - from) * stride, (index - from + 1) * stride));
      pes.payloadBytes += packet.payload.length;
      if (packet.starts) {
        pes.started = true;
        const length = (packet.payload[4]! << 8) | packet.payload[5]!;
        pes.declaredBytes = length > 0 ? 6 + length : 0;
      }
    }
  }
  // A stream whose last PES began before the search window is left as it is: there is no telling.
  const replaced = new Map<number, Uint8Array<ArrayBuffer>>();
  const blank = nullPacket(layout);
  for (const pes of last.values()) {
    if (!pes.started || isWhole(pes, interleaved)) continue;
    const trimmed = pes.sound && endingAtWholeFrames([...pes.sound.bytes].reverse(), layout, pes.sound.frameBytes);
    [...pes.packets].reverse().forEach((index, i) => replaced.set(index, trimmed?.[i] ?? blank));
  }
  if (replaced.size === 0 && !partPacket) return { blob, cutShort: false };
  return { blob: new Blob(replacedParts(blob, stride, count, replaced)), cutShort: true };
}

/** The file's first `count` packets, those in `replaced` (by index) replaced, as Blob parts: a run of replaced ones is one part. */
function replacedParts(blob: Blob, stride: number, count: number, replaced: ReadonlyMap<number, Uint8Array<ArrayBuffer>>): BlobPart[] {
  const parts: BlobPart[] = [];
  const indices = [...replaced.keys()].sort((a, b) => a - b);
  let kept = 0;
  for (let i = 0; i < indices.length; ) {
    let run = 1;
    while (indices[i + run] === indices[i]! + run) run++;
    const bytes = new Uint8Array(run * stride);
    for (let j = 0; j < run; j++) bytes.set(replaced.get(indices[i + j]!)!, j * stride);
    parts.push(blob.slice(kept * stride, indices[i]! * stride), bytes);
    kept = indices[i]! + run;
    i += run;
  }
  parts.push(blob.slice(kept * stride, count * stride));
  return parts;
}
