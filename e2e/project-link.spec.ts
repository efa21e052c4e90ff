import { expect, test, type Page } from '@playwright/test';
import type { Project } from '../src/model/project.ts';
import { badProjectLinks } from '../src/test-support/project-links.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, tempDir } from './helpers.ts';
import { PORT } from './playwright.config.ts';

const MEDIA = [fixture('barcode-h264-aac.mp4'), fixture('tone.mp3')];
const clips = (page: Page) => page.getByTestId('clip');

async function seekFrame(page: Page, frame: number) {
  await page.getByTestId('playhead').fill(String(Math.round((frame * 1_000_000) / 30)));
}

async function importMedia(page: Page) {
  await page.getByTestId('import-input').setInputFiles(MEDIA);
  for (const name of ['barcode-h264-aac.mp4', 'tone.mp3']) await expect(page.locator(`[data-testid=bin-row][data-name="${name}"]`)).toHaveAttribute('data-status', 'ready');
}

/** The open project as saved in IndexedDB (the dev server serves the app's own modules to read it with). */
async function savedProject(page: Page): Promise<Project> {
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  return page.evaluate(async (url) => {
    const { loadProject } = (await import(/* @vite-ignore */ url)) as typeof import('../src/ui/create-autosave.ts');
    return (await loadProject(localStorage.getItem('spool.currentProject')!))!;
  }, '/src/ui/create-autosave.ts');
}

/** A project minus what must differ between two copies (clip, marker and transition ids; storage order). */
function comparable(project: Project) {
  const key = (id: string) => {
    const c = project.clips.find((clip) => clip.id === id)!;
    return `${c.trackId}@${c.startUs}`;
  };
  const byJson = <T,>(list: T[]) => list.map((x) => JSON.stringify(x)).sort();
  return {
    schemaVersion: project.schemaVersion,
    name: project.name,
    output: project.output,
    tracks: project.tracks,
    assets: byJson(project.assets),
    clips: byJson(project.clips.map(({ id: _id, ...clip }) => clip)),
    markers: byJson(project.markers.map(({ id: _id, ...marker }) => marker)),
    transitions: byJson(project.transitions.map(({ id: _id, fromClipId, toClipId, ...t }) => ({ ...t, from: key(fromClipId), to: key(toClipId) }))),
  };
}

test('a project link recreates the project as a new one: same media relinked by content, missing media asked for', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await importMedia(page);
  await expect(clips(page)).toHaveCount(1);
  // Cut out 2–4 s; a wipe across the cut that is left.
  await seekFrame(page, 60);
  await page.keyboard.press('s');
  await seekFrame(page, 120);
  await page.keyboard.press('s');
  await page.getByTestId('track').nth(0).getByTestId('clip').nth(1).click();
  await page.keyboard.press('Shift+Delete');
  await expect(clips(page)).toHaveCount(2);
  await page.getByTestId('track').nth(0).getByTestId('clip').nth(0).click();
  await page.getByTestId('transition').selectOption('wipe');
  await expect(page.getByTestId('transition')).toHaveValue('wipe');
  // Music on the audio track, a title on a new top track, a marker, and track settings.
  await page.locator('[data-testid=bin-row][data-name="tone.mp3"] [data-testid=bin-add]').click();
  await page.getByTestId('add-video-track').click();
  await seekFrame(page, 15);
  await page.getByTestId('add-title').click();
  await page.getByTestId('title-text').fill('Day one');
  await page.getByTestId('title-text').blur();
  await expect(page.getByTestId('track').nth(0)).toContainText('Day one');
  await page.keyboard.press('m');
  await page.getByRole('button', { name: 'Mute Audio 1' }).click();
  await page.getByRole('button', { name: 'Hide Video 1' }).click();
  await page.getByRole('button', { name: 'Lock Video 2' }).click();
  await page.getByTestId('project-name').fill('Holiday cut');
  await page.getByTestId('project-name').press('Enter');
  await expect(clips(page)).toHaveCount(4);
  const original = await savedProject(page);
  expect(original.transitions).toHaveLength(1);
  expect(original.markers).toHaveLength(1);

  await page.getByTestId('project-copy-link').click();
  await expect(page.getByTestId('project-link-status')).toHaveText('Project link copied.');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${PORT}/#p=1\\.[\\w-]+$`));

  // Another browser profile with the same files: the link opens as a new project beside its own, identical to the original.
  const other = await (await browser.newContext()).newPage();
  await other.goto('/');
  await importMedia(other);
  await expect(clips(other)).toHaveCount(1);
  const ownProject = await savedProject(other);
  await other.goto(link); // same page, new fragment: the hashchange opens it
  await expect(other.getByTestId('project-name')).toHaveValue('Holiday cut');
  await expect(other).toHaveURL(`http://127.0.0.1:${PORT}/`);
  await expect(clips(other)).toHaveCount(4);
  await expect(other.getByTestId('missing-media')).toHaveCount(0);
  await expect(other.getByTestId('project-select').locator('option')).toHaveCount(2);
  expect(comparable(await savedProject(other))).toEqual(comparable(original));
  // Its own project is still there, untouched.
  await other.getByTestId('project-select').selectOption({ label: ownProject.name });
  await expect(clips(other)).toHaveCount(1);
  expect(await savedProject(other)).toEqual(ownProject);
  // The fragment is gone, so a reload opens nothing new.
  await other.reload();
  await expect(other.getByTestId('save-state')).toHaveText('All changes saved');
  await expect(other.getByTestId('project-select').locator('option')).toHaveCount(2);

  // A profile without the files: the project opens with its clips offline and asks for the files, which relink by content.
  const bare = await (await browser.newContext()).newPage();
  await bare.goto(link);
  await expect(bare.getByTestId('project-name')).toHaveValue('Holiday cut');
  await expect(clips(bare)).toHaveCount(4);
  await expect(bare.getByTestId('missing-asset')).toHaveText([/^barcode-h264-aac\.mp4 0:10\.000, video with sound$/, /^tone\.mp3 0:\d\d\.\d{3}, sound$/]);
  await expect(bare.locator('[data-testid=clip][aria-label$="media missing"]')).toHaveCount(3);
  // Nothing can be exported until then, and the export panel says so (rather than offering an export that fails).
  await expect(bare.getByTestId('export-button')).toBeDisabled();
  await expect(bare.getByTestId('export-missing')).toHaveText('To export, relink the missing media ("barcode-h264-aac.mp4", "tone.mp3") with Relink… under Missing media.');
  await expect(bare.getByTestId('export-video-path')).toHaveCount(0);
  await bare.getByTestId('relink-input').setInputFiles(MEDIA);
  await expect(bare.getByTestId('missing-media')).toHaveCount(0);
  await expect(bare.getByTestId('export-missing')).toHaveCount(0);
  await expect(bare.getByTestId('export-button')).toBeEnabled();
  await expect(bare.locator('[data-testid=clip][aria-label$="media missing"]')).toHaveCount(0);
  expect(comparable(await savedProject(bare))).toEqual(comparable(original));
});

test('malformed and hostile project links each say what is wrong and change nothing', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles(MEDIA[0]!);
  await expect(clips(page)).toHaveCount(1);
  const before = await savedProject(page);
  const projectIds = () => page.getByTestId('project-select').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  const idsBefore = await projectIds();

  const links = await badProjectLinks();
  expect(links.length).toBeGreaterThanOrEqual(20);
  for (const { name, hash, message } of links) {
    await page.evaluate((h) => (location.hash = h), hash);
    await expect(page.getByTestId('error'), name).toHaveText(message);
    await expect(page, name).toHaveURL(`http://127.0.0.1:${PORT}/`);
    await page.getByRole('button', { name: 'Dismiss message' }).click();
    await expect(page.getByTestId('error')).toHaveCount(0);
  }
  expect(await projectIds()).toEqual(idsBefore);
  await expect(clips(page)).toHaveCount(1);
  expect(await savedProject(page)).toEqual(before);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('a copied link takes away an earlier failure’s message (it stayed beside "Project link copied.")', async ({ page }) => {
  const bad = join(tempDir(), 'bad.spool.json');
  writeFileSync(bad, '{"clips": 5}');
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles(fixture('barcode-h264-aac.mp4'));
  await expect(clips(page)).toHaveCount(1);
  await page.getByTestId('project-import').setInputFiles(bad);
  await expect(page.getByTestId('error')).toBeVisible();
  await page.getByTestId('project-copy-link').click();
  await expect(page.getByTestId('project-link-status')).toHaveText('Project link copied.');
  await expect(page.getByTestId('error')).toHaveCount(0);
});
