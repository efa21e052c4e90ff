import { describe, expect, it } from 'vitest';
import { emptyProject, newClip } from '../model/project.ts';
import type { FrameCompositor } from '../media/compositor/frame-compositor.ts';
import type { PreviewSink } from './preview.ts';
import { Playback, type PlaybackStats } from './playback.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('Playback', () => {
  it('a slow first frame (a decoder starting, shaders compiling) does not end playback early: it plays on to the end', async () => {
    const project = emptyProject();
    project.clips = [newClip({ id: 'clip:a', assetId: 'asset:a', trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 2_000_000 })];
    let presents = 0;
    // The first paint takes 1.2 s, the rest 5 ms.
    const preview = { present: async () => void (await sleep(presents++ === 0 ? 1_200 : 5)), cache: { size: 0 } } as unknown as PreviewSink;
    const compositor = async () => ({ poolStats: () => ({ requests: 0, hits: 0 }), kind: 'webgpu' }) as unknown as FrameCompositor;
    const started = performance.timeOrigin + performance.now();
    const ended = await new Promise<PlaybackStats>((resolve, reject) => {
      new Playback(project, () => undefined, preview, compositor, { fromUs: 0, rate: 1, loop: null, clock: { wallMs: started, mediaUs: 0 }, audio: null }, {
        audio: () => undefined,
        stats: () => undefined,
        ended: resolve,
        failed: (message) => reject(new Error(message)),
      });
    });
    const playedMs = performance.timeOrigin + performance.now() - started;
    // It ended when the clock reached the end, on the last frame, having painted the half second after the slow one.
    expect(playedMs).toBeGreaterThan(1_900);
    expect(ended.shown.timelineUs).toBeGreaterThan(1_900_000);
    expect(ended.framesShown).toBeGreaterThan(10);
  });
});
