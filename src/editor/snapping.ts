import type { Project } from '../model/project.ts';
import { clipEndUs } from '../model/project.ts';

/** Magnetic snapping while dragging: the times worth sticking to, and the pull towards them. */

export interface SnapTargetOptions {
  playheadUs: number;
  /** Clips being dragged: their own edges are not targets. */
  excludeClipIds?: ReadonlySet<string>;
  beatsUs?: readonly number[];
  sceneCutsUs?: readonly number[];
}

export interface SnapResult {
  /** The snapped time, or the candidate unchanged. */
  us: number;
  /** The target snapped to, or null. */
  target: number | null;
}

export interface EdgeSnapResult {
  /** The clip's new start. */
  startUs: number;
  /** The target one of its edges snapped to, or null. */
  target: number | null;
  /** Which edge hit the target. */
  edge: 'start' | 'end' | null;
}

/** Sorted, unique, finite, non-negative: 0, the playhead, every clip edge (but the excluded clips'), markers, beats, scene cuts. */
export function snapTargets(project: Project, options: SnapTargetOptions): number[] {
  const all: number[] = [0, options.playheadUs];
  for (const clip of project.clips) {
    if (options.excludeClipIds?.has(clip.id)) continue;
    all.push(clip.startUs, clipEndUs(clip));
  }
  for (const marker of project.markers) all.push(marker.timeUs);
  if (options.beatsUs) all.push(...options.beatsUs);
  if (options.sceneCutsUs) all.push(...options.sceneCutsUs);
  const sorted = all.filter((t) => Number.isFinite(t) && t >= 0).sort((a, b) => a - b);
  return sorted.filter((t, i) => i === 0 || t !== sorted[i - 1]);
}

/** The target nearest `candidateUs` within `thresholdUs` (the earlier one on a tie), else the candidate. */
export function snap(candidateUs: number, targets: readonly number[], thresholdUs: number): SnapResult {
  let best: number | null = null;
  let bestDistance = Infinity;
  for (const target of targets) {
    const distance = Math.abs(target - candidateUs);
    if (distance <= thresholdUs && (distance < bestDistance || (distance === bestDistance && best !== null && target < best))) {
      best = target;
      bestDistance = distance;
    }
  }
  return best === null ? { us: candidateUs, target: null } : { us: best, target: best };
}

/** Snaps a moving clip by whichever edge is nearer a target (the start on a tie). */
export function snapEdges(startUs: number, durationUs: number, targets: readonly number[], thresholdUs: number): EdgeSnapResult {
  const byStart = snap(startUs, targets, thresholdUs);
  const byEnd = snap(startUs + durationUs, targets, thresholdUs);
  const startDistance = byStart.target === null ? Infinity : Math.abs(byStart.target - startUs);
  const endDistance = byEnd.target === null ? Infinity : Math.abs(byEnd.target - (startUs + durationUs));
  if (byStart.target !== null && startDistance <= endDistance) return { startUs: byStart.target, target: byStart.target, edge: 'start' };
  if (byEnd.target !== null) return { startUs: byEnd.target - durationUs, target: byEnd.target, edge: 'end' };
  return { startUs, target: null, edge: null };
}
