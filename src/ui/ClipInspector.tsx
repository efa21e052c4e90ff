import { Show } from 'solid-js';
import { clipDurationUs, clipPicture, type Clip, type TextStyle, type Transition, type TransitionKind } from '../model/project.ts';
import { TitleFields } from './TitleFields.tsx';
import { PictureFields, type PictureChange } from './PictureFields.tsx';
import { formatTimecode, US_PER_SECOND } from '../model/time.ts';

/** The selected clip: its source in/out points (its start stays put), sound (volume, fades) and removal. */
export function ClipInspector(props: {
  clip: Clip;
  assetName: string;
  onSound: (change: { volume?: number; fadeInUs?: number; fadeOutUs?: number }) => void;
  onInOut: (edge: 'in' | 'out', sourceUs: number) => void;
  onRemove: () => void;
  /** The transition into the next clip, if any; null when no clip follows directly. */
  transition: Transition | undefined;
  canTransition: boolean;
  onTransition: (kind: TransitionKind | null, durationUs?: number) => void;
  /** Set for a title clip. */
  title?: TextStyle | undefined;
  onTitle: (change: Partial<TextStyle>) => void;
  onPicture: (change: PictureChange) => void;
  onSpeed: (speed: number) => void;
}) {
  const seconds = (us: number) => (us / US_PER_SECOND).toFixed(3);
  const number = (label: string, testid: string, value: string, step: string, apply: (n: number) => void) => (
    <label class="field">
      <span>{label}</span>
      <input
        type="number"
        step={step}
        value={value}
        data-testid={testid}
        onChange={(e) => {
          const n = Number(e.currentTarget.value);
          if (Number.isFinite(n)) apply(n);
        }}
      />
    </label>
  );
  return (
    <section class="panel" aria-label="Selected clip">
      <h2 class="panel-title">{props.assetName}</h2>
      <Show when={props.title}>{(style) => <TitleFields style={style()} onChange={props.onTitle} />}</Show>
      <div class="trim-row">
        {number('In (s)', 'trim-in', seconds(props.clip.inUs), '0.001', (s) => props.onInOut('in', Math.round(s * US_PER_SECOND)))}
        {number('Out (s)', 'trim-out', seconds(props.clip.outUs), '0.001', (s) => props.onInOut('out', Math.round(s * US_PER_SECOND)))}
      </div>
      <div class="trim-row">
        {number('Volume', 'volume', props.clip.volume.toFixed(2), '0.05', (v) => props.onSound({ volume: v }))}
        {number('Fade in (s)', 'fade-in', seconds(props.clip.fadeInUs), '0.1', (s) => props.onSound({ fadeInUs: Math.round(s * US_PER_SECOND) }))}
        {number('Fade out (s)', 'fade-out', seconds(props.clip.fadeOutUs), '0.1', (s) => props.onSound({ fadeOutUs: Math.round(s * US_PER_SECOND) }))}
        {number('Speed ×', 'speed', (props.clip.speed ?? 1).toFixed(2), '0.25', (s) => props.onSpeed(s))}
      </div>
      <div class="trim-row">
        <label class="field">
          <span>Transition into the next clip</span>
          <select
            data-testid="transition"
            disabled={!props.canTransition && !props.transition}
            value={props.transition?.kind ?? ''}
            onChange={(e) => props.onTransition((e.currentTarget.value || null) as TransitionKind | null, props.transition?.durationUs)}
          >
            <option value="">None</option>
            <option value="crossfade">Crossfade</option>
            <option value="dip">Dip to black</option>
            <option value="wipe">Wipe</option>
          </select>
        </label>
        {number('Length (s)', 'transition-length', seconds(props.transition?.durationUs ?? 1_000_000), '0.1', (s) =>
          props.onTransition(props.transition?.kind ?? 'crossfade', Math.round(s * US_PER_SECOND)),
        )}
      </div>
      <PictureFields picture={clipPicture(props.clip)} onChange={props.onPicture} />
      <p class="hint">
        At {formatTimecode(props.clip.startUs)} · length {formatTimecode(clipDurationUs(props.clip))}
      </p>
      <button type="button" class="danger" onClick={props.onRemove}>
        Remove clip
      </button>
    </section>
  );
}
