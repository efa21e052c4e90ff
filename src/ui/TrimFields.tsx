import type { Clip } from '../model/project.ts';
import { formatTimecode, US_PER_SECOND } from '../model/time.ts';

/** In/out points of the selected clip in seconds (snapped to frames by the session), or from the playhead. */
export function TrimFields(props: {
  clip: Clip;
  assetName: string;
  fps: number;
  playheadUs: number;
  onTrim: (edge: 'in' | 'out', us: number) => void;
  onRemove: () => void;
}) {
  const seconds = (us: number) => (us / US_PER_SECOND).toFixed(3);
  const sourceAtPlayhead = () => props.clip.inUs + (props.playheadUs - props.clip.startUs);
  const field = (edge: 'in' | 'out', label: string) => (
    <label class="field">
      <span>{label} (s)</span>
      <input
        type="number"
        min="0"
        step={(1 / props.fps).toFixed(6)}
        value={seconds(edge === 'in' ? props.clip.inUs : props.clip.outUs)}
        data-testid={`trim-${edge}`}
        onChange={(e) => {
          const value = Number(e.currentTarget.value);
          if (Number.isFinite(value)) props.onTrim(edge, Math.round(value * US_PER_SECOND));
        }}
      />
    </label>
  );
  return (
    <section class="panel" aria-label="Selected clip">
      <h2 class="panel-title">{props.assetName}</h2>
      <div class="trim-row">
        {field('in', 'In')}
        {field('out', 'Out')}
      </div>
      <div class="trim-row">
        <button type="button" onClick={() => props.onTrim('in', sourceAtPlayhead())}>
          Set in at playhead
        </button>
        <button type="button" onClick={() => props.onTrim('out', sourceAtPlayhead())}>
          Set out at playhead
        </button>
      </div>
      <p class="hint">Length {formatTimecode(props.clip.outUs - props.clip.inUs)}</p>
      <button type="button" class="danger" onClick={props.onRemove}>
        Remove clip
      </button>
    </section>
  );
}
