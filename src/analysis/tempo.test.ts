import { describe, expect, it } from 'vitest';
import { estimateTempo, OnsetEnvelope } from './tempo.ts';
import { seededRandom } from '../test-support/test-signals.ts';

const RATE = 44_100;
const FIRST_CLICK = 0.25;

/** Click times in seconds for `bpm`, from `from` until `to`. */
const clickTimes = (bpm: number, to: number, from = FIRST_CLICK) => {
  const times: number[] = [];
  for (let t = from; t < to - 0.05; t += 60 / bpm) times.push(t);
  return times;
};

interface TrackOptions {
  kind?: 'tone' | 'noise';
  /** Amplitude of steady white noise over the whole track. */
  noise?: number;
  seed?: number;
  /** Clicks only between these times (default: from FIRST_CLICK to the end). */
  from?: number;
  to?: number;
}

/** A click track: 15 ms bursts (1 kHz tone or white noise, decaying) at each beat, plus optional steady noise. */
function clickTrack(bpm: number, seconds: number, options: TrackOptions = {}): Float32Array {
  const random = seededRandom(options.seed ?? 1);
  const out = new Float32Array(Math.round(RATE * seconds));
  const length = Math.round(RATE * 0.015);
  for (const time of clickTimes(bpm, options.to ?? seconds, options.from)) {
    const start = Math.round(time * RATE);
    for (let i = 0; i < length && start + i < out.length; i++) {
      const decay = 1 - i / length;
      const carrier = options.kind === 'noise' ? random() * 2 - 1 : Math.sin((2 * Math.PI * 1000 * i) / RATE);
      out[start + i] = 0.5 * decay * carrier;
    }
  }
  if (options.noise) for (let i = 0; i < out.length; i++) out[i]! += (random() * 2 - 1) * options.noise;
  return out;
}

function analyse(audio: Float32Array, chunk = 4410) {
  const onsets = new OnsetEnvelope(RATE);
  for (let at = 0; at < audio.length; at += chunk) {
    const n = Math.min(chunk, audio.length - at);
    onsets.push(audio.subarray(at, at + n), n);
  }
  const { envelope, hopSeconds } = onsets.finish();
  return { envelope, hopSeconds, tempo: estimateTempo(envelope, hopSeconds) };
}

/** Every beat lies within `tolerance` s of a click, and all but `missing` clicks have a beat. */
function expectBeatsOnClicks(beats: number[], clicks: number[], tolerance = 0.03, missing = 1) {
  const nearest = (t: number, from: number[]) => Math.min(...from.map((c) => Math.abs(c - t)));
  const off = beats.filter((b) => nearest(b, clicks) > tolerance);
  expect(off).toEqual([]);
  const unmatched = clicks.filter((c) => nearest(c, beats) > tolerance);
  expect(unmatched.length).toBeLessThanOrEqual(missing);
}

describe('OnsetEnvelope', () => {
  it('emits one value per ~23 ms hop, ceil(samples / hop) in all', () => {
    const onsets = new OnsetEnvelope(RATE);
    expect(onsets.fftSize).toBe(2048);
    expect(onsets.hop).toBe(1024);
    expect(new OnsetEnvelope(48_000).hop).toBe(1024);
    expect(new OnsetEnvelope(22_050).hop).toBe(512);
    onsets.push(new Float32Array(10_000), 10_000);
    const { envelope, hopSeconds } = onsets.finish();
    expect(hopSeconds).toBeCloseTo(1024 / RATE, 12);
    expect(envelope.length).toBe(Math.ceil(10_000 / 1024));
    expect(Array.from(envelope).every((v) => v === 0)).toBe(true);
  });

  it('peaks at the hop nearest each click and is near zero between them', () => {
    const audio = clickTrack(60, 5);
    const { envelope, hopSeconds } = analyse(audio);
    const clicks = clickTimes(60, 5);
    for (const click of clicks) {
      const hop = Math.round(click / hopSeconds);
      const around = Array.from(envelope.subarray(hop - 2, hop + 3));
      const peak = hop - 2 + around.indexOf(Math.max(...around));
      expect(Math.abs(peak * hopSeconds - click)).toBeLessThan(0.02);
      // Between clicks: quiet.
      const between = envelope[Math.round((click + 0.5) / hopSeconds)]!;
      expect(between).toBeLessThan(0.01 * envelope[peak]!);
    }
  });

  it('does not depend on chunk sizes', () => {
    const audio = clickTrack(120, 3, { noise: 0.01 });
    const a = analyse(audio, audio.length).envelope;
    const b = analyse(audio, 333).envelope;
    expect(b.length).toBe(a.length);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i]!, 4);
  });
});

describe('estimateTempo', () => {
  it.each([
    [120, 'tone'],
    [90, 'noise'],
    [140, 'tone'],
  ] as const)('finds %i BPM in a 20 s click track (%s bursts) with beats on the clicks', (bpm, kind) => {
    const { tempo } = analyse(clickTrack(bpm, 20, { kind }));
    expect(Math.abs(tempo.bpm - bpm)).toBeLessThan(1);
    expect(tempo.confidence).toBeGreaterThan(0.7);
    expectBeatsOnClicks(tempo.beatsSeconds, clickTimes(bpm, 20));
  });

  it('still finds 120 BPM with low-level noise added', () => {
    const { tempo } = analyse(clickTrack(120, 20, { noise: 0.02, seed: 5 }));
    expect(Math.abs(tempo.bpm - 120)).toBeLessThan(1);
    expect(tempo.confidence).toBeGreaterThan(0.3);
    expectBeatsOnClicks(tempo.beatsSeconds, clickTimes(120, 20));
  });

  it('keeps beats out of the noise before the first click and after the last', () => {
    // −26 dBFS noise throughout; clicks only from 3 s to 15 s.
    const { tempo } = analyse(clickTrack(90, 18, { noise: 0.05, seed: 12, from: 3, to: 15 }));
    expect(Math.abs(tempo.bpm - 90)).toBeLessThan(1);
    expectBeatsOnClicks(tempo.beatsSeconds, clickTimes(90, 15, 3));
  });

  it('resolves octave ambiguity toward 80–160 BPM', () => {
    // Quarter notes at 70 BPM with eighths at half level: 70 and 140 both fit.
    const quarters = clickTrack(70, 12);
    const eighths = clickTrack(140, 12);
    const offBeat = (i: number) => Math.round(((i / RATE - FIRST_CLICK) * 140) / 60) % 2 === 1;
    const mixed = quarters.map((v, i) => v + (offBeat(i) ? 0.5 * eighths[i]! : 0));
    expect(Math.abs(analyse(mixed).tempo.bpm - 140)).toBeLessThan(1);
    // A plain pulse also fits every other (or every third) click: 180 reads as 90, 160 stays 160.
    expect(Math.abs(analyse(clickTrack(180, 12)).tempo.bpm - 90)).toBeLessThan(1);
    expect(Math.abs(analyse(clickTrack(160, 12)).tempo.bpm - 160)).toBeLessThan(1);
  });

  it('does not halve or double an unambiguous pulse', () => {
    // At 70 BPM, 140 would put every other beat between clicks; at 100, 50 is out of range and 200 half fits.
    expect(Math.abs(analyse(clickTrack(70, 12)).tempo.bpm - 70)).toBeLessThan(1);
    expect(Math.abs(analyse(clickTrack(100, 12)).tempo.bpm - 100)).toBeLessThan(1);
  });

  it('reports silence with confidence 0 and no beats', () => {
    const { tempo } = analyse(new Float32Array(RATE * 10));
    expect(tempo).toEqual({ bpm: 0, confidence: 0, beatsSeconds: [] });
    expect(estimateTempo(new Float32Array(0), 0.023)).toEqual({ bpm: 0, confidence: 0, beatsSeconds: [] });
  });

  it('gives white noise a low confidence', () => {
    const random = seededRandom(9);
    const noise = Float32Array.from({ length: RATE * 10 }, () => (random() * 2 - 1) * 0.3);
    expect(analyse(noise).tempo.confidence).toBeLessThan(0.3);
  });
});
