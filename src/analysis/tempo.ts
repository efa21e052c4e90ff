/**
 * Global tempo and beat times from an onset envelope (see onset-envelope.ts).
 *
 * 1. Period: the envelope's autocorrelation, scored per candidate BPM as the
 *    mean of its peaks at 1–4 periods (a comb), so a steady pulse beats
 *    accidental single matches.
 * 2. Octave errors: a clean pulse scores as well at 1/2 or 1/3 of its tempo
 *    (every other beat still lands on an onset), and music with strong
 *    off-beats scores nearly as well at double tempo. Every score peak within
 *    OCTAVE_AMBIGUITY of the best is therefore a tie, settled by taking the
 *    fastest tie in 80–160 BPM (or the best, if none is in there).
 * 3. Precision: the grid is coarse and one period spans ~20 hops, so the period
 *    is refined by a least-squares fit of the autocorrelation peak centroids at
 *    many multiples of it (up to ~12 s of lag): m·P is m times more precise.
 * 4. Beats: Ellis's dynamic programming (as in librosa): each beat is the
 *    onset strength plus the best earlier beat, penalised by how far the gap
 *    strays from P on a log scale; backtracking from the last strong beat gives
 *    beats that follow drifting tempo. The onset strength has its local mean
 *    removed first, so a noise floor does not attract beats before the music
 *    starts or after it stops. Each beat is then placed between hops by
 *    parabolic interpolation of the onset peak.
 */

export { OnsetEnvelope, type OnsetEnvelopeResult } from './onset-envelope.ts';

export interface TempoEstimate {
  /** Beats per minute; 0 when no tempo was found. */
  bpm: number;
  /** 0..1: how much of the onset energy repeats at the chosen period (0 for silence). */
  confidence: number;
  /** Beat times in seconds from the start of the envelope. */
  beatsSeconds: number[];
}

const PREFERRED: readonly [number, number] = [80, 160];
const OCTAVE_AMBIGUITY = 0.6;
const HARMONICS = 4;
const REFINE_SECONDS = 12;
const GRID_BPM = 0.5;
/** DP penalty weight for deviating from the period (librosa's default "tightness"). */
const TIGHTNESS = 100;

const NO_TEMPO: TempoEstimate = { bpm: 0, confidence: 0, beatsSeconds: [] };

export function estimateTempo(
  envelope: Float32Array,
  hopSeconds: number,
  range: readonly [number, number] = [60, 200],
): TempoEstimate {
  const [minBpm, maxBpm] = range;
  if (!(hopSeconds > 0) || !(minBpm > 0) || !(maxBpm > minBpm)) throw new RangeError(`hop ${hopSeconds} s, range ${minBpm}–${maxBpm} BPM`);
  const n = envelope.length;
  const bpmToPeriod = (bpm: number) => 60 / (bpm * hopSeconds);
  const longestPeriod = bpmToPeriod(minBpm);
  const shortestPeriod = bpmToPeriod(maxBpm);
  if (shortestPeriod < 1 || n < 2 * shortestPeriod + 3) return { ...NO_TEMPO, beatsSeconds: [] };

  const maxLag = Math.min(n - 1, Math.round(REFINE_SECONDS / hopSeconds), Math.max(n >> 1, Math.ceil(longestPeriod) + 3));
  const r = autocorrelation(envelope, maxLag);
  if (r === null) return { ...NO_TEMPO, beatsSeconds: [] };

  // 1. Comb score on a BPM grid.
  const steps = Math.floor((maxBpm - minBpm) / GRID_BPM) + 1;
  const scores = new Float64Array(steps);
  let bestScore = -Infinity;
  let bestStep = 0;
  for (let k = 0; k < steps; k++) {
    scores[k] = combScore(r, bpmToPeriod(minBpm + k * GRID_BPM), maxLag);
    if (scores[k]! > bestScore) {
      bestScore = scores[k]!;
      bestStep = k;
    }
  }

  // 2. Octave (and triple) ambiguity: a clean pulse scores as well at 1/2 and 1/3 of its
  // tempo as at its own, so every peak within OCTAVE_AMBIGUITY of the best is a candidate.
  // The fastest in 80–160 BPM wins (the pulse itself, not a sub-multiple); else the best.
  let chosenStep = bestStep;
  for (let k = 0; k < steps && bestScore > 0; k++) {
    const s = scores[k]!;
    const isPeak = (k === 0 || s >= scores[k - 1]!) && (k === steps - 1 || s > scores[k + 1]!);
    const bpm = minBpm + k * GRID_BPM;
    // 1 % slack: a peak's grid position can sit half a step past the true tempo.
    const preferred = bpm >= PREFERRED[0] * 0.99 && bpm <= PREFERRED[1] * 1.01;
    if (isPeak && preferred && s >= OCTAVE_AMBIGUITY * bestScore) chosenStep = k;
  }
  const chosenBpm = minBpm + chosenStep * GRID_BPM;

  // 3. Refine the period from many multiples.
  const period = refinePeriod(r, bpmToPeriod(chosenBpm), maxLag);
  const confidence = periodicity(r, period, maxLag);

  // 4. Beats.
  const beats = trackBeats(envelope, period);
  return {
    bpm: 60 / (period * hopSeconds),
    confidence,
    beatsSeconds: beats.map((t) => t * hopSeconds),
  };
}

/** Unbiased autocorrelation of the mean-removed envelope, normalised to r[0] = 1; null when it is flat. */
function autocorrelation(envelope: Float32Array, maxLag: number): Float64Array | null {
  const n = envelope.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += envelope[i]!;
  mean /= n;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = envelope[i]! - mean;
  const r = new Float64Array(maxLag + 1);
  for (let lag = 0; lag <= maxLag; lag++) {
    let sum = 0;
    for (let i = 0, end = n - lag; i < end; i++) sum += x[i]! * x[i + lag]!;
    r[lag] = sum / (n - lag);
  }
  const zero = r[0]!;
  // Relative floor: rounding noise in a constant envelope must not read as rhythm.
  if (!(zero > 1e-12 * (mean * mean + 1e-30))) return null;
  for (let lag = 0; lag <= maxLag; lag++) r[lag] = r[lag]! / zero;
  return r;
}

/** Mean autocorrelation at the first HARMONICS multiples of `period` (hops), each read as the larger neighbouring lag. */
function combScore(r: Float64Array, period: number, maxLag: number): number {
  let sum = 0;
  let count = 0;
  for (let k = 1; k <= HARMONICS; k++) {
    const lag = k * period;
    if (lag + 1 > maxLag) break;
    sum += Math.max(r[Math.floor(lag)]!, r[Math.ceil(lag)]!);
    count++;
  }
  return count === 0 ? -Infinity : sum / count;
}

/**
 * Least-squares period through the autocorrelation peaks near m·P for
 * m = 1, 2, …: each peak's lag is its centroid over ±2 lags, and the
 * running estimate predicts where to look for the next.
 */
function refinePeriod(r: Float64Array, period: number, maxLag: number): number {
  let numerator = 0;
  let denominator = 0;
  let estimate = period;
  for (let m = 1; m * estimate + 3 <= maxLag; m++) {
    const centre = Math.round(m * estimate);
    let peak = centre;
    for (let lag = centre - 2; lag <= centre + 2; lag++) if (lag >= 1 && r[lag]! > r[peak]!) peak = lag;
    if (r[peak]! < 0.1) continue; // no clear peak at this multiple
    let mass = 0;
    let moment = 0;
    for (let lag = Math.max(1, peak - 2); lag <= Math.min(maxLag, peak + 2); lag++) {
      const w = Math.max(0, r[lag]!);
      mass += w;
      moment += w * lag;
    }
    numerator += m * (moment / mass);
    denominator += m * m;
    estimate = numerator / denominator;
  }
  return estimate;
}

/**
 * Confidence: autocorrelation mass (±2 lags) at the first multiples of the
 * period over the mass around lag 0. A perfectly repeating envelope carries
 * the same mass at every multiple as at zero; noise carries next to none.
 */
function periodicity(r: Float64Array, period: number, maxLag: number): number {
  const massAround = (centre: number) => {
    let mass = 0;
    for (let lag = centre - 2; lag <= centre + 2; lag++) mass += Math.max(0, r[Math.abs(lag)]!);
    return mass;
  };
  const zero = massAround(0);
  let sum = 0;
  let count = 0;
  for (let k = 1; k <= HARMONICS; k++) {
    const centre = Math.round(k * period);
    if (centre + 2 > maxLag) break;
    sum += massAround(centre);
    count++;
  }
  return count === 0 ? 0 : Math.min(1, Math.max(0, sum / count / zero));
}

/** Beat positions in hops (fractional), by dynamic programming over the onset envelope. */
function trackBeats(envelope: Float32Array, period: number): number[] {
  const n = envelope.length;
  // Local score: lightly smoothed (Gaussian, σ = P/32 hops), minus the mean over ±1 period so a
  // steady noise floor scores ~0 rather than inviting beats, clamped at 0, then normalised
  // to unit RMS (the transition penalty is in these units).
  const sigma = period / 32;
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const kernel = new Float64Array(2 * radius + 1);
  for (let d = -radius; d <= radius; d++) kernel[d + radius] = Math.exp(-0.5 * (d / sigma) ** 2);
  const smooth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let d = -radius; d <= radius; d++) {
      const j = i + d;
      if (j >= 0 && j < n) acc += envelope[j]! * kernel[d + radius]!;
    }
    smooth[i] = acc;
  }
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + smooth[i]!;
  const half = Math.max(1, Math.round(period));
  const local = new Float64Array(n);
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const from = Math.max(0, i - half);
    const to = Math.min(n, i + half + 1);
    const baseline = (prefix[to]! - prefix[from]!) / (to - from);
    const v = Math.max(0, smooth[i]! - baseline);
    local[i] = v;
    sumSquares += v * v;
  }
  const rms = Math.sqrt(sumSquares / n);
  if (!(rms > 0)) return [];
  let localMax = 0;
  for (let i = 0; i < n; i++) {
    local[i] = local[i]! / rms;
    if (local[i]! > localMax) localMax = local[i]!;
  }

  const shortest = Math.max(1, Math.round(period / 2));
  const longest = Math.round(2 * period);
  // Transition penalty by gap, computed once.
  const penalty = new Float64Array(longest + 1);
  for (let gap = shortest; gap <= longest; gap++) penalty[gap] = -TIGHTNESS * Math.log(gap / period) ** 2;
  const cumulative = new Float64Array(n);
  const backlink = new Int32Array(n);
  let firstBeat = true;
  for (let i = 0; i < n; i++) {
    // A predecessor before the start scores 0 plus the gap penalty (so the first beat need not be at 0).
    let best = -Infinity;
    let link = -1;
    for (let gap = shortest; gap <= longest; gap++) {
      const candidate = (gap <= i ? cumulative[i - gap]! : 0) + penalty[gap]!;
      if (candidate > best) {
        best = candidate;
        link = i - gap; // negative: before the start
      }
    }
    cumulative[i] = local[i]! + best;
    // Until the first real onset, do not chain through silence.
    if (firstBeat && local[i]! < 0.01 * localMax) backlink[i] = -1;
    else {
      backlink[i] = link;
      firstBeat = false;
    }
  }

  // Last beat: the last local maximum of the cumulative score above half the median of those maxima.
  const maxima: number[] = [];
  for (let i = 1; i < n - 1; i++) if (cumulative[i]! > cumulative[i - 1]! && cumulative[i]! >= cumulative[i + 1]!) maxima.push(i);
  if (maxima.length === 0) return [];
  const median = medianOf(maxima.map((i) => cumulative[i]!));
  let last = maxima[maxima.length - 1]!;
  for (let k = maxima.length - 1; k >= 0; k--) {
    if (cumulative[maxima[k]!]! > median / 2) {
      last = maxima[k]!;
      break;
    }
  }
  const frames: number[] = [];
  for (let i = last; i >= 0; i = backlink[i]!) frames.push(i);
  frames.reverse();

  // Trim weak beats at either end (silence before the music starts or after it stops).
  let beatSquares = 0;
  for (const f of frames) beatSquares += local[f]! ** 2;
  const threshold = 0.5 * Math.sqrt(beatSquares / frames.length);
  let start = 0;
  let end = frames.length;
  while (start < end && local[frames[start]!]! <= threshold) start++;
  while (end > start && local[frames[end - 1]!]! <= threshold) end--;

  return frames.slice(start, end).map((f) => f + peakOffset(local, f));
}

/** Sub-hop position of a peak at `i` by parabolic interpolation; 0 when `i` is not a local maximum. */
function peakOffset(values: Float64Array, i: number): number {
  if (i === 0 || i === values.length - 1) return 0;
  const a = values[i - 1]!;
  const b = values[i]!;
  const c = values[i + 1]!;
  if (b < a || b < c) return 0;
  const curvature = a - 2 * b + c;
  return curvature < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / curvature)) : 0;
}

function medianOf(values: number[]): number {
  const sorted = values.slice().sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
