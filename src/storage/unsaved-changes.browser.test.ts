import { afterEach, describe, expect, it } from 'vitest';
import { keepUnsavedChanges, writeKeptChanges } from './unsaved-changes.ts';
import { deleteProject, readProject, writeProjectChanges } from './library-db.ts';

const summary = { name: 'Kept', schemaVersion: 3 };
const clip = (startUs: number) => ({ id: 'clip:a', startUs });
const storedClip = async (projectId: string) => ((await readProject(projectId)) as { records: { id: string }[] } | undefined)?.records.find((r) => r.id === 'clip:a');

describe('changes kept as a page went', () => {
  afterEach(() => localStorage.clear());

  it('are written into the project before it is read again, once', async () => {
    await writeProjectChanges('project:kept', summary, [clip(0)], [], true);
    keepUnsavedChanges('project:kept', { summary, put: [clip(5)], remove: [], whole: false });
    await writeKeptChanges('project:kept');
    expect(await storedClip('project:kept')).toEqual(clip(5));
    await writeProjectChanges('project:kept', summary, [clip(7)], []);
    await writeKeptChanges('project:kept');
    expect(await storedClip('project:kept')).toEqual(clip(7));
  });

  it('never replace what another tab saved since, nor bring back a project deleted since', async () => {
    await writeProjectChanges('project:newer', summary, [clip(0)], [], true);
    keepUnsavedChanges('project:newer', { summary, put: [clip(5)], remove: [], whole: false });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await writeProjectChanges('project:newer', summary, [clip(9)], []);
    await writeKeptChanges('project:newer');
    expect(await storedClip('project:newer')).toEqual(clip(9));

    await writeProjectChanges('project:gone', summary, [clip(0)], [], true);
    keepUnsavedChanges('project:gone', { summary, put: [clip(5)], remove: [], whole: false });
    await deleteProject('project:gone');
    await writeKeptChanges('project:gone');
    expect(await readProject('project:gone')).toBeUndefined();
  });
});
