import type { ExportRecord } from '../media/output-file.ts';
import { EXPORTS_PATH } from '../sw/serve-export.ts';
import { storedExportFile } from '../media/output-file.ts';

/** The export's local link, served from OPFS by the service worker (absolute, for the clipboard). */
export const exportLink = (record: ExportRecord) => new URL(`${EXPORTS_PATH}${encodeURIComponent(record.id)}/${encodeURIComponent(record.name)}`, location.origin).href;

/** The kept file, for Download and Share (disk-backed: nothing is read until used). */
export async function exportFile(record: ExportRecord): Promise<File> {
  const file = await storedExportFile(record.id, record.name);
  if (!file) throw new Error(`"${record.name}" is no longer in this browser's storage.`);
  return new File([file], record.name, { type: record.mimeType });
}

/** Whether the system share sheet takes this file (Web Share level 2; absent on desktop Linux Chromium). */
export const canShareFile = (file: File) => navigator.canShare?.({ files: [file] }) ?? false;
