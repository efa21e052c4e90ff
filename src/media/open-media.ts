import { BunnySource } from './bunny-source.ts';
import { UnsupportedMediaError } from './errors.ts';
import { openImage } from './image-source.ts';
import type { MediaSource } from './media-source.ts';
import { Mp4Source } from './mp4-source.ts';
import { describeKind, sniffBytes, SNIFF_BYTES } from './sniff.ts';
import { prepareTransportStream } from './transport-stream.ts';

const AUDIO_EXTENSIONS = ['mp3', 'm4a', 'aac', 'wav', 'flac', 'ogg', 'opus', 'oga', 'aif', 'aiff', 'aifc'];
const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'gif'];

/** What the name promises, for messages: "not a video file" for clip.mp4, "not an audio file" for song.mp3. */
function expectedKind(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (AUDIO_EXTENSIONS.includes(ext)) return 'an audio file';
  if (IMAGE_EXTENSIONS.includes(ext)) return 'an image';
  return 'a video file';
}

/**
 * Opens any file a person brings, choosing the reader by the file's first
 * bytes (never its name, which may lie): MP4/MOV/M4V/M4A with mp4box,
 * WebM/MKV, MPEG-TS and audio files with mediabunny, stills with the browser's image decoder.
 * `fingerprint` (the file's content fingerprint, where known) lets mediabunny's files skip reading through again
 * what an earlier open read (see BunnySource.open).
 */
export async function openMedia(blob: Blob, name: string, fingerprint?: string): Promise<MediaSource> {
  if (blob.size === 0) throw new UnsupportedMediaError(`"${name}" is empty (0 bytes): it is not ${expectedKind(name)}.`);
  const head = new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
  const kind = sniffBytes(head, blob.size);
  switch (kind) {
    case 'isobmff':
      return Mp4Source.open(blob, name);
    case 'webm':
    case 'mp3':
    case 'ogg':
    case 'flac':
    case 'riff':
      return BunnySource.open(blob, name, { fingerprint });
    case 'mpegts':
      return BunnySource.open(blob, name, { transport: await prepareTransportStream(blob, name), fingerprint });
    case 'png':
    case 'jpeg':
    case 'webp':
    case 'gif':
      return openImage(blob, name, kind);
    case 'avi':
    case 'mpegps':
    case 'flv':
    case 'asf':
      throw new UnsupportedMediaError(`"${name}" is ${describeKind(kind)}, which Spool cannot open: convert it to MP4 (H.264 video with AAC audio), then import it.`);
    case 'aiff':
      // As Logic, GarageBand and Pro Tools export: mediabunny reads no AIFF, and WAV holds the same PCM.
      throw new UnsupportedMediaError(`"${name}" is ${describeKind(kind)}, which Spool cannot open: export or convert it to WAV (or FLAC), then import it.`);
    default:
      throw new UnsupportedMediaError(`"${name}" is not ${expectedKind(name)}: its contents match no video, audio or image format Spool knows.`);
  }
}
