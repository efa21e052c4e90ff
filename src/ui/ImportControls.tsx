import { Show } from 'solid-js';
import { FilePickerButton } from './FilePickerButton.tsx';

const sampleUrl = `${import.meta.env.BASE_URL}samples/sample.mp4`;

/** Import button (file picker) and the built-in sample, which works offline. */
export function ImportControls(props: { importing: string | null; onFiles: (files: File[]) => void }) {
  async function openSample() {
    const response = await fetch(sampleUrl);
    props.onFiles([new File([await response.blob()], 'sample.mp4', { type: 'video/mp4' })]);
  }

  return (
    <div class="import-controls">
      <FilePickerButton
        label="Import media…"
        testid="import-input"
        accept="video/*,audio/*,image/png,image/jpeg,image/webp,image/gif,.mp4,.mov,.m4v,.mkv,.webm,.ts,.mts,.m2ts,.m2t,.m4a,.mp3,.wav,.flac,.ogg,.opus,.srt,.vtt"
        primary
        disabled={props.importing !== null}
        onFiles={props.onFiles}
      />
      {/* As the picker: unavailable while importing, yet keeping the focus of the press that started it. */}
      <button
        type="button"
        aria-disabled={props.importing !== null || undefined}
        onClick={() => {
          if (props.importing === null) void openSample();
        }}
      >
        Open sample
      </button>
      <Show when={props.importing}>{(name) => <span class="status" role="status">Opening “{name()}”…</span>}</Show>
      <span class="hint">or drop files anywhere</span>
    </div>
  );
}
