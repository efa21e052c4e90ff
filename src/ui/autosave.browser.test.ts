import { describe, expect, it } from 'vitest';
import { createRoot } from 'solid-js';
import { createDocument } from './create-document.ts';
import { createAutosave, loadProject, loadStoredProject, saveErrorMessage } from './create-autosave.ts';
import { databaseOpener, libraryDb, writeProjectChanges } from '../storage/library-db.ts';
import * as commands from '../editor/commands.ts';
import { emptyProject, newClip } from '../model/project.ts';

function bigProject() {
  const project = emptyProject('Autosave');
  project.assets = [{ id: 'asset:a', name: 'a.mp4', durationUs: 600_000_000, hasVideo: true, hasAudio: false }];
  project.clips = Array.from({ length: 100 }, (_, i) => newClip({ id: `clip:${i}`, assetId: 'asset:a', trackId: 'track:v1', startUs: i * 1_000_000, inUs: 0, outUs: 1_000_000 }));
  return project;
}

describe('autosave as diffs', () => {
  it('writes only the records an edit changed, and a reload reads the project back exactly', async () => {
    const writes: { put: number; remove: number; whole: boolean }[] = [];
    const recording: typeof writeProjectChanges = async (id, summary, put, remove, whole = false) => {
      writes.push({ put: put.length, remove: remove.length, whole });
      await writeProjectChanges(id, summary, put, remove, whole);
    };
    await createRoot(async (dispose) => {
      const doc = createDocument(bigProject());
      const autosave = createAutosave(doc, () => 'project:autosave-test', () => undefined, (e) => { throw e; }, recording);
      await autosave.saveWhole('project:autosave-test');
      autosave.enable();
      expect(writes.at(-1)).toMatchObject({ put: 104, whole: true }); // settings, 2 tracks, 1 asset, 100 clips
      doc.run(commands.moveClips(doc.project(), ['clip:5'], 100_000_000));
      doc.run(commands.deleteClips(doc.project(), ['clip:7']));
      autosave.flush();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(writes.at(-1)).toEqual({ put: 1, remove: 1, whole: false });
      expect(await loadProject('project:autosave-test')).toEqual(doc.project());
      dispose();
    });
  });

  it('a failed write is told apart from a saved one until a write succeeds again', async () => {
    let fail = true;
    const flaky: typeof writeProjectChanges = async (...args) => {
      if (fail) throw new Error('disk gone');
      await writeProjectChanges(...args);
    };
    await createRoot(async (dispose) => {
      const doc = createDocument(bigProject());
      const errors: unknown[] = [];
      const autosave = createAutosave(doc, () => 'project:autosave-flaky', () => undefined, (e) => errors.push(e), flaky);
      autosave.enable();
      doc.run(commands.deleteClips(doc.project(), ['clip:1']));
      autosave.flush();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(errors).toHaveLength(1);
      expect([autosave.saving(), autosave.failed()]).toEqual([false, true]);
      fail = false;
      doc.run(commands.deleteClips(doc.project(), ['clip:2']));
      autosave.flush();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect([autosave.saving(), autosave.failed()]).toEqual([false, false]);
      dispose();
    });
  });

  it('what a failed write held is written with the next one (a later diff alone left it out of the saved project)', async () => {
    let fail = false;
    const flaky: typeof writeProjectChanges = async (...args) => {
      if (fail) throw new DOMException('The transaction was aborted.', 'QuotaExceededError');
      await writeProjectChanges(...args);
    };
    await createRoot(async (dispose) => {
      const doc = createDocument(bigProject());
      const autosave = createAutosave(doc, () => 'project:autosave-lost', () => undefined, () => undefined, flaky);
      await autosave.saveWhole('project:autosave-lost');
      autosave.enable();
      fail = true;
      doc.run(commands.deleteClips(doc.project(), ['clip:1']));
      await autosave.flush();
      expect(autosave.failed()).toBe(true);
      fail = false;
      doc.run(commands.deleteClips(doc.project(), ['clip:2']));
      await autosave.flush();
      expect(autosave.failed()).toBe(false);
      expect(await loadProject('project:autosave-lost')).toEqual(doc.project());
      dispose();
    });
  });

  it('a write still under way when the page goes is kept too (an edit written at once, then a reload, was lost)', async () => {
    const id = 'project:autosave-inflight';
    localStorage.removeItem(`spool.unsaved:${id}`);
    await createRoot(async (dispose) => {
      const doc = createDocument(bigProject());
      await writeProjectChanges(id, { name: 'Autosave', schemaVersion: doc.project().schemaVersion }, doc.records(), [], true);
      // The page goes before this write commits: it never does.
      const neverDone: typeof writeProjectChanges = () => new Promise(() => undefined);
      const autosave = createAutosave(doc, () => id, () => undefined, () => undefined, neverDone);
      autosave.enable();
      await new Promise((resolve) => setTimeout(resolve, 300)); // a quiet spell: the next change is written at once
      doc.run(commands.deleteClips(doc.project(), ['clip:3']));
      await new Promise((resolve) => setTimeout(resolve, 20));
      window.dispatchEvent(new PageTransitionEvent('pagehide'));
      // The next read writes what was kept first.
      expect((await loadProject(id))?.clips.map((c) => c.id)).not.toContain('clip:3');
      expect((await loadProject(id))?.clips).toHaveLength(99);
      dispose();
    });
  });

  it('a full storage is named as such, with what to do and that the changes are kept', () => {
    expect(saveErrorMessage(new DOMException('The transaction was aborted.', 'QuotaExceededError'))).toMatch(/^Your latest changes are not saved: this browser's storage is full\. Delete exports or media you no longer need/);
    expect(saveErrorMessage(new Error('disk gone'))).toBe('Your latest changes are not saved (disk gone). They are kept here, and saved with the next change.');
  });

  it('says a project stored whole by an older Spool is whole (it is written again as records before any diff)', async () => {
    const project = bigProject();
    await (await libraryDb()).put('projects', { id: 'project:legacy', name: project.name, savedAt: 1, project } as never);
    expect(await loadStoredProject('project:legacy')).toEqual({ project, whole: true });
    await writeProjectChanges('project:records', { name: 'R', schemaVersion: project.schemaVersion }, createDocument(project).records(), [], true);
    expect((await loadStoredProject('project:records'))?.whole).toBe(false);
  });

  it('a database deleted under the open connection (site data cleared) is opened again on next use, not failed for good', async () => {
    // Its own database, so the app's is not pulled from under other tests.
    const open = databaseOpener('spool-reopen-test');
    await (await open()).put('projects', { id: 'project:a', name: 'A', savedAt: 1, schemaVersion: 3 });
    await new Promise<void>((resolve, reject) => {
      const deleting = indexedDB.deleteDatabase('spool-reopen-test');
      deleting.onsuccess = () => resolve();
      deleting.onerror = () => reject(deleting.error);
      // Blocked means the open connection did not let go: the delete would never finish.
      deleting.onblocked = () => reject(new Error('blocked by the open connection'));
    });
    const reopened = await open();
    await reopened.put('projects', { id: 'project:b', name: 'B', savedAt: 2, schemaVersion: 3 });
    expect((await reopened.getAll('projects')).map((p) => p.id)).toEqual(['project:b']);
    reopened.close();
  });
});
