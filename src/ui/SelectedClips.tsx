import { Show } from 'solid-js';
import { PastePictureButton, type PictureSource } from './PastePictureButton.tsx';
import { NormalizeButton } from './LoudnessControl.tsx';
import { DetachSoundButton } from './DetachSoundButton.tsx';

/** Several clips selected: what can be done to all of them at once. */
export function SelectedClips(props: {
  count: number;
  canNormalize: boolean;
  onNormalize: () => void;
  onDetachSound?: (() => void) | undefined;
  /** Set when a copied clip's picture settings can be pasted onto these (see PictureFields). */
  pasteFrom?: PictureSource | undefined;
}) {
  let panel!: HTMLElement;
  return (
    // Focusable from script only: where focus goes when Detach sound, pressed, goes (Normalize is then disabled: nothing left to hear).
    <section class="panel" aria-label="Selected clips" data-testid="selected-clips" ref={panel} tabIndex={-1}>
      <h2 class="panel-title">{props.count} clips selected</h2>
      <div class="trim-row">
        <NormalizeButton disabled={!props.canNormalize} onNormalize={props.onNormalize} />
        <Show when={props.onDetachSound}>{(detach) => <DetachSoundButton onDetach={detach()} focusWhenGone={() => panel} />}</Show>
        <Show when={props.pasteFrom}>{(from) => <PastePictureButton from={from()} />}</Show>
      </div>
      <p class="hint">Each clip's volume is set on its own loudness, so they all play alike. Delete removes them; drag one to move them all.</p>
    </section>
  );
}
