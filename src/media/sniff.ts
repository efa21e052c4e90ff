import { tsLayout } from './ts-packet.ts';

/**
 * What a file's first bytes say it is, so a bad import gets a message about the
 * file a person actually dropped ("this is a PNG image") rather than a parser error.
 */
export type SniffedKind =
  | 'empty'
  | 'isobmff'
  | 'webm'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'webp'
  | 'riff'
  | 'avi'
  | 'mp3'
  | 'ogg'
  | 'flac'
  | 'mpegts'
  | 'mpegps'
  | 'flv'
  | 'asf'
  | 'aiff'
  | 'unknown';

/** How much of a file's head sniffing needs: at least TS_HEAD_BYTES, for an MPEG transport stream's layout. */
export const SNIFF_BYTES = 400;

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

export function sniffBytes(head: Uint8Array, size: number): SniffedKind {
  if (size === 0) return 'empty';
  if (head.length >= 8 && ['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip'].includes(ascii(head, 4, 8))) return 'isobmff';
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'webm';
  if (head[0] === 0x89 && ascii(head, 1, 4) === 'PNG') return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii(head, 0, 4) === 'GIF8') return 'gif';
  if (ascii(head, 0, 4) === 'RIFF') return ascii(head, 8, 12) === 'WEBP' ? 'webp' : ascii(head, 8, 12) === 'AVI ' ? 'avi' : 'riff';
  // RF64: the WAV field recorders and broadcast tools write (some always, all past 4 GB), its sizes in a ds64 chunk.
  if (ascii(head, 0, 4) === 'RF64' && ascii(head, 8, 12) === 'WAVE') return 'riff';
  if (ascii(head, 0, 3) === 'ID3' || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)) return 'mp3';
  if (ascii(head, 0, 4) === 'OggS') return 'ogg';
  if (ascii(head, 0, 4) === 'fLaC') return 'flac';
  if (tsLayout(head)) return 'mpegts';
  if (head[0] === 0 && head[1] === 0 && head[2] === 1 && head[3] === 0xba) return 'mpegps';
  if (ascii(head, 0, 3) === 'FLV') return 'flv';
  if ([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11].every((byte, i) => head[i] === byte)) return 'asf';
  if (ascii(head, 0, 4) === 'FORM' && ['AIFF', 'AIFC'].includes(ascii(head, 8, 12))) return 'aiff';
  return 'unknown';
}

const KIND_NAMES: Record<SniffedKind, string> = {
  empty: 'an empty file',
  isobmff: 'an MP4/MOV file',
  webm: 'a WebM/Matroska file',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  webp: 'a WebP image',
  riff: 'a RIFF (WAV) file',
  avi: 'an AVI video',
  mp3: 'an MP3 audio file',
  ogg: 'an Ogg file',
  flac: 'a FLAC audio file',
  mpegts: 'an MPEG transport stream (as camcorders and TV recorders write)',
  mpegps: 'an MPEG program stream (.mpg, .vob)',
  flv: 'a Flash video (FLV)',
  asf: 'a Windows Media file (WMV, WMA)',
  aiff: 'an AIFF audio file',
  unknown: 'not a media file Spool recognises',
};

export function describeKind(kind: SniffedKind): string {
  return KIND_NAMES[kind];
}
