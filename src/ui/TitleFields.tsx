import { For, Show } from 'solid-js';
import { MAX_TITLE_CHARACTERS } from '../model/render-job.ts';
import type { TextStyle } from '../model/project.ts';
import { NumberField } from './NumberField.tsx';

/** Font families offered, as stacks of fonts most systems have (nothing is downloaded). */
const FONTS: { name: string; family: string }[] = [
  { name: 'Sans', family: 'system-ui, sans-serif' },
  { name: 'Serif', family: 'Georgia, "Times New Roman", serif' },
  { name: 'Mono', family: 'ui-monospace, "Courier New", monospace' },
  { name: 'Display', family: 'Impact, "Arial Black", sans-serif' },
  { name: 'Handwriting', family: '"Comic Sans MS", "Segoe Print", cursive' },
];

/** A title's words and look: text, font, size, colour, box or outline, alignment and place on screen. */
export function TitleFields(props: { style: TextStyle; onChange: (change: Partial<TextStyle>) => void }) {
  /** A fraction of the frame shown as a whole percentage, kept within [min, max] %. */
  const percent = (label: string, key: 'size' | 'x' | 'y', min: number, max: number) => (
    <NumberField
      label={label}
      min={String(min)}
      max={String(max)}
      step="1"
      value={Math.round(props.style[key] * 100)}
      onCommit={(n) => props.onChange({ [key]: Math.min(max, Math.max(min, n)) / 100 })}
    />
  );
  return (
    <div class="title-fields">
      <label class="field">
        <span>Text</span>
        <textarea
          rows="2"
          maxLength={MAX_TITLE_CHARACTERS}
          value={props.style.content}
          data-testid="title-text"
          onChange={(e) => {
            props.onChange({ content: e.currentTarget.value });
            e.currentTarget.value = props.style.content;
          }}
        />
      </label>
      <div class="trim-row">
        <label class="field">
          <span>Font</span>
          <select value={props.style.fontFamily} data-testid="title-font" onChange={(e) => props.onChange({ fontFamily: e.currentTarget.value })}>
            <For each={FONTS}>{(font) => <option value={font.family}>{font.name}</option>}</For>
            {/* A font a project file named that is not offered stays shown as it is. */}
            <Show when={!FONTS.some((font) => font.family === props.style.fontFamily)}>
              <option value={props.style.fontFamily}>{props.style.fontFamily}</option>
            </Show>
          </select>
        </label>
        {percent('Size (% of height)', 'size', 2, 50)}
        <label class="field">
          <span>Colour</span>
          <input type="color" value={props.style.color} onChange={(e) => props.onChange({ color: e.currentTarget.value })} />
        </label>
        <label class="field">
          <span>Box</span>
          <input
            type="color"
            value={props.style.background ?? '#000000'}
            onChange={(e) => props.onChange({ background: e.currentTarget.value })}
          />
        </label>
      </div>
      <div class="trim-row">
        <label class="field">
          <span>Align</span>
          <select value={props.style.align} onChange={(e) => props.onChange({ align: e.currentTarget.value as TextStyle['align'] })}>
            <option value="left">Left</option>
            <option value="center">Centre</option>
            <option value="right">Right</option>
          </select>
        </label>
        {percent('Across (%)', 'x', 0, 100)}
        {percent('Height on screen (%)', 'y', 0, 100)}
        <label class="field">
          <span>No box</span>
          <input type="checkbox" checked={props.style.background === null} onChange={(e) => props.onChange({ background: e.currentTarget.checked ? null : '#000000' })} />
        </label>
        <label class="field">
          <span>Outline</span>
          <input type="checkbox" data-testid="title-outline" checked={props.style.outline === true} onChange={(e) => props.onChange({ outline: e.currentTarget.checked })} />
        </label>
      </div>
    </div>
  );
}
