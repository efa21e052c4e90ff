import type { WaveformPeaks } from './waveform.ts';

/** What counts as a silence to cut: at least `minUs` long, every peak `belowPeakDb` under the span's loudest (and never above `ceilingDb`). */
export interface SilenceRule {
  minUs: number;
  belowPeakDb: number;
  ceilingDb: number;
}

/** Half a second or more, 30 dB under the loudest moment, and under −30 dBFS whatever the loudest: pauses in speech, not its soft parts. */
export const SPEECH_PAUSES: SilenceRule = { minUs: 500_000, belowPeakDb: -30, ceilingDb: -30 };

/**
 * The silent stretches of the source span [fromUs, toUs), in source
 * microseconds, from the finest waveform level (256 samples a peak: about
 * 5 ms at 48 kHz). Measured against the span's own loudest peak, so a quiet
 * recording's pauses are found as well as a loud one's.
 */
export function silentSpans(peaks: WaveformPeaks, fromUs: number, toUs: number, rule: SilenceRule = SPEECH_PAUSES): [number, number][] {
  const level = peaks.levels[0];
  if (!level || toUs <= fromUs) return [];
  const binUs = (level.samplesPerPeak / peaks.sampleRate) * 1_000_000;
  const first = Math.max(0, Math.floor(fromUs / binUs));
  const end = Math.min(level.max.length, Math.ceil(toUs / binUs));
  const height = (i: number) => Math.max(Math.abs(level.min[i]!), Math.abs(level.max[i]!));
  let loudest = 0;
  for (let i = first; i < end; i++) loudest = Math.max(loudest, height(i));
  const threshold = Math.min(loudest * 10 ** (rule.belowPeakDb / 20), 127 * 10 ** (rule.ceilingDb / 20));
  const spans: [number, number][] = [];
  let runStart = -1;
  for (let i = first; i <= end; i++) {
    const quiet = i < end && height(i) <= threshold;
    if (quiet && runStart < 0) runStart = i;
    if (!quiet && runStart >= 0) {
      const [startUs, stopUs] = [Math.max(fromUs, runStart * binUs), Math.min(toUs, i * binUs)];
      if (stopUs - startUs >= rule.minUs) spans.push([Math.round(startUs), Math.round(stopUs)]);
      runStart = -1;
    }
  }
  return spans;
}
