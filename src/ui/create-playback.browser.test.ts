import { describe, expect, it } from 'vitest';
import { createRoot, createSignal } from 'solid-js';
import type { Remote } from 'comlink';
import { createPlayback } from './create-playback.ts';
import { emptyProject } from '../model/project.ts';
import type { EngineApi } from '../workers-api/engine-api.ts';
import type { PlaybackEvents, PlaybackStats } from '../engine/playback.ts';

const frames = (n: number) => new Promise<void>((resolve) => {
  const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
  step(n);
});

describe('createPlayback', () => {
  it('a shuttle press while the last one is still reaching the engine leaves no clock follower behind: the playhead stays where it is put after playback ends', async () => {
    // The engine answers play() only when told to, as a busy worker does.
    const plays: { events: PlaybackEvents; answer: () => void }[] = [];
    const engine = {
      play: (_project: unknown, _request: unknown, events: PlaybackEvents) => new Promise<void>((answer) => plays.push({ events, answer })),
      stopPlayback: async () => null,
      setPlaybackClock: async () => undefined,
    } as unknown as Remote<EngineApi>;
    await createRoot(async (dispose) => {
      const [playheadUs, setPlayheadUs] = createSignal(5_000_000);
      const playback = createPlayback({ engine, project: () => emptyProject(), durationUs: () => 10_000_000, playheadUs, setPlayheadUs, onShown: () => undefined, onError: (m) => { throw new Error(m); } });
      // J, then J again while the first run's play() is still pending (backwards: no sound to wait for).
      void playback.shuttle(-1);
      await expect.poll(() => plays.length).toBe(1);
      void playback.shuttle(-1);
      await expect.poll(() => plays.length).toBe(2);
      plays[0]!.answer();
      plays[1]!.answer();
      await frames(3);
      expect(playback.rate()).toBe(-2);
      plays[1]!.events.ended({ shown: { timelineUs: 4_000_000, sourceUs: 4_000_000 } } as PlaybackStats);
      await expect.poll(() => playback.playing()).toBe(false);
      expect(playheadUs()).toBe(4_000_000);
      // A seek after playback ended stays put (a leftover follower pinned the playhead to where playing began).
      setPlayheadUs(7_000_000);
      await frames(5);
      expect(playheadUs()).toBe(7_000_000);
      dispose();
    });
  });
});
