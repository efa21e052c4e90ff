import { createSignal, onCleanup } from 'solid-js';
import type { ExportRecord } from '../media/output-file.ts';
import { deleteExport, listExportRecords, removeUnfinishedExports } from '../storage/export-library.ts';

/**
 * The exports library's state: every finished export (newest first), and
 * whether local links work yet (they are served by the service worker, so
 * only once it controls this page — never in the dev server).
 */
export function createExportsLibrary(onError: (message: string) => void) {
  const [records, setRecords] = createSignal<ExportRecord[]>([]);
  const controlled = () => !!navigator.serviceWorker?.controller;
  const [linkable, setLinkable] = createSignal(controlled());
  const onController = () => setLinkable(controlled());
  navigator.serviceWorker?.addEventListener('controllerchange', onController);
  onCleanup(() => navigator.serviceWorker?.removeEventListener('controllerchange', onController));

  const refresh = () => listExportRecords().then(setRecords, (e: unknown) => onError(`The exports library could not be read: ${String(e)}`));
  // What a tab closed mid-export left goes first; then the list.
  void removeUnfinishedExports().finally(() => void refresh());

  async function remove(id: string): Promise<void> {
    await deleteExport(id);
    await refresh();
  }
  return { records, linkable, refresh, remove };
}
