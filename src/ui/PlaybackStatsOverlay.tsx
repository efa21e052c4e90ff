import { Show } from 'solid-js';
import type { PlaybackStats } from '../engine/playback.ts';

/** Chromium's non-standard heap figure for this page, where it exists. */
function pageHeapMb(): number | null {
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? Math.round(memory.usedJSHeapSize / 1e6) : null;
}

/**
 * The preview's numbers, over the picture: frames per second, frames dropped,
 * the time a frame takes, audio/video offset, decode queue, GPU pool use and
 * memory. Its `data-stats` attribute carries the same figures as JSON for tests.
 */
export function PlaybackStatsOverlay(props: { stats: PlaybackStats | null; lateAudioBlocks: number }) {
  const hitRate = (s: PlaybackStats) => (s.pool.requests > 0 ? `${Math.round((100 * s.pool.hits) / s.pool.requests)}%` : '–');
  return (
    // A group, not a live region: its figures change many times a second while playing, and would be read out over the sound.
    <div class="stats-overlay" data-testid="playback-stats" role="group" aria-label="Playback statistics" data-stats={JSON.stringify({ ...props.stats, lateAudioBlocks: props.lateAudioBlocks })}>
      <Show when={props.stats} fallback={<span>Press Play to measure playback.</span>}>
        {(s) => (
          <dl>
            <dt>fps</dt>
            <dd>{s().fps}</dd>
            <dt>shown / dropped</dt>
            <dd>
              {s().framesShown} / {s().framesDropped}
            </dd>
            <dt>frame time</dt>
            <dd>
              {s().frameMs.toFixed(1)} ms ({s().compositeMs.toFixed(1)} composite)
            </dd>
            <dt>A/V offset</dt>
            <dd>
              {s().avOffsetMs.samples > 0 ? `${s().avOffsetMs.mean.toFixed(1)} ms (max ${s().avOffsetMs.maxAbs.toFixed(1)})` : '–'}
            </dd>
            <dt>late audio</dt>
            <dd>{props.lateAudioBlocks}</dd>
            <dt>decode queue</dt>
            <dd>{s().decodeQueue}</dd>
            <dt>GPU pool</dt>
            <dd>
              {s().pool.live} live, {hitRate(s())} reused
            </dd>
            <dt>cached frames</dt>
            <dd>{s().cachedFrames}</dd>
            <dt>renderer</dt>
            <dd>{s().renderer}</dd>
            <Show when={pageHeapMb()}>
              {(mb) => (
                <>
                  <dt>page heap</dt>
                  <dd>{mb()} MB</dd>
                </>
              )}
            </Show>
          </dl>
        )}
      </Show>
    </div>
  );
}
