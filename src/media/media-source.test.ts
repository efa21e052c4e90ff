import { describe, expect, it } from 'vitest';
import { frameRateFacts } from './media-source.ts';

const steady = (n: number, fps: number, round = (us: number) => Math.round(us)) => Array.from({ length: n }, (_, i) => round((i * 1_000_000) / fps));

describe('frameRateFacts', () => {
  it('reads a steady rate, in any order, as constant', () => {
    expect(frameRateFacts(steady(300, 30).reverse(), 10_000_000)).toEqual({ fps: 30, variableFrameRate: false });
    expect(frameRateFacts(steady(300, 30000 / 1001), 10_010_000).fps).toBeCloseTo(29.97, 2);
  });

  it('is not fooled by millisecond-rounded (WebM) timestamps', () => {
    expect(frameRateFacts(steady(60, 30, (us) => Math.round(us / 1000) * 1000), 2_000_000)).toEqual({ fps: 30, variableFrameRate: false });
  });

  it('flags a variable frame rate', () => {
    const pts = [...steady(30, 30), ...steady(30, 15).map((t) => t + 1_000_000)];
    expect(frameRateFacts(pts, 3_000_000).variableFrameRate).toBe(true);
  });

  it("takes a variable-rate video's fastest steady rate, not its average", () => {
    // A phone's 30 fps with every 20th frame dropped: 28.7 on average.
    const dropped = steady(600, 30).filter((_, i) => i % 20 !== 19);
    expect(frameRateFacts(dropped, 20_000_000)).toEqual({ fps: 30, variableFrameRate: true });
    // 2 s at 30 fps, then 4 s at 15: 20 on average, which would lose a third of the 30 fps part.
    const twoRates = [...steady(60, 30), ...steady(60, 15).map((t) => t + 2_000_000)];
    expect(frameRateFacts(twoRates, 6_000_000)).toEqual({ fps: 30, variableFrameRate: true });
    // 29.97 with dropped frames stays 29.97.
    expect(frameRateFacts(steady(600, 30000 / 1001).filter((_, i) => i % 10 !== 9), 20_000_000).fps).toBe(29.97);
  });

  it('reads a browser recording (millisecond WebM timestamps, a frame dropped) as the 30 fps it is, not 30.303', () => {
    // As Chrome's MediaRecorder writes a 30 fps canvas: steps of 33 and 34 ms, and one of 66 where a frame was dropped.
    const recorded = steady(120, 30, (us) => Math.round(us / 1000) * 1000).filter((_, i) => i !== 60);
    expect(frameRateFacts(recorded, 4_000_000)).toEqual({ fps: 30, variableFrameRate: true });
    // The same at 60 fps (steps of 16 and 17 ms) and 25 fps (exactly 40 ms: nothing to round).
    expect(frameRateFacts(steady(240, 60, (us) => Math.round(us / 1000) * 1000).filter((_, i) => i !== 100), 4_000_000).fps).toBe(60);
    expect(frameRateFacts(steady(100, 25).filter((_, i) => i !== 50), 4_000_000).fps).toBe(25);
  });

  it('reads a screen recording with scattered steps and still stretches at its moving rate, not its average', () => {
    // Chrome's MediaRecorder on a busy machine: 30 fps steps anywhere from 21 to 45 ms (none common), 1 s of frames,
    // the screen still for 1.5 s (no frame), then 1 s more: 17 fps on average.
    const scattered = [21, 37, 27, 45, 23, 44, 33, 32, 30, 29, 39, 43].map((ms) => ms * 1000);
    const pts = [0];
    for (let i = 0; i < 60; i++) pts.push(pts[pts.length - 1]! + scattered[i % scattered.length]! + (i === 29 ? 1_500_000 : 0));
    expect(frameRateFacts(pts, 3_600_000)).toEqual({ fps: 30, variableFrameRate: true });
    // Scattered a little fast (a 31 fps measure) is still the standard rate it was meant to be.
    expect(frameRateFacts(pts.map((t) => Math.round(t * 0.97)), 3_600_000).fps).toBe(30);
  });

  it('handles a single frame and no frames', () => {
    expect(frameRateFacts([0], 5_000_000)).toEqual({ fps: 0.2, variableFrameRate: false });
    // One frame of a 30 fps WebM, its duration rounded to 33 ms: 30, not 30.303.
    expect(frameRateFacts([0], 33_000)).toEqual({ fps: 30, variableFrameRate: false });
    expect(frameRateFacts([], 0)).toEqual({ fps: 0, variableFrameRate: false });
  });
});
