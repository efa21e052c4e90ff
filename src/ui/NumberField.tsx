/**
 * A labelled number box that commits on change. After committing it shows the
 * stored value again, so a refused or clamped entry (Out past the clip's end, a
 * locked track) does not stay on screen looking accepted. An emptied box commits
 * nothing (`Number('')` would be 0).
 */
export function NumberField(props: {
  label: string;
  /** What a screen reader calls the box, where the label leans on its row ("right %" beside "Crop left %"). */
  name?: string;
  value: string | number;
  step: string;
  testid?: string;
  min?: string;
  max?: string;
  onCommit: (n: number) => void;
}) {
  return (
    <label class="field">
      <span>{props.label}</span>
      <input
        type="number"
        aria-label={props.name}
        step={props.step}
        min={props.min}
        max={props.max}
        value={props.value}
        data-testid={props.testid}
        onChange={(e) => {
          const input = e.currentTarget;
          const n = Number(input.value);
          if (input.value.trim() !== '' && Number.isFinite(n)) props.onCommit(n);
          input.value = String(props.value);
        }}
      />
    </label>
  );
}
