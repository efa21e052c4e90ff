type SavePicker = (options: { suggestedName: string; types?: { description: string; accept: Record<string, string[]> }[] }) => Promise<FileSystemFileHandle>;
type WritableHandle = FileSystemFileHandle & { createWritable(): Promise<WritableStream<Uint8Array>> };

export type SaveOutcome = 'saved' | 'cancelled';

/** Whether this browser can write straight to a file the person picks (Chromium's File System Access). */
export function canSaveToDisk(): boolean {
  return typeof (globalThis as { showSaveFilePicker?: SavePicker }).showSaveFilePicker === 'function';
}

/**
 * Streams a finished export (an OPFS file) to a file the person picks, a chunk
 * at a time, so even a long export never sits in memory. The browser writes to
 * a swap file and only replaces the target when the stream closes, and a
 * failed stream aborts, so an error never leaves half a file behind. Must be
 * called from a click (the picker needs a user gesture).
 */
export async function saveToDisk(file: Blob, suggestedName: string): Promise<SaveOutcome> {
  const picker = (globalThis as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
  if (!picker) throw new Error('This browser cannot save to a chosen file; use Download instead.');
  const extension = suggestedName.includes('.') ? suggestedName.slice(suggestedName.lastIndexOf('.')) : '';
  let handle: FileSystemFileHandle;
  try {
    handle = await picker({ suggestedName, ...(file.type && extension ? { types: [{ description: 'Exported media', accept: { [file.type]: [extension] } }] } : {}) });
  } catch (error) {
    if ((error as DOMException).name === 'AbortError') return 'cancelled';
    throw error;
  }
  // pipeTo closes (commits) the writable at the end and aborts it if reading fails.
  await file.stream().pipeTo(await (handle as WritableHandle).createWritable());
  return 'saved';
}
