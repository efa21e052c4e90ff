import { createResource, createSignal, Show } from 'solid-js';
import type { ExportRecord } from '../media/output-file.ts';
import { canShareFile, exportFile, exportLink } from './export-link.ts';
import { canSaveToDisk, saveToDisk } from './save-to-disk.ts';

/** Copy link (the local URL, where the service worker serves it), Save to disk (where the browser can write a chosen file) and Share (only where the system takes the file). */
export function ExportShareActions(props: { record: ExportRecord; linkable: boolean; onError: (message: string) => void }) {
  const [file] = createResource(() => props.record, exportFile);
  const [copied, setCopied] = createSignal(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(exportLink(props.record));
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch (e) {
      props.onError(`The link could not be copied: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const [saved, setSaved] = createSignal(false);
  const save = async (kept: File) => {
    try {
      if ((await saveToDisk(kept, props.record.name)) === 'saved') {
        setSaved(true);
        setTimeout(() => setSaved(false), 2000);
      }
    } catch (e) {
      props.onError(`The file could not be saved: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const share = async (shared: File) => {
    try {
      await navigator.share({ files: [shared], title: props.record.name });
    } catch (e) {
      // Closing the share sheet is not an error.
      if (!(e instanceof DOMException && e.name === 'AbortError')) props.onError(`Sharing failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <>
      <Show when={props.linkable}>
        <button type="button" onClick={() => void copy()} data-testid="copy-link">
          {copied() ? 'Link copied' : 'Copy link'}
        </button>
      </Show>
      <Show when={file.state === 'ready' && canSaveToDisk() ? file() : null}>
        {(kept) => (
          <button type="button" onClick={() => void save(kept())} data-testid="save-to-disk">
            {saved() ? 'Saved' : 'Save to disk…'}
          </button>
        )}
      </Show>
      <Show when={file.state === 'ready' && canShareFile(file()!) ? file() : null}>
        {(shared) => (
          <button type="button" onClick={() => void share(shared())} data-testid="share">
            Share
          </button>
        )}
      </Show>
    </>
  );
}
