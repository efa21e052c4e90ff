import { Show } from 'solid-js';
import { clipDurationUs, clipPicture, type Clip, type TextStyle, type Transition, type TransitionKind } from '../model/project.ts';
import { TitleFields } from './TitleFields.tsx';
import { PictureFields, type PictureChange } from './PictureFields.tsx';
import type { PictureSource } from './PastePictureButton.tsx';
import { formatTimecode, US_PER_SECOND } from '../model/time.ts';
import { NumberField } from './NumberField.tsx';
import { LoudnessControl } from './LoudnessControl.tsx';
import { DetachSoundButton } from './DetachSoundButton.tsx';
import { keepFocusWhenRemoved } from './keep-focus-when-removed.ts';

/** The selected clip: its source in/out points (its start stays put), sound (volume, fades) and removal. */
export function ClipInspector(props: {
  clip: Clip;
  assetName: string;
  /** On a locked track: shown, not editable. */
  locked: boolean;
  /** The clip's media has sound (its volume and fades mean something). */
  hasSound: boolean;
  onSound: (change: { volume?: number; fadeInUs?: number; fadeOutUs?: number; duckOthers?: boolean }) => void;
  /** The clip's loudness at volume 1 (see `LoudnessControl`); null when it has no sound. */
  loudnessLufs: number | null | undefined;
  onNormalize: () => void;
  /** Set when the clip's sound can go to an audio track of its own. */
  onDetachSound?: (() => void) | undefined;
  /** Cuts the clip's pauses out (a jump cut). */
  onRemovePauses: () => void;
  onInOut: (edge: 'in' | 'out', sourceUs: number) => void;
  onRemove: () => void;
  /** Where focus goes when the inspector goes while it has it (Remove clip). */
  fallbackFocus: () => HTMLElement | null | undefined;
  /** Set when there is empty space before the clip on its track: the keyboard's way to what a double-click on the gap does. */
  onCloseGapBefore?: (() => void) | undefined;
  /** The transition drawn into the next clip, if any (one kept from when another clip met this one is not shown). */
  transition: Transition | undefined;
  canTransition: boolean;
  onTransition: (kind: TransitionKind | null, durationUs?: number) => void;
  /** Set for a title clip. */
  title?: TextStyle | undefined;
  onTitle: (change: Partial<TextStyle>) => void;
  onPicture: (change: PictureChange) => void;
  /** Keys out the picture's background colour (see PictureFields). */
  onKeyOut: () => void;
  /** Set when a copied clip's picture settings can be pasted onto this one (see PictureFields). */
  pasteFrom?: PictureSource | undefined;
  onSpeed: (speed: number) => void;
  onStart: (startUs: number) => void;
}) {
  const seconds = (us: number) => (us / US_PER_SECOND).toFixed(3);
  let panel!: HTMLElement;
  keepFocusWhenRemoved(() => panel, props.fallbackFocus);
  return (
    <section class="panel" aria-label="Selected clip" ref={panel}>
      <h2 class="panel-title">{props.assetName}</h2>
      <Show when={props.locked}>
        <p class="hint" data-testid="inspector-locked">
          On a locked track: unlock the track to change this clip.
        </p>
      </Show>
      <fieldset class="inspector-fields" disabled={props.locked}>
        <Show when={props.title}>{(style) => <TitleFields style={style()} onChange={props.onTitle} />}</Show>
        <div class="trim-row">
          <NumberField label="Start (s)" testid="clip-start" value={seconds(props.clip.startUs)} step="0.001" onCommit={(s) => props.onStart(Math.round(s * US_PER_SECOND))} />
          <NumberField label="In (s)" testid="trim-in" value={seconds(props.clip.inUs)} step="0.001" onCommit={(s) => props.onInOut('in', Math.round(s * US_PER_SECOND))} />
          <NumberField label="Out (s)" testid="trim-out" value={seconds(props.clip.outUs)} step="0.001" onCommit={(s) => props.onInOut('out', Math.round(s * US_PER_SECOND))} />
        </div>
        <Show when={props.onCloseGapBefore}>
          {(close) => {
            let row!: HTMLDivElement;
            // Pressed, it goes (no gap left): focus goes to Start, which it changed, not to the page.
            keepFocusWhenRemoved(
              () => row,
              () => panel.querySelector<HTMLElement>('[data-testid=clip-start]'),
            );
            return (
              <div class="trim-row" ref={row}>
                <button type="button" data-testid="close-gap-before" title="Moves this clip and the ones after it on its track back by the gap's length" onClick={() => close()()}>
                  Close the gap before it
                </button>
              </div>
            );
          }}
        </Show>
        <div class="trim-row">
          {/* Sound settings only where there is sound; speed only for media (a title is the same at any speed). */}
          <Show when={props.hasSound}>
            <NumberField label="Volume" testid="volume" value={props.clip.volume.toFixed(2)} step="0.05" onCommit={(v) => props.onSound({ volume: v })} />
            <NumberField label="Sound fade in (s)" testid="fade-in" value={seconds(props.clip.fadeInUs)} step="0.1" onCommit={(s) => props.onSound({ fadeInUs: Math.round(s * US_PER_SECOND) })} />
            <NumberField label="Sound fade out (s)" testid="fade-out" value={seconds(props.clip.fadeOutUs)} step="0.1" onCommit={(s) => props.onSound({ fadeOutUs: Math.round(s * US_PER_SECOND) })} />
          </Show>
          <Show when={!props.title}>
            <NumberField label="Speed ×" testid="speed" value={(props.clip.speed ?? 1).toFixed(2)} step="0.25" onCommit={(s) => props.onSpeed(s)} />
          </Show>
        </div>
        <Show when={props.hasSound}>
          <label class="field check-field">
            <input
              type="checkbox"
              data-testid="duck-others"
              checked={props.clip.duckOthers === true}
              // Only a clip that is heard lowers the others: at volume 0 the box would promise what does not happen.
              disabled={props.clip.volume === 0}
              title={props.clip.volume === 0 ? 'At volume 0 this clip is not heard, so it lowers nothing' : undefined}
              onChange={(e) => props.onSound({ duckOthers: e.currentTarget.checked })}
            />
            <span>Lower other tracks' sound while this plays (ducking, −12 dB)</span>
          </label>
        </Show>
        <Show when={props.loudnessLufs !== null}>
          <LoudnessControl lufs={props.loudnessLufs ?? undefined} volume={props.clip.volume} onNormalize={props.onNormalize} />
        </Show>
        <Show when={props.hasSound}>
          <div class="trim-row">
            <Show when={props.onDetachSound}>{(detach) => <DetachSoundButton onDetach={detach()} focusWhenGone={() => panel.querySelector<HTMLElement>('[data-testid=volume]')} />}</Show>
            <button type="button" data-testid="remove-pauses" title="Cuts out every pause of half a second or more, keeping 0.15 s either side of the sound; what follows moves up" onClick={() => props.onRemovePauses()}>
              Remove pauses
            </button>
          </div>
        </Show>
        <div class="trim-row">
          <label class="field">
            <span>Transition into the next clip</span>
            <select
              data-testid="transition"
              disabled={!props.canTransition && !props.transition}
              value={props.transition?.kind ?? ''}
              onChange={(e) => {
                props.onTransition((e.currentTarget.value || null) as TransitionKind | null, props.transition?.durationUs);
                e.currentTarget.value = props.transition?.kind ?? '';
              }}
            >
              <option value="">None</option>
              <option value="crossfade">Crossfade</option>
              <option value="dip">Dip to black</option>
              <option value="wipe">Wipe</option>
              <option value="push">Push</option>
              <option value="zoom">Zoom</option>
            </select>
          </label>
          <NumberField
            label="Length (s)"
            testid="transition-length"
            value={seconds(props.transition?.durationUs ?? 1_000_000)}
            step="0.1"
            onCommit={(s) => props.onTransition(props.transition?.kind ?? 'crossfade', Math.round(s * US_PER_SECOND))}
          />
        </div>
        <PictureFields picture={clipPicture(props.clip)} onChange={props.onPicture} onKeyOut={props.title ? undefined : props.onKeyOut} pasteFrom={props.pasteFrom} />
        <p class="hint">
          At {formatTimecode(props.clip.startUs)} · length {formatTimecode(clipDurationUs(props.clip))}
        </p>
        <button type="button" class="danger" onClick={props.onRemove}>
          Remove clip
        </button>
      </fieldset>
    </section>
  );
}
