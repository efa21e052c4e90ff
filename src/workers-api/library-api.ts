import type { importFile } from '../library/importer.ts';

/** The library worker's API: imports files into OPFS and the library database. */
export interface LibraryApi {
  importFile: typeof importFile;
}
