import { createSignal, For, Show } from 'solid-js';
import type { LibraryRow, StorageState } from './create-library.ts';
import { formatTimecode } from '../model/time.ts';
import { ThumbnailImage } from './ThumbnailImage.tsx';
import { BIN_MEDIA_TYPE } from './bin-drag.ts';
import { WaveformView } from './WaveformView.tsx';
import { sizeText } from './size-text.ts';
import { keepFocusWhenRemoved } from './keep-focus-when-removed.ts';

/** The imported media: one row per file, with its picture or sound, facts, progress, and any problem in words. */
export function MediaBin(props: {
  rows: LibraryRow[];
  storage: StorageState | null;
  onAdd: (row: LibraryRow) => void;
  onRemove: (row: LibraryRow) => void;
}) {
  const [grid, setGrid] = createSignal(false);
  let list!: HTMLUListElement;
  /**
   * Where focus goes when the row holding it goes: the same control in the row now at its place (the next row, or the
   * row itself redrawn with new progress), else in the row before, else the list.
   */
  const focusAfterRow = (index: number, lost: Element) => {
    const rows = list.querySelectorAll<HTMLElement>('.bin-row');
    const row = rows[index] ?? rows[index - 1];
    const testid = lost.getAttribute('data-testid');
    return (testid && row?.querySelector<HTMLElement>(`[data-testid="${testid}"]`)) || row?.querySelector<HTMLElement>('button') || list;
  };
  return (
    <section class="panel media-bin" aria-label="Media">
      <div class="bin-header">
        <h2 class="panel-title">Media</h2>
        {/* Named for what a press does (Grid / List), so not a toggle: "List, pressed" would not say which layout is shown. */}
        <button type="button" class="link" onClick={() => setGrid(!grid())} data-testid="bin-layout">
          {grid() ? 'List' : 'Grid'}
        </button>
      </div>
      <Show when={props.storage}>
        {(storage) => (
          <p
            class="hint storage-use"
            data-testid="storage-use"
            data-persisted={storage().persisted}
            title={storage().persisted ? 'This browser keeps Spool’s storage until you delete it.' : 'The browser may clear Spool’s storage when the disk runs low. Installing Spool makes that less likely.'}
          >
            {sizeText(storage().usage)} of {sizeText(storage().quota)} used · {storage().persisted ? 'kept' : 'may be cleared'}
          </p>
        )}
      </Show>
      <ul class="bin-rows" classList={{ grid: grid() }} ref={list} tabIndex={-1} aria-label="Media files">
        <For each={props.rows} fallback={<li class="hint">Imported files appear here.</li>}>
          {(row, index) => {
            let item!: HTMLLIElement;
            keepFocusWhenRemoved(
              () => item,
              (lost) => focusAfterRow(index(), lost),
            );
            const probe = () => row.asset?.probe;
            const video = () => probe()?.tracks.find((t) => t.kind === 'video');
            const codecs = () => probe()?.tracks.map((t) => t.codecName) ?? [];
            return (
              <li
                ref={item}
                class="bin-row"
                classList={{ failed: row.status === 'failed' }}
                data-testid="bin-row"
                data-status={row.status}
                data-name={row.name}
                data-analysis={row.analysisProgress === 1 ? (row.analysisComputed ? 'computed' : 'cache') : 'pending'}
                draggable={row.status === 'ready'}
                onDragStart={(e) => {
                  if (!row.asset || !e.dataTransfer) return;
                  e.dataTransfer.setData(BIN_MEDIA_TYPE, row.asset.fingerprint);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
              >
                <div class="bin-visual">
                  <Show
                    when={row.analysis?.thumbnails?.[0]}
                    fallback={
                      <Show when={row.analysis?.waveform} fallback={<div class="thumb-placeholder" />}>
                        {(waveform) => <WaveformView peaks={waveform()} fromUs={0} toUs={row.asset?.probe.durationUs ?? 0} widthPx={160} />}
                      </Show>
                    }
                  >
                    {(thumbnail) => <ThumbnailImage blob={thumbnail()} />}
                  </Show>
                </div>
                <div class="bin-facts">
                  <span class="bin-name" title={row.name}>
                    {row.name}
                  </span>
                  <Show when={probe()}>
                    {(p) => (
                      <span class="hint">
                        {formatTimecode(p().durationUs)}
                        <Show when={video()?.kind === 'video' ? video() : undefined}>
                          {(v) => <> · {v().kind === 'video' ? `${v().displayWidth}×${v().displayHeight}` : ''}</>}
                        </Show>
                        <For each={codecs()}>{(codec) => <span class="badge">{codec}</span>}</For>
                      </span>
                    )}
                  </Show>
                  <Show when={row.status === 'importing' || row.status === 'queued'}>
                    <progress max="1" value={row.progress} aria-label={`Importing ${row.name}`} />
                  </Show>
                  <Show when={row.status === 'ready' && (row.analysisProgress ?? 1) < 1}>
                    <progress class="analysis" max="1" value={row.analysisProgress ?? 0} aria-label={`Analysing ${row.name}`} data-testid="analysis-progress" />
                  </Show>
                  <Show when={row.message}>{(message) => <span class="error-text" data-testid="bin-error">{message()}</span>}</Show>
                  <Show when={row.notice}>{(notice) => <span class="hint" data-testid="bin-notice">{notice()}</span>}</Show>
                </div>
                <div class="bin-actions">
                  <Show when={row.status === 'ready'}>
                    <button type="button" aria-label={`Add ${row.name} to the timeline`} data-testid="bin-add" onClick={() => props.onAdd(row)}>
                      +
                    </button>
                  </Show>
                  <button type="button" aria-label={`Remove ${row.name}`} data-testid="bin-remove" onClick={() => props.onRemove(row)}>
                    ×
                  </button>
                </div>
              </li>
            );
          }}
        </For>
      </ul>
    </section>
  );
}
