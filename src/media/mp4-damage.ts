import { CorruptMediaError } from './errors.ts';
import type { DamagedTrack } from './media-source.ts';
import { handlerKind } from './mp4-left-out.ts';

/**
 * Why an MP4 that cannot be read is broken, from how its boxes lie against the
 * file's size. A file cut short (a copy or download that stopped) is
 * consistent up to where it ends: only the last box runs past the end. A
 * damaged one has boxes that do not add up (a child overrunning its parent, a
 * size or type that is not one) or a complete layout whose index is wrong.
 * The two need different remedies, so the messages say which.
 */

/** Boxes made only of boxes: walked, so a wrong size inside the movie box shows. */
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'mvex']);
/** Boxes that only stand at the top of a file: one inside another means that one's size is wrong. */
const TOP_LEVEL_ONLY = new Set(['ftyp', 'moov', 'mdat', 'moof', 'mfra']);

type Layout = { kind: 'whole' } | { kind: 'cut'; claimedEnd: number } | { kind: 'inconsistent' };

/** Printable ASCII, or © (QuickTime's metadata names): anything else is not a box type. */
const isBoxType = (bytes: Uint8Array) => bytes.every((b) => (b >= 0x20 && b <= 0x7e) || b === 0xa9);

async function readLayout(blob: Blob): Promise<Layout> {
  const size = blob.size;
  let claimedEnd = size;
  /** Walks the boxes in [start, end) (`inside`: of a parent box, else the file's top level). */
  const walk = async (start: number, end: number, inside: boolean): Promise<Layout['kind']> => {
    for (let at = start; at < end; ) {
      if (at + 8 > size) return 'cut'; // the file ends inside a box header
      const head = new Uint8Array(await blob.slice(at, at + 16).arrayBuffer());
      const view = new DataView(head.buffer);
      let boxSize = view.getUint32(0);
      let headerSize = 8;
      if (boxSize === 1) {
        if (at + 16 > size) return 'cut';
        boxSize = Number(view.getBigUint64(8));
        headerSize = 16;
      } else if (boxSize === 0) {
        boxSize = end - at; // runs to the end of the file (or of its parent)
      }
      const type = String.fromCharCode(...head.subarray(4, 8));
      if (!isBoxType(head.subarray(4, 8)) || boxSize < headerSize || (inside && TOP_LEVEL_ONLY.has(type))) return 'inconsistent';
      const boxEnd = at + boxSize;
      if (inside && boxEnd > end) return 'inconsistent';
      claimedEnd = Math.max(claimedEnd, boxEnd);
      if (CONTAINERS.has(type)) {
        const inner = await walk(at + headerSize, boxEnd, true);
        if (inner !== 'whole') return inner;
      } else if (boxEnd > size) {
        return 'cut';
      }
      at = boxEnd;
    }
    return 'whole';
  };
  const kind = await walk(0, size, false);
  return kind === 'cut' ? { kind, claimedEnd } : { kind };
}

const formatSize = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} KB`);

const REMEDY_DAMAGED = 'Export it again from the program that made it, or copy it again from the original in case this copy was corrupted.';

/** A damaged movie whose boxes are all there: its contents do not make sense. */
export const damagedContentsError = (name: string) =>
  new CorruptMediaError(`"${name}" is damaged: its MP4 structure cannot be read (the file is complete, but its contents are inconsistent). ${REMEDY_DAMAGED}`);

/**
 * The error for an MP4 whose layout shows it cut short or damaged; undefined
 * when its boxes add up and fill the file exactly (the caller then says what
 * else is wrong).
 */
export async function layoutError(blob: Blob, name: string): Promise<CorruptMediaError | undefined> {
  const layout = await readLayout(blob);
  if (layout.kind === 'cut') {
    // A file that ends inside a top-level box header claims nothing beyond it.
    const runsOn = layout.claimedEnd > blob.size ? `to ${formatSize(layout.claimedEnd)}` : 'past that';
    return new CorruptMediaError(
      `"${name}" is cut short: it is ${formatSize(blob.size)}, but its contents run on ${runsOn} (as when a copy or download stops early). Copy or download it again from the original.`,
    );
  }
  if (layout.kind === 'inconsistent') {
    return new CorruptMediaError(`"${name}" is damaged: the sizes of its MP4 boxes do not add up (the file is not cut short: its contents are corrupted). ${REMEDY_DAMAGED}`);
  }
  return undefined;
}

/** Samples past the end of a file: cut short, or (the file being whole) a damaged index. */
export async function dataPastEndError(blob: Blob, name: string, dataEnd: number): Promise<CorruptMediaError> {
  return (
    (await layoutError(blob, name)) ??
    new CorruptMediaError(
      `"${name}" is damaged: its index points to data up to ${formatSize(dataEnd)}, but the file is complete at ${formatSize(blob.size)}, so its index is wrong (it is not cut short). ${REMEDY_DAMAGED}`,
    )
  );
}

/** A damaged track Spool cannot do without: the file's only picture. */
export const damagedTrackError = (name: string, { number, why }: DamagedTrack) =>
  new CorruptMediaError(`"${name}" is damaged: its video track (track ${number}) cannot be used, as ${why}. ${REMEDY_DAMAGED}`);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const TRAK = ascii('trak');
const TKHD = ascii('tkhd');
const HDLR = ascii('hdlr');
const matchesAt = (bytes: Uint8Array, at: number, code: number[]) => code.every((c, k) => bytes[at + k] === c);

/** The parts of mp4box's movie box read here: where it lies, and the boxes it read in it. */
interface ReadMovieBox {
  start?: number;
  size: number;
  hdr_size?: number;
  boxes?: { type: string; start?: number; size: number }[];
}

/**
 * The tracks a movie box holds past where mp4box stopped reading it: a box
 * whose size is wrong (too large for the movie box) ends its reading there,
 * and every track after it would be gone without a word. Each is found by its
 * box header ('trak', then its 'tkhd'), and named by its handler where that
 * can be found.
 */
export async function unreadTracks(blob: Blob, moov: ReadMovieBox): Promise<DamagedTrack[]> {
  const boxes = moov.boxes ?? [];
  const start = moov.start ?? 0;
  const readEnd = boxes.reduce((end, box) => Math.max(end, (box.start ?? 0) + box.size), start + (moov.hdr_size ?? 8));
  const moovEnd = Math.min(start + moov.size, blob.size);
  if (moovEnd - readEnd < 8) return []; // QuickTime may end a list with four zero bytes
  const bytes = new Uint8Array(await blob.slice(readEnd, moovEnd).arrayBuffer());
  const starts: number[] = [];
  for (let at = 4; at + 12 <= bytes.length; at++) if (matchesAt(bytes, at, TRAK) && matchesAt(bytes, at + 8, TKHD)) starts.push(at);
  const before = boxes.filter((box) => box.type === 'trak').length;
  return starts.map((at, i) => {
    const hdlr = bytes.subarray(at, starts[i + 1] ?? bytes.length).findIndex((_, h, track) => matchesAt(track, h, HDLR));
    const kind = hdlr >= 0 ? handlerKind(String.fromCharCode(...bytes.subarray(at + hdlr + 12, at + hdlr + 16))) : undefined;
    return { number: before + i + 1, ...(kind ? { kind } : {}), why: `the movie header cannot be read from track ${before + 1} on` };
  });
}
