/** The range I and O mark: what loops when looping is on (else the whole timeline). */
export interface LoopRange {
  startUs: number;
  endUs: number;
}

/** At least a frame long (half a frame of slack: frame times are rounded to whole microseconds). */
const longEnough = (startUs: number, endUs: number, frameUs: number) => endUs - startUs >= frameUs / 2;

/**
 * I at the playhead: the range starts there and keeps its out point if that is
 * later, else runs to the end of the timeline. An out point at or before the
 * new in would make a range too short to play (playback froze in it); where
 * not even a frame is left, the range stays as it was.
 */
export function markIn(range: LoopRange | null, atUs: number, durationUs: number, frameUs: number): LoopRange | null {
  const endUs = range && longEnough(atUs, range.endUs, frameUs) ? range.endUs : durationUs;
  return longEnough(atUs, endUs, frameUs) ? { startUs: atUs, endUs } : range;
}

/** O at the playhead: the range ends there and keeps its in point if that is earlier, else starts at 0 (O at 0 changes nothing). */
export function markOut(range: LoopRange | null, atUs: number, frameUs: number): LoopRange | null {
  const startUs = range && longEnough(range.startUs, atUs, frameUs) ? range.startUs : 0;
  return longEnough(startUs, atUs, frameUs) ? { startUs, endUs: atUs } : range;
}
