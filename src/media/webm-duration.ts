import type { PatchableFile } from './mp4-edit-list.ts';

/**
 * Sets a finished WebM's Segment duration. webm-muxer ends it at the start of
 * the last block (its blocks carry no durations), so a file with picture only
 * came out one frame short in players. The Duration element (a float in
 * TimecodeScale units) is in the Info near the head of the file, which this
 * walks as EBML: EBML header, then the Segment's children up to its Info.
 */

const EBML_HEADER = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;
/** The Info is written before any cluster: well within this. */
const HEAD_BYTES = 64 << 10;

interface Element {
  id: number;
  /** Where the element's data starts, and its length (null: unknown size, running to the end of what was read). */
  dataStart: number;
  size: number | null;
}

/** A variable-length integer at `at`: its value (marker bit kept for IDs) and length. */
function vint(bytes: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number } {
  const first = bytes[at];
  if (first === undefined || first === 0) throw new Error('WebM head is damaged');
  const length = Math.clz32(first) - 23;
  if (at + length > bytes.length) throw new Error('WebM head is cut short');
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === (0xff >> length);
  for (let i = 1; i < length; i++) {
    value = value * 256 + bytes[at + i]!;
    allOnes &&= bytes[at + i] === 0xff;
  }
  return { value: !keepMarker && allOnes ? -1 : value, length };
}

function elementAt(bytes: Uint8Array, at: number): Element & { end: number } {
  const id = vint(bytes, at, true);
  const size = vint(bytes, at + id.length, false);
  const dataStart = at + id.length + size.length;
  const known = size.value >= 0;
  return { id: id.value, dataStart, size: known ? size.value : null, end: known ? dataStart + size.value : bytes.length };
}

/** The first child with `id` among the elements in [from, to). */
function find(bytes: Uint8Array, from: number, to: number, id: number): (Element & { end: number }) | undefined {
  for (let at = from; at < to; ) {
    const element = elementAt(bytes, at);
    if (element.id === id) return element;
    at = element.end;
  }
  return undefined;
}

function need<T>(element: T | undefined, name: string): T {
  if (!element) throw new Error(`WebM ${name} not found`);
  return element;
}

export function setWebmDuration(file: PatchableFile, durationUs: number): void {
  const bytes = file.read(0, Math.min(file.size, HEAD_BYTES));
  const header = need(find(bytes, 0, bytes.length, EBML_HEADER), 'EBML header');
  const segment = need(find(bytes, header.end, bytes.length, SEGMENT), 'Segment');
  const info = need(find(bytes, segment.dataStart, Math.min(segment.end, bytes.length), INFO), 'Info');
  const duration = need(find(bytes, info.dataStart, info.end, DURATION), 'Duration');
  const scale = find(bytes, info.dataStart, info.end, TIMECODE_SCALE);
  // Absent, the scale is the default: a millisecond.
  const scaleNs = scale ? [...bytes.subarray(scale.dataStart, scale.end)].reduce((n, b) => n * 256 + b, 0) : 1_000_000;
  const value = new Uint8Array(duration.size ?? 0);
  const view = new DataView(value.buffer);
  const units = (durationUs * 1000) / scaleNs;
  if (value.length === 8) view.setFloat64(0, units);
  else if (value.length === 4) view.setFloat32(0, units);
  else throw new Error('WebM Duration has an unexpected size');
  file.write(value, duration.dataStart);
}
