import { createSignal } from 'solid-js';
import { HistoryStore, type RecordDiff } from '../editor/history.ts';
import { projectToRecords, recordsToProject, type DocumentRecord, type ProjectChange } from '../editor/document.ts';
import type { Project } from '../model/project.ts';

/**
 * The project document: a history store of records, and the plain Project the
 * engine renders, re-derived after every change. Every edit is a command's
 * ProjectChange; a drag is one undo step (mark → changes → squash) and Escape
 * during it restores exactly (bail). `replace` starts a fresh history (opening a project).
 */
export function createDocument(initial: Project) {
  let store = new HistoryStore<DocumentRecord>(projectToRecords(initial));
  const [project, setProject] = createSignal<Project>(initial);
  const [canUndo, setCanUndo] = createSignal(false);
  const [canRedo, setCanRedo] = createSignal(false);
  let unlisten = () => {};
  const diffListeners = new Set<(diff: RecordDiff<DocumentRecord>) => void>();

  const syncHistory = () => {
    setCanUndo(store.canUndo);
    setCanRedo(store.canRedo);
  };

  function attach(): void {
    unlisten();
    unlisten = store.listen((diff) => {
      setProject(recordsToProject(store.all()));
      syncHistory();
      for (const listener of diffListeners) listener(diff);
    });
  }
  attach();

  return {
    project,
    canUndo,
    canRedo,
    /** Applies a command's result as one undo step (or as part of an open drag). Returns whether anything changed. */
    run(change: ProjectChange | null): boolean {
      if (!change) return false;
      const diff = store.apply(change);
      return Object.keys(diff.added).length + Object.keys(diff.updated).length + Object.keys(diff.removed).length > 0;
    },
    undo: () => store.undo(),
    redo: () => store.redo(),
    /** A gesture (drag): changes until `end` are one undo step; `cancel` puts everything back. */
    gesture() {
      const mark = store.mark('gesture');
      // A drag that ends where it began leaves no step, and squashing fires no listener: re-read the flags.
      return {
        end: () => {
          store.squashToMark(mark);
          syncHistory();
        },
        cancel: () => {
          store.bailToMark(mark);
          syncHistory();
        },
      };
    },
    /** Every change's net diff (edits, undo, redo, a cancelled drag): what autosave writes. */
    onDiff(listener: (diff: RecordDiff<DocumentRecord>) => void): () => void {
      diffListeners.add(listener);
      return () => diffListeners.delete(listener);
    },
    records: () => projectToRecords(project()),
    replace(next: Project): void {
      store = new HistoryStore<DocumentRecord>(projectToRecords(next));
      attach();
      setProject(next);
      setCanUndo(false);
      setCanRedo(false);
    },
  };
}

export type EditorDocument = ReturnType<typeof createDocument>;
