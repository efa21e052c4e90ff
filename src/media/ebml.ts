/**
 * Just enough EBML (Matroska's binary format) to patch a finished WebM: read
 * elements, and write them back. IDs keep their marker bits (0x1a45dfa3 is the
 * EBML header), as the Matroska specification writes them.
 */

export interface EbmlElement {
  id: number;
  /** Where the element starts, and the length of its ID (its size field follows). */
  start: number;
  idLength: number;
  /** Where its data starts, and its length (null: unknown size, running to the end of what was read). */
  dataStart: number;
  size: number | null;
  end: number;
}

/** A variable-length integer at `at`: its value (marker bit kept for IDs; -1 for an all-ones size, "unknown") and length. */
export function vint(bytes: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number } {
  const first = bytes[at];
  if (first === undefined || first === 0) throw new Error('WebM is damaged: a bad element header');
  const length = Math.clz32(first) - 23;
  if (at + length > bytes.length) throw new Error('WebM is cut short');
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + bytes[at + i]!;
    allOnes &&= bytes[at + i] === 0xff;
  }
  return { value: !keepMarker && allOnes ? -1 : value, length };
}

export function elementAt(bytes: Uint8Array, at: number): EbmlElement {
  const id = vint(bytes, at, true);
  const size = vint(bytes, at + id.length, false);
  const dataStart = at + id.length + size.length;
  const known = size.value >= 0;
  return { id: id.value, start: at, idLength: id.length, dataStart, size: known ? size.value : null, end: known ? dataStart + size.value : bytes.length };
}

/** The elements in [from, to), in order. */
export function children(bytes: Uint8Array, from: number, to: number): EbmlElement[] {
  const found: EbmlElement[] = [];
  for (let at = from; at < to; ) {
    const element = elementAt(bytes, at);
    found.push(element);
    at = element.end;
  }
  return found;
}

/** The first element with `id` among those in [from, to). */
export function find(bytes: Uint8Array, from: number, to: number, id: number): EbmlElement | undefined {
  for (let at = from; at < to; ) {
    const element = elementAt(bytes, at);
    if (element.id === id) return element;
    at = element.end;
  }
  return undefined;
}

export function need<T>(element: T | undefined, name: string): T {
  if (!element) throw new Error(`WebM ${name} not found`);
  return element;
}

/** An unsigned integer element's value. */
/** webm-muxer writes the SeekHead, Info and Tracks before any cluster: well within this many bytes of the file's start. */
export const HEAD_BYTES = 64 << 10;

export const uintOf = (bytes: Uint8Array, element: EbmlElement): number => [...bytes.subarray(element.dataStart, element.end)].reduce((n, b) => n * 256 + b, 0);

/** `value` big-endian in `length` bytes at `at` (an unsigned integer element's data, rewritten in place). */
export function writeUint(bytes: Uint8Array, at: number, length: number, value: number): void {
  for (let i = length - 1; i >= 0; i--, value = Math.floor(value / 256)) bytes[at + i] = value % 256;
  if (value > 0) throw new Error('WebM value does not fit its field');
}

/** A size field of `length` bytes holding `value` (the length marker in the first byte). */
export function writeSize(bytes: Uint8Array, at: number, length: number, value: number): void {
  if (value >= 2 ** (7 * length) - 1) throw new Error('WebM size does not fit its field');
  writeUint(bytes, at, length, value);
  bytes[at] = bytes[at]! | (0x80 >> (length - 1));
}

/** How wide an element's size field is. */
export const sizeLengthOf = (element: EbmlElement): number => element.dataStart - element.start - element.idLength;

/**
 * An element: its ID, a size field for `data` at least `minSizeLength` bytes
 * wide (rewriting one as wide as it was keeps it from shrinking), and `data`.
 */
export function encodeElement(id: number, data: Uint8Array, minSizeLength = 1): Uint8Array {
  const idLength = Math.max(1, Math.ceil(Math.log2(id + 1) / 8));
  let sizeLength = minSizeLength;
  while (data.length >= 2 ** (7 * sizeLength) - 1) sizeLength++;
  const out = new Uint8Array(idLength + sizeLength + data.length);
  writeUint(out, 0, idLength, id);
  writeSize(out, idLength, sizeLength, data.length);
  out.set(data, idLength + sizeLength);
  return out;
}

/** An unsigned integer element, in as few bytes as hold it. */
export function encodeUint(id: number, value: number): Uint8Array {
  const data = new Uint8Array(Math.max(1, Math.ceil(Math.log2(value + 1) / 8)));
  writeUint(data, 0, data.length, value);
  return encodeElement(id, data);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Matroska element IDs the readers and patchers here share (as `elementAt` reads them: marker bits kept). */
export const EBML_HEADER = 0x1a45dfa3;
export const SEGMENT = 0x18538067;
export const SEEK_HEAD = 0x114d9b74;
export const SEEK = 0x4dbb;
export const SEEK_ID = 0x53ab;
export const SEEK_POSITION = 0x53ac;
export const TRACKS = 0x1654ae6b;
export const TRACK_ENTRY = 0xae;
export const TRACK_NUMBER = 0xd7;
export const TRACK_TYPE = 0x83;
export const CLUSTER = 0x1f43b675;
