import { clipSpeed, type Clip, type Project } from '../model/project.ts';

/**
 * A clip's Detach sound pair: the same media over the same span at the same
 * speed on another track — its detached sound, or the picture it was detached
 * from. Nothing records the link: a pair is known by playing in step, so
 * edits that cut time (split, Q/W, ripple delete, close gap, Remove pauses)
 * cut both alike and keep them so, while moving or trimming one by hand
 * (a J- or L-cut) leaves them apart.
 */
export function detachedPairs(project: Project, clip: Clip): Clip[] {
  return project.clips.filter((c) => c.trackId !== clip.trackId && c.assetId === clip.assetId && c.startUs === clip.startUs && c.inUs === clip.inUs && c.outUs === clip.outUs && clipSpeed(c) === clipSpeed(clip));
}
