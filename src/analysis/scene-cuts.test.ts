import { describe, expect, it } from 'vitest';
import { SceneCutDetector, type SceneCutOptions } from './scene-cuts.ts';
import { seededRandom } from '../test-support/test-signals.ts';

const W = 64;
const H = 36;
const FRAME_US = 33_367; // 29.97 fps

/** A textured scene: two gratings, drifting `drift` px per frame, plus grain. */
interface Scene {
  fx: number;
  fy: number;
  gx: number;
  gy: number;
  base: number;
  drift: number;
}

const SCENES: Scene[] = [
  { fx: 0.21, fy: 0.05, gx: -0.07, gy: 0.31, base: 120, drift: 0.15 },
  { fx: -0.04, fy: 0.37, gx: 0.29, gy: 0.11, base: 140, drift: -0.2 },
  { fx: 0.45, fy: -0.18, gx: 0.03, gy: 0.08, base: 100, drift: 0.25 },
];

/** Renders a scene's frame `t` with brightness `gain` and uniform grain of ±`grain`. */
function render(scene: Scene, t: number, random: () => number, gain = 1, grain = 12): Uint8Array {
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const xs = x + scene.drift * t;
      const v = scene.base + 50 * Math.sin(scene.fx * xs + scene.fy * y) + 35 * Math.sin(scene.gx * xs + scene.gy * y + 1);
      out[y * W + x] = Math.max(0, Math.min(255, Math.round(v * gain + (random() * 2 - 1) * grain)));
    }
  }
  return out;
}

function detect(frames: Uint8Array[], options?: SceneCutOptions) {
  const detector = new SceneCutDetector(options);
  frames.forEach((frame, i) => detector.push(frame, i * FRAME_US));
  return detector.cuts();
}

/** Frames `ranges` of scenes: [sceneIndex, frameCount] pairs, each scene's motion continuing from its own t = 0. */
function sequence(seed: number, parts: [number, number][]): Uint8Array[] {
  const random = seededRandom(seed);
  const frames: Uint8Array[] = [];
  for (const [scene, count] of parts) {
    for (let t = 0; t < count; t++) frames.push(render(SCENES[scene]!, t, random));
  }
  return frames;
}

describe('SceneCutDetector', () => {
  it('finds exactly one cut between two noisy drifting scenes, at the new scene’s first frame', () => {
    const cuts = detect(
      sequence(1, [
        [0, 45],
        [1, 45],
      ]),
    );
    expect(cuts.map((c) => c.frame)).toEqual([45]);
    expect(cuts[0]!.timeUs).toBe(45 * FRAME_US);
    expect(cuts[0]!.score).toBeGreaterThan(0.1);
  });

  it('finds two cuts', () => {
    const cuts = detect(
      sequence(2, [
        [0, 30],
        [1, 25],
        [2, 35],
      ]),
    );
    expect(cuts.map((c) => c.frame)).toEqual([30, 55]);
  });

  it('finds a cut between two scenes with the same histogram (a moved texture)', () => {
    const random = seededRandom(3);
    const frames: Uint8Array[] = [];
    for (let t = 0; t < 40; t++) frames.push(render(SCENES[0]!, t, random));
    // Same texture, jumped 20 px: identical brightness distribution, different picture.
    for (let t = 0; t < 40; t++) frames.push(render(SCENES[0]!, t + 40 + 20 / SCENES[0]!.drift, random));
    expect(detect(frames).map((c) => c.frame)).toEqual([40]);
  });

  it('finds no cut in a slow fade to black and back', () => {
    const random = seededRandom(4);
    const frames: Uint8Array[] = [];
    for (let t = 0; t < 90; t++) frames.push(render(SCENES[0]!, t, random, Math.abs(1 - t / 45), 4));
    expect(detect(frames)).toEqual([]);
  });

  it('finds no cut in a half-second dip to black', () => {
    const random = seededRandom(10);
    const frames: Uint8Array[] = [];
    for (let t = 0; t < 60; t++) frames.push(render(SCENES[0]!, t, random, Math.min(1, Math.abs(1 - (t - 15) / 15))));
    expect(detect(frames)).toEqual([]);
  });

  it('finds no cut in a one-second cross-dissolve', () => {
    const random = seededRandom(5);
    const frames: Uint8Array[] = [];
    for (let t = 0; t < 90; t++) {
      const a = render(SCENES[0]!, t, random);
      const b = render(SCENES[1]!, t, random);
      const mix = Math.min(1, Math.max(0, (t - 30) / 30));
      frames.push(a.map((v, p) => Math.round(v * (1 - mix) + b[p]! * mix)));
    }
    expect(detect(frames)).toEqual([]);
  });

  it('finds no cut in noise: full-range static, or grain on flat gray', () => {
    const random = seededRandom(6);
    const staticFrames = Array.from({ length: 90 }, () => Uint8Array.from({ length: W * H }, () => Math.floor(random() * 256)));
    expect(detect(staticFrames)).toEqual([]);
    const grain = Array.from({ length: 90 }, () => Uint8Array.from({ length: W * H }, () => 128 + Math.round((random() * 2 - 1) * 20)));
    expect(detect(grain)).toEqual([]);
  });

  it('finds no cut in a fast pan', () => {
    const random = seededRandom(7);
    const pan = { ...SCENES[1]!, drift: 3 };
    const frames = Array.from({ length: 90 }, (_, t) => render(pan, t, random));
    expect(detect(frames)).toEqual([]);
  });

  it('honours minSceneFrames and threshold', () => {
    const frames = sequence(8, [
      [0, 30],
      [1, 4],
      [2, 40],
    ]);
    expect(detect(frames).map((c) => c.frame)).toEqual([30]);
    expect(detect(frames, { minSceneFrames: 3 }).map((c) => c.frame)).toEqual([30, 34]);
    expect(detect(frames, { threshold: 0.9 })).toEqual([]);
  });

  it('reports the same cuts when asked mid-stream as at the end', () => {
    const frames = sequence(9, [
      [0, 20],
      [1, 30],
      [2, 20],
    ]);
    const detector = new SceneCutDetector();
    const seen: number[][] = [];
    frames.forEach((frame, i) => {
      detector.push(frame, i * FRAME_US);
      if (i === 35 || i === 69) seen.push(detector.cuts().map((c) => c.frame));
    });
    expect(seen).toEqual([[20], [20, 50]]);
  });

  it('rejects a frame of a different size', () => {
    const detector = new SceneCutDetector();
    detector.push(new Uint8Array(W * H), 0);
    expect(() => detector.push(new Uint8Array(10), 1)).toThrow(RangeError);
  });
});
