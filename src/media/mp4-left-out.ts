import type { ISOFile } from 'mp4box';
import type { DamagedTrack, LeftOutKind, LeftOutTracks } from './media-source.ts';

type Trak = ReturnType<ISOFile['getTrackById']>;

/** A track mp4box could not list (see trakDamage): its place among the file's tracks (from 1), and why. */
export interface SetAsideTrak {
  number: number;
  trak: Trak;
  why: string;
}

/** What a track's handler says it holds, as notices name it (undefined: a kind Spool has no name for). */
export function handlerKind(handler: string | undefined): DamagedTrack['kind'] {
  switch (handler) {
    case 'vide':
      return 'video';
    case 'soun':
      return 'sound';
    case 'sbtl': // MP4 timed text
    case 'subt': // WebVTT, TTML
    case 'text': // QuickTime text
    case 'clcp': // closed captions
      return 'subtitles';
    case 'tmcd':
      return 'timecode';
    case 'meta': // phones' location and camera data, GoPro telemetry
    case 'camm':
      return 'metadata';
    default:
      return undefined;
  }
}

/**
 * The tracks of an MP4/MOV that Spool leaves out, given the ids of those it
 * uses, those mp4box could not list and those past damage in the movie box.
 * Other sound tracks are not counted (the sound track notice tells of them).
 * A track that others name as their chapters ('chap' reference) is chapters,
 * whatever it holds: text, or pictures.
 */
export function mp4LeftOut(traks: readonly Trak[], setAside: readonly SetAsideTrak[], unread: readonly DamagedTrack[], usedIds: readonly (number | undefined)[]): LeftOutTracks {
  const chapterIds = new Set(
    [...traks, ...setAside.map(({ trak }) => trak)].flatMap((trak) => (trak.tref?.references ?? []).filter((ref) => ref.type === 'chap').flatMap((ref) => [...(ref.track_ids ?? [])])),
  );
  const kindOf = (trak: Trak) => (trak.tkhd && chapterIds.has(trak.tkhd.track_id) ? 'chapters' : handlerKind(trak.mdia?.hdlr?.handler));
  const kinds: Partial<Record<LeftOutKind, number>> = {};
  const videoIds: number[] = [];
  for (const trak of traks) {
    const kind = kindOf(trak) ?? 'other';
    if (kind === 'video') videoIds.push(trak.tkhd.track_id);
    else if (kind !== 'sound') kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  const used = videoIds.findIndex((id) => usedIds.includes(id));
  const damaged = setAside.map(({ number, trak, why }) => {
    const kind = kindOf(trak);
    return { number, ...(kind ? { kind } : {}), why };
  });
  return { ...(videoIds.length > 1 && used >= 0 ? { video: { number: used + 1, count: videoIds.length } } : {}), kinds, damaged: [...damaged, ...unread] };
}
