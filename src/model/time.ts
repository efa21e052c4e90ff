/** Time is integer microseconds everywhere; frames appear only at the edges (snapping, barcodes). */
export const US_PER_SECOND = 1_000_000;

/** Start time of output frame `index` at `fps`, rounded to the microsecond. */
export function frameTimeUs(index: number, fps: number): number {
  return Math.round((index * US_PER_SECOND) / fps);
}

/** How many output frames start within a span of `durationUs` at `fps` (a partial last frame counts). */
export function frameCountFor(durationUs: number, fps: number): number {
  // Frame times are rounded to whole microseconds, so count on that grid, not in exact arithmetic.
  let count = Math.max(0, Math.round((durationUs * fps) / US_PER_SECOND));
  while (frameTimeUs(count, fps) < durationUs) count++;
  while (count > 0 && frameTimeUs(count - 1, fps) >= durationUs) count--;
  return count;
}

/** The nearest frame boundary to `us` at `fps`. */
export function snapToFrameUs(us: number, fps: number): number {
  return frameTimeUs(Math.round((us * fps) / US_PER_SECOND), fps);
}

/** Media timescale units to microseconds. */
export function unitsToUs(units: number, timescale: number): number {
  return Math.round((units * US_PER_SECOND) / timescale);
}

export function secondsToUs(seconds: number): number {
  return Math.round(seconds * US_PER_SECOND);
}

/** "1:02.345" for people; never parsed back. */
/** "about 40 s left" style: seconds under a minute, then whole minutes (people read estimates, not timecodes). */
export function timeLeftLabel(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 1) return 'almost done';
  if (seconds < 60) return `about ${Math.ceil(seconds)} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

export function formatTimecode(us: number): string {
  const totalMs = Math.max(0, Math.round(us / 1000));
  const minutes = Math.floor(totalMs / 60_000);
  const seconds = ((totalMs % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return `${minutes}:${seconds}`;
}
