import { writeProjectChanges } from './library-db.ts';

/** A project's changes not yet written when its page went: what writeProjectChanges takes. */
export interface UnsavedChanges {
  summary: { name: string; schemaVersion: number };
  put: { id: string }[];
  remove: string[];
  whole: boolean;
}

const keyOf = (projectId: string) => `spool.unsaved:${projectId}`;

/**
 * Keeps changes as the page goes (reload, close): an IndexedDB write begun
 * then does not finish, while localStorage is written at once. Where
 * localStorage is full or missing, only that write is left to try.
 */
export function keepUnsavedChanges(projectId: string, changes: UnsavedChanges): void {
  try {
    localStorage.setItem(keyOf(projectId), JSON.stringify({ ...changes, keptAt: Date.now() }));
  } catch {
    // Nothing more can be done as the page goes.
  }
}

/**
 * Writes changes a page kept as it went into the project, before it is read —
 * unless it was saved since (by another tab taking over: those are newer) or
 * deleted.
 */
export async function writeKeptChanges(projectId: string): Promise<void> {
  const kept = localStorage.getItem(keyOf(projectId));
  if (kept === null) return;
  const { summary, put, remove, whole, keptAt } = JSON.parse(kept) as UnsavedChanges & { keptAt: number };
  await writeProjectChanges(projectId, summary, put, remove, whole, keptAt);
  localStorage.removeItem(keyOf(projectId));
}
