import { createSignal, onCleanup } from 'solid-js';
import { proxy, type Remote } from 'comlink';
import type { Project } from '../model/project.ts';
import { US_PER_SECOND } from '../model/time.ts';
import type { PlaybackStats } from '../engine/playback.ts';
import type { ShownFrame } from '../engine/preview.ts';
import type { EngineApi } from '../workers-api/engine-api.ts';
import { PlaybackAudio } from './playback-audio.ts';
import { markIn, markOut, type LoopRange } from './loop-range.ts';

/** J/K/L: each press of L (J) doubles the speed forwards (backwards), up to 4×. */
export function shuttleRate(current: number, direction: 1 | -1): number {
  if (Math.sign(current) !== direction) return direction;
  return direction * Math.min(4, Math.abs(current) * 2);
}

const CLOCK_REFRESH_MS = 500;

/**
 * Play, pause, shuttle and loop for the editor. The engine worker draws the
 * frames and mixes the sound; this side plays the sound, owns the clock the
 * video follows (`PlaybackAudio`), moves the playhead with it, and keeps the
 * latest stats for the overlay.
 */
export function createPlayback(options: {
  engine: Remote<EngineApi>;
  project: () => Project;
  durationUs: () => number;
  playheadUs: () => number;
  setPlayheadUs: (us: number) => void;
  onShown: (shown: ShownFrame) => void;
  onError: (message: string) => void;
}) {
  const { engine } = options;
  const audio = new PlaybackAudio();
  const [rate, setRate] = createSignal(0);
  const [stats, setStats] = createSignal<PlaybackStats | null>(null);
  const [looping, setLooping] = createSignal(false);
  const [loopRange, setLoopRange] = createSignal<LoopRange | null>(null);
  let run = 0;
  let clockTimer: ReturnType<typeof setInterval> | undefined;
  let frameRequest = 0;
  let startedWall = 0;
  let startedFromUs = 0;

  const playing = () => rate() !== 0;
  const frameUs = () => US_PER_SECOND / options.project().output.fps;
  /** What loops: the I/O range if marked, else the whole timeline. */
  const activeLoop = (): LoopRange | null => (looping() ? (loopRange() ?? { startUs: 0, endUs: options.durationUs() }) : null);

  /** Follows the clock on screen: the playhead moves every display frame, whatever the engine manages to draw. */
  function followClock(): void {
    const clock = audio.clock();
    const unwrapped = clock.mediaUs + (performance.timeOrigin + performance.now() - clock.wallMs) * 1000 * rate();
    const loop = activeLoop();
    let t = rate() > 0 ? Math.max(startedFromUs, unwrapped) : Math.min(startedFromUs, unwrapped);
    if (loop && rate() > 0 && t >= loop.endUs) t = loop.startUs + ((t - loop.endUs) % (loop.endUs - loop.startUs));
    options.setPlayheadUs(Math.max(0, Math.min(options.durationUs(), t)));
    frameRequest = requestAnimationFrame(followClock);
  }

  function stopTimers(): void {
    clearInterval(clockTimer);
    cancelAnimationFrame(frameRequest);
  }

  async function start(newRate: number): Promise<void> {
    const project = options.project();
    const duration = options.durationUs();
    if (duration === 0) return;
    const loop = activeLoop();
    let fromUs = options.playheadUs();
    // Play from the last frame (where playing stops) starts again from the beginning.
    if (newRate > 0 && fromUs + US_PER_SECOND / project.output.fps >= duration - 1) fromUs = 0;
    if (loop && newRate > 0 && (fromUs < loop.startUs || fromUs >= loop.endUs)) fromUs = loop.startUs;
    const token = ++run;
    stopTimers();
    const format = await audio.begin(fromUs, newRate === 1);
    if (token !== run) return;
    startedFromUs = fromUs;
    startedWall = performance.now();
    setRate(newRate);
    const events = proxy({
      audio: (block: Parameters<PlaybackAudio['schedule']>[0]) => token === run && audio.schedule(block),
      stats: (next: PlaybackStats) => {
        if (token !== run) return;
        setStats({ ...next });
        options.onShown(next.shown);
      },
      ended: (final: PlaybackStats) => {
        if (token !== run) return;
        setStats(final);
        void finish(final.shown);
      },
      failed: (message: string) => {
        if (token !== run) return;
        options.onError(message);
        void pause();
      },
    });
    try {
      await engine.play(project, { fromUs, rate: newRate, loop, clock: audio.clock(), audio: format }, events);
    } catch (e) {
      options.onError(e instanceof Error ? e.message : String(e));
      await pause();
      return;
    }
    // A newer start (a second L while this one was reaching the engine) owns the timers: this one's would follow the clock forever.
    if (token !== run) return;
    clockTimer = setInterval(() => void engine.setPlaybackClock(audio.clock()), CLOCK_REFRESH_MS);
    frameRequest = requestAnimationFrame(followClock);
  }

  async function finish(shown: ShownFrame | null): Promise<void> {
    run++;
    stopTimers();
    audio.end();
    setRate(0);
    if (shown) {
      options.setPlayheadUs(shown.timelineUs);
      options.onShown(shown);
    }
  }

  async function pause(): Promise<void> {
    if (!playing()) return;
    run++;
    stopTimers();
    audio.end();
    const final = await engine.stopPlayback();
    if (final) setStats(final);
    await finish(final?.shown ?? null);
  }

  onCleanup(() => {
    stopTimers();
    audio.end();
  });

  return {
    rate,
    playing,
    stats,
    lateAudioBlocks: () => audio.lateBlocks,
    looping,
    loopRange,
    /** Milliseconds since playback started (for the overlay). */
    playingForMs: () => (playing() ? performance.now() - startedWall : 0),
    toggle: () => (playing() ? pause() : start(1)),
    pause,
    shuttle: (direction: 1 | -1) => start(shuttleRate(rate(), direction)),
    /** An edit while playing: carry on from where the clock is, with the new project. */
    restart: () => (playing() ? start(rate()) : Promise.resolve()),
    toggleLoop: () => {
      setLooping(!looping());
      if (playing()) void start(rate());
    },
    markIn: () => setLoopRange(markIn(loopRange(), options.playheadUs(), options.durationUs(), frameUs())),
    markOut: () => setLoopRange(markOut(loopRange(), options.playheadUs(), frameUs())),
    clearLoopRange: () => setLoopRange(null),
  };
}
