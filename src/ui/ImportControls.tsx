import { Show } from 'solid-js';

const sampleUrl = `${import.meta.env.BASE_URL}samples/sample.mp4`;

/** Import button (file picker) and the built-in sample, which works offline. */
export function ImportControls(props: { importing: string | null; onFiles: (files: File[]) => void }) {
  let input!: HTMLInputElement;

  async function openSample() {
    const response = await fetch(sampleUrl);
    props.onFiles([new File([await response.blob()], 'sample.mp4', { type: 'video/mp4' })]);
  }

  return (
    <div class="import-controls">
      <input
        ref={input}
        type="file"
        accept="video/*,audio/*,image/png,image/jpeg,image/webp,image/gif,.mp4,.mov,.m4v,.mkv,.webm,.m4a,.mp3,.wav,.flac,.ogg,.opus"
        multiple
        hidden
        data-testid="import-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length > 0) props.onFiles(files);
        }}
      />
      <button type="button" class="primary" onClick={() => input.click()} disabled={props.importing !== null}>
        Import media…
      </button>
      <button type="button" onClick={() => void openSample()} disabled={props.importing !== null}>
        Open sample
      </button>
      <Show when={props.importing}>{(name) => <span class="status" role="status">Opening “{name()}”…</span>}</Show>
      <span class="hint">or drop files anywhere</span>
    </div>
  );
}
