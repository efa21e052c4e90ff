/**
 * A button that opens the system file picker. The chosen files go to
 * `onFiles`, and the input is cleared so the same file can be chosen again.
 * The hidden input carries `testid` (tests set files on it).
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
      <button type="button" class={props.primary ? 'primary' : undefined} disabled={props.disabled} onClick={() => input.click()}>
        {props.label}
      </button>
    </>
  );
}
