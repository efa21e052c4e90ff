import type { Asset, Clip, ClipPicture, Marker, PictureChange, Project, Track, Transition, TransitionKind } from '../model/project.ts';
import { clipDurationUs, clipEndUs, clipPicture, clipSpeed, DEFAULT_KEY_TOLERANCE, fitFades, HEX_COLOUR, MAX_TIMELINE_US, newClip, newTrack, pictureAt, sourceAtUs, timelineAtUs } from '../model/project.ts';
import type { AssetId, ClipId, MarkerId, TrackId, TransitionId } from '../model/ids.ts';
import { newClipId, newMarkerId, newTrackId, newTransitionId } from '../model/ids.ts';
import { frameTimeUs, snapToFrameUs, US_PER_SECOND } from '../model/time.ts';
import { qualityBitrate } from '../model/output-format.ts';
import type { DocumentRecord, DocumentSettings, ProjectChange } from './document.ts';
import { withChange } from './document.ts';
import { detachedPairs } from './detached-pair.ts';

/**
 * Editing commands. Each is a pure kernel: it reads the project, never
 * mutates it, and returns the whole records to put and the ids to remove, or
 * `null` when nothing would change or the edit is refused. Clips on a locked
 * track are never changed. Times are integer microseconds; cut points and
 * positions the user picks are snapped to the output frame grid, and a clip
 * is never shorter than one frame.
 */

export type TrackFlag = 'muted' | 'solo' | 'locked' | 'hidden';

export interface ClipSound {
  volume?: number;
  fadeInUs?: number;
  fadeOutUs?: number;
  duckOthers?: boolean;
}

export const MAX_CLIP_VOLUME = 2;

// ---------------------------------------------------------------------------
// Helpers

function fpsOf(project: Project): number {
  const fps = project.output.fps;
  return Number.isFinite(fps) && fps > 0 ? fps : 30;
}

/**
 * One frame, as a length: frame boundaries are rounded to whole microseconds,
 * so consecutive ones are floor(1e6 / fps) or one more apart (33366 or 33367
 * at 29.97); the shorter gap still counts as a frame.
 */
function minClipUs(fps: number): number {
  return Math.max(1, Math.floor(US_PER_SECOND / fps));
}

/** The last frame boundary at or before `us`. */
function floorToFrameUs(us: number, fps: number): number {
  let i = Math.floor((us * fps) / US_PER_SECOND);
  while (frameTimeUs(i + 1, fps) <= us) i++;
  while (frameTimeUs(i, fps) > us) i--;
  return frameTimeUs(i, fps);
}

/** The first frame boundary at or after `us`. */
function ceilToFrameUs(us: number, fps: number): number {
  let i = Math.ceil((us * fps) / US_PER_SECOND);
  while (frameTimeUs(i - 1, fps) >= us) i--;
  while (frameTimeUs(i, fps) < us) i++;
  return frameTimeUs(i, fps);
}

const trackById = (project: Project, id: string): Track | undefined => project.tracks.find((t) => t.id === id);
const assetById = (project: Project, id: string): Asset | undefined => project.assets.find((a) => a.id === id);
const clipById = (project: Project, id: string): Clip | undefined => project.clips.find((c) => c.id === id);

/** A clip may be changed unless its track is locked. */
function isEditable(project: Project, clip: Clip): boolean {
  return trackById(project, clip.trackId)?.locked !== true;
}

/** The existing, editable clips among `ids`, in project order. */
function editableClips(project: Project, ids: Iterable<ClipId>): Clip[] {
  const wanted = new Set<string>(ids);
  return project.clips.filter((c) => wanted.has(c.id) && isEditable(project, c));
}

/** The existing, editable clips among `ids` and their editable detached pairs (see detached-pair.ts), for a cut both must take alike. */
function editableClipsAndPairs(project: Project, ids: Iterable<ClipId>): Clip[] {
  const clips = editableClips(project, ids);
  return editableClips(project, [...clips, ...clips.flatMap((c) => detachedPairs(project, c))].map((c) => c.id));
}

function editableClip(project: Project, id: ClipId): Clip | undefined {
  const clip = clipById(project, id);
  return clip && isEditable(project, clip) ? clip : undefined;
}

/** Video tracks take clips with pictures; audio tracks take anything with pictures or sound. */
function trackAccepts(track: Track, asset: Asset): boolean {
  return track.kind === 'video' ? asset.hasVideo : asset.hasVideo || asset.hasAudio;
}

/** Cuts `clip` at timeline time `at` (already snapped); null unless both halves are at least a frame. */
function cutClip(clip: Clip, at: number, fps: number): [Clip, Clip] | null {
  const start = clip.startUs;
  const end = clipEndUs(clip);
  const min = minClipUs(fps);
  if (at - start < min || end - at < min) return null;
  const cutInUs = sourceAtUs(clip, at);
  const left: Clip = { ...clip, outUs: cutInUs, fadeInUs: Math.min(clip.fadeInUs, at - start), fadeOutUs: 0 };
  const right: Clip = { ...clip, id: newClipId(), startUs: at, inUs: cutInUs, fadeInUs: 0, fadeOutUs: Math.min(clip.fadeOutUs, end - at) };
  const pictures = cutPicture(clip, cutInUs, at - start, end - at);
  return pictures ? [{ ...left, picture: pictures[0] }, { ...right, picture: pictures[1] }] : [left, right];
}

/**
 * A picture's halves at a cut (source time `cutInUs`), as the whole played
 * them: the fade-in stays on the left and the fade-out on the right (each
 * within its half), and a moving picture's scale and centre at the cut end
 * the left half's motion and start the right's. Null for a clip placed as imported.
 */
function cutPicture(clip: Clip, cutInUs: number, leftUs: number, rightUs: number): [Partial<ClipPicture>, Partial<ClipPicture>] | null {
  const picture = clip.picture;
  if (!picture) return null;
  const left: Partial<ClipPicture> = { ...picture };
  const right: Partial<ClipPicture> = { ...picture };
  if (picture.fadeInUs !== undefined) [left.fadeInUs, right.fadeInUs] = [Math.min(picture.fadeInUs, leftUs), 0];
  if (picture.fadeOutUs !== undefined) [left.fadeOutUs, right.fadeOutUs] = [0, Math.min(picture.fadeOutUs, rightUs)];
  if (picture.end) {
    const { scale, x, y } = pictureAt(clip, cutInUs);
    left.end = { scale, x, y };
    Object.assign(right, { scale, x, y });
  }
  return [left, right];
}

/** A clip's picture held still as it stands at source time `sourceUs` (a freeze frame's): a moving one stopped where it has got to, without the clip's fades. */
function stillPicture(clip: Clip, sourceUs: number): Partial<ClipPicture> | undefined {
  if (!clip.picture) return undefined;
  const still = { ...clip.picture };
  delete still.fadeInUs;
  delete still.fadeOutUs;
  delete still.end;
  if (!clip.picture.end) return still;
  const { scale, x, y } = pictureAt(clip, sourceUs);
  return { ...still, scale, x, y };
}

/** Sorted, merged copies of half-open spans. */
function mergeSpans(spans: [number, number][]): [number, number][] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** How much of the merged spans lies before `us`. */
function coveredBefore(merged: [number, number][], us: number): number {
  let total = 0;
  for (const [s, e] of merged) {
    if (s >= us) break;
    total += Math.min(e, us) - s;
  }
  return total;
}

const change = (put: ProjectChange['put'], remove?: string[]): ProjectChange => (remove ? { put, remove } : { put });

/**
 * Changes applied one after another to a working copy of the project, for a
 * command made of others: `result` is them all as one change, each record as
 * it was last put (a track added twice puts the settings record twice).
 */
export class ChangeSequence {
  private readonly put = new Map<string, DocumentRecord>();
  private readonly removed = new Set<string>();
  constructor(public project: Project) {}

  apply(next: ProjectChange | null): boolean {
    if (!next) return false;
    this.project = withChange(this.project, next);
    for (const id of next.remove ?? []) {
      this.put.delete(id);
      this.removed.add(id);
    }
    for (const record of next.put ?? []) {
      this.put.set(record.id, record);
      this.removed.delete(record.id);
    }
    return true;
  }

  result(): ProjectChange | null {
    if (this.put.size === 0 && this.removed.size === 0) return null;
    return this.removed.size > 0 ? change([...this.put.values()], [...this.removed]) : change([...this.put.values()]);
  }
}

// ---------------------------------------------------------------------------
// Clips

/** Places the whole asset on a track at `startUs` (frame-snapped, ≥ 0). */
export function addClip(project: Project, assetId: AssetId, trackId: TrackId, startUs: number): ProjectChange | null {
  const asset = assetById(project, assetId);
  const track = trackById(project, trackId);
  if (!asset || !track || track.locked || !trackAccepts(track, asset) || !Number.isFinite(startUs)) return null;
  const fps = fpsOf(project);
  const outUs = Math.floor(asset.durationUs);
  if (!(outUs >= minClipUs(fps))) return null;
  const clip = newClip({ id: newClipId(), assetId, trackId, startUs: Math.max(0, snapToFrameUs(startUs, fps)), inUs: 0, outUs });
  return change([clip]);
}

/** Cuts a clip at the frame-snapped `atUs`: the left half keeps the id and fade-in, the right gets a new id and the fade-out. */
export function splitClip(project: Project, clipId: ClipId, atUs: number): ProjectChange | null {
  const clip = editableClip(project, clipId);
  if (!clip || !Number.isFinite(atUs)) return null;
  const fps = fpsOf(project);
  const halves = cutClip(clip, snapToFrameUs(atUs, fps), fps);
  return halves ? change([...halves, ...transitionsFollowing(project, halves)]) : null;
}

/** A split clip's outgoing transition now leaves from its right half (the left keeps the id but no longer meets the next clip). */
function transitionsFollowing(project: Project, halves: readonly Clip[]): Transition[] {
  const [left, right] = halves;
  if (!left || !right) return [];
  return project.transitions.filter((t) => t.fromClipId === left.id).map((t) => ({ ...t, fromClipId: right.id }));
}

/** Splits every clip under `atUs` on unlocked tracks, or only those of `clipIds` (with their detached pairs) that are under it. */
export function splitAt(project: Project, atUs: number, clipIds?: Iterable<ClipId>): ProjectChange | null {
  if (!Number.isFinite(atUs)) return null;
  const candidates = clipIds ? editableClipsAndPairs(project, clipIds) : project.clips.filter((c) => isEditable(project, c));
  return cutClipsAt(project, snapToFrameUs(atUs, fpsOf(project)), candidates);
}

/** Cuts those of `clips` that are under `at`, taken as it is (a freeze frame's may be off the grid). */
function cutClipsAt(project: Project, at: number, clips: readonly Clip[]): ProjectChange | null {
  const fps = fpsOf(project);
  const put: (Clip | Transition)[] = [];
  for (const clip of clips) {
    const halves = cutClip(clip, at, fps);
    if (halves) put.push(...halves, ...transitionsFollowing(project, halves));
  }
  return put.length > 0 ? change(put) : null;
}

/**
 * Shifts clips by `deltaUs`, rigidly: the earliest start lands on the frame
 * grid (and not before 0) and every other clip moves by the same amount. With
 * `targetTrackId` they all go to that track, if it is unlocked and takes every
 * one of them (video tracks only clips with pictures).
 */
/**
 * Moves clips by `deltaUs` (optionally onto another track). The group lands on
 * the frame grid, unless `exact` (a snap to another clip's edge, which may be
 * off the grid: the clips must then meet exactly, with no sliver of a gap).
 */
export function moveClips(project: Project, clipIds: Iterable<ClipId>, deltaUs: number, targetTrackId?: TrackId, exact = false): ProjectChange | null {
  if (!Number.isFinite(deltaUs)) return null;
  const clips = editableClips(project, clipIds);
  if (clips.length === 0) return null;
  let target: Track | undefined;
  if (targetTrackId !== undefined) {
    target = trackById(project, targetTrackId);
    if (!target || target.locked) return null;
    for (const clip of clips) {
      const asset = assetById(project, clip.assetId);
      if (!asset || !trackAccepts(target, asset)) return null;
    }
  }
  const earliest = clips.reduce((min, c) => Math.min(min, c.startUs), Infinity);
  // A timeline is at most a day long (as a project file may say): no clip is moved to end past that.
  const room = MAX_TIMELINE_US - clips.reduce((max, c) => Math.max(max, clipEndUs(c)), 0);
  const delta = deltaUs === 0 ? 0 : Math.min(Math.max(0, room), Math.max(0, exact ? Math.round(earliest + deltaUs) : snapToFrameUs(earliest + deltaUs, fpsOf(project))) - earliest);
  const put: Clip[] = [];
  for (const clip of clips) {
    const trackId = target ? target.id : clip.trackId;
    if (delta === 0 && trackId === clip.trackId) continue;
    put.push({ ...clip, startUs: clip.startUs + delta, trackId });
  }
  return put.length > 0 ? change(put) : null;
}

/**
 * Moves one edge of a clip to the frame-snapped `toUs`, the other edge staying
 * put. Clamped to the source media, to the timeline start and to one frame.
 * Fades are shortened if the clip becomes shorter than them (the moved edge's first).
 */
export function trimClip(project: Project, clipId: ClipId, edge: 'start' | 'end', toUs: number): ProjectChange | null {
  const clip = editableClip(project, clipId);
  if (!clip || !Number.isFinite(toUs)) return null;
  const asset = assetById(project, clip.assetId);
  if (!asset) return null;
  const fps = fpsOf(project);
  const min = minClipUs(fps);
  const start = clip.startUs;
  const end = clipEndUs(clip);
  const to = snapToFrameUs(toUs, fps);
  if (edge === 'start') {
    const earliest = Math.max(0, timelineAtUs(clip, 0));
    const newStart = Math.max(earliest, Math.min(to, floorToFrameUs(end - min, fps)));
    if (end - newStart < min || newStart === start) return null;
    return change([fitFades({ ...clip, startUs: newStart, inUs: Math.max(0, sourceAtUs(clip, newStart)) }, 'out')]);
  }
  const latest = timelineAtUs(clip, Math.floor(asset.durationUs));
  const newEnd = Math.min(latest, Math.max(to, ceilToFrameUs(start + min, fps)));
  if (newEnd - start < min || newEnd === end) return null;
  return change([fitFades({ ...clip, outUs: Math.min(Math.floor(asset.durationUs), sourceAtUs(clip, newEnd)) }, 'in')]);
}

/** Moves the same edge of each clip by `deltaUs` (the keyboard's trim), with trimClip's clamps for each; null when none changed. */
export function trimClipsBy(project: Project, clipIds: Iterable<ClipId>, edge: 'start' | 'end', deltaUs: number): ProjectChange | null {
  const put: DocumentRecord[] = [];
  for (const clip of editableClips(project, clipIds)) {
    const edgeUs = edge === 'start' ? clip.startUs : clipEndUs(clip);
    put.push(...(trimClip(project, clip.id, edge, edgeUs + deltaUs)?.put ?? []));
  }
  return put.length > 0 ? change(put) : null;
}

/**
 * Cuts off what lies before (edge 'start') or after ('end') the frame-snapped
 * `atUs` from the clips under it: the given ones (with their detached pairs),
 * or every clip there (the keyboard's Q and W, as in CapCut and Premiere). The
 * gap stays, unless `ripple` (Shift+Q, Shift+W): then the clip and what follows
 * it on its track move earlier by as much as was cut, closing it (on its
 * pair's track alike). Null when no clip is under that time.
 */
export function trimClipsTo(project: Project, edge: 'start' | 'end', atUs: number, clipIds?: Iterable<ClipId>, ripple = false): ProjectChange | null {
  if (!Number.isFinite(atUs)) return null;
  const at = snapToFrameUs(atUs, fpsOf(project));
  const candidates = clipIds ? editableClipsAndPairs(project, clipIds) : project.clips.filter((c) => isEditable(project, c));
  const steps = new ChangeSequence(project);
  for (const { id } of candidates) {
    const clip = clipById(steps.project, id)!;
    const [start, end] = [clip.startUs, clipEndUs(clip)];
    if (!(start < at && at < end) || !steps.apply(trimClip(steps.project, id, edge, at)) || !ripple) continue;
    const trimmed = clipById(steps.project, id)!;
    const cutUs = edge === 'start' ? trimmed.startUs - start : end - clipEndUs(trimmed);
    const following = steps.project.clips.filter((c) => c.trackId === clip.trackId && c.id !== id && c.startUs >= end).map((c) => c.id);
    steps.apply(moveClips(steps.project, edge === 'start' ? [id, ...following] : following, -cutUs));
  }
  return steps.result();
}

/** Removes clips (those on locked tracks stay). */
export function deleteClips(project: Project, clipIds: Iterable<ClipId>): ProjectChange | null {
  const doomed = editableClips(project, clipIds);
  return doomed.length > 0 ? { remove: doomed.map((c) => c.id) } : null;
}

/**
 * Removes clips, with their detached pairs, and closes up behind them: on each
 * track that lost a clip, every remaining clip moves left by however much
 * deleted time lay before its start. Other tracks are untouched.
 */
export function rippleDelete(project: Project, clipIds: Iterable<ClipId>): ProjectChange | null {
  const doomed = editableClipsAndPairs(project, clipIds);
  if (doomed.length === 0) return null;
  const doomedIds = new Set<string>(doomed.map((c) => c.id));
  const spansByTrack = new Map<string, [number, number][]>();
  for (const clip of doomed) {
    const spans = spansByTrack.get(clip.trackId) ?? [];
    spans.push([clip.startUs, clipEndUs(clip)]);
    spansByTrack.set(clip.trackId, spans);
  }
  const merged = new Map<string, [number, number][]>();
  for (const [trackId, spans] of spansByTrack) merged.set(trackId, mergeSpans(spans));
  const put: Clip[] = [];
  for (const clip of project.clips) {
    const spans = merged.get(clip.trackId);
    if (!spans || doomedIds.has(clip.id)) continue;
    const shift = coveredBefore(spans, clip.startUs);
    if (shift > 0) put.push({ ...clip, startUs: clip.startUs - shift });
  }
  return put.length > 0 ? change(put, [...doomedIds]) : { remove: [...doomedIds] };
}

/**
 * If `atUs` is in empty space on the track with a clip after it (between two
 * clips, or before the first), moves every clip after that gap left by its
 * length. The tracks of those clips' detached pairs (unless locked) close the
 * same span alike, so the two stay in step; where one has something in that
 * span, it could not, and nothing closes.
 */
export function closeGap(project: Project, trackId: TrackId, atUs: number): ProjectChange | null {
  const track = trackById(project, trackId);
  const gap = gapAt(project, trackId, atUs);
  if (!track || track.locked || !gap) return null;
  const [gapStart, gapEnd] = [gap.startUs, gap.endUs];
  const clips = project.clips.filter((c) => c.trackId === trackId);
  const shift = gapEnd - gapStart;
  // This track and those of its later clips' detached pairs; the gap's span is empty on this one by construction.
  const closing = new Set(editableClipsAndPairs(project, clips.filter((c) => c.startUs >= gapEnd).map((c) => c.id)).map((c) => c.trackId));
  if (project.clips.some((c) => closing.has(c.trackId) && c.startUs < gapEnd && clipEndUs(c) > gapStart)) return null;
  const put = project.clips.filter((c) => closing.has(c.trackId) && c.startUs >= gapEnd).map((c) => ({ ...c, startUs: c.startUs - shift }));
  return change(put);
}

/** The empty span of a track around `atUs` with a clip after it (a gap to close), or null. */
export function gapAt(project: Project, trackId: TrackId, atUs: number): { startUs: number; endUs: number } | null {
  if (!Number.isFinite(atUs) || atUs < 0) return null;
  let startUs = 0;
  let endUs = Infinity;
  for (const clip of project.clips) {
    if (clip.trackId !== trackId) continue;
    const end = clipEndUs(clip);
    if (clip.startUs <= atUs && atUs < end) return null;
    if (end <= atUs) startUs = Math.max(startUs, end);
    else endUs = Math.min(endUs, clip.startUs);
  }
  return endUs === Infinity || endUs <= startUs ? null : { startUs, endUs };
}

/** Copies of the clips (new ids), on the same tracks, starting where the last of them ends, keeping their relative offsets. */
export function duplicateClips(project: Project, clipIds: Iterable<ClipId>): ProjectChange | null {
  const clips = editableClips(project, clipIds);
  if (clips.length === 0) return null;
  const first = clips.reduce((min, c) => Math.min(min, c.startUs), Infinity);
  const last = clips.reduce((max, c) => Math.max(max, clipEndUs(c)), -Infinity);
  const offset = last - first;
  const put: DocumentRecord[] = [];
  for (const clip of clips) {
    const title = copyOfTitle(project, clip.assetId);
    if (title) put.push(title);
    put.push({ ...clip, id: newClipId(), assetId: title?.id ?? clip.assetId, startUs: clip.startUs + offset });
  }
  return { put };
}

/**
 * Pastes copied clips at `atUs`, keeping their trims, settings and relative
 * offsets. `assets` are the copied clips' assets as they were when copied, so
 * clips copied in another project paste too: an asset this project lacks is
 * added (its media is in the shared library), and a track it lacks becomes its
 * first unlocked track that takes the clip. Titles get their own words.
 */
export function pasteClips(project: Project, clips: readonly Clip[], assets: readonly Asset[], atUs: number): ProjectChange | null {
  if (clips.length === 0 || !Number.isFinite(atUs)) return null;
  const earliest = Math.min(...clips.map((c) => c.startUs));
  let current = project;
  const put: DocumentRecord[] = [];
  for (const original of clips) {
    const source = assetById(current, original.assetId) ?? assets.find((a) => a.id === original.assetId);
    if (!source) continue;
    const title = source.text ? { ...source, id: newTitleId() } : undefined;
    const added = title ?? (assetById(current, source.id) ? undefined : source);
    const asset = title ?? source;
    const withAsset = added ? { ...current, assets: [...current.assets, added] } : current;
    const own = trackById(withAsset, original.trackId);
    const track = own && !own.locked && trackAccepts(own, asset) ? own : withAsset.tracks.find((t) => !t.locked && trackAccepts(t, asset));
    const placed = track ? addClip(withAsset, asset.id, track.id, atUs + original.startUs - earliest) : null;
    const at = placed?.put?.find((record): record is Clip => record.id.startsWith('clip:'));
    if (!track || !at) continue;
    if (added) put.push(added);
    current = withAsset;
    // addClip places the whole asset with default settings: only its id and (frame-snapped) start are taken.
    put.push({ ...original, id: at.id, startUs: at.startUs, assetId: asset.id, trackId: track.id });
  }
  return put.length > 0 ? { put } : null;
}

/** A fresh id for a title's asset. */
export const newTitleId = () => `asset:title-${newClipId().slice(5)}` as const;

/** A title's asset under a new id, for a copied clip: its own words to edit (clips of media share theirs). Undefined for media. */
export function copyOfTitle(project: Project, assetId: Asset['id']): Asset | undefined {
  const title = project.assets.find((a) => a.id === assetId && a.text);
  return title ? { ...title, id: newTitleId() } : undefined;
}

/** Shows a different part of the source in the same place: inUs and outUs shift by the frame-snapped delta, clamped to the source. */
export function slipClip(project: Project, clipId: ClipId, deltaUs: number): ProjectChange | null {
  const clip = editableClip(project, clipId);
  if (!clip || !Number.isFinite(deltaUs)) return null;
  const asset = assetById(project, clip.assetId);
  if (!asset) return null;
  const wanted = snapToFrameUs(deltaUs, fpsOf(project));
  const delta = Math.max(-clip.inUs, Math.min(wanted, Math.floor(asset.durationUs) - clip.outUs));
  if (delta === 0) return null;
  return change([{ ...clip, inUs: clip.inUs + delta, outUs: clip.outUs + delta }]);
}

/**
 * Sets volume (clamped to 0–2) and fades (whole µs, ≥ 0, together no longer
 * than the clip). A fade being set yields to the other, unchanged one; if both
 * are set, the fade-in is fitted first.
 */
export function setClipSound(project: Project, clipId: ClipId, sound: ClipSound): ProjectChange | null {
  const clip = editableClip(project, clipId);
  if (!clip) return null;
  const given = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);
  const dur = Math.max(0, clipDurationUs(clip));
  const volume = given(sound.volume) ? Math.min(MAX_CLIP_VOLUME, Math.max(0, sound.volume)) : clip.volume;
  const inGiven = given(sound.fadeInUs);
  const outGiven = given(sound.fadeOutUs);
  let fadeInUs = given(sound.fadeInUs) ? Math.max(0, Math.round(sound.fadeInUs)) : clip.fadeInUs;
  let fadeOutUs = given(sound.fadeOutUs) ? Math.max(0, Math.round(sound.fadeOutUs)) : clip.fadeOutUs;
  if (inGiven && !outGiven) {
    fadeOutUs = Math.min(fadeOutUs, dur);
    fadeInUs = Math.min(fadeInUs, dur - fadeOutUs);
  } else {
    fadeInUs = Math.min(fadeInUs, dur);
    fadeOutUs = Math.min(fadeOutUs, dur - fadeInUs);
  }
  const duck = sound.duckOthers ?? clip.duckOthers === true;
  if (volume === clip.volume && fadeInUs === clip.fadeInUs && fadeOutUs === clip.fadeOutUs && duck === (clip.duckOthers === true)) return null;
  const next: Clip = { ...clip, volume, fadeInUs, fadeOutUs, duckOthers: true };
  if (!duck) delete next.duckOthers;
  return change([next]);
}

/** How long a freeze frame holds, as in CapCut. */
export const FREEZE_FRAME_US = 3_000_000;

/**
 * Holds a clip's frame at `atUs` for `durationUs`, as an insert edit: the clip
 * is split there, and `still` (that frame, imported as an image) fills the gap
 * with the clip's own picture settings, held still as they stand there (no
 * fades, a slow zoom or pan stopped). Every unlocked track makes room: what
 * starts there or later moves later by the hold's length, and a clip across
 * that point is split there, its second part moving, so what plays with the
 * clip (its detached sound, music, titles) stays in step after the hold.
 * Locked tracks stay as they are, as every edit leaves them, and markers stay
 * where they are, as ripple delete and Shift+Q/W leave them. Where the clip
 * cannot be split (a sliver past its last frame) the hold follows it. One change.
 */
export function insertFreezeFrame(project: Project, clipId: ClipId, atUs: number, still: Asset, durationUs = FREEZE_FRAME_US): ProjectChange | null {
  const clip = editableClip(project, clipId);
  if (!clip || !Number.isFinite(atUs) || !Number.isFinite(durationUs)) return null;
  const fps = fpsOf(project);
  let at = snapToFrameUs(atUs, fps);
  if (at < clip.startUs || at >= clipEndUs(clip)) return null;
  const lengthUs = Math.max(minClipUs(fps), snapToFrameUs(Math.min(durationUs, still.durationUs), fps));
  const steps = new ChangeSequence(project);
  if (at > clip.startUs && !steps.apply(splitAt(steps.project, at, [clip.id]))) at = clipEndUs(clip);
  steps.apply(cutClipsAt(steps.project, at, steps.project.clips.filter((c) => isEditable(steps.project, c))));
  // Exactly the hold's length, not to the frame grid: everything moved keeps in step with the clip's second part.
  steps.apply(moveClips(steps.project, steps.project.clips.filter((c) => c.startUs >= at).map((c) => c.id), lengthUs, undefined, true));
  if (!assetById(steps.project, still.id)) steps.apply(change([still]));
  const hold = newClip({ id: newClipId(), assetId: still.id, trackId: clip.trackId, startUs: at, inUs: 0, outUs: lengthUs });
  const picture = stillPicture(clip, Math.min(sourceAtUs(clip, at), clip.outUs));
  steps.apply(change([picture ? { ...hold, picture } : hold]));
  return steps.result();
}

/**
 * The first unlocked audio track with nothing on it over [fromUs, toUs), muted
 * or not as asked, or a new one below the others (`added`, to apply first).
 */
function freeAudioTrack(project: Project, fromUs: number, toUs: number, muted = false): { track: Track; added: ProjectChange | null } {
  const isFree = (track: Track) => !project.clips.some((c) => c.trackId === track.id && c.startUs < toUs && clipEndUs(c) > fromUs);
  const track = project.tracks.find((t) => t.kind === 'audio' && !t.locked && t.muted === muted && isFree(t));
  if (track) return { track, added: null };
  const added = addTrack(project, 'audio');
  const put = (added.put ?? []).map((record) => (record.id.startsWith('track:') ? { ...(record as Track), muted } : record));
  return { track: put.find((record): record is Track => record.id.startsWith('track:'))!, added: { put } };
}

/** Places the whole asset (a voice-over) at `startUs` on an audio track free for its length, a new one if none is; the asset record too if the project lacks it. */
export function addClipOnFreeAudioTrack(project: Project, asset: Asset, startUs: number): ProjectChange | null {
  const known = assetById(project, asset.id);
  const withAsset: Project = known ? project : { ...project, assets: [...project.assets, asset] };
  const { track, added } = freeAudioTrack(withAsset, startUs, startUs + asset.durationUs);
  const clip = addClip(added ? withChange(withAsset, added) : withAsset, asset.id, track.id, startUs);
  if (!clip) return null;
  return change([...(known ? [] : [asset]), ...(added?.put ?? []), ...(clip.put ?? [])]);
}

/**
 * Gives the sound of clips with picture and sound a clip of its own on an
 * audio track, to be cut, moved and faded apart from the picture: the same
 * span, speed, volume, fades and ducking, on the first unlocked audio track free over
 * that time (a new track below the others when none is), with the
 * transitions between them (the sound's crossfades); the picture's own clip
 * is turned to volume 0. One change for all.
 */
export function detachSound(project: Project, clipIds: Iterable<ClipId>): ProjectChange | null {
  const detachable = editableClips(project, clipIds).filter((clip) => {
    const asset = assetById(project, clip.assetId);
    return asset?.hasVideo === true && asset.hasAudio && trackById(project, clip.trackId)?.kind === 'video' && clip.volume > 0;
  });
  if (detachable.length === 0) return null;
  const steps = new ChangeSequence(project);
  const soundOf = new Map<string, Clip>();
  for (const clip of detachable) {
    // Sound detached from a muted track stays unheard: it goes to a muted audio track.
    const { track, added } = freeAudioTrack(steps.project, clip.startUs, clipEndUs(clip), trackById(project, clip.trackId)?.muted === true);
    steps.apply(added);
    const sound: Clip = {
      ...newClip({ id: newClipId(), assetId: clip.assetId, trackId: track.id, startUs: clip.startUs, inUs: clip.inUs, outUs: clip.outUs }),
      volume: clip.volume,
      fadeInUs: clip.fadeInUs,
      fadeOutUs: clip.fadeOutUs,
      ...(clip.speed === undefined ? {} : { speed: clip.speed }),
      // Ducking goes with the sound: the silent picture lowers nothing (a ducker must be heard).
      ...(clip.duckOthers ? { duckOthers: true } : {}),
    };
    const picture: Clip = { ...clip, volume: 0 };
    delete picture.duckOthers;
    steps.apply(change([sound, picture]));
    soundOf.set(clip.id, sound);
  }
  // The sound followed the picture's transitions (a crossfade of the two sounds): the detached sounds keep them where they still meet.
  for (const transition of project.transitions) {
    const from = soundOf.get(transition.fromClipId);
    const to = soundOf.get(transition.toClipId);
    if (from && to && from.trackId === to.trackId && clipEndUs(from) === to.startUs) {
      steps.apply(change([{ ...transition, id: newTransitionId() as TransitionId, fromClipId: from.id, toClipId: to.id }]));
    }
  }
  return steps.result();
}

/** The loudness YouTube, Spotify and Apple Music play at: what "Normalize loudness" aims for. */
export const LOUDNESS_TARGET_LUFS = -14;

/**
 * Sets each clip's volume so its sound plays at `targetLufs`, as near as the
 * volume range allows (+6 dB at most; the mix's limiter keeps the peaks in).
 * `lufsOf` gives a clip's loudness at volume 1; clips it has none for (no
 * sound, silence, analysis not done) keep theirs, and a clip at volume 0 stays
 * silent (turned off, or its sound detached to a clip of its own). One change for all.
 */
export function normalizeLoudness(project: Project, clipIds: Iterable<ClipId>, lufsOf: (clip: Clip) => number | null | undefined, targetLufs = LOUDNESS_TARGET_LUFS): ProjectChange | null {
  const put: Clip[] = [];
  for (const clip of editableClips(project, clipIds)) {
    if (clip.volume === 0) continue;
    const lufs = lufsOf(clip);
    if (lufs === null || lufs === undefined || !Number.isFinite(lufs)) continue;
    const volume = Math.min(MAX_CLIP_VOLUME, Math.round(10 ** ((targetLufs - lufs) / 20) * 10_000) / 10_000);
    if (volume !== clip.volume) put.push({ ...clip, volume });
  }
  return put.length > 0 ? change(put) : null;
}

// ---------------------------------------------------------------------------
// Markers

/** A marker at the frame-snapped time (≥ 0); null if one is already there. */
export function addMarker(project: Project, atUs: number, label = ''): ProjectChange | null {
  if (!Number.isFinite(atUs)) return null;
  const timeUs = Math.max(0, snapToFrameUs(atUs, fpsOf(project)));
  if (project.markers.some((m) => m.timeUs === timeUs)) return null;
  const marker: Marker = { id: newMarkerId(), timeUs, label };
  return change([marker]);
}

export function removeMarker(project: Project, markerId: MarkerId): ProjectChange | null {
  return project.markers.some((m) => m.id === markerId) ? { remove: [markerId] } : null;
}

// ---------------------------------------------------------------------------
// Tracks

/** Sets mute, solo, lock or hide (a locked track can still be unlocked). */
export function setTrackFlag(project: Project, trackId: TrackId, flag: TrackFlag, value: boolean): ProjectChange | null {
  const track = trackById(project, trackId);
  if (!track || track[flag] === value) return null;
  return change([{ ...track, [flag]: value }]);
}

/**
 * Removes a track with its clips (and their transitions). A locked track
 * stays, and so does the last video track (pictures need one).
 */
export function removeTrack(project: Project, trackId: TrackId): ProjectChange | null {
  const track = trackById(project, trackId);
  if (!track || track.locked) return null;
  if (track.kind === 'video' && project.tracks.filter((t) => t.kind === 'video').length === 1) return null;
  const clipIds = new Set(project.clips.filter((c) => c.trackId === trackId).map((c) => c.id));
  const transitions = project.transitions.filter((t) => clipIds.has(t.fromClipId) || clipIds.has(t.toClipId)).map((t) => t.id);
  const settings: DocumentSettings = { id: 'document', name: project.name, output: project.output, trackOrder: project.tracks.filter((t) => t.id !== trackId).map((t) => t.id) };
  return change([settings], [trackId, ...clipIds, ...transitions]);
}

/** A new empty track: video goes above the video tracks, audio below the audio tracks. */
export function addTrack(project: Project, kind: 'video' | 'audio'): ProjectChange {
  const base = kind === 'video' ? 'Video' : 'Audio';
  const names = new Set(project.tracks.map((t) => t.name));
  let n = project.tracks.filter((t) => t.kind === kind).length + 1;
  while (names.has(`${base} ${n}`)) n++;
  const track = newTrack(newTrackId(), kind, `${base} ${n}`);
  const order: TrackId[] = project.tracks.map((t) => t.id);
  if (kind === 'video') {
    const firstVideo = project.tracks.findIndex((t) => t.kind === 'video');
    order.splice(firstVideo < 0 ? 0 : firstVideo, 0, track.id);
  } else {
    const lastAudio = project.tracks.findLastIndex((t) => t.kind === 'audio');
    order.splice(lastAudio < 0 ? order.length : lastAudio + 1, 0, track.id);
  }
  const settings: DocumentSettings = { id: 'document', name: project.name, output: project.output, trackOrder: order };
  return change([track, settings]);
}

/** Changes output settings (size, frame rate, background); sizes are made even, the frame rate kept in 1–240. */
export function setOutput(project: Project, change: Partial<Pick<Project['output'], 'width' | 'height' | 'fps' | 'background' | 'container' | 'videoCodec' | 'audioCodec' | 'videoBitrate'>>): ProjectChange | null {
  const even = (n: number) => Math.max(16, Math.min(8192, Math.round(n / 2) * 2));
  const output = { ...project.output };
  if (change.width !== undefined && Number.isFinite(change.width)) output.width = even(change.width);
  if (change.height !== undefined && Number.isFinite(change.height)) output.height = even(change.height);
  if (change.fps !== undefined && Number.isFinite(change.fps)) output.fps = Math.min(240, Math.max(1, change.fps));
  if (change.background !== undefined && /^#[0-9a-f]{6}$/i.test(change.background)) output.background = change.background.toLowerCase();
  if (change.container === 'mp4' || change.container === 'webm' || change.container === 'm4a') output.container = change.container;
  if (change.videoCodec && (['avc', 'hevc', 'av1', 'vp9', 'vp8'] as const).includes(change.videoCodec)) output.videoCodec = change.videoCodec;
  if (change.audioCodec === 'auto' || change.audioCodec === 'aac' || change.audioCodec === 'opus') output.audioCodec = change.audioCodec;
  // A bitrate is a choice of quality; `undefined` in the change leaves it, and 0 goes back to the default for the size.
  if (change.videoBitrate !== undefined && Number.isFinite(change.videoBitrate)) {
    if (change.videoBitrate > 0) output.videoBitrate = Math.round(Math.min(500_000_000, Math.max(100_000, change.videoBitrate)));
    else delete output.videoBitrate;
  } else if (output.videoBitrate !== undefined) {
    // A quality preset (High, Small file) follows a new size or frame rate; a bitrate of one's own stays as it is.
    const { width, height, fps, videoBitrate } = project.output;
    const preset = (['high', 'small'] as const).find((q) => qualityBitrate(q, width, height, fps) === videoBitrate);
    if (preset) output.videoBitrate = Math.min(500_000_000, qualityBitrate(preset, output.width, output.height, output.fps));
  }
  if (JSON.stringify(output) === JSON.stringify(project.output)) return null;
  const settings: DocumentSettings = { id: 'document', name: project.name, output, trackOrder: project.tracks.map((t) => t.id) };
  return { put: [settings] };
}

/**
 * Sets (or with `kind: null` removes) the transition from a clip into the clip
 * that starts where it ends on its track. Null when there is no such clip.
 */
export function setTransition(project: Project, fromClipId: ClipId, kind: TransitionKind | null, durationUs = 1_000_000): ProjectChange | null {
  const from = project.clips.find((c) => c.id === fromClipId);
  if (!from || !isEditable(project, from)) return null;
  const to = project.clips.find((c) => c.trackId === from.trackId && c.id !== from.id && c.startUs === clipEndUs(from));
  const existing = project.transitions.find((t) => t.fromClipId === fromClipId);
  if (kind === null) return existing ? { remove: [existing.id] } : null;
  if (!to) return null;
  const fps = fpsOf(project);
  const transition: Transition = {
    id: existing?.id ?? (newTransitionId() as TransitionId),
    kind,
    fromClipId,
    toClipId: to.id,
    durationUs: Math.max(frameTimeUs(2, fps), snapToFrameUs(durationUs, fps)),
  };
  return { put: [transition] };
}

/** Adds to a change the removal of transitions whose clips it removes, so none is left dangling. */
export function withTransitionsOfRemovedClips(project: Project, result: ProjectChange | null): ProjectChange | null {
  if (!result?.remove?.length) return result;
  const removed = new Set(result.remove);
  const dangling = project.transitions.filter((t) => removed.has(t.fromClipId) || removed.has(t.toClipId)).map((t) => t.id);
  return dangling.length > 0 ? { ...result, remove: [...result.remove, ...dangling] } : result;
}

const clampTo = (value: number | undefined, min: number, max: number) => (value === undefined || !Number.isFinite(value) ? undefined : Math.min(max, Math.max(min, value)));

/**
 * Gives clips another clip's picture settings whole (placement, crop, colour,
 * key, fades and motion: "paste attributes"), its fades shortened to each
 * clip's length; clips on locked tracks, and the one it came from, keep theirs.
 * Sounds (clips on audio tracks) have no picture to take, and titles take no
 * key: a title's inspector has none to turn off, and keying its colours hides it.
 */
export function pastePicture(project: Project, clipIds: readonly ClipId[], from: Clip): ProjectChange | null {
  const put: Clip[] = [];
  for (const clip of project.clips) {
    if (!clipIds.includes(clip.id) || !isEditable(project, clip) || trackById(project, clip.trackId)?.kind !== 'video') continue;
    const picture: Partial<ClipPicture> = { ...from.picture };
    if (assetById(project, clip.assetId)?.text) delete picture.key;
    const limit = Math.max(0, clipDurationUs(clip));
    if (picture.fadeInUs !== undefined) picture.fadeInUs = Math.min(picture.fadeInUs, limit);
    if (picture.fadeOutUs !== undefined) picture.fadeOutUs = Math.min(picture.fadeOutUs, limit);
    if (JSON.stringify(picture) !== JSON.stringify(clip.picture ?? {})) put.push({ ...clip, picture });
  }
  return put.length > 0 ? { put } : null;
}

/** Changes how a clip's picture is placed and coloured; values are clamped to their ranges, junk ignored. */
export function setClipPicture(project: Project, clipId: ClipId, change: PictureChange): ProjectChange | null {
  const clip = project.clips.find((c) => c.id === clipId);
  if (!clip || !isEditable(project, clip)) return null;
  const picture: Partial<ClipPicture> = { ...clip.picture };
  const set = <K extends Exclude<keyof ClipPicture, 'crop' | 'fit' | 'end' | 'key'>>(key: K, value: number | undefined) => {
    if (value !== undefined) picture[key] = value as ClipPicture[K];
  };
  if (change.fit === 'contain' || change.fit === 'cover') picture.fit = change.fit;
  set('opacity', clampTo(change.opacity, 0, 1));
  set('x', clampTo(change.x, -1, 2));
  set('y', clampTo(change.y, -1, 2));
  set('scale', clampTo(change.scale, 0.05, 10));
  set('rotation', clampTo(change.rotation, -360, 360));
  set('brightness', clampTo(change.brightness, -1, 1));
  set('contrast', clampTo(change.contrast, 0, 2));
  set('saturation', clampTo(change.saturation, 0, 2));
  // Fades in whole µs, each at most the clip's length.
  const fadeLimit = Math.max(0, clipDurationUs(clip));
  set('fadeInUs', clampTo(change.fadeInUs === undefined ? undefined : Math.round(change.fadeInUs), 0, fadeLimit));
  set('fadeOutUs', clampTo(change.fadeOutUs === undefined ? undefined : Math.round(change.fadeOutUs), 0, fadeLimit));
  if (change.crop) {
    const crop = { left: 0, top: 0, right: 0, bottom: 0, ...picture.crop };
    for (const side of ['left', 'top', 'right', 'bottom'] as const) crop[side] = clampTo(change.crop[side], 0, 0.45) ?? crop[side];
    picture.crop = crop;
  }
  if (change.end === null) delete picture.end;
  else if (change.end) {
    const from = clipPicture({ ...clip, picture });
    const end = { scale: from.scale, x: from.x, y: from.y, ...picture.end };
    end.scale = clampTo(change.end.scale, 0.05, 10) ?? end.scale;
    end.x = clampTo(change.end.x, -1, 2) ?? end.x;
    end.y = clampTo(change.end.y, -1, 2) ?? end.y;
    // Ending where it starts is no motion at all.
    if (end.scale === from.scale && end.x === from.x && end.y === from.y) delete picture.end;
    else picture.end = end;
  }
  if (change.key === null) delete picture.key;
  else if (change.key) {
    const color = typeof change.key.color === 'string' && HEX_COLOUR.test(change.key.color) ? change.key.color.toLowerCase() : undefined;
    const key = { color: color ?? picture.key?.color, tolerance: clampTo(change.key.tolerance, 0.01, 0.5) ?? picture.key?.tolerance ?? DEFAULT_KEY_TOLERANCE };
    // A key needs its colour: a tolerance alone, with none set, changes nothing.
    if (key.color) picture.key = { color: key.color, tolerance: key.tolerance };
  }
  if (JSON.stringify(picture) === JSON.stringify(clip.picture ?? {})) return null;
  return { put: [{ ...clip, picture }] };
}

/**
 * Sets a clip's source in and/or out point with its start kept where it is
 * (the inspector's fields): clamped to the media and to at least one frame.
 */
export function setClipSource(project: Project, clipId: ClipId, points: { inUs?: number; outUs?: number }): ProjectChange | null {
  const clip = editableClip(project, clipId);
  if (!clip) return null;
  const fps = fpsOf(project);
  const durationUs = assetById(project, clip.assetId)?.durationUs ?? clip.outUs;
  const minimum = minClipUs(fps);
  let inUs = clip.inUs;
  let outUs = clip.outUs;
  if (points.inUs !== undefined && Number.isFinite(points.inUs)) inUs = Math.max(0, Math.min(snapToFrameUs(points.inUs, fps), outUs - minimum));
  if (points.outUs !== undefined && Number.isFinite(points.outUs)) outUs = Math.min(durationUs, Math.max(snapToFrameUs(points.outUs, fps), inUs + minimum));
  if (inUs === clip.inUs && outUs === clip.outUs) return null;
  // Fades live on the timeline: keep them within the new length.
  return { put: [fitFades({ ...clip, inUs, outUs }, 'out')] };
}

/** Sets a clip's speed (0.25–4×), its start kept: the clip gets shorter or longer on the timeline. */
export function setClipSpeed(project: Project, clipId: ClipId, speed: number): ProjectChange | null {
  const clip = editableClip(project, clipId);
  if (!clip || !Number.isFinite(speed)) return null;
  const next = Math.min(4, Math.max(0.25, Math.round(speed * 100) / 100));
  if (next === (clip.speed ?? 1)) return null;
  const updated: Clip = { ...clip, speed: next };
  // Fades live on the timeline: keep them within the new length.
  return { put: [fitFades(updated, 'out')] };
}

/**
 * Moves every cut on unlocked video tracks to the nearest keyframe of its
 * source, later clips moving by what earlier ones grew or shrank (clips that
 * met still meet, a gap stays), so that the export can copy the video instead
 * of re-encoding it. A clip whose media end is its out point keeps it. Null
 * when nothing moves.
 */
export function snapCutsToKeyframes(project: Project, keyframesOf: (assetId: Clip['assetId']) => readonly number[] | undefined): ProjectChange | null {
  const nearest = (times: readonly number[], us: number) => times.reduce((best, t) => (Math.abs(t - us) < Math.abs(best - us) ? t : best), times[0]!);
  const put: Clip[] = [];
  for (const track of project.tracks.filter((t) => t.kind === 'video' && !t.locked)) {
    const clips = project.clips.filter((c) => c.trackId === track.id).sort((a, b) => a.startUs - b.startUs);
    // Later clips move by what the earlier ones grew or shrank: clips that met still meet, and a gap stays a gap.
    let shiftUs = 0;
    let moved = false;
    const laid = clips.map((clip) => {
      const keyframes = keyframesOf(clip.assetId);
      const durationUs = project.assets.find((a) => a.id === clip.assetId)?.durationUs ?? clip.outUs;
      let { inUs, outUs } = clip;
      if (keyframes && keyframes.length > 0 && clipSpeed(clip) === 1) {
        inUs = nearest(keyframes, clip.inUs);
        const later = keyframes.filter((t) => t > inUs);
        if (clip.outUs < durationUs) outUs = later.length > 0 ? nearest(later, clip.outUs) : durationUs;
      }
      const next = { ...clip, startUs: clip.startUs + shiftUs, inUs, outUs };
      shiftUs += outUs - inUs - (clip.outUs - clip.inUs);
      if (next.startUs !== clip.startUs || inUs !== clip.inUs || outUs !== clip.outUs) moved = true;
      return next;
    });
    if (!moved) continue;
    put.push(...laid);
    // A clip's detached sound is cut and placed as its picture now is, so the two stay in step.
    laid.forEach((next, i) => {
      for (const pair of detachedPairs(project, clips[i]!)) {
        if (trackById(project, pair.trackId)?.kind === 'audio' && isEditable(project, pair)) put.push({ ...pair, startUs: next.startUs, inUs: next.inUs, outUs: next.outUs });
      }
    });
  }
  return put.length > 0 ? change(put) : null;
}
