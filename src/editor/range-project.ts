import { timelineDurationUs, type Project } from '../model/project.ts';
import { splitAt, withTransitionsOfRemovedClips } from './commands.ts';
import { withChange } from './document.ts';
import { snapToFrameUs } from '../model/time.ts';

/**
 * The stretch of the timeline from `startUs` to `endUs` as a project of its
 * own, starting at 0: what "export the marked range" exports. Clips across
 * either end are cut there as S cuts them (picture fades and motion stay
 * continuous, a transition stays with the clips it joins), on every track
 * (locked ones too: locking guards edits, not what is exported).
 */
export function projectInRange(project: Project, markedStartUs: number, markedEndUs: number): Project {
  // S cuts on the frame grid, and I or O pressed during playback marks off it: the range is taken as S would cut it.
  const [startUs, endUs] = [markedStartUs, markedEndUs].map((us) => snapToFrameUs(us, project.output.fps)) as [number, number];
  let current: Project = { ...project, tracks: project.tracks.map((t) => ({ ...t, locked: false })) };
  for (const at of [startUs, endUs]) {
    const cut = splitAt(current, at);
    if (cut) current = withChange(current, cut);
  }
  // What is kept is what starts in the range: a slowed clip's piece cut at the end may end a microsecond past it (its length is rounded from its source's).
  const outside = current.clips.filter((c) => c.startUs < startUs || c.startUs >= endUs).map((c) => c.id);
  const removal = withTransitionsOfRemovedClips(current, { remove: outside });
  if (removal) current = withChange(current, removal);
  return {
    ...current,
    tracks: project.tracks,
    clips: current.clips.map((c) => ({ ...c, startUs: c.startUs - startUs })),
    markers: current.markers.filter((m) => m.timeUs >= startUs && m.timeUs < endUs).map((m) => ({ ...m, timeUs: m.timeUs - startUs })),
    // The range's length, to the timeline's end: a gap at its end is exported too (the background, and silence).
    endUs: Math.max(0, Math.min(endUs, timelineDurationUs(project)) - startUs),
  };
}
