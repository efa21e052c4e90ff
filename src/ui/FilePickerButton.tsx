/**
 * A button that opens the system file picker. The chosen files go to
 * `onFiles`, and the input is cleared so the same file can be chosen again.
 * The hidden input carries `testid` (tests set files on it). `disabled` leaves
 * it focusable (aria-disabled), so pressing it and waiting keeps focus there.
 */
export function FilePickerButton(props: { label: string; testid: string; accept?: string; multiple?: boolean; primary?: boolean; disabled?: boolean; onFiles: (files: File[]) => void }) {
  let input!: HTMLInputElement;
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={props.accept}
        multiple={props.multiple ?? true}
        hidden
        data-testid={props.testid}
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length > 0) props.onFiles(files);
        }}
      />
      {/* Unavailable, not disabled: a button disabled under focus (pressed, then busy) drops focus to the page. */}
      <button
        type="button"
        class={props.primary ? 'primary' : undefined}
        aria-disabled={props.disabled || undefined}
        onClick={() => {
          if (!props.disabled) input.click();
        }}
      >
        {props.label}
      </button>
    </>
  );
}
