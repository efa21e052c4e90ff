import { formatTimecode, US_PER_SECOND } from '../model/time.ts';

/** Playhead scrubber with timecode; ←/→ step one frame. */
export function Transport(props: { playheadUs: number; durationUs: number; fps: number; shownSourceUs: number | null; onSeek: (us: number) => void }) {
  const frameUs = () => US_PER_SECOND / props.fps;
  return (
    <div class="transport">
      <input
        type="range"
        class="scrubber"
        aria-label="Playhead"
        data-testid="playhead"
        min="0"
        max={Math.max(0, props.durationUs - frameUs())}
        step={frameUs()}
        value={props.playheadUs}
        disabled={props.durationUs === 0}
        onInput={(e) => props.onSeek(Number(e.currentTarget.value))}
      />
      <span class="timecode" data-testid="timecode">
        {formatTimecode(props.playheadUs)} / {formatTimecode(props.durationUs)}
      </span>
      <span class="frame-info" data-testid="shown-frame" data-source-us={props.shownSourceUs ?? ''}>
        {props.shownSourceUs === null ? '' : `source ${formatTimecode(props.shownSourceUs)}`}
      </span>
    </div>
  );
}
