import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ProbeResult } from '../media/probe.ts';
import type { Project } from '../model/project.ts';

/** One imported file, by content. Its bytes are OPFS `media/<fingerprint>` (or, where OPFS cannot be written, in `media`). */
export interface LibraryAsset {
  fingerprint: string;
  name: string;
  size: number;
  probe: ProbeResult;
  addedAt: number;
}

/** A cached result of reading a file — an analysis stage, or its container scan (scan-cache.ts): `key` is `${fingerprint}|${kind}|v${version}`. */
export interface CachedAnalysis {
  key: string;
  fingerprint: string;
  value: unknown;
}

/** A project's summary; its content is in `records` (one row per clip, track…), or, as saved by schema 1 of this database, whole in `project`. */
interface StoredProject {
  id: string;
  name: string;
  savedAt: number;
  schemaVersion: number;
  project?: Project;
}

/** One record of a project's document, stored on its own so an edit writes only what changed. */
export interface StoredRecord {
  projectId: string;
  id: string;
  record: { id: string };
}

interface SpoolDb extends DBSchema {
  assets: { key: string; value: LibraryAsset; indexes: { addedAt: number } };
  analysis: { key: string; value: CachedAnalysis; indexes: { fingerprint: string } };
  projects: { key: string; value: StoredProject };
  records: { key: [string, string]; value: StoredRecord; indexes: { projectId: string } };
  /** Imported files' bytes by fingerprint, only where OPFS offers no way to write (see media-store). */
  media: { key: string; value: Blob };
}

/** Schema version of the database; each bump adds an `upgrade` step (tested) so stored data is never lost. */
export const DB_VERSION = 3;
const DB_NAME = 'spool';

/**
 * Opens the database named `name` on first use and keeps the connection; one
 * closed under it (site data cleared, the browser reclaiming storage, another
 * tab deleting or upgrading it) is let go and opened again on next use,
 * rather than failing every later save.
 */
export function databaseOpener(name: string): () => Promise<IDBPDatabase<SpoolDb>> {
  let db: Promise<IDBPDatabase<SpoolDb>> | null = null;
  return () => {
    if (db) return db;
    const opened: Promise<IDBPDatabase<SpoolDb>> = openDB<SpoolDb>(name, DB_VERSION, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) {
          database.createObjectStore('assets', { keyPath: 'fingerprint' }).createIndex('addedAt', 'addedAt');
          database.createObjectStore('analysis', { keyPath: 'key' }).createIndex('fingerprint', 'fingerprint');
          database.createObjectStore('projects', { keyPath: 'id' });
        }
        if (oldVersion < 2) {
          // Projects are written as diffs: one row per record. Whole projects saved before stay readable (see readProject).
          database.createObjectStore('records', { keyPath: ['projectId', 'id'] }).createIndex('projectId', 'projectId');
        }
        if (oldVersion < 3) database.createObjectStore('media');
      },
      terminated() {
        if (db === opened) db = null;
      },
    });
    db = opened;
    opened.then(
      (database) =>
        database.addEventListener('versionchange', () => {
          database.close();
          if (db === opened) db = null;
        }),
      () => {
        if (db === opened) db = null;
      },
    );
    return opened;
  };
}

export const libraryDb = databaseOpener(DB_NAME);

/** Keeps an imported file's bytes in the database (where OPFS cannot be written), committed before it resolves. */
export async function putMediaBlob(fingerprint: string, blob: Blob): Promise<void> {
  const tx = (await libraryDb()).transaction('media', 'readwrite');
  await Promise.all([tx.store.put(blob, fingerprint), tx.done]);
}

export async function getMediaBlob(fingerprint: string): Promise<Blob | undefined> {
  return (await libraryDb()).get('media', fingerprint);
}

export async function deleteMediaBlob(fingerprint: string): Promise<void> {
  await (await libraryDb()).delete('media', fingerprint);
}

export async function mediaBlobKeys(): Promise<string[]> {
  return (await libraryDb()).getAllKeys('media');
}

export const analysisKey = (fingerprint: string, kind: string, version: number) => `${fingerprint}|${kind}|v${version}`;

/** Writes and waits for the transaction to commit (idb's `db.put` resolves earlier, and a reload could lose it). */
async function putCommitted<Name extends 'assets' | 'analysis'>(store: Name, value: SpoolDb[Name]['value']): Promise<void> {
  const tx = (await libraryDb()).transaction(store, 'readwrite');
  await Promise.all([tx.store.put(value), tx.done]);
}

export async function putAsset(asset: LibraryAsset): Promise<void> {
  await putCommitted('assets', asset);
}

export async function getAsset(fingerprint: string): Promise<LibraryAsset | undefined> {
  return (await libraryDb()).get('assets', fingerprint);
}

export async function allAssets(): Promise<LibraryAsset[]> {
  return (await libraryDb()).getAllFromIndex('assets', 'addedAt');
}

/** Forgets an asset and every analysis of it. */
export async function deleteAsset(fingerprint: string): Promise<void> {
  const database = await libraryDb();
  const tx = database.transaction(['assets', 'analysis'], 'readwrite');
  await tx.objectStore('assets').delete(fingerprint);
  for (const key of await tx.objectStore('analysis').index('fingerprint').getAllKeys(fingerprint)) await tx.objectStore('analysis').delete(key);
  await tx.done;
}

export async function getAnalysis<T>(fingerprint: string, kind: string, version: number): Promise<T | undefined> {
  return (await (await libraryDb()).get('analysis', analysisKey(fingerprint, kind, version)))?.value as T | undefined;
}

export async function putAnalysis(fingerprint: string, kind: string, version: number, value: unknown): Promise<void> {
  await putCommitted('analysis', { key: analysisKey(fingerprint, kind, version), fingerprint, value });
}

/**
 * Writes a project's changes in one transaction: changed records put, removed
 * ones deleted, the summary updated. `whole` first clears every record (a
 * project saved for the first time, or replaced). `ifSavedBefore`: only into a
 * stored project last saved before that time (else nothing is written).
 */
export async function writeProjectChanges(
  projectId: string,
  summary: { name: string; schemaVersion: number },
  put: readonly { id: string }[],
  remove: readonly string[],
  whole = false,
  ifSavedBefore?: number,
): Promise<void> {
  const tx = (await libraryDb()).transaction(['projects', 'records'], 'readwrite');
  if (ifSavedBefore !== undefined) {
    const stored = await tx.objectStore('projects').get(projectId);
    // Deleted, or saved since (what was saved is newer): nothing to write.
    if (!stored || stored.savedAt > ifSavedBefore) return void (await tx.done);
  }
  const records = tx.objectStore('records');
  const work: Promise<unknown>[] = [];
  if (whole) for (const key of await records.index('projectId').getAllKeys(projectId)) work.push(records.delete(key));
  for (const record of put) work.push(records.put({ projectId, id: record.id, record }));
  for (const id of remove) work.push(records.delete([projectId, id]));
  work.push(tx.objectStore('projects').put({ id: projectId, name: summary.name, savedAt: Date.now(), schemaVersion: summary.schemaVersion }));
  await Promise.all([...work, tx.done]);
}

/** A saved project: its records, or the whole project an older Spool stored. */
export async function readProject(projectId: string): Promise<{ records: { id: string }[] } | { project: unknown } | undefined> {
  const database = await libraryDb();
  const stored = await database.get('projects', projectId);
  if (!stored) return undefined;
  if (stored.project) return { project: stored.project };
  return { records: (await database.getAllFromIndex('records', 'projectId', projectId)).map((row) => row.record) };
}

export interface ProjectSummary {
  id: string;
  name: string;
  savedAt: number;
}

/** Saved projects, most recent first. */
export async function listProjects(): Promise<ProjectSummary[]> {
  const all = await (await libraryDb()).getAll('projects');
  return all.map(({ id, name, project, savedAt }) => ({ id, name: name ?? project?.name ?? 'Untitled', savedAt })).sort((a, b) => b.savedAt - a.savedAt);
}

/** Names of saved projects (other than `exceptProjectId`) with a clip of asset `assetId`: its media must stay for them. */
export async function projectsUsingAsset(assetId: string, exceptProjectId: string): Promise<string[]> {
  const database = await libraryDb();
  const using = new Set<string>();
  for (const row of await database.getAll('records')) {
    if (row.projectId !== exceptProjectId && (row.record as { assetId?: string }).assetId === assetId && row.record.id.startsWith('clip:')) using.add(row.projectId);
  }
  const names: string[] = [];
  for (const stored of await database.getAll('projects')) {
    if (stored.id !== exceptProjectId && (using.has(stored.id) || stored.project?.clips.some((clip) => clip.assetId === assetId))) names.push(stored.name);
  }
  return names;
}

export async function deleteProject(id: string): Promise<void> {
  const tx = (await libraryDb()).transaction(['projects', 'records'], 'readwrite');
  const keys = await tx.objectStore('records').index('projectId').getAllKeys(id);
  await Promise.all([...keys.map((key) => tx.objectStore('records').delete(key)), tx.objectStore('projects').delete(id), tx.done]);
}
