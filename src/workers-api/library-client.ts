import { wrap, type Remote } from 'comlink';
import type { LibraryApi } from './library-api.ts';

/** Starts the library (import) worker. */
export function startLibraryWorker(): { library: Remote<LibraryApi>; worker: Worker } {
  const worker = new Worker(new URL('../../workers/library.worker.ts', import.meta.url), { type: 'module', name: 'spool-library' });
  return { library: wrap<LibraryApi>(worker), worker };
}
