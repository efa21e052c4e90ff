import { describe, expect, it } from 'vitest';
import { HistoryStore, isEmptyDiff, reverseDiff, squashDiffs, type DocRecord, type RecordDiff } from './history.ts';

interface Clip extends DocRecord {
  start: number;
  track: number;
}

const clip = (id: string, start = 0, track = 0): Clip => ({ id, start, track });

function diff(parts: Partial<RecordDiff<Clip>>): RecordDiff<Clip> {
  return { added: {}, updated: {}, removed: {}, ...parts };
}

/** Applies a diff to a store through its public API. */
function applyDiff(store: HistoryStore<Clip>, d: RecordDiff<Clip>): RecordDiff<Clip> {
  return store.apply({
    put: [...Object.values(d.added), ...Object.values(d.updated).map(([, to]) => to)],
    remove: Object.keys(d.removed),
  });
}

/** The net diff that turns `before` into `after` (by reference). */
function diffBetween(before: ReadonlyMap<string, Clip>, after: ReadonlyMap<string, Clip>): RecordDiff<Clip> {
  const d = diff({});
  for (const [id, record] of after) {
    const old = before.get(id);
    if (old === undefined) d.added[id] = record;
    else if (old !== record) d.updated[id] = [old, record];
  }
  for (const [id, record] of before) if (!after.has(id)) d.removed[id] = record;
  return d;
}

/** Entries in order, keeping references (for toEqual with exact order). */
const entries = (store: HistoryStore<Clip>): [string, Clip][] => Array.from(store.records);

/** A tiny deterministic PRNG so that randomised tests are reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('isEmptyDiff', () => {
  it('is true only when no category has an entry', () => {
    expect(isEmptyDiff(diff({}))).toBe(true);
    expect(isEmptyDiff(diff({ added: { a: clip('a') } }))).toBe(false);
    expect(isEmptyDiff(diff({ updated: { a: [clip('a'), clip('a', 1)] } }))).toBe(false);
    expect(isEmptyDiff(diff({ removed: { a: clip('a') } }))).toBe(false);
  });
});

describe('squashDiffs', () => {
  const a0 = clip('a', 0);
  const a1 = clip('a', 1);
  const a2 = clip('a', 2);
  const a3 = clip('a', 3);

  it('add then update = add(latest)', () => {
    const out = squashDiffs([diff({ added: { a: a0 } }), diff({ updated: { a: [a0, a1] } }), diff({ updated: { a: [a1, a2] } })]);
    expect(out).toEqual(diff({ added: { a: a2 } }));
    expect(out.added.a).toBe(a2);
  });

  it('add then remove = nothing', () => {
    const out = squashDiffs([diff({ added: { a: a0 } }), diff({ updated: { a: [a0, a1] } }), diff({ removed: { a: a1 } })]);
    expect(isEmptyDiff(out)).toBe(true);
  });

  it('update then remove = remove(original)', () => {
    const out = squashDiffs([diff({ updated: { a: [a0, a1] } }), diff({ updated: { a: [a1, a2] } }), diff({ removed: { a: a2 } })]);
    expect(out).toEqual(diff({ removed: { a: a0 } }));
    expect(out.removed.a).toBe(a0);
  });

  it('remove then add = update(original → new)', () => {
    const out = squashDiffs([diff({ removed: { a: a0 } }), diff({ added: { a: a1 } })]);
    expect(out).toEqual(diff({ updated: { a: [a0, a1] } }));
    expect(out.updated.a?.[0]).toBe(a0);
    expect(out.updated.a?.[1]).toBe(a1);
  });

  it('update then update keeps the first from and the last to', () => {
    const out = squashDiffs([
      diff({ updated: { a: [a0, a1] } }),
      diff({ updated: { a: [a1, a2] } }),
      diff({ updated: { a: [a2, a3] } }),
    ]);
    expect(out).toEqual(diff({ updated: { a: [a0, a3] } }));
    expect(out.updated.a?.[0]).toBe(a0);
    expect(out.updated.a?.[1]).toBe(a3);
  });

  it('drops changes that cancel out', () => {
    // moved away and back
    expect(isEmptyDiff(squashDiffs([diff({ updated: { a: [a0, a1] } }), diff({ updated: { a: [a1, a0] } })]))).toBe(true);
    // deleted and the same record put back
    expect(isEmptyDiff(squashDiffs([diff({ removed: { a: a0 } }), diff({ added: { a: a0 } })]))).toBe(true);
    // created, edited and deleted
    expect(
      isEmptyDiff(squashDiffs([diff({ added: { a: a0 } }), diff({ updated: { a: [a0, a1] } }), diff({ removed: { a: a1 } })])),
    ).toBe(true);
    // only the cancelled id disappears; others stay
    const b = clip('b');
    const out = squashDiffs([diff({ updated: { a: [a0, a1] }, added: { b } }), diff({ updated: { a: [a1, a0] } })]);
    expect(out).toEqual(diff({ added: { b } }));
  });

  it('combines unrelated ids and leaves its inputs untouched', () => {
    const b0 = clip('b', 0);
    const b1 = clip('b', 1);
    const c = clip('c');
    const first = diff({ updated: { a: [a0, a1] }, removed: { c } });
    const second = diff({ updated: { a: [a1, a2], b: [b0, b1] } });
    const firstCopy = structuredClone(first);
    const secondCopy = structuredClone(second);
    const out = squashDiffs([first, second]);
    expect(out).toEqual(diff({ updated: { a: [a0, a2], b: [b0, b1] }, removed: { c } }));
    expect(first).toEqual(firstCopy);
    expect(second).toEqual(secondCopy);
    expect(first.updated.a?.[1]).toBe(a1);
    expect(isEmptyDiff(squashDiffs([]))).toBe(true);
  });

  it('equals the net change of any sequence of applies (randomised)', () => {
    const random = rng(7);
    for (let round = 0; round < 50; round++) {
      const store = new HistoryStore(Array.from({ length: 6 }, (_, i) => clip(`c${i}`, i)));
      const before = store.records;
      const diffs: RecordDiff<Clip>[] = [];
      for (let op = 0; op < 20; op++) {
        const id = `c${Math.floor(random() * 9)}`;
        const put = random() < 0.6 ? [clip(id, Math.floor(random() * 3))] : [];
        const remove = put.length === 0 ? [id] : [];
        diffs.push(store.apply({ put, remove }));
      }
      const net = squashDiffs(diffs);
      expect(net).toEqual(diffBetween(before, store.records));
      // ...and by reference, not only by value
      for (const [id, [from, to]] of Object.entries(net.updated)) {
        expect(from).toBe(before.get(id));
        expect(to).toBe(store.get(id));
      }
    }
  });
});

describe('reverseDiff', () => {
  it('swaps added and removed and flips updates', () => {
    const a0 = clip('a', 0);
    const a1 = clip('a', 1);
    const b = clip('b');
    const c = clip('c');
    const d = diff({ added: { b }, updated: { a: [a0, a1] }, removed: { c } });
    const r = reverseDiff(d);
    expect(r).toEqual(diff({ added: { c }, updated: { a: [a1, a0] }, removed: { b } }));
    expect(r.updated.a?.[0]).toBe(a1);
    expect(reverseDiff(r)).toEqual(d);
  });

  it('applying the reverse of an applied diff restores the records exactly, order included', () => {
    const records = Array.from({ length: 10 }, (_, i) => clip(`c${i}`, i));
    const store = new HistoryStore(records);
    const before = entries(store);
    const applied = store.apply({ put: [clip('c3', 99), clip('new1'), clip('c7', 5)], remove: ['c0', 'c5', 'c9'] });
    expect(Object.keys(applied.added)).toEqual(['new1']);
    expect(Object.keys(applied.updated).sort()).toEqual(['c3', 'c7']);
    expect(Object.keys(applied.removed).sort()).toEqual(['c0', 'c5', 'c9']);
    applyDiff(store, reverseDiff(applied));
    expect(entries(store)).toEqual(before);
    store.records.forEach((record, id) => expect(record).toBe(records.find((r) => r.id === id)));
  });
});

describe('HistoryStore: records', () => {
  it('keeps records by id in insertion order and hands out a new map after each change only', () => {
    const a = clip('a');
    const b = clip('b');
    const store = new HistoryStore([b, a]);
    expect(store.all()).toEqual([b, a]);
    expect(store.get('a')).toBe(a);
    expect(store.get('zzz')).toBeUndefined();
    const first = store.records;
    expect(store.records).toBe(first);
    store.apply({ put: [clip('c')] });
    const second = store.records;
    expect(second).not.toBe(first);
    expect(first.has('c')).toBe(false); // the old snapshot is not mutated
    expect(store.all().map((r) => r.id)).toEqual(['b', 'a', 'c']);
    store.apply({ put: [clip('b', 5)] }); // a replaced record keeps its place
    expect(store.all().map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(store.records).not.toBe(second);
  });

  it('returns the diff of apply and records nothing for an empty one', () => {
    const a = clip('a');
    const store = new HistoryStore([a]);
    const a1 = clip('a', 1);
    const b = clip('b');
    expect(store.apply({ put: [a1, b] })).toEqual(diff({ added: { b }, updated: { a: [a, a1] } }));
    store.undo();
    const snapshot = store.records;
    // same object again, an unknown id, nothing at all: no change, no step, redo kept
    expect(isEmptyDiff(store.apply({ put: [a] }))).toBe(true);
    expect(isEmptyDiff(store.apply({ remove: ['nope'] }))).toBe(true);
    expect(isEmptyDiff(store.apply({}))).toBe(true);
    expect(store.records).toBe(snapshot);
    expect(store.canUndo).toBe(false);
    expect(store.canRedo).toBe(true);
  });

  it('treats a put and a remove of the same id in one call as put then remove', () => {
    const a = clip('a');
    const store = new HistoryStore([a]);
    expect(isEmptyDiff(store.apply({ put: [clip('x')], remove: ['x'] }))).toBe(true);
    expect(store.apply({ put: [clip('a', 1)], remove: ['a'] })).toEqual(diff({ removed: { a } }));
    expect(store.get('a')).toBeUndefined();
    // the same id put twice: the last one wins
    const b2 = clip('b', 2);
    expect(store.apply({ put: [clip('b', 1), b2] })).toEqual(diff({ added: { b: b2 } }));
  });
});

describe('HistoryStore: undo and redo', () => {
  it('undoes and redoes each apply as its own step, by reference', () => {
    const a0 = clip('a', 0);
    const store = new HistoryStore([a0]);
    expect(store.canUndo).toBe(false);
    expect(store.undo()).toBe(false);
    const a1 = clip('a', 1);
    const b = clip('b');
    store.apply({ put: [a1] });
    const s1 = entries(store);
    store.apply({ put: [b] });
    const s2 = entries(store);
    store.apply({ remove: ['a'] });
    const s3 = entries(store);
    expect(s3).toEqual([['b', b]]);

    expect(store.undo()).toBe(true);
    expect(entries(store)).toEqual(s2);
    expect(store.undo()).toBe(true);
    expect(entries(store)).toEqual(s1);
    expect(store.undo()).toBe(true);
    expect(entries(store)).toEqual([['a', a0]]);
    expect(store.get('a')).toBe(a0);
    expect(store.canUndo).toBe(false);
    expect(store.undo()).toBe(false);

    expect(store.canRedo).toBe(true);
    expect(store.redo()).toBe(true);
    expect(entries(store)).toEqual(s1);
    expect(store.get('a')).toBe(a1);
    expect(store.redo()).toBe(true);
    expect(store.redo()).toBe(true);
    expect(entries(store)).toEqual(s3);
    expect(store.canRedo).toBe(false);
    expect(store.redo()).toBe(false);
  });

  it('puts a deleted record back in its original place', () => {
    const store = new HistoryStore(['a', 'b', 'c', 'd'].map((id) => clip(id)));
    store.apply({ remove: ['b'] });
    store.apply({ put: [clip('e')] });
    store.apply({ remove: ['a', 'd'] });
    expect(store.all().map((r) => r.id)).toEqual(['c', 'e']);
    store.undo();
    expect(store.all().map((r) => r.id)).toEqual(['a', 'c', 'd', 'e']);
    store.undo();
    store.undo();
    expect(store.all().map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    store.redo();
    store.redo();
    store.redo();
    expect(store.all().map((r) => r.id)).toEqual(['c', 'e']);
  });

  it('clears redo on a new change but not on a mark or an empty change', () => {
    const store = new HistoryStore([clip('a')]);
    store.apply({ put: [clip('a', 1)] });
    store.apply({ put: [clip('a', 2)] });
    store.undo();
    expect(store.canRedo).toBe(true);
    const m = store.mark('click');
    store.squashToMark(m); // a click without a move
    store.apply({ put: [store.get('a') as Clip] });
    expect(store.canRedo).toBe(true);
    store.apply({ put: [clip('a', 3)] });
    expect(store.canRedo).toBe(false);
    expect(store.redo()).toBe(false);
    expect(store.get('a')?.start).toBe(3);
    store.undo();
    expect(store.get('a')?.start).toBe(1);
    store.undo();
    expect(store.get('a')?.start).toBe(0);
  });

  it('groups all applies after a mark into one step until the next mark', () => {
    const store = new HistoryStore([clip('a')]);
    store.mark('first');
    store.apply({ put: [clip('a', 1)] });
    store.apply({ put: [clip('b')] });
    store.mark('second');
    store.apply({ put: [clip('a', 2)] });
    store.apply({ put: [clip('c')] });
    store.undo();
    expect(store.all().map((r) => [r.id, r.start])).toEqual([
      ['a', 1],
      ['b', 0],
    ]);
    store.undo();
    expect(store.all().map((r) => [r.id, r.start])).toEqual([['a', 0]]);
    expect(store.canUndo).toBe(false);
  });

  it('skips steps with no net change', () => {
    const a0 = clip('a');
    const store = new HistoryStore([a0]);
    store.apply({ put: [clip('b')] });
    const m = store.mark('wiggle');
    store.apply({ put: [clip('a', 1)] });
    store.apply({ put: [a0] }); // back where it was
    store.mark('empty');
    expect(store.canUndo).toBe(true); // the add of b is still there
    expect(store.undo()).toBe(true);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toBe(a0);
    expect(store.canUndo).toBe(false);
    expect(store.undo()).toBe(false);
    store.squashToMark(m); // undone: a no-op
    expect(store.canUndo).toBe(false);
  });
});

describe('HistoryStore: marks', () => {
  it('closes open marks on undo, so later applies are steps of their own', () => {
    const store = new HistoryStore([clip('a')]);
    const m = store.mark('drag');
    store.apply({ put: [clip('a', 1)] });
    expect(store.undo()).toBe(true);
    store.apply({ put: [clip('b')] });
    store.apply({ put: [clip('c')] });
    store.squashToMark(m); // undone: a no-op
    store.undo();
    expect(store.all().map((r) => r.id)).toEqual(['a', 'b']);
    store.undo();
    expect(store.all().map((r) => [r.id, r.start])).toEqual([['a', 0]]);
    expect(store.canUndo).toBe(false);

    // an earlier gesture's step does not take applies again once the undo closed its mark
    const store2 = new HistoryStore([clip('a')]);
    store2.mark('outer');
    store2.apply({ put: [clip('a', 1)] });
    store2.mark('inner');
    store2.apply({ put: [clip('a', 2)] });
    store2.undo();
    store2.apply({ put: [clip('b')] });
    store2.undo();
    expect(store2.all().map((r) => [r.id, r.start])).toEqual([['a', 1]]);
  });

  it('has nothing to undo when the only step changed nothing overall', () => {
    const a0 = clip('a');
    const store = new HistoryStore([a0]);
    store.mark('wiggle');
    store.apply({ put: [clip('a', 1)] });
    expect(store.canUndo).toBe(true);
    store.apply({ put: [a0] });
    expect(store.canUndo).toBe(false);
    expect(store.undo()).toBe(false);
    expect(store.get('a')).toBe(a0);
  });

  it('forgets a bailed inner mark: later applies join the outer step', () => {
    const store = new HistoryStore([clip('a')]);
    store.apply({ put: [clip('x')] });
    const outer = store.mark('outer');
    store.apply({ put: [clip('a', 1)] });
    store.bailToMark(store.mark('inner'));
    store.apply({ put: [clip('b')] });
    store.squashToMark(store.mark('click')); // a nested gesture that changed nothing
    store.apply({ put: [clip('c')] });
    expect(store.undo()).toBe(true);
    expect(store.all().map((r) => [r.id, r.start])).toEqual([
      ['a', 0],
      ['x', 0],
    ]);
    store.squashToMark(outer); // closed by the undo: a no-op
    expect(store.undo()).toBe(true);
    expect(store.canUndo).toBe(false);
  });

  it('undoes a drag of 30 moves in one step and redoes it exactly', () => {
    const a0 = clip('a', 0);
    const b = clip('b', 100);
    const store = new HistoryStore([a0, b]);
    store.apply({ put: [clip('c', 200)] }); // an earlier, separate step
    const beforeDrag = entries(store);
    const heard: RecordDiff<Clip>[] = [];
    store.listen((d) => heard.push(d));

    const markId = store.mark('drag');
    let last = a0;
    for (let i = 1; i <= 30; i++) {
      last = clip('a', i * 10, i % 3);
      store.apply({ put: [last] });
    }
    store.squashToMark(markId);
    const afterDrag = entries(store);
    expect(heard).toHaveLength(30);

    expect(store.undo()).toBe(true);
    expect(entries(store)).toEqual(beforeDrag);
    expect(store.get('a')).toBe(a0);
    expect(heard.at(-1)).toEqual(diff({ updated: { a: [last, a0] } }));

    expect(store.redo()).toBe(true);
    expect(entries(store)).toEqual(afterDrag);
    expect(store.get('a')).toBe(last);
    expect(heard.at(-1)).toEqual(diff({ updated: { a: [a0, last] } }));

    // the step before the drag is still a separate one
    store.undo();
    store.undo();
    expect(store.get('c')).toBeUndefined();
    expect(store.get('a')).toBe(a0);
    expect(store.canUndo).toBe(false);
  });

  it('ends a drag with squashToMark so that later applies are steps of their own', () => {
    const store = new HistoryStore([clip('a')]);
    const m = store.mark('drag');
    store.apply({ put: [clip('a', 1)] });
    store.apply({ put: [clip('a', 2)] });
    store.squashToMark(m);
    store.apply({ put: [clip('b')] });
    store.apply({ put: [clip('c')] });
    store.undo();
    expect(store.all().map((r) => r.id)).toEqual(['a', 'b']);
    store.undo();
    expect(store.all().map((r) => r.id)).toEqual(['a']);
    expect(store.get('a')?.start).toBe(2);
    store.undo();
    expect(store.get('a')?.start).toBe(0);
    expect(store.canUndo).toBe(false);
  });

  it('drops a squashed step with no net change', () => {
    const store = new HistoryStore([clip('a')]);
    const a0 = store.get('a') as Clip;
    const m = store.mark('drag');
    store.apply({ put: [clip('a', 5)] });
    store.apply({ put: [a0] });
    store.squashToMark(m);
    expect(store.canUndo).toBe(false);
    expect(store.undo()).toBe(false);
  });

  it('bailToMark restores exactly and leaves nothing to redo', () => {
    const records = ['a', 'b', 'c', 'd'].map((id, i) => clip(id, i));
    const store = new HistoryStore(records);
    store.apply({ put: [clip('e')] }); // an earlier step
    const before = entries(store);
    const heard: RecordDiff<Clip>[] = [];
    store.listen((d) => heard.push(d));

    const m = store.mark('drag');
    store.apply({ put: [clip('a', 10)] });
    store.apply({ remove: ['b'] });
    store.apply({ put: [clip('f')] });
    store.apply({ put: [clip('a', 20), clip('c', 30)] });
    store.apply({ remove: ['f'] });
    store.bailToMark(m);

    expect(entries(store)).toEqual(before);
    for (const record of records) expect(store.get(record.id)).toBe(record);
    expect(heard).toHaveLength(6);
    const lastHeard = heard.at(-1) as RecordDiff<Clip>;
    expect(Object.keys(lastHeard.added)).toEqual(['b']);
    expect(lastHeard.added.b).toBe(records[1]);
    expect(lastHeard.updated.a?.[1]).toBe(records[0]);
    expect(lastHeard.updated.c?.[1]).toBe(records[2]);
    expect(lastHeard.removed).toEqual({});

    expect(store.canRedo).toBe(false);
    expect(store.redo()).toBe(false);
    // undo goes to the step before the mark
    expect(store.undo()).toBe(true);
    expect(store.get('e')).toBeUndefined();
    expect(store.canUndo).toBe(false);
    // and the bailed changes are not redoable afterwards either
    expect(store.redo()).toBe(true);
    expect(store.redo()).toBe(false);
    expect(entries(store)).toEqual(before);
  });

  it('bailToMark with nothing applied changes nothing and keeps redo', () => {
    const store = new HistoryStore([clip('a')]);
    store.apply({ put: [clip('a', 1)] });
    store.undo();
    const snapshot = store.records;
    let calls = 0;
    store.listen(() => calls++);
    store.bailToMark(store.mark('drag'));
    expect(store.records).toBe(snapshot);
    expect(calls).toBe(0);
    expect(store.canRedo).toBe(true);
  });

  it('nests marks: an inner squash is its own step, the outer squash swallows it', () => {
    const store = new HistoryStore([clip('a')]);
    const outer = store.mark('outer');
    store.apply({ put: [clip('a', 1)] });
    const inner = store.mark('inner');
    store.apply({ put: [clip('b')] });
    store.apply({ put: [clip('b', 1)] });
    store.squashToMark(inner);
    store.apply({ put: [clip('c')] });
    store.apply({ put: [clip('d')] }); // still inside outer: joins the step of c
    const final = entries(store);

    // unsquashed: three steps
    store.undo();
    expect(store.all().map((r) => r.id)).toEqual(['a', 'b']);
    store.undo();
    expect(store.all().map((r) => [r.id, r.start])).toEqual([['a', 1]]);
    store.undo();
    expect(store.all().map((r) => [r.id, r.start])).toEqual([['a', 0]]);
    expect(store.canUndo).toBe(false);
    store.redo();
    store.redo();
    store.redo();
    expect(entries(store)).toEqual(final);

    // squashing the outer mark makes one step of everything since it
    const store2 = new HistoryStore([clip('a')]);
    const outer2 = store2.mark('outer');
    store2.apply({ put: [clip('a', 1)] });
    const inner2 = store2.mark('inner');
    store2.apply({ put: [clip('b')] });
    store2.squashToMark(inner2);
    store2.apply({ put: [clip('c')] });
    store2.squashToMark(outer2);
    store2.apply({ put: [clip('z')] }); // after the gesture: its own step
    store2.undo();
    expect(store2.all().map((r) => r.id)).toEqual(['a', 'b', 'c']);
    store2.undo();
    expect(store2.all().map((r) => [r.id, r.start])).toEqual([['a', 0]]);
    expect(store2.canUndo).toBe(false);
    expect(outer).not.toBe(inner);
  });

  it('bailing an inner mark keeps the outer gesture; bailing the outer one reverts all of it', () => {
    const a0 = clip('a');
    const store = new HistoryStore([a0]);
    const outer = store.mark('outer');
    store.apply({ put: [clip('a', 1)] });
    const afterFirst = entries(store);
    const inner = store.mark('inner');
    store.apply({ put: [clip('b')] });
    store.bailToMark(inner);
    expect(entries(store)).toEqual(afterFirst);
    store.apply({ put: [clip('c')] });
    store.bailToMark(outer);
    expect(entries(store)).toEqual([['a', a0]]);
    expect(store.canUndo).toBe(false);
    expect(store.canRedo).toBe(false);
  });

  it('returns distinct mark ids and ignores marks no longer in history', () => {
    const store = new HistoryStore<Clip>([]);
    const ids = new Set(Array.from({ length: 5 }, () => store.mark('same name')));
    expect(ids.size).toBe(5);
    store.apply({ put: [clip('a')] });
    store.undo();
    store.squashToMark('no-such-mark');
    store.bailToMark('no-such-mark');
    expect(store.all()).toEqual([]);
    expect(store.canRedo).toBe(true);
  });
});

describe('HistoryStore: listeners', () => {
  it('hears the net diff of apply, undo, redo and bail, and stops after unsubscribing', () => {
    const a0 = clip('a');
    const store = new HistoryStore([a0]);
    const heard: RecordDiff<Clip>[] = [];
    const unsubscribe = store.listen((d) => heard.push(d));
    const a1 = clip('a', 1);
    const b = clip('b');

    const applied = store.apply({ put: [a1, b] });
    expect(heard).toEqual([diff({ added: { b }, updated: { a: [a0, a1] } })]);
    expect(heard[0]).toBe(applied);

    store.apply({ put: [a1] }); // no change: not heard
    expect(heard).toHaveLength(1);

    store.undo();
    expect(heard[1]).toEqual(diff({ removed: { b }, updated: { a: [a1, a0] } }));
    store.redo();
    expect(heard[2]).toEqual(diff({ added: { b }, updated: { a: [a0, a1] } }));

    const m = store.mark();
    store.apply({ remove: ['a'] });
    store.bailToMark(m);
    expect(heard[3]).toEqual(diff({ removed: { a: a1 } }));
    expect(heard[4]).toEqual(diff({ added: { a: a1 } }));

    // the listener sees the store already changed
    let seen: Clip | undefined;
    const off = store.listen(() => (seen = store.get('a')));
    const a2 = clip('a', 2);
    store.apply({ put: [a2] });
    expect(seen).toBe(a2);
    off();

    unsubscribe();
    store.apply({ put: [clip('c')] });
    store.undo();
    expect(heard).toHaveLength(6);
  });

  it('calls every listener even if one throws, then rethrows', () => {
    const store = new HistoryStore<Clip>([]);
    let calls = 0;
    store.listen(() => {
      throw new Error('listener failed');
    });
    store.listen(() => calls++);
    expect(() => store.apply({ put: [clip('a')] })).toThrow('listener failed');
    expect(calls).toBe(1);
    expect(store.get('a')).toBeDefined();
  });
});

describe('HistoryStore: batch', () => {
  it('makes one undo step of several applies', () => {
    const store = new HistoryStore([clip('a')]);
    store.apply({ put: [clip('x')] });
    const heard: RecordDiff<Clip>[] = [];
    store.listen((d) => heard.push(d));
    store.batch(() => {
      store.apply({ put: [clip('a', 1)] });
      store.apply({ put: [clip('b')] });
      store.apply({ remove: ['x'] });
    });
    expect(heard).toHaveLength(3);
    store.apply({ put: [clip('c')] }); // after the batch: its own step
    store.undo();
    expect(store.all().map((r) => [r.id, r.start])).toEqual([
      ['a', 1],
      ['b', 0],
    ]);
    store.undo();
    expect(store.all().map((r) => [r.id, r.start])).toEqual([
      ['a', 0],
      ['x', 0],
    ]);
    store.redo();
    expect(store.all().map((r) => [r.id, r.start])).toEqual([
      ['a', 1],
      ['b', 0],
    ]);
  });

  it('reverts everything and rethrows if the function throws', () => {
    const store = new HistoryStore([clip('a')]);
    const before = entries(store);
    expect(() =>
      store.batch(() => {
        store.apply({ put: [clip('a', 1)] });
        store.apply({ remove: ['a'] });
        throw new Error('nope');
      }),
    ).toThrow('nope');
    expect(entries(store)).toEqual(before);
    expect(store.canUndo).toBe(false);
    expect(store.canRedo).toBe(false);
  });

  it('nests inside a gesture and records nothing when empty', () => {
    const store = new HistoryStore([clip('a')]);
    store.batch(() => {});
    expect(store.canUndo).toBe(false);
    const m = store.mark('drag');
    store.apply({ put: [clip('a', 1)] });
    store.batch(() => {
      store.apply({ put: [clip('b')] });
      store.batch(() => store.apply({ put: [clip('c')] }));
    });
    store.apply({ put: [clip('a', 2)] });
    store.squashToMark(m);
    expect(store.undo()).toBe(true);
    expect(store.all().map((r) => [r.id, r.start])).toEqual([['a', 0]]);
    expect(store.canUndo).toBe(false);
  });
});

describe('HistoryStore: against a model', () => {
  it('matches a snapshot-per-step model through random applies, drags, bails, undos and redos', () => {
    const random = rng(2024);
    const pick = (n: number): number => Math.floor(random() * n);
    for (let round = 0; round < 20; round++) {
      const store = new HistoryStore(Array.from({ length: 8 }, (_, i) => clip(`c${i}`, i)));
      const firstSeen = new Map(store.all().map((r, i) => [r.id, i]));
      let seen = firstSeen.size;
      const past: [string, Clip][][] = [];
      let future: [string, Clip][][] = [];
      const randomChange = (): { put: Clip[]; remove: string[] } => {
        const id = `c${pick(12)}`;
        if (random() < 0.3) return { put: [], remove: [id] };
        if (!firstSeen.has(id)) firstSeen.set(id, seen++);
        return { put: [clip(id, pick(4))], remove: [] };
      };
      const sameState = (a: [string, Clip][], b: [string, Clip][]): boolean =>
        a.length === b.length && a.every(([id, r], i) => b[i]?.[0] === id && b[i]?.[1] === r);

      for (let op = 0; op < 60; op++) {
        const before = entries(store);
        const roll = random();
        if (roll < 0.35) {
          if (!isEmptyDiff(store.apply(randomChange()))) {
            past.push(before);
            future = [];
          }
        } else if (roll < 0.55) {
          const m = store.mark('gesture');
          let changed = false;
          for (let i = pick(5); i >= 0; i--) changed = !isEmptyDiff(store.apply(randomChange())) || changed;
          if (changed) future = [];
          if (random() < 0.5) {
            store.bailToMark(m);
          } else {
            store.squashToMark(m);
            if (!sameState(before, entries(store))) past.push(before);
          }
        } else if (roll < 0.8) {
          const state = past.pop();
          expect(store.undo()).toBe(state !== undefined);
          if (state !== undefined) {
            expect(entries(store)).toEqual(state);
            future.push(before);
          }
        } else {
          const state = future.pop();
          expect(store.redo()).toBe(state !== undefined);
          if (state !== undefined) {
            expect(entries(store)).toEqual(state);
            past.push(before);
          }
        }
        expect(store.canUndo).toBe(past.length > 0);
        expect(store.canRedo).toBe(future.length > 0);
        // order is by first insertion of the id, whatever was removed and put back since
        const ids = store.all().map((r) => r.id);
        expect(ids).toEqual([...ids].sort((a, b) => (firstSeen.get(a) ?? 0) - (firstSeen.get(b) ?? 0)));
        expect(Array.from(store.records.keys())).toEqual(ids);
      }
    }
  });
});

describe('HistoryStore: scale', () => {
  it('handles 1,000 operations on a 5,000-record document well under a second', () => {
    const random = rng(42);
    const initial = Array.from({ length: 5000 }, (_, i) => clip(`r${i}`, i, i % 8));
    const started = performance.now();
    const store = new HistoryStore(initial);
    let added = 0;
    let reads = 0;
    for (let op = 0; op < 1000; op++) {
      const kind = op % 10;
      const id = `r${Math.floor(random() * 5000)}`;
      if (kind < 5) {
        const current = store.get(id);
        store.apply(current ? { put: [{ ...current, start: current.start + 1 }] } : { put: [clip(id)] });
      } else if (kind === 5) {
        store.apply({ put: [clip(`new${added++}`)] });
      } else if (kind === 6) {
        store.apply({ remove: [id] });
      } else if (kind === 7) {
        const m = store.mark('drag');
        for (let i = 0; i < 5; i++) store.apply({ put: [clip(id, i)] });
        store.squashToMark(m);
      } else if (kind === 8) {
        store.undo();
      } else {
        store.redo();
      }
      // a UI reading the snapshot now and then (each read after a change copies the map)
      if (op % 10 === 0) reads += store.records.size;
    }
    const elapsed = performance.now() - started;
    expect(reads).toBeGreaterThan(400_000);
    expect(elapsed).toBeLessThan(1000);

    // and all of it undoes back to the initial document exactly
    while (store.undo());
    expect(store.all()).toEqual(initial);
    store.all().forEach((record, i) => expect(record).toBe(initial[i]));
  });
});
