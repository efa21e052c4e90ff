/**
 * A document store with undo/redo by history marks, in the style of tldraw.
 *
 * The document is a plain map of immutable records (id → record). Every change is recorded as a
 * {@link RecordDiff}; undo applies the reversed diff, so no hand-written inverse commands are needed.
 *
 * History is a stack of steps. A step is what one undo reverts:
 * - `mark()` starts a step; every `apply` until the next `mark()` joins it. The mark stays *open*
 *   until `squashToMark`/`bailToMark` of it (or of a mark before it), or until `undo`/`redo`.
 * - An `apply` with no open mark is a step of its own (as if preceded by an implicit mark).
 * - After an inner mark is squashed while an outer one is still open, the next applies start a new
 *   step (still part of the outer gesture) that lasts until the next mark or until the outer mark
 *   closes. A bailed inner mark, or a squashed one that changed nothing, is forgotten: the next
 *   applies join the step that was current before it.
 *
 * Records are compared by reference: putting the very record object that is already stored is no
 * change. Positions: `all()` and `records` list records by when their id was first added to this
 * store, so a record removed and added back (by undo, redo, bail or a new put of the same id)
 * returns to its original place and undo restores the order exactly.
 *
 * Costs: apply, undo, redo and bail are O(size of the diffs involved). The `records` snapshot is a
 * copy made lazily on first read after a change (O(n)).
 */

/** A record has a string id. The document is id → record. */
export interface DocRecord {
  id: string;
}

export type RecordDiff<R extends DocRecord> = {
  added: Record<string, R>;
  updated: Record<string, [from: R, to: R]>;
  removed: Record<string, R>;
};

/** Diff objects are made without a prototype so that any string (even `__proto__`) is a safe id. */
function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function emptyDiff<R extends DocRecord>(): RecordDiff<R> {
  return { added: dict<R>(), updated: dict<[R, R]>(), removed: dict<R>() };
}

function hasOwnKey(obj: object): boolean {
  for (const key in obj) if (Object.hasOwn(obj, key)) return true;
  return false;
}

export function isEmptyDiff(diff: RecordDiff<DocRecord>): boolean {
  return !hasOwnKey(diff.added) && !hasOwnKey(diff.updated) && !hasOwnKey(diff.removed);
}

/** Folds `next` into `acc` (mutating `acc`, never `next`). */
function squashInto<R extends DocRecord>(acc: RecordDiff<R>, next: RecordDiff<R>): void {
  for (const [id, record] of Object.entries(next.removed)) {
    if (acc.added[id] !== undefined) {
      // add then remove = nothing
      delete acc.added[id];
    } else {
      const updated = acc.updated[id];
      if (updated !== undefined) {
        // update then remove = remove(original)
        delete acc.updated[id];
        acc.removed[id] = updated[0];
      } else {
        acc.removed[id] = record;
      }
    }
  }
  for (const [id, record] of Object.entries(next.added)) {
    const removed = acc.removed[id];
    if (removed !== undefined) {
      // remove then add = update(original → new), or nothing if it is the same record
      delete acc.removed[id];
      if (removed !== record) acc.updated[id] = [removed, record];
    } else {
      const updated = acc.updated[id];
      if (updated !== undefined) {
        // Not reachable from consistent diffs (adding an id that exists); treat it as an update.
        if (updated[0] === record) delete acc.updated[id];
        else acc.updated[id] = [updated[0], record];
      } else {
        acc.added[id] = record;
      }
    }
  }
  for (const [id, [from, to]] of Object.entries(next.updated)) {
    if (acc.added[id] !== undefined) {
      // add then update = add(latest)
      acc.added[id] = to;
      continue;
    }
    const updated = acc.updated[id];
    const original = updated !== undefined ? updated[0] : from;
    // update then update = update(first from → last to); back to the original = nothing
    if (original === to) delete acc.updated[id];
    else acc.updated[id] = [original, to];
  }
}

/**
 * Combines diffs applied in order into one net diff: add then update = add(latest); add then
 * remove = nothing; update then update = update(first from → last to); update then remove =
 * remove(original); remove then add = update(original → new). Changes that cancel out (by
 * reference) disappear. The inputs are not modified.
 */
export function squashDiffs<R extends DocRecord>(diffs: readonly RecordDiff<R>[]): RecordDiff<R> {
  const acc = emptyDiff<R>();
  for (const diff of diffs) squashInto(acc, diff);
  return acc;
}

/** The diff that undoes `diff`. */
export function reverseDiff<R extends DocRecord>(diff: RecordDiff<R>): RecordDiff<R> {
  const reversed = emptyDiff<R>();
  for (const [id, record] of Object.entries(diff.added)) reversed.removed[id] = record;
  for (const [id, record] of Object.entries(diff.removed)) reversed.added[id] = record;
  for (const [id, [from, to]] of Object.entries(diff.updated)) reversed.updated[id] = [to, from];
  return reversed;
}

interface Step<R extends DocRecord> {
  /** The mark id that started this step (implicit steps get an internal id). */
  readonly id: string;
  readonly name: string;
  /**
   * The explicit mark this step belongs to: its own id for a step started by mark(), the innermost
   * open mark for a step started by an apply inside one, null otherwise (a closed step). The head
   * step takes further applies while that mark is the innermost open one.
   */
  readonly owner: string | null;
  /** Diffs in the order they were applied; each one non-empty. */
  readonly diffs: RecordDiff<R>[];
}

export class HistoryStore<R extends DocRecord> {
  /**
   * Current records. Mutated in place, never handed out. Iterates in position order except for the
   * ids in `outOfPlace`, which the next read merges back into place.
   */
  private byId = new Map<string, R>();
  /** Position of every id ever added (kept after removal so re-added records go back in place). */
  private readonly positionOf = new Map<string, number>();
  private nextPosition = 0;
  /** Highest position ever appended to `byId`. */
  private lastPosition = -1;
  /** Ids re-added with a position below `lastPosition` (so appended out of order). */
  private readonly outOfPlace = new Set<string>();
  /** What `records` returns until the next change; made on first read. */
  private snapshot: ReadonlyMap<string, R> | null = null;

  private undos: Step<R>[] = [];
  private redos: RecordDiff<R>[] = [];
  /** Explicit marks not yet squashed or bailed, oldest first. */
  private openMarks: string[] = [];
  private markCount = 0;
  private readonly listeners = new Set<(diff: RecordDiff<R>) => void>();

  constructor(initial: readonly R[]) {
    for (const record of initial) this.insert(record);
  }

  /** Current records by id (a new object identity after every change; never mutate it). */
  get records(): ReadonlyMap<string, R> {
    if (this.snapshot === null) {
      this.putInOrder();
      this.snapshot = new Map(this.byId);
    }
    return this.snapshot;
  }

  get(id: string): R | undefined {
    return this.byId.get(id);
  }

  /** All records, in order of when their id was first added. */
  all(): R[] {
    return Array.from(this.records.values());
  }

  /**
   * Applies a change: put() adds or replaces records, remove() deletes ids (puts first, then
   * removes; unknown ids are ignored). One call = one diff; returns it (empty diff → nothing
   * recorded, no listener called, redo kept).
   */
  apply(change: { put?: readonly R[]; remove?: readonly string[] }): RecordDiff<R> {
    const diff = this.diffFor(change);
    if (isEmptyDiff(diff)) return diff;
    this.write(diff);
    this.record(diff);
    this.redos = [];
    this.emit(diff);
    return diff;
  }

  /** Names a point in history; returns the mark id. A user gesture starts with mark(). */
  mark(name = 'mark'): string {
    const id = `${name}#${++this.markCount}`;
    this.undos.push({ id, name, owner: id, diffs: [] });
    this.openMarks.push(id);
    return id;
  }

  /**
   * Collapses everything since the mark (including inner marks) into one undo step and closes it
   * and any marks opened after it. A no-op for a mark no longer in history (e.g. undone).
   */
  squashToMark(markId: string): void {
    this.closeMark(markId);
    const index = this.stepIndex(markId);
    if (index < 0) return;
    const steps = this.undos.splice(index);
    const diff = squashDiffs(steps.flatMap((step) => step.diffs));
    const name = steps[0]?.name ?? 'mark';
    if (!isEmptyDiff(diff)) this.undos.push({ id: markId, name, owner: null, diffs: [diff] });
  }

  /**
   * Reverts everything since the mark and forgets it: the reverted changes are not redoable. A
   * no-op for a mark no longer in history.
   */
  bailToMark(markId: string): void {
    this.closeMark(markId);
    const index = this.stepIndex(markId);
    if (index < 0) return;
    const steps = this.undos.splice(index);
    const diff = reverseDiff(squashDiffs(steps.flatMap((step) => step.diffs)));
    if (isEmptyDiff(diff)) return;
    this.write(diff);
    this.emit(diff);
  }

  /** Back to the previous mark (one user step); false if nothing to undo. Closes open marks. */
  undo(): boolean {
    this.closeAll();
    for (let step = this.undos.pop(); step !== undefined; step = this.undos.pop()) {
      const diff = squashDiffs(step.diffs);
      // A step with no net change (empty mark, or a change and its opposite) is dropped.
      if (isEmptyDiff(diff)) continue;
      const reversed = reverseDiff(diff);
      this.write(reversed);
      this.redos.push(diff);
      this.emit(reversed);
      return true;
    }
    return false;
  }

  /** Re-applies the last undone step; false if nothing to redo. Closes open marks. */
  redo(): boolean {
    this.closeAll();
    const diff = this.redos.pop();
    if (diff === undefined) return false;
    this.write(diff);
    this.undos.push({ id: `redo#${++this.markCount}`, name: 'redo', owner: null, diffs: [diff] });
    this.emit(diff);
    return true;
  }

  get canUndo(): boolean {
    for (let i = this.undos.length - 1; i >= 0; i--) {
      const diffs = this.undos[i]?.diffs ?? [];
      if (diffs.length === 1) return true;
      if (diffs.length > 1 && !isEmptyDiff(squashDiffs(diffs))) return true;
    }
    return false;
  }

  get canRedo(): boolean {
    return this.redos.length > 0;
  }

  /**
   * Called after every change (apply/undo/redo/bail) with the net diff (treat it as read-only).
   * Returns an unsubscribe function.
   */
  listen(listener: (diff: RecordDiff<R>) => void): () => void {
    // Wrapped so that the same function can be subscribed twice and unsubscribed independently.
    const entry = (diff: RecordDiff<R>): void => listener(diff);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  /**
   * Runs several applies as one undo step without the caller managing marks. Listeners still hear
   * each apply. If `fn` throws, its changes are reverted (bailed) and the error is rethrown.
   */
  batch(fn: () => void): void {
    const markId = this.mark('batch');
    try {
      fn();
    } catch (error) {
      this.bailToMark(markId);
      throw error;
    }
    this.squashToMark(markId);
  }

  // ---- internals ----

  /** The net diff of `change` against the current records. */
  private diffFor(change: { put?: readonly R[]; remove?: readonly string[] }): RecordDiff<R> {
    const diff = emptyDiff<R>();
    for (const record of change.put ?? []) {
      const id = record.id;
      if (diff.added[id] !== undefined) {
        diff.added[id] = record;
        continue;
      }
      const updated = diff.updated[id];
      const current = updated !== undefined ? updated[0] : this.byId.get(id);
      if (current === undefined) diff.added[id] = record;
      else if (current === record) delete diff.updated[id];
      else diff.updated[id] = [current, record];
    }
    for (const id of change.remove ?? []) {
      if (diff.added[id] !== undefined) {
        delete diff.added[id];
        continue;
      }
      const updated = diff.updated[id];
      const current = updated !== undefined ? updated[0] : this.byId.get(id);
      delete diff.updated[id];
      if (current !== undefined) diff.removed[id] = current;
    }
    return diff;
  }

  /** Applies a consistent diff to the records. O(size of diff). */
  private write(diff: RecordDiff<R>): void {
    for (const id of Object.keys(diff.removed)) this.byId.delete(id);
    for (const [id, [, to]] of Object.entries(diff.updated)) this.byId.set(id, to);
    for (const record of Object.values(diff.added)) this.insert(record);
    this.snapshot = null;
  }

  private insert(record: R): void {
    let position = this.positionOf.get(record.id);
    if (position === undefined) {
      position = this.nextPosition++;
      this.positionOf.set(record.id, position);
    }
    const present = this.byId.has(record.id);
    this.byId.set(record.id, record);
    if (present) return;
    if (position > this.lastPosition) this.lastPosition = position;
    else this.outOfPlace.add(record.id);
  }

  /** Merges re-added records back into position order: O(n + k log k) for k such records. */
  private putInOrder(): void {
    if (this.outOfPlace.size === 0) return;
    const position = (id: string): number => this.positionOf.get(id) ?? 0;
    const moved: { at: number; id: string; record: R }[] = [];
    for (const id of this.outOfPlace) {
      const record = this.byId.get(id);
      if (record !== undefined) moved.push({ at: position(id), id, record });
    }
    moved.sort((a, b) => a.at - b.at);
    const ordered = new Map<string, R>();
    let next = 0;
    for (const [id, record] of this.byId) {
      if (this.outOfPlace.has(id)) continue;
      const at = position(id);
      for (let m = moved[next]; m !== undefined && m.at < at; m = moved[++next]) ordered.set(m.id, m.record);
      ordered.set(id, record);
    }
    for (let m = moved[next]; m !== undefined; m = moved[++next]) ordered.set(m.id, m.record);
    this.byId = ordered;
    this.outOfPlace.clear();
  }

  private record(diff: RecordDiff<R>): void {
    const head = this.undos.at(-1);
    const innermost = this.openMarks.at(-1) ?? null;
    if (head !== undefined && head.owner !== null && head.owner === innermost) {
      head.diffs.push(diff);
      return;
    }
    // Outside any explicit mark an apply is its own step; inside one (after an inner mark was
    // squashed) it starts a step that later applies join, until the next mark or the mark closes.
    const id = `apply#${++this.markCount}`;
    this.undos.push({ id, name: 'apply', owner: innermost, diffs: [diff] });
  }

  private stepIndex(markId: string): number {
    for (let i = this.undos.length - 1; i >= 0; i--) if (this.undos[i]?.id === markId) return i;
    return -1;
  }

  /** Closes `markId` and every mark opened after it. */
  private closeMark(markId: string): void {
    const index = this.openMarks.lastIndexOf(markId);
    if (index >= 0) this.openMarks.length = index;
  }

  private closeAll(): void {
    this.openMarks = [];
  }

  private emit(diff: RecordDiff<R>): void {
    let failure: { error: unknown } | undefined;
    for (const listener of Array.from(this.listeners)) {
      try {
        listener(diff);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== undefined) throw failure.error;
  }
}
