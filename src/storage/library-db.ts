import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ProbeResult } from '../media/probe.ts';
import type { Project } from '../model/project.ts';
import { migrateProject } from '../model/migrations.ts';

/** One imported file, by content. Its bytes are OPFS `media/<fingerprint>`. */
export interface LibraryAsset {
  fingerprint: string;
  name: string;
  size: number;
  probe: ProbeResult;
  addedAt: number;
}

/** A cached analysis result: `key` is `${fingerprint}|${kind}|v${version}`. */
export interface CachedAnalysis {
  key: string;
  fingerprint: string;
  value: unknown;
}

interface SpoolDb extends DBSchema {
  assets: { key: string; value: LibraryAsset; indexes: { addedAt: number } };
  analysis: { key: string; value: CachedAnalysis; indexes: { fingerprint: string } };
  projects: { key: string; value: { id: string; project: Project; savedAt: number } };
}

/** Schema version of the database; each bump adds an `upgrade` step (tested) so stored data is never lost. */
export const DB_VERSION = 1;
const DB_NAME = 'spool';

let db: Promise<IDBPDatabase<SpoolDb>> | null = null;

export function libraryDb(): Promise<IDBPDatabase<SpoolDb>> {
  db ??= openDB<SpoolDb>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('assets', { keyPath: 'fingerprint' }).createIndex('addedAt', 'addedAt');
        database.createObjectStore('analysis', { keyPath: 'key' }).createIndex('fingerprint', 'fingerprint');
        database.createObjectStore('projects', { keyPath: 'id' });
      }
    },
  });
  return db;
}

export const analysisKey = (fingerprint: string, kind: string, version: number) => `${fingerprint}|${kind}|v${version}`;

/** Writes and waits for the transaction to commit (idb's `db.put` resolves earlier, and a reload could lose it). */
async function putCommitted<Name extends 'assets' | 'analysis' | 'projects'>(store: Name, value: SpoolDb[Name]['value']): Promise<void> {
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

export async function saveProject(id: string, project: Project): Promise<void> {
  await putCommitted('projects', { id, project, savedAt: Date.now() });
}

/** A saved project, migrated to the current schema (an older Spool's save opens as well). */
export async function loadProject(id: string): Promise<Project | undefined> {
  const stored = (await (await libraryDb()).get('projects', id))?.project;
  return stored === undefined ? undefined : migrateProject(stored);
}

export interface ProjectSummary {
  id: string;
  name: string;
  savedAt: number;
}

/** Saved projects, most recent first. */
export async function listProjects(): Promise<ProjectSummary[]> {
  const all = await (await libraryDb()).getAll('projects');
  return all.map(({ id, project, savedAt }) => ({ id, name: project.name ?? 'Untitled', savedAt })).sort((a, b) => b.savedAt - a.savedAt);
}

export async function deleteProject(id: string): Promise<void> {
  const tx = (await libraryDb()).transaction('projects', 'readwrite');
  await Promise.all([tx.store.delete(id), tx.done]);
}
