import { inboxFiles, removeFromInbox } from '../storage/inbox.ts';
import { SHARED_MARKER } from '../sw/receive-share.ts';

/** The File Handling API's queue (Chromium, installed app; not in the DOM typings). */
interface LaunchQueue {
  setConsumer(consumer: (params: { files: readonly FileSystemHandle[] }) => void): void;
}

/**
 * Files the system opens with Spool (the manifest's file_handlers: "Open with"
 * on an installed app) go through the normal import path, like a drop.
 */
export function importLaunchedFiles(importFiles: (files: File[]) => Promise<void>): void {
  const queue = (window as Window & { launchQueue?: LaunchQueue }).launchQueue;
  queue?.setConsumer(async ({ files }) => {
    const handles = files.filter((handle): handle is FileSystemFileHandle => handle.kind === 'file');
    if (handles.length > 0) await importFiles(await Promise.all(handles.map((handle) => handle.getFile())));
  });
}

/**
 * After a share (the service worker put the files in the inbox and sent us to
 * `/?shared=1`): imports them through the normal import path, then empties the
 * inbox and drops the marker from the address, so a reload does not repeat it.
 */
export async function importSharedFiles(importFiles: (files: File[]) => Promise<void>): Promise<void> {
  const url = new URL(location.href);
  if (!url.searchParams.has(SHARED_MARKER)) return;
  const waiting = await inboxFiles();
  if (waiting.length > 0) await importFiles(waiting.map(({ file }) => file));
  await removeFromInbox(waiting.map(({ entry }) => entry));
  url.searchParams.delete(SHARED_MARKER);
  history.replaceState(null, '', url);
}
