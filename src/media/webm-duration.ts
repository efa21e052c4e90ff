import type { PatchableFile } from './mp4-edit-list.ts';
import { find, HEAD_BYTES, need, uintOf, EBML_HEADER, SEGMENT } from './ebml.ts';

/**
 * Sets a finished WebM's Segment duration. webm-muxer ends it at the start of
 * the last block (its blocks carry no durations), so a file with picture only
 * came out one frame short in players. The Duration element (a float in
 * TimecodeScale units) is in the Info near the head of the file, which this
 * walks as EBML: EBML header, then the Segment's children up to its Info.
 */

const INFO = 0x1549a966;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;

export function setWebmDuration(file: PatchableFile, durationUs: number): void {
  const bytes = file.read(0, Math.min(file.size, HEAD_BYTES));
  const header = need(find(bytes, 0, bytes.length, EBML_HEADER), 'EBML header');
  const segment = need(find(bytes, header.end, bytes.length, SEGMENT), 'Segment');
  const info = need(find(bytes, segment.dataStart, Math.min(segment.end, bytes.length), INFO), 'Info');
  const duration = need(find(bytes, info.dataStart, info.end, DURATION), 'Duration');
  const scale = find(bytes, info.dataStart, info.end, TIMECODE_SCALE);
  // Absent, the scale is the default: a millisecond.
  const scaleNs = scale ? uintOf(bytes, scale) : 1_000_000;
  const value = new Uint8Array(duration.size ?? 0);
  const view = new DataView(value.buffer);
  const units = (durationUs * 1000) / scaleNs;
  if (value.length === 8) view.setFloat64(0, units);
  else if (value.length === 4) view.setFloat32(0, units);
  else throw new Error('WebM Duration has an unexpected size');
  file.write(value, duration.dataStart);
}
