import { describe, expect, it } from 'vitest';
import { concat, encodeElement, encodeUint, writeUint } from './ebml.ts';
import { matroskaLeftOut } from './matroska-tracks.ts';

const fourBytes = (value: number) => {
  const data = new Uint8Array(4);
  writeUint(data, 0, 4, value);
  return data;
};
const entry = (number: number, type: number) => encodeElement(0xae, concat([encodeUint(0xd7, number), encodeUint(0x83, type)]));

/**
 * A Matroska file whose Chapters come after its Cluster, as some recorders write them: only the SeekHead says where.
 * Tracks: 1 video, 2 sound, 3 subtitles, 4 video (the one used).
 */
function chaptersAtTheEnd(): Blob {
  const tracks = encodeElement(0x1654ae6b, concat([entry(1, 1), entry(2, 2), entry(3, 0x11), entry(4, 1)]));
  const cluster = encodeElement(0x1f43b675, encodeUint(0xe7, 0));
  const chapters = encodeElement(0x1043a770, encodeElement(0x45b9, encodeElement(0xb6, encodeUint(0x73c4, 1))));
  const seek = (id: number, position: number) => encodeElement(0x4dbb, concat([encodeElement(0x53ab, fourBytes(id)), encodeElement(0x53ac, fourBytes(position))]));
  const seekHeadLength = encodeElement(0x114d9b74, concat([seek(0, 0), seek(0, 0)])).length;
  const seekHead = encodeElement(0x114d9b74, concat([seek(0x1654ae6b, seekHeadLength), seek(0x1043a770, seekHeadLength + tracks.length + cluster.length)]));
  const header = encodeElement(0x1a45dfa3, encodeElement(0x4282, new TextEncoder().encode('matroska')));
  return new Blob([new Uint8Array(concat([header, encodeElement(0x18538067, concat([seekHead, tracks, cluster, chapters]))]))]);
}

describe('matroskaLeftOut', () => {
  it('finds chapters after the clusters through the SeekHead, and counts subtitle and video tracks', async () => {
    expect(await matroskaLeftOut(chaptersAtTheEnd(), 4)).toEqual({ video: { number: 2, count: 2 }, kinds: { subtitles: 1, chapters: 1 }, damaged: [] });
  });

  it('says nothing of a file it cannot read', async () => {
    expect(await matroskaLeftOut(new Blob([new Uint8Array(64)]), 1)).toBeUndefined();
  });
});
