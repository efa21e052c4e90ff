import { Show } from 'solid-js';
import { formatTimecode, frameCountFor, frameTimeUs, US_PER_SECOND } from '../model/time.ts';
import type { LoopRange } from './loop-range.ts';

/** Play/pause, loop and the playhead scrubber with timecode; ←/→ step one frame, J/K/L shuttle. */
export function Transport(props: {
  playheadUs: number;
  durationUs: number;
  fps: number;
  shownSourceUs: number | null;
  rate: number;
  looping: boolean;
  loopRange: LoopRange | null;
  statsOpen: boolean;
  onSeek: (us: number) => void;
  onPlayPause: () => void;
  onLoop: () => void;
  onStats: () => void;
}) {
  const frameUs = () => US_PER_SECOND / props.fps;
  const playing = () => props.rate !== 0;
  // The slider's values are whole steps of a fractional frame length; half a frame of slack
  // keeps the last frame's step within max whatever the rounding (it stopped one frame short).
  const lastFrameMax = () => Math.max(0, frameTimeUs(frameCountFor(props.durationUs, props.fps) - 1, props.fps)) + frameUs() / 2;
  return (
    <div class="transport">
      {/* A toggle keeps its name: "Pause, pressed" read as paused. Pressed is playing. */}
      <button type="button" class="play-button" data-testid="play" aria-label="Play" aria-pressed={playing()} disabled={props.durationUs === 0} onClick={() => props.onPlayPause()}>
        {playing() ? '❚❚' : '▶'}
      </button>
      <Show when={playing() && props.rate !== 1}>
        <span class="hint" data-testid="shuttle-rate">
          {props.rate > 0 ? `${props.rate}×` : `◀ ${-props.rate}×`}
        </span>
      </Show>
      <input
        type="range"
        class="scrubber"
        aria-label="Playhead"
        // Its value is in microseconds: a screen reader says the timecode instead.
        aria-valuetext={formatTimecode(props.playheadUs)}
        data-testid="playhead"
        min="0"
        max={lastFrameMax()}
        step={frameUs()}
        value={props.playheadUs}
        disabled={props.durationUs === 0}
        onInput={(e) => props.onSeek(Number(e.currentTarget.value))}
      />
      <span class="timecode" data-testid="timecode">
        {formatTimecode(props.playheadUs)} / {formatTimecode(props.durationUs)}
      </span>
      <button type="button" aria-pressed={props.looping} data-testid="loop" aria-label="Loop playback" title="Loop (Shift+L); I and O mark the range" onClick={() => props.onLoop()}>
        {props.loopRange ? `⟲ ${formatTimecode(props.loopRange.startUs)}–${formatTimecode(props.loopRange.endUs)}` : '⟲'}
      </button>
      <button type="button" aria-pressed={props.statsOpen} data-testid="stats-toggle" title="Playback statistics" onClick={() => props.onStats()}>
        Stats
      </button>
      <span class="frame-info" data-testid="shown-frame" data-source-us={props.shownSourceUs ?? ''}>
        {props.shownSourceUs === null ? '' : `source ${formatTimecode(props.shownSourceUs)}`}
      </span>
    </div>
  );
}
