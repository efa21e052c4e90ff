import { exportedFile, type OutputResult } from '../media/output-file.ts';

/** A download URL for a finished export; OPFS files stay on disk (the URL streams from them). */
export async function openExport(output: OutputResult): Promise<{ url: string; path: string | null }> {
  return { url: URL.createObjectURL(await exportedFile(output)), path: output.kind === 'opfs' ? output.path : null };
}
