import type { ClipId } from '../model/ids.ts';
import { clipDurationUs, type Project } from '../model/project.ts';
import { formatTimecode, frameTimeUs, US_PER_SECOND } from '../model/time.ts';
import type { ProjectChange } from '../editor/document.ts';
import { moveClips, trimClipsBy } from '../editor/commands.ts';
import type { ShortcutAction } from './shortcuts.ts';

export type NudgeAction = Extract<
  ShortcutAction,
  'nudgeBack' | 'nudgeForward' | 'nudgeBackSecond' | 'nudgeForwardSecond' | 'trimStartBack' | 'trimStartForward' | 'trimEndBack' | 'trimEndForward' | 'trackUp' | 'trackDown'
>;

/** What each key moves (the whole clips, or one edge) and by how much, earlier (−1) or later (+1). */
const NUDGES: Record<Exclude<NudgeAction, 'trackUp' | 'trackDown'>, { edit: 'move' | 'start' | 'end'; direction: -1 | 1; unit: 'frame' | 'second' }> = {
  nudgeBack: { edit: 'move', direction: -1, unit: 'frame' },
  nudgeForward: { edit: 'move', direction: 1, unit: 'frame' },
  nudgeBackSecond: { edit: 'move', direction: -1, unit: 'second' },
  nudgeForwardSecond: { edit: 'move', direction: 1, unit: 'second' },
  trimStartBack: { edit: 'start', direction: -1, unit: 'frame' },
  trimStartForward: { edit: 'start', direction: 1, unit: 'frame' },
  trimEndBack: { edit: 'end', direction: -1, unit: 'frame' },
  trimEndForward: { edit: 'end', direction: 1, unit: 'frame' },
};

/** A nudge's edit (null when refused) and the words a screen reader says about it. */
export interface Nudge {
  change: ProjectChange | null;
  announcement: string;
}

/**
 * A move or trim key on the given clips, through the commands a drag uses
 * (moveClips, trimClip): locked tracks stay, a clip cannot start before 0 or
 * reach past its media, and keeps one frame. Steps are exact (no snapping to
 * nearby edges: one frame must mean one frame).
 */
export function nudgeClips(project: Project, clipIds: readonly ClipId[], action: NudgeAction): Nudge {
  const clips = project.clips.filter((c) => clipIds.includes(c.id));
  if (clips.length === 0) return { change: null, announcement: 'No clip selected.' };
  if (action === 'trackUp' || action === 'trackDown') return moveToTrack(project, clipIds, action === 'trackUp' ? -1 : 1);
  const { edit, direction, unit } = NUDGES[action];
  const deltaUs = direction * (unit === 'second' ? US_PER_SECOND : frameTimeUs(1, project.output.fps));
  const change = edit === 'move' ? moveClips(project, clipIds, deltaUs) : trimClipsBy(project, clipIds, edit, deltaUs);
  const changed = (change?.put ?? []).filter((r) => clipIds.includes(r.id as ClipId)) as typeof clips;
  const first = changed[0];
  if (!change || !first) return { change: null, announcement: refusal(project, clips, edit, direction) };
  const name = project.assets.find((a) => a.id === first.assetId)?.name ?? 'clip';
  const what = `${edit === 'move' ? 'Moved' : 'Trimmed'}${changed.length > 1 ? ` ${changed.length} clips` : ''}`;
  return { change, announcement: `${what}: ${name} starts ${formatTimecode(first.startUs)}, length ${formatTimecode(clipDurationUs(first))}.` };
}

/**
 * The clips onto the nearest track above (−1) or below (+1) the first one's that takes them all (unlocked, and a video
 * track only for clips with pictures), as a drag across tracks puts them: all on that track, at the same times. Said
 * without their times, which do not change.
 */
function moveToTrack(project: Project, clipIds: readonly ClipId[], direction: -1 | 1): Nudge {
  const clips = project.clips.filter((c) => clipIds.includes(c.id));
  const from = project.tracks.findIndex((t) => t.id === clips[0]!.trackId);
  for (let i = from + direction; i >= 0 && i < project.tracks.length; i += direction) {
    const track = project.tracks[i]!;
    const change = moveClips(project, clipIds, 0, track.id);
    if (change) return { change, announcement: `Moved${clips.length > 1 ? ` ${clips.length} clips` : ''} to ${track.name}.` };
  }
  const locked = new Set(project.tracks.filter((t) => t.locked).map((t) => t.id));
  if (clips.every((c) => locked.has(c.trackId))) return { change: null, announcement: clips.length === 1 ? 'The clip is on a locked track.' : 'The clips are on locked tracks.' };
  return { change: null, announcement: `No track ${direction < 0 ? 'above' : 'below'} takes ${clips.length === 1 ? 'this clip' : 'these clips'}.` };
}

/** Why nothing changed, in words. */
function refusal(project: Project, clips: Project['clips'], edit: 'move' | 'start' | 'end', direction: -1 | 1): string {
  const locked = new Set(project.tracks.filter((t) => t.locked).map((t) => t.id));
  if (clips.every((c) => locked.has(c.trackId))) return clips.length === 1 ? 'The clip is on a locked track.' : 'The clips are on locked tracks.';
  if (edit === 'move') return 'Already at the start of the timeline.';
  const lengthens = (edit === 'start') === (direction < 0);
  if (!lengthens) return 'Cannot trim: one frame is the shortest a clip can be.';
  return edit === 'start' ? 'Cannot start earlier: the media or the timeline begins there.' : 'Cannot end later: the media ends there.';
}
