import { createSignal, onCleanup } from 'solid-js';
import { migrateProject } from '../model/migrations.ts';
import { PROJECT_SCHEMA_VERSION, type Project } from '../model/project.ts';
import { recordsToProject, type DocumentRecord } from '../editor/document.ts';
import { readProject, writeProjectChanges } from '../storage/library-db.ts';
import { keepUnsavedChanges, writeKeptChanges, type UnsavedChanges } from '../storage/unsaved-changes.ts';
import { describeError } from '../media/errors.ts';
import type { EditorDocument } from './create-document.ts';

/**
 * A saved project as the current schema (an older Spool's save, whole or as
 * records, opens too). `whole`: it was stored whole by an older Spool, so it
 * must be written again as records before the first diff is (a diff alone
 * would replace it).
 */
export async function loadStoredProject(projectId: string): Promise<{ project: Project; whole: boolean } | undefined> {
  await writeKeptChanges(projectId);
  const stored = await readProject(projectId);
  if (!stored) return undefined;
  return 'project' in stored
    ? { project: migrateProject(stored.project), whole: true }
    : { project: migrateProject(recordsToProject(stored.records as DocumentRecord[])), whole: false };
}

export async function loadProject(projectId: string): Promise<Project | undefined> {
  return (await loadStoredProject(projectId))?.project;
}

/** Why the latest changes are not stored, and that they are kept (a full storage says what to do). */
export function saveErrorMessage(error: unknown): string {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return "Your latest changes are not saved: this browser's storage is full. Delete exports or media you no longer need (or free disk space); the changes are kept here, and saved with the next change.";
  }
  return `Your latest changes are not saved (${describeError(error)}). They are kept here, and saved with the next change.`;
}

/** Changes this close together are written together. */
const GATHER_MS = 250;

/**
 * Autosave as diffs: every change's records are written in one transaction
 * (only what changed, however big the project): at once after a quiet spell,
 * else gathered until the changes pause; pending writes are flushed when the
 * page is hidden or closed.
 */
export function createAutosave(
  document: EditorDocument,
  projectId: () => string,
  onSaved: (projectId: string) => void,
  onError: (error: unknown) => void,
  write: typeof writeProjectChanges = writeProjectChanges,
) {
  const [saving, setSaving] = createSignal(false);
  // The last write failed: what is on screen is not all stored (the indicator must not say it is).
  const [failed, setFailed] = createSignal(false);
  const pending = new Map<string, DocumentRecord | null>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFlushAt = -Infinity;
  let enabled = false;
  /** The last write started: it commits after any before it (their transactions overlap). */
  let written: Promise<void> = Promise.resolve();
  // A write failed, so what it held is not stored: the next one writes the whole document (a later diff alone left it out).
  let wholeNext = false;
  /** Writes begun and not yet done: what they hold is in no pending change, and a page going ends them unfinished. */
  let writing = 0;

  /** What a write now would write. */
  function unsaved(): UnsavedChanges {
    const whole = wholeNext;
    return {
      summary: { name: document.project().name, schemaVersion: PROJECT_SCHEMA_VERSION },
      put: whole ? document.records() : [...pending.values()].filter((r): r is DocumentRecord => r !== null),
      remove: whole ? [] : [...pending.entries()].filter(([, r]) => r === null).map(([id]) => id),
      whole,
    };
  }

  /** Writes what is pending; resolves once it is written (or failed, which onError is told). */
  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0 && !wholeNext) return written;
    lastFlushAt = performance.now();
    const { summary, put, remove, whole } = unsaved();
    pending.clear();
    const id = projectId();
    writing++;
    written = write(id, summary, put, remove, whole)
      .finally(() => writing--)
      .then(
        () => {
          // A diff written after a failed one leaves that one's changes unstored still.
          if (whole) wholeNext = false;
          setFailed(wholeNext);
          if (!wholeNext) onSaved(id);
        },
        (error: unknown) => {
          wholeNext = true;
          setFailed(true);
          onError(error);
        },
      )
      .finally(() => timer === undefined && (pending.size === 0 || failed()) && setSaving(false));
    return written;
  }

  const stop = document.onDiff((diff) => {
    if (!enabled) return;
    for (const [id, record] of Object.entries(diff.added)) pending.set(id, record);
    for (const [id, [, record]] of Object.entries(diff.updated)) pending.set(id, record);
    for (const id of Object.keys(diff.removed)) pending.set(id, null);
    setSaving(true);
    clearTimeout(timer);
    // The first change after a quiet spell is written at once (a reload right after a rename kept the old name);
    // a burst (a drag) is gathered and written when it pauses.
    timer = setTimeout(() => void flush(), performance.now() - lastFlushAt >= GATHER_MS ? 0 : GATHER_MS);
  });
  const onHide = () => window.document.visibilityState === 'hidden' && void flush();
  const onPageHide = () => {
    // A write under way as the page goes does not finish (a rename written at once, then a reload): the whole document is
    // kept then, as what that write held is in no pending change.
    if (writing > 0) keepUnsavedChanges(projectId(), { ...unsaved(), put: document.records(), remove: [], whole: true });
    else if (pending.size > 0 || wholeNext) keepUnsavedChanges(projectId(), unsaved());
    void flush();
  };
  // Changes that could not be written are only in this page: closing it asks first.
  const onBeforeUnload = (event: BeforeUnloadEvent) => failed() && event.preventDefault();
  window.addEventListener('pagehide', onPageHide);
  window.addEventListener('beforeunload', onBeforeUnload);
  window.document.addEventListener('visibilitychange', onHide);
  onCleanup(() => {
    stop();
    window.removeEventListener('pagehide', onPageHide);
    window.removeEventListener('beforeunload', onBeforeUnload);
    window.document.removeEventListener('visibilitychange', onHide);
  });

  return {
    saving,
    failed,
    flush,
    /** Starts saving changes (once the saved project has been restored). */
    enable: () => (enabled = true),
    /** Writes the whole current document under `id` (a project opened, created or imported). */
    async saveWhole(id: string): Promise<void> {
      void flush();
      try {
        await write(id, { name: document.project().name, schemaVersion: PROJECT_SCHEMA_VERSION }, document.records(), [], true);
      } catch (error) {
        wholeNext = true;
        setFailed(true);
        throw error;
      }
      wholeNext = false;
      setFailed(false);
      onSaved(id);
    },
    /** Forgets unsaved changes (the project is being deleted). */
    discard(): void {
      clearTimeout(timer);
      timer = undefined;
      pending.clear();
      wholeNext = false;
      setFailed(false);
      setSaving(false);
    },
  };
}
