import { children, elementAt, uintOf, type EbmlElement, EBML_HEADER, SEGMENT, SEEK_HEAD, SEEK, SEEK_ID, SEEK_POSITION, TRACKS, TRACK_ENTRY, TRACK_NUMBER, TRACK_TYPE, CLUSTER } from './ebml.ts';
import type { LeftOutKind, LeftOutTracks } from './media-source.ts';

/**
 * What a Matroska/WebM file holds beyond the tracks mediabunny reads: it
 * lists video and sound tracks only (subtitles are skipped without a word),
 * and no chapters. This reads the
 * Segment's Tracks and Chapters (found before the first Cluster, or through
 * the SeekHead where they lie after it) to say what is left out.
 */

const CHAPTERS = 0x1043a770;
const EDITION_ENTRY = 0x45b9;
const CHAPTER_ATOM = 0xb6;

/** Matroska's track types, as notices name them (1 video and 2 sound are counted apart). */
const TRACK_KINDS: Record<number, LeftOutKind> = { 0x11: 'subtitles', 0x21: 'metadata' };
/** An element's ID and size field take at most this many bytes. */
const HEADER_BYTES = 12;
/** Tracks and Chapters larger than this are not read (no file has them so large; a damaged size might claim it). */
const MAX_ELEMENT_BYTES = 16 << 20;

/**
 * The header of the element at `at` in the blob, its offsets in the file (an
 * element of unknown size ends with the blob; one cut short ends past it);
 * undefined past the end or where it is not one.
 */
export async function headerAt(blob: Blob, at: number): Promise<EbmlElement | undefined> {
  if (at >= blob.size) return undefined;
  try {
    const element = elementAt(new Uint8Array(await blob.slice(at, at + HEADER_BYTES).arrayBuffer()), 0);
    const shift = (n: number) => n + at;
    return { ...element, start: at, dataStart: shift(element.dataStart), end: element.size === null ? blob.size : shift(element.dataStart) + element.size };
  } catch {
    return undefined;
  }
}

/** An element's data, or undefined when it claims more than is sensible to read. */
async function dataOf(blob: Blob, element: EbmlElement): Promise<Uint8Array | undefined> {
  if (element.end - element.dataStart > MAX_ELEMENT_BYTES) return undefined;
  return new Uint8Array(await blob.slice(element.dataStart, element.end).arrayBuffer());
}

/** Where the SeekHead says an element lies (its position counts from the Segment's data). */
function seekPositions(seekHead: Uint8Array, segmentData: number): Map<number, number> {
  const positions = new Map<number, number>();
  for (const seek of children(seekHead, 0, seekHead.length).filter((e) => e.id === SEEK)) {
    const fields = children(seekHead, seek.dataStart, seek.end);
    const id = fields.find((e) => e.id === SEEK_ID);
    const position = fields.find((e) => e.id === SEEK_POSITION);
    if (id && position) positions.set(uintOf(seekHead, id), segmentData + uintOf(seekHead, position));
  }
  return positions;
}

/** The Segment's Tracks and Chapters data (each undefined where the file has none, or it cannot be read). */
async function segmentParts(blob: Blob): Promise<{ tracks?: Uint8Array; chapters?: Uint8Array }> {
  const header = await headerAt(blob, 0);
  const segment = header?.id === EBML_HEADER ? await headerAt(blob, header.end) : undefined;
  if (segment?.id !== SEGMENT) return {};
  const found = new Map<number, Uint8Array | undefined>();
  let seeks = new Map<number, number>();
  // The Segment's children up to its first Cluster: the head of the file.
  for (let at = segment.dataStart; at < segment.end; ) {
    const element = await headerAt(blob, at);
    if (!element || element.id === CLUSTER) break;
    if (element.id === SEEK_HEAD && seeks.size === 0) seeks = seekPositions((await dataOf(blob, element)) ?? new Uint8Array(), segment.dataStart);
    else if (element.id === TRACKS || element.id === CHAPTERS) found.set(element.id, await dataOf(blob, element));
    at = element.end;
  }
  // Those written after the Clusters (at the end of a recording), where the SeekHead points.
  for (const id of [TRACKS, CHAPTERS]) {
    const at = seeks.get(id);
    if (found.has(id) || at === undefined) continue;
    const element = await headerAt(blob, at);
    if (element?.id === id) found.set(id, await dataOf(blob, element));
  }
  return { tracks: found.get(TRACKS), chapters: found.get(CHAPTERS) };
}

/**
 * The tracks of a Matroska/WebM file that Spool leaves out, given the
 * number (TrackNumber) of the video track it uses; undefined where its
 * Tracks cannot be read here (mediabunny read them: nothing is said then).
 * Sound tracks are the sound track notice's.
 */
export async function matroskaLeftOut(blob: Blob, usedVideo: number | undefined): Promise<LeftOutTracks | undefined> {
  let parts: Awaited<ReturnType<typeof segmentParts>>;
  try {
    parts = await segmentParts(blob);
  } catch {
    return undefined;
  }
  const { tracks, chapters } = parts;
  if (!tracks) return undefined;
  const kinds: Partial<Record<LeftOutKind, number>> = {};
  const videoNumbers: number[] = [];
  try {
    for (const entry of children(tracks, 0, tracks.length).filter((e) => e.id === TRACK_ENTRY)) {
      const fields = children(tracks, entry.dataStart, entry.end);
      const type = fields.find((e) => e.id === TRACK_TYPE);
      const number = fields.find((e) => e.id === TRACK_NUMBER);
      const typeCode = type ? uintOf(tracks, type) : 0;
      if (typeCode === 1) videoNumbers.push(number ? uintOf(tracks, number) : 0);
      else if (typeCode !== 2) {
        const kind = TRACK_KINDS[typeCode] ?? 'other';
        kinds[kind] = (kinds[kind] ?? 0) + 1;
      }
    }
    const hasChapters =
      !!chapters &&
      children(chapters, 0, chapters.length)
        .filter((e) => e.id === EDITION_ENTRY)
        .some((edition) => children(chapters, edition.dataStart, edition.end).some((e) => e.id === CHAPTER_ATOM));
    if (hasChapters) kinds.chapters = 1;
  } catch {
    return undefined; // elements that do not add up: mediabunny made sense of them, this cannot
  }
  const used = usedVideo === undefined ? -1 : videoNumbers.indexOf(usedVideo);
  return { ...(videoNumbers.length > 1 && used >= 0 ? { video: { number: used + 1, count: videoNumbers.length } } : {}), kinds, damaged: [] };
}
