import { For } from 'solid-js';
import { sizeForAspect, type AspectPreset, type OutputSettings } from '../model/project.ts';

const PRESETS: { preset: AspectPreset; label: string }[] = [
  { preset: '16:9', label: '16:9 landscape' },
  { preset: '9:16', label: '9:16 vertical' },
  { preset: '1:1', label: '1:1 square' },
  { preset: '4:5', label: '4:5 portrait' },
];
const RATES = [24, 25, 29.97, 30, 50, 60];

/** Output shape, frame rate and background colour. */
export function ProjectSettings(props: { output: OutputSettings; onChange: (change: Partial<Pick<OutputSettings, 'width' | 'height' | 'fps' | 'background'>>) => void }) {
  const aspect = () => {
    const ratio = props.output.width / props.output.height;
    return PRESETS.find(({ preset }) => {
      const [w, h] = preset.split(':').map(Number) as [number, number];
      return Math.abs(ratio - w / h) < 0.01;
    })?.preset;
  };
  return (
    <section class="panel" aria-label="Project settings">
      <h2 class="panel-title">Project</h2>
      <div class="trim-row" role="group" aria-label="Aspect ratio">
        <For each={PRESETS}>
          {({ preset, label }) => (
            <button
              type="button"
              aria-pressed={aspect() === preset}
              aria-label={label}
              data-testid={`aspect-${preset}`}
              onClick={() => props.onChange(sizeForAspect(preset, props.output.width, props.output.height))}
            >
              {preset}
            </button>
          )}
        </For>
      </div>
      <div class="trim-row">
        <label class="field">
          <span>Frame rate</span>
          <select value={String(props.output.fps)} onChange={(e) => props.onChange({ fps: Number(e.currentTarget.value) })} data-testid="fps">
            <For each={[...new Set([...RATES, props.output.fps])].sort((a, b) => a - b)}>{(rate) => <option value={String(rate)}>{rate} fps</option>}</For>
          </select>
        </label>
        <label class="field">
          <span>Background</span>
          <input type="color" value={props.output.background ?? '#000000'} onChange={(e) => props.onChange({ background: e.currentTarget.value })} data-testid="background" />
        </label>
      </div>
      <p class="hint">
        {props.output.width}×{props.output.height}
      </p>
    </section>
  );
}
