/** Time is integer microseconds everywhere; frames appear only at the edges (snapping, barcodes). */
export const US_PER_SECOND = 1_000_000;

/** Start time of output frame `index` at `fps`, rounded to the microsecond. */
export function frameTimeUs(index: number, fps: number): number {
  return Math.round((index * US_PER_SECOND) / fps);
}

/** How many output frames a span of `durationUs` holds at `fps` (a partial last frame counts). */
export function frameCountFor(durationUs: number, fps: number): number {
  return Math.ceil((durationUs * fps) / US_PER_SECOND - 1e-6);
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
export function formatTimecode(us: number): string {
  const totalMs = Math.max(0, Math.round(us / 1000));
  const minutes = Math.floor(totalMs / 60_000);
  const seconds = ((totalMs % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return `${minutes}:${seconds}`;
}
