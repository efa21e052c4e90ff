import { clipEndUs, timelineAtUs, type Project } from '../model/project.ts';
import type { ClipId } from '../model/ids.ts';
import { snapToFrameUs, US_PER_SECOND } from '../model/time.ts';
import { ChangeSequence, rippleDelete, splitAt } from './commands.ts';
import type { ProjectChange } from './document.ts';

/** Sound kept either side of a cut pause, so words are not clipped: as much as editors leave by hand. */
export const PAUSE_PADDING_US = 150_000;

/**
 * Cuts a clip's pauses out (a jump cut): `silences` are source spans (see
 * silences.ts); each, less `paddingUs` of sound kept at either side (none at
 * the clip's own ends), is split off and ripple-deleted, so what follows on the
 * track moves up. Its picture or sound on another track (its detached pair,
 * see detached-pair.ts) is cut alike, as split and ripple delete take it, so
 * the two stay in step; a clip on a locked track is not cut, nor is its pair.
 * Pieces keep the clip's settings as a split does. Pauses shorter than two
 * frames once padded stay. One change; null when none is cut.
 */
export function removeSilences(project: Project, clipId: ClipId, silences: readonly (readonly [number, number])[], paddingUs = PAUSE_PADDING_US): ProjectChange | null {
  const clip = project.clips.find((c) => c.id === clipId);
  if (!clip) return null;
  const fps = project.output.fps > 0 ? project.output.fps : 30;
  const spans = silences
    .map(([from, to]) => [from <= clip.inUs ? clip.inUs : from + paddingUs, to >= clip.outUs ? clip.outUs : to - paddingUs] as const)
    .map(([from, to]) => [snapToFrameUs(timelineAtUs(clip, from), fps), snapToFrameUs(timelineAtUs(clip, to), fps)] as const)
    .filter(([from, to]) => to - from >= (2 * US_PER_SECOND) / fps);
  const steps = new ChangeSequence(project);
  // Last first: a cut moves up only what follows it, so the earlier spans' times still hold.
  for (const [from, to] of spans.reverse()) {
    const whole = steps.project.clips.find((c) => c.trackId === clip.trackId && c.assetId === clip.assetId && c.startUs <= from && clipEndUs(c) >= to);
    if (!whole) continue;
    // Split and ripple delete take the piece's detached pair alike.
    if (to < clipEndUs(whole)) steps.apply(splitAt(steps.project, to, [whole.id]));
    if (from > whole.startUs) steps.apply(splitAt(steps.project, from, [whole.id]));
    const pause = steps.project.clips.filter((c) => c.trackId === clip.trackId && c.assetId === clip.assetId && c.startUs === from && clipEndUs(c) === to);
    steps.apply(rippleDelete(steps.project, pause.map((c) => c.id)));
  }
  return steps.result();
}
