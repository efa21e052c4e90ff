import { createSignal, For, Show } from 'solid-js';
import type { ExportRecord } from '../media/output-file.ts';
import { exportFile, exportLink } from './export-link.ts';
import { downloadFile } from './download-file.ts';
import { ExportShareActions } from './ExportShareActions.tsx';
import { sizeText } from './size-text.ts';

const dateText = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Every finished export, kept in this browser: play it in place, copy its local link, download, share or delete it. */
export function ExportsLibrary(props: { records: ExportRecord[]; linkable: boolean; onDelete: (id: string) => void; onError: (message: string) => void }) {
  const [playing, setPlaying] = createSignal<string | null>(null);
  const download = async (record: ExportRecord) => {
    try {
      downloadFile(await exportFile(record), record.name);
    } catch (e) {
      props.onError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section class="panel" aria-label="Exports">
      <h2 class="panel-title">Exports</h2>
      <ul class="export-rows">
        <For each={props.records} fallback={<li class="hint">Finished exports are kept here, even offline.</li>}>
          {(record) => (
            <li class="export-row" data-testid="export-row" data-id={record.id}>
              <div class="export-facts">
                <span class="bin-name" title={record.name}>
                  {record.name}
                </span>
                <span class="hint">
                  {sizeText(record.size)} · {dateText(record.createdAt)}
                </span>
              </div>
              <div class="export-actions">
                <Show when={props.linkable}>
                  <button
                    type="button"
                    aria-label={`${playing() === record.id ? 'Close the player of' : 'Play'} ${record.name}`}
                    onClick={() => setPlaying(playing() === record.id ? null : record.id)}
                    data-testid="play-export"
                  >
                    {playing() === record.id ? 'Close' : 'Play'}
                  </button>
                </Show>
                <ExportShareActions record={record} linkable={props.linkable} onError={props.onError} />
                <button type="button" aria-label={`Download ${record.name}`} onClick={() => void download(record)} data-testid="download-export">
                  Download
                </button>
                <button type="button" class="link" aria-label={`Delete ${record.name}`} onClick={() => props.onDelete(record.id)} data-testid="delete-export">
                  Delete
                </button>
              </div>
              <Show when={playing() === record.id}>
                {/* The local link, so seeking asks the service worker for byte ranges, as any player of the link would. */}
                <video class="export-player" src={exportLink(record)} controls autoplay data-testid="export-player" />
              </Show>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
