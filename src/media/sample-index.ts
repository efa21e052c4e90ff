import type { EncodedSample } from './mp4-source.ts';

/** Samples whose presentation starts within this much after a target still count as "at" it (µs rounding). */
export const PTS_TOLERANCE_US = 500;

/** Index (decode order) of the sample shown at `ptsUs`: the latest-starting one not after it, else the earliest. */
export function sampleShownAt(samples: readonly EncodedSample[], ptsUs: number): number {
  let best = -1;
  let earliest = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    if (s.ptsUs < samples[earliest]!.ptsUs) earliest = i;
    if (s.ptsUs <= ptsUs + PTS_TOLERANCE_US && (best < 0 || s.ptsUs > samples[best]!.ptsUs)) best = i;
  }
  return best < 0 ? earliest : best;
}

/**
 * The keyframe to start decoding from so that sample `index` can be decoded
 * (closed or open GOP). Where none precedes it (a stream cut mid-GOP), the
 * first keyframe: what comes before it cannot be decoded, so the first picture
 * that can stands in for it. -1 when the track has no keyframe at all.
 */
export function keyframeBefore(samples: readonly EncodedSample[], index: number): number {
  const target = samples[index]!;
  for (let i = index; i >= 0; i--) {
    const s = samples[i]!;
    if (s.key && s.ptsUs <= target.ptsUs) return i;
  }
  return samples.findIndex((s) => s.key);
}

/**
 * The decode-order range [from, to) that yields every frame shown between
 * `startUs` and `endUs` (inclusive): from the keyframe before the first one,
 * to the last sample presented before the end. References precede their users
 * in decode order, so nothing past `to` is needed. Frames before a stream's
 * first keyframe cannot be decoded: a span that starts there decodes from that
 * keyframe (at least it, whose picture stands in for them). Empty without a keyframe.
 */
export function decodeRangeFor(samples: readonly EncodedSample[], startUs: number, endUs: number): { from: number; to: number } {
  if (samples.length === 0) return { from: 0, to: 0 };
  const first = sampleShownAt(samples, startUs);
  let last = first;
  for (let i = 0; i < samples.length; i++) {
    if (samples[i]!.ptsUs <= endUs + PTS_TOLERANCE_US && i > last) last = i;
  }
  const from = keyframeBefore(samples, first);
  return from < 0 ? { from: 0, to: 0 } : { from, to: Math.max(last, from) + 1 };
}
