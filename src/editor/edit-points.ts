import type { Project } from '../model/project.ts';
import { clipEndUs } from '../model/project.ts';

/**
 * Where the playhead stops for ↑ and ↓ (previous and next edit): the start,
 * every clip's start and end on a shown track, and every marker; sorted, each once.
 */
export function editPoints(project: Project): number[] {
  const shown = new Set(project.tracks.filter((t) => !t.hidden).map((t) => t.id));
  const points = new Set<number>([0]);
  for (const clip of project.clips) {
    if (!shown.has(clip.trackId)) continue;
    points.add(clip.startUs);
    points.add(clipEndUs(clip));
  }
  for (const marker of project.markers) points.add(marker.timeUs);
  return [...points].sort((a, b) => a - b);
}

/** The last point before `atUs`, or the first one after it; null where there is none. Half a microsecond of rounding counts as on it. */
export function adjacentEditPoint(points: readonly number[], atUs: number, direction: -1 | 1): number | null {
  if (direction < 0) return points.findLast((p) => p < atUs - 0.5) ?? null;
  return points.find((p) => p > atUs + 0.5) ?? null;
}
