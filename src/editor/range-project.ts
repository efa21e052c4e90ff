import { clipEndUs, type Project } from '../model/project.ts';
import { splitAt, withTransitionsOfRemovedClips } from './commands.ts';
import { withChange } from './document.ts';

/**
 * The stretch of the timeline from `startUs` to `endUs` as a project of its
 * own, starting at 0: what "export the marked range" exports. Clips across
 * either end are cut there as S cuts them (picture fades and motion stay
 * continuous, a transition stays with the clips it joins), on every track
 * (locked ones too: locking guards edits, not what is exported).
 */
export function projectInRange(project: Project, startUs: number, endUs: number): Project {
  let current: Project = { ...project, tracks: project.tracks.map((t) => ({ ...t, locked: false })) };
  for (const at of [startUs, endUs]) {
    const cut = splitAt(current, at);
    if (cut) current = withChange(current, cut);
  }
  const outside = current.clips.filter((c) => c.startUs < startUs || clipEndUs(c) > endUs).map((c) => c.id);
  const removal = withTransitionsOfRemovedClips(current, { remove: outside });
  if (removal) current = withChange(current, removal);
  return {
    ...current,
    tracks: project.tracks,
    clips: current.clips.map((c) => ({ ...c, startUs: c.startUs - startUs })),
    markers: current.markers.filter((m) => m.timeUs >= startUs && m.timeUs < endUs).map((m) => ({ ...m, timeUs: m.timeUs - startUs })),
  };
}
