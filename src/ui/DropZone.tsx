import { createSignal, onCleanup, onMount, type JSX } from 'solid-js';
import { filesFromDataTransfer } from './collect-files.ts';
import { carriesBinMedia } from './bin-drag.ts';

/** The whole window accepts dropped files and folders, and pasted files; a highlight shows while something is dragged over it. */
export function DropZone(props: { onFiles: (files: File[]) => void; children: JSX.Element }) {
  const [over, setOver] = createSignal(false);
  const onPaste = (e: ClipboardEvent) => {
    const files = [...(e.clipboardData?.files ?? [])];
    if (files.length > 0) {
      e.preventDefault();
      props.onFiles(files);
    }
  };
  onMount(() => window.addEventListener('paste', onPaste));
  onCleanup(() => window.removeEventListener('paste', onPaste));
  return (
    <div
      class="app"
      classList={{ 'drop-target': over() }}
      onDragOver={(e) => {
        // Media dragged from the bin is the timeline's to take, not a file to import.
        if (carriesBinMedia(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void filesFromDataTransfer(e.dataTransfer).then((files) => files.length > 0 && props.onFiles(files));
      }}
    >
      {props.children}
    </div>
  );
}
