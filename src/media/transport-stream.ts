import type { InputAudioTrack, InputVideoTrack } from 'mediabunny';
import { cannotDecodeMessage, cannotReadSoundMessage } from './codec-names.ts';
import { CorruptMediaError, UnsupportedMediaError } from './errors.ts';
import type { AudioInfo } from './media-source.ts';
import { withoutUnfinishedEnd } from './ts-cut-short.ts';
import { TS_HEAD_BYTES, tsLayout } from './ts-packet.ts';
import { programStreams, READ_VIDEO_TYPES, UNREAD_SOUND, UNREAD_VIDEO, type ProgramStream } from './ts-program.ts';

/** What Spool learns of an MPEG-TS before mediabunny reads it: its program's streams, and the file to read. */
export interface TransportStream {
  /** The file with an unfinished end blanked out (see withoutUnfinishedEnd): what mediabunny reads. */
  readable: Blob;
  cutShort: boolean;
  streams: ProgramStream[];
}

export async function prepareTransportStream(blob: Blob, name: string): Promise<TransportStream> {
  const layout = tsLayout(new Uint8Array(await blob.slice(0, TS_HEAD_BYTES).arrayBuffer()));
  const streams = layout && (await programStreams(blob, layout));
  if (!layout || !streams) throw new CorruptMediaError(`"${name}" is damaged or cut short: it has no program map (the table of its picture and sound streams), so nothing in it can be found.`);
  const { blob: readable, cutShort } = await withoutUnfinishedEnd(blob, layout, streams);
  return { readable, cutShort, streams };
}

/** A file cut short (see withoutUnfinishedEnd) before any of it can be played. */
export const cutShortError = (name: string) =>
  new CorruptMediaError(`"${name}" is cut short before its first whole picture (as when a recording or copy stops at once): there is nothing to play. Copy or record it again.`);

/**
 * What the program map says that mediabunny's tracks do not: a video it does
 * not read (MPEG-2, as HDV camcorders and broadcasts carry) refuses the file,
 * as its sound alone is not what a person brought; one it reads but found no
 * picture of means the file is cut short or damaged. Sound it does not read
 * (LPCM, as AVCHD camcorders may write) is returned, named, so the file says
 * why it has none (or, with no picture either, refuses it).
 */
export function transportGaps(ts: TransportStream, video: InputVideoTrack | undefined, audio: InputAudioTrack | undefined, name: string): { sound?: AudioInfo } {
  if (!video) {
    const unread = ts.streams.map((s) => UNREAD_VIDEO.get(s.type)).find((codec) => codec);
    if (unread) throw new UnsupportedMediaError(cannotDecodeMessage('video', unread, name));
    if (ts.streams.some((s) => READ_VIDEO_TYPES.has(s.type))) {
      throw ts.cutShort ? cutShortError(name) : new CorruptMediaError(`"${name}" is damaged: its video stream holds no picture Spool can read.`);
    }
  }
  const sound = audio ? undefined : ts.streams.map((s) => UNREAD_SOUND.get(s.type)).find((s) => s);
  if (!sound) return {};
  if (!video) throw new UnsupportedMediaError(cannotReadSoundMessage(sound.what, name));
  return { sound: { codec: sound.codec, sampleRate: 0, channels: 0, durationUs: 0, config: { codec: sound.codec, sampleRate: 0, numberOfChannels: 0 }, unsupported: sound.what } };
}
