import type { PatchableFile } from './mp4-edit-list.ts';
import { children, concat, elementAt, HEAD_BYTES, encodeElement, encodeUint, find, need, sizeLengthOf, uintOf, vint, writeSize, writeUint, type EbmlElement, EBML_HEADER, SEGMENT, SEEK_HEAD, SEEK, SEEK_ID, SEEK_POSITION, TRACKS, TRACK_ENTRY, TRACK_NUMBER, TRACK_TYPE, CLUSTER } from './ebml.ts';

/**
 * Tells players how much of a finished WebM's last sound block is padding, so
 * the sound stops where the timeline does: the Opus encoder fills its last
 * 20 ms packet out with silence past the end of what it was given. Matroska
 * says so with a DiscardPadding in the block's BlockGroup; webm-muxer writes
 * every block as a SimpleBlock, which cannot carry one. So the last SimpleBlock
 * of the sound track becomes a BlockGroup { Block, DiscardPadding }, the bytes
 * after it move on, and what points past it follows: its cluster's size, the
 * Cues (written last) and their place in the SeekHead, the Segment's size.
 * Every rewritten size keeps at least its width, so the file only grows (it
 * cannot be cut shorter in place).
 */

const AUDIO_TRACK_TYPE = 2;
const SIMPLE_BLOCK = 0xa3;
const BLOCK_GROUP = 0xa0;
const BLOCK = 0xa1;
const DISCARD_PADDING = 0x75a2;
const CUES = 0x1c53bb6b;
const CUE_POINT = 0xbb;
const CUE_TRACK_POSITIONS = 0xb7;
const CUE_CLUSTER_POSITION = 0xf1;

/** The cluster positions (from the Segment's data) the Cues point at, each once, in order. */
function cuedClusters(cues: Uint8Array, element: EbmlElement): number[] {
  const positions = new Set<number>();
  for (const point of children(cues, element.dataStart, element.end)) {
    if (point.id !== CUE_POINT) continue;
    for (const track of children(cues, point.dataStart, point.end)) {
      if (track.id !== CUE_TRACK_POSITIONS) continue;
      const position = find(cues, track.dataStart, track.end, CUE_CLUSTER_POSITION);
      if (position) positions.add(uintOf(cues, position));
    }
  }
  return [...positions].sort((a, b) => a - b);
}

/** The Cues again, with every cluster position past `after` moved by `shift`. */
function shiftedCues(cues: Uint8Array, element: EbmlElement, after: number, shift: number): Uint8Array {
  const rewrite = (from: number, to: number): Uint8Array[] =>
    children(cues, from, to).map((child) => {
      if (child.id === CUE_POINT || child.id === CUE_TRACK_POSITIONS) return encodeElement(child.id, concat(rewrite(child.dataStart, child.end)), sizeLengthOf(child));
      const value = child.id === CUE_CLUSTER_POSITION ? uintOf(cues, child) : 0;
      return value > after ? encodeUint(CUE_CLUSTER_POSITION, value + shift) : cues.slice(child.start, child.end);
    });
  return encodeElement(CUES, concat(rewrite(element.dataStart, element.end)), sizeLengthOf(element));
}

/** A SimpleBlock as a BlockGroup that says its last `paddingNs` are padding. */
function withPadding(cluster: Uint8Array, block: EbmlElement, paddingNs: number): Uint8Array {
  const body = cluster.slice(block.dataStart, block.end);
  // Track number, 16-bit time, then flags: a Block keeps only invisibility and lacing (keyframe and discardable are SimpleBlock's).
  const flags = vint(body, 0, false).length + 2;
  body[flags] = body[flags]! & 0x0e;
  const padding = new Uint8Array(8);
  new DataView(padding.buffer).setBigInt64(0, BigInt(Math.round(paddingNs)));
  return encodeElement(BLOCK_GROUP, concat([encodeElement(BLOCK, body), encodeElement(DISCARD_PADDING, padding)]));
}

export function setDiscardPadding(file: PatchableFile, paddingNs: number): void {
  const head = file.read(0, Math.min(file.size, HEAD_BYTES));
  const header = need(find(head, 0, head.length, EBML_HEADER), 'EBML header');
  const segment = need(find(head, header.end, head.length, SEGMENT), 'Segment');
  if (segment.size === null) throw new Error('WebM Segment has no size (a live stream)');
  const top = Math.min(segment.end, head.length);
  const tracks = need(find(head, segment.dataStart, top, TRACKS), 'Tracks');
  const audio = need(
    children(head, tracks.dataStart, tracks.end).find((entry) => {
      const type = entry.id === TRACK_ENTRY ? find(head, entry.dataStart, entry.end, TRACK_TYPE) : undefined;
      return type && uintOf(head, type) === AUDIO_TRACK_TYPE;
    }),
    'sound track',
  );
  const trackNumber = uintOf(head, need(find(head, audio.dataStart, audio.end, TRACK_NUMBER), 'sound track number'));
  const seekHead = need(find(head, segment.dataStart, top, SEEK_HEAD), 'SeekHead');
  const cuesSeek = need(
    children(head, seekHead.dataStart, seekHead.end)
      .filter((seek) => seek.id === SEEK)
      .map((seek) => ({ id: find(head, seek.dataStart, seek.end, SEEK_ID), position: find(head, seek.dataStart, seek.end, SEEK_POSITION) }))
      .find(({ id }) => id && uintOf(head, id) === CUES)?.position,
    'Cues entry of the SeekHead',
  );
  const cuesAt = segment.dataStart + uintOf(head, cuesSeek);
  const cuesBytes = file.read(cuesAt, file.size - cuesAt);
  const cues = elementAt(cuesBytes, 0);
  if (cues.id !== CUES || cues.end !== cuesBytes.length) throw new Error('WebM Cues are not where the SeekHead says, last in the file');

  // The sound's last block is in the last cluster or close before it (the sound runs to the timeline's end): look back from there.
  const clusters = cuedClusters(cuesBytes, cues);
  for (let i = clusters.length - 1; i >= 0; i--) {
    const clusterAt = segment.dataStart + clusters[i]!;
    const clusterEnd = i + 1 < clusters.length ? segment.dataStart + clusters[i + 1]! : cuesAt;
    const bytes = file.read(clusterAt, clusterEnd - clusterAt);
    const cluster = elementAt(bytes, 0);
    if (cluster.id !== CLUSTER || cluster.end !== bytes.length) throw new Error('WebM cluster is not where the Cues say');
    const blocks = children(bytes, cluster.dataStart, cluster.end);
    const last = blocks.findLastIndex((b) => b.id === SIMPLE_BLOCK && vint(bytes, b.dataStart, false).value === trackNumber);
    if (last < 0) continue;
    const rebuilt = encodeElement(CLUSTER, concat(blocks.map((b, j) => (j === last ? withPadding(bytes, b, paddingNs) : bytes.subarray(b.start, b.end)))), sizeLengthOf(cluster));
    const shift = rebuilt.length - bytes.length;
    const following = file.read(clusterEnd, cuesAt - clusterEnd);
    const newCues = shiftedCues(cuesBytes, cues, clusters[i]!, shift);
    file.write(concat([rebuilt, following, newCues]), clusterAt);
    // The Cues' place and the Segment's size, each in the field width the muxer gave it.
    const position = head.slice(cuesSeek.dataStart, cuesSeek.end);
    writeUint(position, 0, position.length, uintOf(head, cuesSeek) + shift);
    file.write(position, cuesSeek.dataStart);
    const sizeAt = segment.start + segment.idLength;
    const size = new Uint8Array(sizeLengthOf(segment));
    writeSize(size, 0, size.length, segment.size + shift + newCues.length - cuesBytes.length);
    file.write(size, sizeAt);
    return;
  }
  throw new Error('WebM has no sound block to pad');
}
