import { For, Show } from 'solid-js';
import { PastePictureButton, type PictureSource } from './PastePictureButton.tsx';
import { NumberField } from './NumberField.tsx';
import type { ClipPicture, PictureChange } from '../model/project.ts';
import { US_PER_SECOND } from '../model/time.ts';

export type { PictureChange };

/** Colour looks made of brightness, contrast and saturation: one choice sets all three. */
const LOOKS: { name: string; brightness: number; contrast: number; saturation: number }[] = [
  { name: 'Natural', brightness: 0, contrast: 1, saturation: 1 },
  { name: 'Black & white', brightness: 0, contrast: 1.1, saturation: 0 },
  { name: 'Vivid', brightness: 0, contrast: 1.15, saturation: 1.4 },
  { name: 'Soft', brightness: 0.04, contrast: 0.85, saturation: 0.8 },
  { name: 'Faded', brightness: 0.08, contrast: 0.75, saturation: 0.6 },
  { name: 'Dramatic', brightness: -0.05, contrast: 1.35, saturation: 0.9 },
];

/** A clip's placement, colour and fades, as percentages, degrees and seconds people think in. */
export function PictureFields(props: {
  picture: ClipPicture;
  onChange: (change: PictureChange) => void;
  /** Keys out the picture's background colour (set where keying means something: not on titles). */
  onKeyOut?: (() => void) | undefined;
  /** Set when a copied clip's picture settings can be pasted here: its name. */
  pasteFrom?: PictureSource | undefined;
}) {
  const p = () => props.picture;
  const field = (label: string, testid: string, value: () => number, apply: (n: number) => PictureChange, name?: string) => (
    <NumberField label={label} name={name} testid={testid} value={Math.round(value() * 100) / 100} step="1" onCommit={(n) => props.onChange(apply(n))} />
  );
  return (
    <details class="picture-fields">
      <summary>Picture</summary>
      <Show when={props.pasteFrom}>{(from) => <PastePictureButton from={from()} />}</Show>
      <label class="field">
        <span>Fit</span>
        <select value={p().fit} data-testid="fit" onChange={(e) => props.onChange({ fit: e.currentTarget.value === 'cover' ? 'cover' : 'contain' })}>
          <option value="contain">Whole picture (bars)</option>
          <option value="cover">Fill the frame (crop)</option>
        </select>
      </label>
      <div class="trim-row">
        {field('Opacity %', 'opacity', () => p().opacity * 100, (n) => ({ opacity: n / 100 }))}
        {field('Scale %', 'scale', () => p().scale * 100, (n) => ({ scale: n / 100 }))}
        {field('Rotate °', 'rotate', () => p().rotation, (n) => ({ rotation: n }))}
      </div>
      <div class="trim-row">
        {field('Across %', 'pos-x', () => p().x * 100, (n) => ({ x: n / 100 }))}
        {field('Down %', 'pos-y', () => p().y * 100, (n) => ({ y: n / 100 }))}
      </div>
      <p class="hint">At the clip's end (a slow zoom or pan over it):</p>
      <div class="trim-row">
        {field('End scale %', 'end-scale', () => (p().end?.scale ?? p().scale) * 100, (n) => ({ end: { scale: n / 100 } }))}
        {field('End across %', 'end-x', () => (p().end?.x ?? p().x) * 100, (n) => ({ end: { x: n / 100 } }))}
        {field('End down %', 'end-y', () => (p().end?.y ?? p().y) * 100, (n) => ({ end: { y: n / 100 } }))}
        <Show when={p().end}>
          <button type="button" data-testid="end-none" onClick={() => props.onChange({ end: null })}>
            No motion
          </button>
        </Show>
      </div>
      <div class="trim-row">
        {field('Crop left %', 'crop-left', () => p().crop.left * 100, (n) => ({ crop: { left: n / 100 } }))}
        {field('right %', 'crop-right', () => p().crop.right * 100, (n) => ({ crop: { right: n / 100 } }), 'Crop right %')}
        {field('top %', 'crop-top', () => p().crop.top * 100, (n) => ({ crop: { top: n / 100 } }), 'Crop top %')}
        {field('bottom %', 'crop-bottom', () => p().crop.bottom * 100, (n) => ({ crop: { bottom: n / 100 } }), 'Crop bottom %')}
      </div>
      <div class="trim-row">
        <NumberField label="Fade in (s)" testid="picture-fade-in" value={(p().fadeInUs / US_PER_SECOND).toFixed(3)} step="0.1" onCommit={(s) => props.onChange({ fadeInUs: s * US_PER_SECOND })} />
        <NumberField label="Fade out (s)" testid="picture-fade-out" value={(p().fadeOutUs / US_PER_SECOND).toFixed(3)} step="0.1" onCommit={(s) => props.onChange({ fadeOutUs: s * US_PER_SECOND })} />
      </div>
      <label class="field">
        <span>Look</span>
        <select
          data-testid="look"
          value={LOOKS.find((look) => look.brightness === p().brightness && look.contrast === p().contrast && look.saturation === p().saturation)?.name ?? ''}
          onChange={(e) => {
            const look = LOOKS.find((l) => l.name === e.currentTarget.value);
            if (look) props.onChange({ brightness: look.brightness, contrast: look.contrast, saturation: look.saturation });
          }}
        >
          <For each={LOOKS}>{(look) => <option value={look.name}>{look.name}</option>}</For>
          {/* Values set one by one are a look of their own. */}
          <Show when={!LOOKS.some((look) => look.brightness === p().brightness && look.contrast === p().contrast && look.saturation === p().saturation)}>
            <option value="">Custom</option>
          </Show>
        </select>
      </label>
      <div class="trim-row">
        {field('Brightness', 'brightness', () => p().brightness * 100, (n) => ({ brightness: n / 100 }))}
        {field('Contrast %', 'contrast', () => p().contrast * 100, (n) => ({ contrast: n / 100 }))}
        {field('Saturation %', 'saturation', () => p().saturation * 100, (n) => ({ saturation: n / 100 }))}
      </div>
      <Show when={props.onKeyOut}>
        {(keyOut) => (
          <>
            <label class="field check-field">
              <input
                type="checkbox"
                data-testid="key-out"
                checked={!!p().key}
                onChange={(e) => {
                  const box = e.currentTarget;
                  if (box.checked) keyOut()();
                  else props.onChange({ key: null });
                  // The box shows the clip's key, not the click: ticked once the key is set (the colour is picked first), back if refused.
                  box.checked = !!p().key;
                }}
              />
              <span>Remove the background colour (green screen): what is below shows through</span>
            </label>
            <Show when={p().key}>
              {(key) => (
                <div class="trim-row">
                  <label class="field">
                    <span>Colour</span>
                    <input type="color" data-testid="key-colour" value={key().color} onChange={(e) => props.onChange({ key: { color: e.currentTarget.value } })} />
                  </label>
                  {field('Tolerance %', 'key-tolerance', () => key().tolerance * 100, (n) => ({ key: { tolerance: n / 100 } }))}
                </div>
              )}
            </Show>
          </>
        )}
      </Show>
    </details>
  );
}
