import type { MediaSource } from './media-source.ts';

const EXTENSIONS: Record<string, string[]> = {
  mp4: ['mp4', 'm4v', 'mov', 'm4a', '3gp', 'qt'],
  webm: ['webm'],
  matroska: ['mkv', 'mka', 'webm'],
  mp3: ['mp3'],
  wav: ['wav', 'wave'],
  flac: ['flac'],
  ogg: ['ogg', 'oga', 'opus', 'ogv'],
  adts: ['aac'],
  mpegts: ['ts', 'mts', 'm2ts', 'm2t', 'tod', 'trp'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg', 'jfif'],
  webp: ['webp'],
  gif: ['gif'],
};

const FORMAT_NAMES: Record<string, string> = {
  mp4: 'an MP4/MOV file',
  webm: 'a WebM file',
  matroska: 'a Matroska (MKV) file',
  mp3: 'an MP3 file',
  wav: 'a WAV file',
  flac: 'a FLAC file',
  ogg: 'an Ogg file',
  adts: 'an AAC (ADTS) file',
  mpegts: 'an MPEG-TS file',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  webp: 'a WebP image',
  gif: 'a GIF image',
};

/** A note when the contents contradict the file's extension (the contents win); undefined when they agree or there is no extension. */
export function extensionNotice(source: MediaSource): string | undefined {
  const parts = source.name.toLowerCase().split('.');
  if (parts.length < 2) return undefined;
  const ext = parts.pop()!;
  const format = source.container === 'image' ? source.video!.codec : source.container;
  if (EXTENSIONS[format]?.includes(ext)) return undefined;
  return `"${source.name}" is really ${FORMAT_NAMES[format] ?? format}, whatever its .${ext} name says; it was imported as such.`;
}
