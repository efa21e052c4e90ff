import { describe, expect, it } from 'vitest';
import { ArrayBufferTarget, Muxer } from 'webm-muxer';
import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input } from 'mediabunny';
import { setDiscardPadding } from './webm-discard-padding.ts';
import { children, elementAt, find, uintOf, vint, SEGMENT, CLUSTER, SEEK_HEAD } from './ebml.ts';
import { inFile } from '../test-support/patchable-file.ts';

const BLOCK_GROUP = 0xa0;
const SIMPLE_BLOCK = 0xa3;
const DISCARD_PADDING = 0x75a2;
const CUES = 0x1c53bb6b;
const CUE_POINT = 0xbb;
const CUE_TRACK_POSITIONS = 0xb7;
const CUE_CLUSTER_POSITION = 0xf1;

/** An OpusHead: 1 channel, 312 samples of pre-skip, 48 kHz. */
const OPUS_HEAD = new Uint8Array([0x4f, 0x70, 0x75, 0x73, 0x48, 0x65, 0x61, 0x64, 1, 1, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0]);

/**
 * A WebM from webm-muxer: picture every 100 ms to `lastFrameMs` (keyframes at 0 and at `lastFrameMs`, which starts
 * a new cluster, a second past the first), and 20 ms sound packets to 1060 ms, each packet's bytes its number.
 */
function muxed(lastFrameMs: number): Uint8Array {
  const muxer = new Muxer({ target: new ArrayBufferTarget(), video: { codec: 'V_VP9', width: 64, height: 64 }, audio: { codec: 'A_OPUS', numberOfChannels: 1, sampleRate: 48_000 }, firstTimestampBehavior: 'offset' });
  const frames = Array.from({ length: lastFrameMs / 100 + 1 }, (_, i) => i * 100);
  const packets = Array.from({ length: 54 }, (_, i) => i * 20);
  // In time order, as the encoders deliver them.
  for (const [ms, kind, i] of [...frames.map((ms, i) => [ms, 'video', i] as const), ...packets.map((ms, i) => [ms, 'audio', i] as const)].sort((a, b) => a[0] - b[0])) {
    if (kind === 'video') muxer.addVideoChunkRaw(new Uint8Array([i, 0xee]), ms === 0 || ms === lastFrameMs ? 'key' : 'delta', ms * 1000);
    else muxer.addAudioChunkRaw(new Uint8Array([i]), 'key', ms * 1000, i === 0 ? { decoderConfig: { codec: 'opus', numberOfChannels: 1, sampleRate: 48_000, description: OPUS_HEAD } } : undefined);
  }
  muxer.finalize();
  return new Uint8Array(muxer.target.buffer);
}

/** Every packet of each track as mediabunny's demuxer reads it: time (ms) and bytes. */
async function packetsOf(bytes: Uint8Array): Promise<Record<string, { ms: number; data: number[] }[]>> {
  const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
  const out: Record<string, { ms: number; data: number[] }[]> = {};
  for (const track of await input.getTracks()) {
    const list: { ms: number; data: number[] }[] = (out[track.type] = []);
    for await (const packet of new EncodedPacketSink(track).packets()) list.push({ ms: Math.round(packet.timestamp * 1000), data: [...packet.data] });
  }
  return out;
}

/** The file's structure: its clusters and, per cluster, its blocks (kind, track, padding); where the pointers lead. */
function structure(bytes: Uint8Array) {
  const segment = find(bytes, 0, bytes.length, SEGMENT)!;
  const top = children(bytes, segment.dataStart, segment.end);
  const seekHead = top.find((e) => e.id === SEEK_HEAD)!;
  const cuesPosition = children(bytes, seekHead.dataStart, seekHead.end)
    .map((seek) => children(bytes, seek.dataStart, seek.end))
    .find(([id]) => uintOf(bytes, id!) === CUES)![1]!;
  const cues = elementAt(bytes, segment.dataStart + uintOf(bytes, cuesPosition));
  const cued: number[] = [];
  const walk = (from: number, to: number) => {
    for (const e of children(bytes, from, to)) {
      if (e.id === CUE_CLUSTER_POSITION) cued.push(segment.dataStart + uintOf(bytes, e));
      else if (e.id === CUE_POINT || e.id === CUE_TRACK_POSITIONS) walk(e.dataStart, e.end);
    }
  };
  walk(cues.dataStart, cues.end);
  const clusters = top.filter((e) => e.id === CLUSTER);
  return {
    segmentEndsTheFile: segment.end === bytes.length,
    cuesAreCues: cues.id === CUES,
    cuedAreClusters: cued.every((at) => elementAt(bytes, at).id === CLUSTER) && new Set(cued).size === clusters.length,
    clusters: clusters.map((cluster) =>
      children(bytes, cluster.dataStart, cluster.end)
        .filter((b) => b.id === SIMPLE_BLOCK || b.id === BLOCK_GROUP)
        .map((b) => {
          if (b.id === SIMPLE_BLOCK) return `${vint(bytes, b.dataStart, false).value}`;
          const [block, padding] = children(bytes, b.dataStart, b.end);
          const ns = padding?.id === DISCARD_PADDING ? new DataView(bytes.buffer, bytes.byteOffset + padding.dataStart, 8).getBigInt64(0) : null;
          return `${vint(bytes, block!.dataStart, false).value} padded ${ns}`;
        }),
    ),
  };
}

describe('setDiscardPadding', () => {
  for (const [where, lastFrameMs] of [
    ['in the last cluster', 1000],
    ['with a cluster after it (a keyframe later than the sound’s end)', 1100],
  ] as const) {
    it(`marks the sound's last block as padded, ${where}, and every packet still reads back`, async () => {
      const file = inFile(muxed(lastFrameMs));
      const before = structure(file.bytes);
      setDiscardPadding(file, 13_500_000);
      const after = structure(file.bytes);
      expect(after).toMatchObject({ segmentEndsTheFile: true, cuesAreCues: true, cuedAreClusters: true });
      // Only the sound's (track 2) last block changed, into a BlockGroup with 13.5 ms of padding.
      const flat = (clusters: string[][]) => clusters.flatMap((blocks, c) => blocks.map((b) => `${c}:${b}`));
      const changed = flat(after.clusters).filter((b, i) => b !== flat(before.clusters)[i]);
      // The keyframe at 1 s starts a second cluster; at 1.1 s, after the sound's last packet, a cluster of its own.
      expect(after.clusters.length).toBe(2);
      expect(changed).toEqual([`${lastFrameMs === 1000 ? 1 : 0}:2 padded 13500000`]);
      if (lastFrameMs === 1100) expect(after.clusters[1]).toEqual(['1']);
      expect(await packetsOf(file.bytes)).toEqual(await packetsOf(muxed(lastFrameMs)));
    });
  }

  it('refuses a file with no sound track rather than damage it', () => {
    const muxer = new Muxer({ target: new ArrayBufferTarget(), video: { codec: 'V_VP9', width: 64, height: 64 } });
    muxer.addVideoChunkRaw(new Uint8Array([0]), 'key', 0);
    muxer.finalize();
    expect(() => setDiscardPadding(inFile(new Uint8Array(muxer.target.buffer)), 1000)).toThrow('WebM sound track not found');
  });
});
