/**
 * What a file's first bytes say it is, so a bad import gets a message about the
 * file a person actually dropped ("this is a PNG image") rather than a parser error.
 */
export type SniffedKind = 'empty' | 'isobmff' | 'webm' | 'png' | 'jpeg' | 'gif' | 'webp' | 'riff' | 'mp3' | 'ogg' | 'flac' | 'unknown';

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

export function sniffBytes(head: Uint8Array, size: number): SniffedKind {
  if (size === 0) return 'empty';
  if (head.length >= 8 && ['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip'].includes(ascii(head, 4, 8))) return 'isobmff';
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'webm';
  if (head[0] === 0x89 && ascii(head, 1, 4) === 'PNG') return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii(head, 0, 4) === 'GIF8') return 'gif';
  if (ascii(head, 0, 4) === 'RIFF') return ascii(head, 8, 12) === 'WEBP' ? 'webp' : 'riff';
  if (ascii(head, 0, 3) === 'ID3' || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)) return 'mp3';
  if (ascii(head, 0, 4) === 'OggS') return 'ogg';
  if (ascii(head, 0, 4) === 'fLaC') return 'flac';
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
  riff: 'a RIFF (WAV/AVI) file',
  mp3: 'an MP3 audio file',
  ogg: 'an Ogg file',
  flac: 'a FLAC audio file',
  unknown: 'not a media file Spool recognises',
};

export function describeKind(kind: SniffedKind): string {
  return KIND_NAMES[kind];
}
