import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { databaseOpener } from './library-db.ts';

describe('library database upgrade', () => {
  it('from schema 2 keeps every record and adds the media store (bytes where OPFS cannot be written)', async () => {
    const name = 'spool-upgrade-2-test';
    await new Promise((resolve) => Object.assign(indexedDB.deleteDatabase(name), { onsuccess: resolve, onerror: resolve }));
    // Schema 2 as Spool made it.
    const old = await openDB(name, 2, {
      upgrade(database) {
        database.createObjectStore('assets', { keyPath: 'fingerprint' }).createIndex('addedAt', 'addedAt');
        database.createObjectStore('analysis', { keyPath: 'key' }).createIndex('fingerprint', 'fingerprint');
        database.createObjectStore('projects', { keyPath: 'id' });
        database.createObjectStore('records', { keyPath: ['projectId', 'id'] }).createIndex('projectId', 'projectId');
      },
    });
    await old.put('assets', { fingerprint: 'fp', name: 'a.mp4', size: 1, probe: {}, addedAt: 1 });
    await old.put('projects', { id: 'project:a', name: 'A', savedAt: 1, schemaVersion: 3 });
    await old.put('records', { projectId: 'project:a', id: 'clip:1', record: { id: 'clip:1' } });
    old.close();

    const upgraded = await databaseOpener(name)();
    expect((await upgraded.get('assets', 'fp'))?.name).toBe('a.mp4');
    expect((await upgraded.get('projects', 'project:a'))?.name).toBe('A');
    expect(await upgraded.getAll('records')).toHaveLength(1);
    await upgraded.put('media', new Blob(['bytes']), 'fp');
    expect(await (await upgraded.get('media', 'fp'))?.text()).toBe('bytes');
    upgraded.close();
  });
});
