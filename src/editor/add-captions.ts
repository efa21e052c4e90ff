import type { Caption } from '../model/captions.ts';
import { clipEndUs, defaultTextStyle, newClip, TEXT_ASSET_DURATION_US, type Asset, type Clip, type Track } from '../model/project.ts';
import type { Project } from '../model/project.ts';
import { newClipId } from '../model/ids.ts';
import { snapToFrameUs, US_PER_SECOND } from '../model/time.ts';
import { addTrack, newTitleId } from './commands.ts';
import { withChange, type DocumentRecord, type ProjectChange } from './document.ts';

/** How captions look: small white words on a black box near the bottom, as players show subtitles. */
const CAPTION_STYLE = { size: 0.055, y: 0.88, color: '#ffffff', background: '#000000' } as const;
/** Rows of captions on screen at once, at most. */
const MAX_ROWS = 3;

/** What addCaptions names its tracks: how a caption file's clips are told apart from other titles. */
const CAPTION_TRACK_PREFIX = 'Captions: ';
/** Room between stacked boxes, in lines. */
const ROW_GAP_LINES = 0.1;

/** How far a title's box reaches above its centre, as a share of the frame's height: its lines and a quarter line of padding (see text-source.ts). */
const boxAbove = (size: number, lines: number) => size * (lines / 2 + 0.25);

/** A caption placed: its span on the frame grid, and the row it shows on (0 at the bottom). */
interface Placed {
  caption: Caption;
  startUs: number;
  lengthUs: number;
  row: number;
}

/**
 * Each caption as a title clip, at its times (on the frame grid, at least a
 * frame long), on a new video track on top named after the file: burnt into
 * the picture, each editable like any title. Captions on screen together (a
 * file's cues may overlap) go on tracks of their own above, each row higher,
 * as players stack them, so none hides another. A second file's rows start
 * above the highest caption box already on screen at any of its cues' times
 * (one height for the whole file, so its captions do not jump about). One change.
 */
export function addCaptions(project: Project, captions: readonly Caption[], fileName: string): ProjectChange {
  const fps = project.output.fps > 0 ? project.output.fps : 30;
  const rowEnds: number[] = [];
  const placed: Placed[] = captions.map((caption) => {
    const startUs = snapToFrameUs(caption.startUs, fps);
    const lengthUs = Math.max(snapToFrameUs(startUs + US_PER_SECOND / fps, fps), snapToFrameUs(caption.endUs, fps)) - startUs;
    let row = rowEnds.findIndex((endUs) => endUs <= startUs);
    // A file whose cues pile up (each lasting to the end, say) overlaps on the row that frees first rather than filling the screen.
    if (row < 0) row = rowEnds.length < MAX_ROWS ? rowEnds.push(0) - 1 : rowEnds.indexOf(Math.min(...rowEnds));
    rowEnds[row] = startUs + lengthUs;
    return { caption, startUs, lengthUs, row };
  });
  const put = new Map<string, DocumentRecord>();
  let working = project;
  const rowY: number[] = [];
  const linesOf = (r: number) => Math.max(...placed.filter((p) => p.row === r).map((p) => p.caption.text.split('\n').length));
  const below = topOfCaptionsDuring(project, placed);
  rowEnds.forEach((_, row) => {
    // Each new video track goes on top: the rows stack upwards.
    const added = addTrack(working, 'video');
    working = withChange(working, added);
    for (const record of added.put ?? []) {
      const named = record.id.startsWith('track:') ? { ...(record as Track), name: `${CAPTION_TRACK_PREFIX}${fileName}${row > 0 ? ` (${row + 1})` : ''}`.slice(0, 60) } : record;
      put.set(named.id, named);
    }
    // A row's boxes sit just above the row below's, or above the captions already there; the first file's bottom row at the usual place.
    const topBelow = row > 0 ? rowY[row - 1]! - boxAbove(CAPTION_STYLE.size, linesOf(row - 1)) : below;
    const y = topBelow === undefined ? CAPTION_STYLE.y : topBelow - boxAbove(CAPTION_STYLE.size, linesOf(row)) - CAPTION_STYLE.size * ROW_GAP_LINES;
    // Files piled past the top of the frame stay in it there (a title's centre is 0–1: above, a saved project would not reopen).
    rowY.push(Math.max(boxAbove(CAPTION_STYLE.size, linesOf(row)), y));
  });
  const tracks = [...put.values()].filter((record): record is Track => record.id.startsWith('track:'));
  for (const { caption, startUs, lengthUs, row } of placed) {
    const assetId = newTitleId();
    const asset: Asset = { id: assetId, name: caption.text.split('\n')[0]!.slice(0, 60), durationUs: TEXT_ASSET_DURATION_US, hasVideo: true, hasAudio: false, text: { ...defaultTextStyle(caption.text), ...CAPTION_STYLE, y: rowY[row]! } };
    const clip: Clip = newClip({ id: newClipId(), assetId, trackId: tracks[row]!.id, startUs, inUs: 0, outUs: lengthUs });
    put.set(asset.id, asset).set(clip.id, clip);
  }
  return { put: [...put.values()] };
}

/** The top edge of the highest caption box (a title on a captions track) on screen during any of `placed`; undefined when there is none. */
function topOfCaptionsDuring(project: Project, placed: readonly Placed[]): number | undefined {
  const captionTracks = new Set(project.tracks.filter((t) => t.name.startsWith(CAPTION_TRACK_PREFIX)).map((t) => t.id));
  const tops = project.clips
    .filter((clip) => captionTracks.has(clip.trackId) && placed.some((p) => clip.startUs < p.startUs + p.lengthUs && p.startUs < clipEndUs(clip)))
    .map((clip) => project.assets.find((a) => a.id === clip.assetId)?.text)
    .filter((text) => text !== undefined)
    .map((text) => text.y - boxAbove(text.size, text.content.split('\n').length));
  return tops.length > 0 ? Math.min(...tops) : undefined;
}
