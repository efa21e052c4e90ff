import type { DamagedTrack, LeftOutKind, LeftOutTracks, MediaSource } from './media-source.ts';

/**
 * How each kind worth saying is named in a list, for one track or `n`. Timecode
 * and timed metadata go unsaid: nearly every camera and phone file has them
 * (an iPhone's, a camcorder's timecode), nothing in them is seen or heard, and
 * a notice on every clip would drown the ones that matter.
 */
const KIND_NAMES: Partial<Record<LeftOutKind, (n: number) => string>> = {
  subtitles: (n) => (n === 1 ? 'subtitles' : `subtitles (${n} tracks)`),
  chapters: () => 'chapters',
  other: (n) => (n === 1 ? 'a track of another kind' : `${n} tracks of other kinds`),
};

/** "a", "a and b", "a, b and c". */
const listed = (items: readonly string[]) => (items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** The other video tracks, named in the list: "a second video track", "2 other video tracks". */
function otherVideoTracks({ number, count }: NonNullable<LeftOutTracks['video']>): string {
  if (count > 2) return `${count - 1} other video tracks`;
  return number === 1 ? 'a second video track' : 'another video track';
}

/** Damaged tracks, one sentence for each reason: "Tracks 4 (subtitles) and 5 of "a.mp4" are damaged and were left out: …". */
function damagedSentences(name: string, damaged: readonly DamagedTrack[]): string[] {
  const byWhy = new Map<string, DamagedTrack[]>();
  for (const track of damaged) byWhy.set(track.why, [...(byWhy.get(track.why) ?? []), track]);
  return [...byWhy].map(([why, tracks]) => {
    const one = tracks.length === 1;
    const list = listed(tracks.map(({ number, kind }) => `${number}${kind ? ` (${kind})` : ''}`));
    return `${one ? 'Track' : 'Tracks'} ${list} of "${name}" ${one ? 'is' : 'are'} damaged and ${one ? 'was' : 'were'} left out: ${why}.`;
  });
}

/**
 * Says what of a file is not imported — subtitles, chapters, further video
 * tracks, damaged tracks — rather than dropping it silently;
 * undefined when nothing is.
 */
export function leftOutNotice(source: Pick<MediaSource, 'name' | 'leftOut'>): string | undefined {
  const leftOut = source.leftOut;
  if (!leftOut) return undefined;
  const { video, kinds, damaged } = leftOut;
  const others = Object.entries(KIND_NAMES).flatMap(([kind, name]) => ((kinds[kind as LeftOutKind] ?? 0) > 0 ? [name(kinds[kind as LeftOutKind]!)] : []));
  const items = [...others, ...(video && video.count > 1 ? [otherVideoTracks(video)] : [])];
  const sentences = damagedSentences(source.name, damaged);
  if (items.length > 0) {
    const singular = items.length === 1 && /^(an?|another) /.test(items[0]!);
    const which = video && video.count > 1 ? (video.number === 1 ? 'its first video track' : `its video track ${video.number}`) : undefined;
    const why = others.length === 0 ? `Spool uses ${which}` : `Spool imports picture and sound only${which ? `, from ${which}` : ''}`;
    const list = listed(items);
    sentences.unshift(`${list[0]!.toUpperCase()}${list.slice(1)} of "${source.name}" ${singular ? 'is' : 'are'} not imported: ${why}.`);
  }
  return sentences.length > 0 ? sentences.join(' ') : undefined;
}
