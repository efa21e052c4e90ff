/**
 * Gives a track of an MP4 written by mp4-muxer an edit list, which mp4-muxer
 * cannot write. Copied video with B-frames decodes before it shows: its first
 * decode time is earlier than its first presentation time. Copied AAC starts
 * with a packet of pre-roll (the decoder needs the one before the first sample
 * it shows). mp4-muxer moves each track to start at 0, so presentation would
 * start `leadUs` late; an edit (`edts/elst`) tells players to start showing at
 * `leadUs` into the track, as the source file itself did. Encoded sound runs on
 * past the timeline's end (an encoder pads its last packet out; a copied packet
 * runs past its clip's end): the edit also stops it there. The moov box is last
 * in the file (fastStart: false), so it can grow in place.
 */

/** The track an edit is for, by its handler: video or sound. */
export type TrackHandler = 'vide' | 'soun';

/** Random access to the finished file: what the patch reads and writes. */
export interface PatchableFile {
  readonly size: number;
  read(position: number, length: number): Uint8Array;
  write(data: Uint8Array, position: number): void;
}

interface Box {
  type: string;
  start: number;
  size: number;
  headerSize: number;
}

function boxAt(view: DataView, start: number, end: number): Box {
  if (start + 8 > end) throw new Error('MP4 box header runs past its parent');
  let size = view.getUint32(start);
  const type = String.fromCharCode(view.getUint8(start + 4), view.getUint8(start + 5), view.getUint8(start + 6), view.getUint8(start + 7));
  let headerSize = 8;
  if (size === 1) {
    size = Number(view.getBigUint64(start + 8));
    headerSize = 16;
  } else if (size === 0) size = end - start;
  if (size < headerSize || start + size > end) throw new Error(`MP4 box ${type} has a bad size`);
  return { type, start, size, headerSize };
}

function children(view: DataView, parent: Box): Box[] {
  const boxes: Box[] = [];
  for (let at = parent.start + parent.headerSize; at < parent.start + parent.size; ) {
    const box = boxAt(view, at, parent.start + parent.size);
    boxes.push(box);
    at += box.size;
  }
  return boxes;
}

const child = (view: DataView, parent: Box, type: string) => children(view, parent).find((b) => b.type === type);

/** A full box's field whose offset past the version/flags word depends on the version (1: 64-bit times); `wide` for 64-bit durations. */
function durationField(view: DataView, box: Box, v0Offset: number, v1Offset: number): { at: number; wide: boolean } {
  const version = view.getUint8(box.start + box.headerSize);
  return version === 1 ? { at: box.start + box.headerSize + 4 + v1Offset, wide: true } : { at: box.start + box.headerSize + 4 + v0Offset, wide: false };
}
const readDuration = (view: DataView, f: { at: number; wide: boolean }) => (f.wide ? Number(view.getBigUint64(f.at)) : view.getUint32(f.at));
function writeDuration(view: DataView, f: { at: number; wide: boolean }, value: number) {
  if (f.wide) view.setBigUint64(f.at, BigInt(value));
  else view.setUint32(f.at, value);
}

/**
 * `moov` (modified in place) with its movie timescale made `timescale`: the
 * movie header's and every track header's duration and every edit's length
 * rescaled. mp4-muxer counts the movie in milliseconds, so an edit could stop
 * sound only to the nearest millisecond (up to 24 samples at 48 kHz); in the
 * sound's own timescale it stops on the sample. False (nothing changed) where
 * a 32-bit field would overflow.
 */
function rescaleMovie(view: DataView, moov: Box, timescale: number): boolean {
  const mvhd = child(view, moov, 'mvhd')!;
  const from = view.getUint32(durationField(view, mvhd, 8, 16).at);
  const fields = [durationField(view, mvhd, 12, 20)];
  for (const trak of children(view, moov).filter((b) => b.type === 'trak')) {
    fields.push(durationField(view, child(view, trak, 'tkhd')!, 16, 24));
    const elst = ((edts) => edts && child(view, edts, 'elst'))(child(view, trak, 'edts'));
    if (!elst) continue;
    const wide = view.getUint8(elst.start + elst.headerSize) === 1;
    const entries = view.getUint32(elst.start + elst.headerSize + 4);
    for (let i = 0; i < entries; i++) fields.push({ at: elst.start + elst.headerSize + 8 + i * (wide ? 20 : 12), wide });
  }
  const scaled = fields.map((f) => Math.round((readDuration(view, f) * timescale) / from));
  if (fields.some((f, i) => !f.wide && scaled[i]! > 0xffff_ffff)) return false;
  fields.forEach((f, i) => writeDuration(view, f, scaled[i]!));
  view.setUint32(durationField(view, mvhd, 8, 16).at, timescale);
  return true;
}

/**
 * Returns `moov` with an edit in the track with `handler` that skips the first
 * `leadUs` of its media time and shows at most `endUs` of it, and the track's
 * and movie's durations shortened to match. The input is not modified.
 */
export function withEditList(moovBytes: Uint8Array, handler: TrackHandler, leadUs: number, endUs = Infinity): Uint8Array {
  const copy = moovBytes.slice();
  const view = new DataView(copy.buffer);
  const moov = boxAt(view, 0, copy.byteLength);
  if (moov.type !== 'moov') throw new Error('not a moov box');
  const mvhd = child(view, moov, 'mvhd');
  if (!mvhd) throw new Error('moov has no mvhd');
  const traks = children(view, moov).filter((b) => b.type === 'trak');
  const track = traks.find((trak) => {
    const mdia = child(view, trak, 'mdia');
    const hdlr = mdia && child(view, mdia, 'hdlr');
    return hdlr && String.fromCharCode(...copy.subarray(hdlr.start + hdlr.headerSize + 8, hdlr.start + hdlr.headerSize + 12)) === handler;
  });
  const name = handler === 'vide' ? 'video' : 'sound';
  if (!track) throw new Error(`moov has no ${name} track`);
  if (child(view, track, 'edts')) throw new Error(`the ${name} track already has an edit list`);
  const tkhd = child(view, track, 'tkhd')!;
  const mdhd = child(view, child(view, track, 'mdia')!, 'mdhd')!;
  const mediaTimescale = view.getUint32(durationField(view, mdhd, 8, 16).at);
  // The edit counts in the movie's timescale: one coarser than the track's would round where it stops.
  if (mediaTimescale > view.getUint32(durationField(view, mvhd, 8, 16).at)) rescaleMovie(view, moov, mediaTimescale);
  const movieTimescale = view.getUint32(durationField(view, mvhd, 8, 16).at);

  const tkhdDuration = durationField(view, tkhd, 16, 24);
  const shown = Math.max(0, Math.min(readDuration(view, tkhdDuration) - Math.round((leadUs * movieTimescale) / 1e6), Math.round((endUs * movieTimescale) / 1e6)));
  const mediaTime = Math.round((leadUs * mediaTimescale) / 1e6);
  // edts { elst v0: one entry (segment duration, media time, rate 1.0) }
  const edts = new Uint8Array(36);
  const e = new DataView(edts.buffer);
  e.setUint32(0, 36);
  edts.set([0x65, 0x64, 0x74, 0x73], 4); // 'edts'
  e.setUint32(8, 28);
  edts.set([0x65, 0x6c, 0x73, 0x74], 12); // 'elst'
  e.setUint32(16, 0); // version 0, flags 0
  e.setUint32(20, 1);
  e.setUint32(24, shown);
  e.setInt32(28, mediaTime);
  e.setInt16(32, 1);
  e.setInt16(34, 0);

  // Insert right after tkhd, then grow trak and moov by its size.
  const insertAt = tkhd.start + tkhd.size;
  const out = new Uint8Array(copy.byteLength + edts.byteLength);
  out.set(copy.subarray(0, insertAt), 0);
  out.set(edts, insertAt);
  out.set(copy.subarray(insertAt), insertAt + edts.byteLength);
  const o = new DataView(out.buffer);
  for (const box of [moov, track]) {
    if (box.headerSize !== 8) throw new Error('64-bit moov/trak sizes are not expected from mp4-muxer');
    o.setUint32(box.start, box.size + edts.byteLength);
  }
  writeDuration(o, tkhdDuration, shown);
  // The movie lasts as long as its longest track.
  const outMoov = boxAt(o, 0, out.byteLength);
  let longest = 0;
  for (const trak of children(o, outMoov).filter((b) => b.type === 'trak')) {
    longest = Math.max(longest, readDuration(o, durationField(o, child(o, trak, 'tkhd')!, 16, 24)));
  }
  writeDuration(o, durationField(o, child(o, outMoov, 'mvhd')!, 12, 20), longest);
  return out;
}

/** Finds the top-level moov (last, as mp4-muxer writes it without fastStart) and rewrites it with the edit. */
export function addEditList(file: PatchableFile, handler: TrackHandler, leadUs: number, endUs = Infinity): void {
  let at = 0;
  while (at + 8 <= file.size) {
    const header = file.read(at, Math.min(16, file.size - at));
    const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
    const small = view.getUint32(0);
    const size = small === 1 ? Number(view.getBigUint64(8)) : small === 0 ? file.size - at : small;
    const type = String.fromCharCode(...header.subarray(4, 8));
    if (size < 8 || at + size > file.size) throw new Error(`MP4 box ${type} has a bad size`);
    if (type === 'moov') {
      if (at + size !== file.size) throw new Error('moov is not the last box');
      file.write(withEditList(file.read(at, size), handler, leadUs, endUs), at);
      return;
    }
    at += size;
  }
  throw new Error('no moov box found');
}
