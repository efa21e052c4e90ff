import { describe, expect, it } from 'vitest';
import type { Clip, Project } from './project.ts';
import { PROJECT_SCHEMA_VERSION } from './project.ts';
import { planAudioSegments, planVideoSegments, resolveFrame, type AudioSegment, type VideoSegment } from './render-plan.ts';
import { frameTimeUs } from './time.ts';

function clip(n: number, startUs: number, inUs: number, outUs: number): Clip {
  return { id: `clip:${n}`, assetId: `asset:${n}`, startUs, inUs, outUs };
}

function project(clips: Clip[], fps = 30): Project {
  return {
    schemaVersion: PROJECT_SCHEMA_VERSION,
    output: { width: 640, height: 360, fps, videoCodec: 'avc', audioCodec: 'auto' },
    assets: [],
    clips,
  };
}

/** Lays clips of the given [in, out) spans back to back, as the editor does. */
function backToBack(spans: [inUs: number, outUs: number][]): Clip[] {
  let cursor = 0;
  return spans.map(([inUs, outUs], i) => {
    const c = clip(i + 1, cursor, inUs, outUs);
    cursor += outUs - inUs;
    return c;
  });
}

function expectContiguousVideo(segments: VideoSegment[], total: number): void {
  expect(segments[0]?.firstFrame).toBe(0);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    expect(s.endFrame).toBeGreaterThan(s.firstFrame);
    if (i > 0) expect(s.firstFrame).toBe(segments[i - 1]!.endFrame);
  }
  expect(segments.at(-1)?.endFrame).toBe(total);
}

function expectContiguousAudio(segments: AudioSegment[]): void {
  expect(segments[0]?.startSample).toBe(0);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    // A clip shorter than half a sample may round to an empty span, never a negative one.
    expect(s.endSample).toBeGreaterThanOrEqual(s.startSample);
    if (i > 0) expect(s.startSample).toBe(segments[i - 1]!.endSample);
  }
}

describe('resolveFrame', () => {
  const a = clip(1, 0, 500_000, 1_500_000); // timeline [0, 1 s)
  const b = clip(2, 2_000_000, 0, 1_000_000); // timeline [2 s, 3 s)
  const p = project([a, b]);

  it('maps timeline time to source time within a clip', () => {
    expect(resolveFrame(p, 0)).toEqual([{ clip: a, sourceUs: 500_000 }]);
    expect(resolveFrame(p, 250_000)).toEqual([{ clip: a, sourceUs: 750_000 }]);
    expect(resolveFrame(p, 2_400_000)).toEqual([{ clip: b, sourceUs: 400_000 }]);
  });

  it('treats a clip as half-open [start, start + duration)', () => {
    expect(resolveFrame(p, 999_999)).toEqual([{ clip: a, sourceUs: 1_499_999 }]);
    expect(resolveFrame(p, 1_000_000)).toEqual([]);
    expect(resolveFrame(p, 2_000_000)[0]?.clip).toBe(b);
    expect(resolveFrame(p, 3_000_000)).toEqual([]);
  });

  it('is empty in gaps, before zero and past the end', () => {
    expect(resolveFrame(p, 1_500_000)).toEqual([]);
    expect(resolveFrame(p, -1)).toEqual([]);
    expect(resolveFrame(p, 10_000_000)).toEqual([]);
    expect(resolveFrame(project([]), 0)).toEqual([]);
  });

  it('returns every overlapping clip, in project order', () => {
    const c = clip(3, 500_000, 0, 1_000_000);
    const layers = resolveFrame(project([a, c]), 600_000);
    expect(layers.map((l) => l.clip.id)).toEqual(['clip:1', 'clip:3']);
    expect(layers.map((l) => l.sourceUs)).toEqual([1_100_000, 100_000]);
  });
});

describe('planVideoSegments', () => {
  it('gives a 3.0 s clip at 30 fps exactly 90 frames', () => {
    const c = clip(1, 0, 0, 3_000_000);
    expect(planVideoSegments(project([c]))).toEqual([{ clip: c, firstFrame: 0, endFrame: 90 }]);
  });

  it('splits back-to-back clips at the frame whose start falls in the next clip', () => {
    const [a, b, c] = backToBack([
      [0, 1_000_000],
      [5_000_000, 7_500_000],
      [0, 500_000],
    ]);
    const segments = planVideoSegments(project([a!, b!, c!]));
    expect(segments).toEqual([
      { clip: a, firstFrame: 0, endFrame: 30 },
      { clip: b, firstFrame: 30, endFrame: 105 },
      { clip: c, firstFrame: 105, endFrame: 120 },
    ]);
    expectContiguousVideo(segments, 120);
  });

  it('assigns a frame to the clip visible at its start time when a cut falls mid-frame', () => {
    // Cut at 1.01 s: frame 30 starts at 1.000 s (clip a), frame 31 at 1.0333 s (clip b).
    const [a, b] = backToBack([
      [0, 1_010_000],
      [0, 1_000_000],
    ]);
    const segments = planVideoSegments(project([a!, b!]));
    expect(segments[0]).toEqual({ clip: a, firstFrame: 0, endFrame: 31 });
    expect(segments[1]).toEqual({ clip: b, firstFrame: 31, endFrame: 61 }); // 2.01 s → ceil(60.3) = 61 frames
    expectContiguousVideo(segments, 61);
  });

  it('fills gaps (and a late first clip) with null-clip segments', () => {
    const a = clip(1, 1_000_000, 0, 1_000_000); // [1 s, 2 s)
    const b = clip(2, 3_000_000, 0, 1_000_000); // [3 s, 4 s)
    const segments = planVideoSegments(project([a, b]));
    expect(segments).toEqual([
      { clip: null, firstFrame: 0, endFrame: 30 },
      { clip: a, firstFrame: 30, endFrame: 60 },
      { clip: null, firstFrame: 60, endFrame: 90 },
      { clip: b, firstFrame: 90, endFrame: 120 },
    ]);
  });

  it('does not emit a null segment for a gap shorter than a frame that no frame starts in', () => {
    const a = clip(1, 0, 0, 1_010_000);
    const b = clip(2, 1_020_000, 0, 1_000_000); // 10 ms gap [1.01 s, 1.02 s), between frame 30 (1.0 s) and 31 (1.0333 s)
    const segments = planVideoSegments(project([a, b]));
    expect(segments.map((s) => s.clip)).toEqual([a, b]);
  });

  it('uses the output frame rate', () => {
    const c = clip(1, 0, 0, 2_000_000);
    expect(planVideoSegments(project([c], 25))).toEqual([{ clip: c, firstFrame: 0, endFrame: 50 }]);
    expect(planVideoSegments(project([c], 60))).toEqual([{ clip: c, firstFrame: 0, endFrame: 120 }]);
    expect(planVideoSegments(project([c], 30000 / 1001))[0]?.endFrame).toBe(60); // 59.94 → 60
  });

  it('keeps two adjacent clips of the same asset as separate segments', () => {
    const [a, b] = backToBack([
      [0, 1_000_000],
      [0, 1_000_000],
    ]);
    expect(planVideoSegments(project([a!, b!])).length).toBe(2);
  });

  it('is empty for an empty project', () => {
    expect(planVideoSegments(project([]))).toEqual([]);
  });

  it('matches resolveFrame for every frame of an irregular timeline', () => {
    const clips = backToBack([
      [123_456, 1_234_567],
      [0, 33_333],
      [2_000_000, 2_700_001],
      [10, 999_990],
    ]);
    const p = project(clips, 29.97);
    const segments = planVideoSegments(p);
    const total = segments.at(-1)!.endFrame;
    expectContiguousVideo(segments, total);
    for (const s of segments) {
      for (let f = s.firstFrame; f < s.endFrame; f++) expect(resolveFrame(p, frameTimeUs(f, 29.97))[0]?.clip ?? null).toBe(s.clip);
    }
  });
});

describe('planAudioSegments', () => {
  it('converts a single clip to samples', () => {
    const c = clip(1, 0, 0, 3_000_000);
    expect(planAudioSegments(project([c]), 48_000)).toEqual([{ clip: c, startSample: 0, endSample: 144_000 }]);
    expect(planAudioSegments(project([c]), 44_100)).toEqual([{ clip: c, startSample: 0, endSample: 132_300 }]);
  });

  it('makes consecutive clips meet exactly even when boundaries fall between samples', () => {
    // Durations that are not whole samples at 44.1 kHz (1 sample = 22.675 µs).
    const clips = backToBack([
      [0, 1_000_011],
      [7, 333_340],
      [0, 12],
      [100, 1_234_567],
      [0, 33_333],
    ]);
    for (const rate of [8_000, 22_050, 44_100, 48_000, 96_000]) {
      const segments = planAudioSegments(project(clips), rate);
      expect(segments.map((s) => s.clip)).toEqual(clips);
      expectContiguousAudio(segments);
      const end = clips.at(-1)!.startUs + clips.at(-1)!.outUs - clips.at(-1)!.inUs;
      expect(segments.at(-1)!.endSample).toBe(Math.round((end * rate) / 1_000_000));
      // Each boundary is the rounded timeline time, so no drift accumulates.
      for (let i = 1; i < clips.length; i++) expect(segments[i]!.startSample).toBe(Math.round((clips[i]!.startUs * rate) / 1_000_000));
    }
  });

  it('keeps the total length equal to the rounded timeline length over many short clips (no drift)', () => {
    const clips = backToBack(Array.from({ length: 1000 }, () => [0, 33_367] as [number, number]));
    const segments = planAudioSegments(project(clips), 44_100);
    expectContiguousAudio(segments);
    expect(segments.at(-1)!.endSample).toBe(Math.round((1000 * 33_367 * 44_100) / 1_000_000));
    const lengths = new Set(segments.map((s) => s.endSample - s.startSample));
    expect([...lengths].sort()).toEqual([1471, 1472]); // 1471.48 samples each, rounding alternates
  });

  it('fills gaps and a late start with null-clip silence segments', () => {
    const a = clip(1, 500_000, 0, 1_000_000); // [0.5 s, 1.5 s)
    const b = clip(2, 2_000_000, 0, 250_000); // [2 s, 2.25 s)
    expect(planAudioSegments(project([a, b]), 48_000)).toEqual([
      { clip: null, startSample: 0, endSample: 24_000 },
      { clip: a, startSample: 24_000, endSample: 72_000 },
      { clip: null, startSample: 72_000, endSample: 96_000 },
      { clip: b, startSample: 96_000, endSample: 108_000 },
    ]);
  });

  it('does not emit an empty null segment for a gap that rounds to zero samples', () => {
    const a = clip(1, 0, 0, 1_000_000);
    const b = clip(2, 1_000_005, 0, 1_000_000); // 5 µs gap, under a quarter sample at 48 kHz
    const segments = planAudioSegments(project([a, b]), 48_000);
    expect(segments.map((s) => s.clip)).toEqual([a, b]);
    expectContiguousAudio(segments);
  });

  it('emits a one-sample null segment for a one-sample gap', () => {
    const a = clip(1, 0, 0, 1_000_000);
    const b = clip(2, 1_000_000 + 1_000_000 / 48_000, 0, 1_000_000); // 1 sample later
    const segments = planAudioSegments(project([a, b]), 48_000);
    expect(segments.map((s) => [s.clip?.id ?? null, s.startSample, s.endSample])).toEqual([
      ['clip:1', 0, 48_000],
      [null, 48_000, 48_001],
      ['clip:2', 48_001, 96_001],
    ]);
  });

  it('orders clips by timeline start, whatever their order in the project', () => {
    const a = clip(1, 0, 0, 1_000_000);
    const b = clip(2, 1_000_000, 0, 1_000_000);
    const segments = planAudioSegments(project([b, a]), 48_000);
    expect(segments.map((s) => s.clip)).toEqual([a, b]);
    expectContiguousAudio(segments);
  });

  it('starts a partly overlapping clip where the previous one ends (no overlapping samples)', () => {
    const a = clip(1, 0, 0, 1_000_000);
    const b = clip(2, 500_000, 0, 1_000_000); // overlaps a by 0.5 s
    const segments = planAudioSegments(project([a, b]), 48_000);
    expect(segments.map((s) => [s.startSample, s.endSample])).toEqual([
      [0, 48_000],
      [48_000, 72_000],
    ]);
  });

  it('is empty for an empty project', () => {
    expect(planAudioSegments(project([]), 48_000)).toEqual([]);
  });

  it('agrees with the video plan on total duration', () => {
    const clips = backToBack([
      [0, 1_000_000],
      [0, 2_000_000],
    ]);
    const p = project(clips);
    expect(planVideoSegments(p).at(-1)!.endFrame).toBe(90);
    expect(planAudioSegments(p, 48_000).at(-1)!.endSample).toBe(144_000);
  });
});
