import { createSignal, type JSX } from 'solid-js';

/** The whole window accepts dropped files; a highlight shows while something is dragged over it. */
export function DropZone(props: { onFiles: (files: File[]) => void; children: JSX.Element }) {
  const [over, setOver] = createSignal(false);
  return (
    <div
      class="app"
      classList={{ 'drop-target': over() }}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const files = [...(e.dataTransfer?.files ?? [])];
        if (files.length > 0) props.onFiles(files);
      }}
    >
      {props.children}
    </div>
  );
}
