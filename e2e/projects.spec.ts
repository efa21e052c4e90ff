import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixture, inspectInBrowser, tempDir } from './helpers.ts';
import { PREVIEW_URL } from './playwright.config.ts';

const SPOOL = fileURLToPath(new URL('../src/cli/spool.js', import.meta.url));

test('projects: rename, new, switch, duplicate; .spool.json out and back in (relinked by content) and rendered by the CLI', async ({ page, browser }) => {
  await page.goto(PREVIEW_URL);
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4')]);
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await page.getByTestId('playhead').fill(String(3_000_000));
  await page.keyboard.press('s');
  await expect(page.getByTestId('clip')).toHaveCount(2);
  await page.getByTestId('project-name').fill('Holiday cut');
  await page.getByTestId('project-name').press('Enter');
  await page.getByTestId('project-name').blur();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');

  // A new project is empty; switching back brings the edit.
  await page.getByTestId('project-new').click();
  await expect(page.getByTestId('clip')).toHaveCount(0);
  await expect(page.getByTestId('project-select').locator('option')).toHaveCount(2);
  const holiday = await page.getByTestId('project-select').locator('option', { hasText: 'Holiday cut' }).getAttribute('value');
  await page.getByTestId('project-select').selectOption(holiday!);
  await expect(page.getByTestId('clip')).toHaveCount(2);
  await expect(page.getByTestId('project-name')).toHaveValue('Holiday cut');
  await page.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByTestId('project-name')).toHaveValue('Holiday cut copy');
  await expect(page.getByTestId('clip')).toHaveCount(2);
  await expect(page.getByTestId('project-select').locator('option')).toHaveCount(3);
  await page.getByTestId('project-select').selectOption(holiday!);
  await expect(page.getByTestId('project-name')).toHaveValue('Holiday cut');

  // Save the project as a file, put the media beside it under another name: the CLI renders it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('project-export').click()]);
  const dir = tempDir();
  const projectFile = join(dir, download.suggestedFilename());
  await download.saveAs(projectFile);
  expect(download.suggestedFilename()).toBe('Holiday cut.spool.json');
  copyFileSync(fixture('barcode-h264-aac.mp4'), join(dir, 'barcode-h264-aac.mp4'));
  const out = join(dir, 'holiday.mp4');
  const run = spawnSync(process.execPath, [SPOOL, 'render', projectFile, '-o', out], { encoding: 'utf8', timeout: 170_000 });
  expect(run.status, run.stderr).toBe(0);
  const inspected = await inspectInBrowser(await browser.newPage(), out);
  expect(inspected.frameIndices).toEqual(Array.from({ length: 300 }, (_, i) => i));

  // Opening the file in the app makes a new project with the same clips, its media relinked from the library.
  await page.getByTestId('project-new').click();
  await expect(page.getByTestId('clip')).toHaveCount(0);
  await page.getByTestId('project-import').setInputFiles(projectFile);
  await expect(page.getByTestId('clip')).toHaveCount(2);
  await expect(page.getByTestId('project-name')).toHaveValue('Holiday cut');

  // A broken or hostile file changes nothing and says why.
  const bad = join(dir, 'bad.spool.json');
  const json = JSON.parse(readFileSync(projectFile, 'utf8'));
  json.clips[0].track = 'track:nope';
  (await import('node:fs')).writeFileSync(bad, JSON.stringify(json));
  await page.getByTestId('project-import').setInputFiles(bad);
  await expect(page.getByTestId('error')).toHaveText(/^"bad\.spool\.json" is not a valid Spool project: clips\[0\]\.track must name an entry of "tracks"\.$/);
  await expect(page.getByTestId('clip')).toHaveCount(2);
  // A good file after it opens and takes the bad one's message away.
  await page.getByTestId('project-import').setInputFiles(projectFile);
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(page.getByTestId('project-name')).toHaveValue('Holiday cut');
  // A blank name is refused and the box shows the kept one; the list shows the open project, and New picks a free name.
  await page.getByTestId('project-name').fill('   ');
  await page.getByTestId('project-name').press('Enter');
  await expect(page.getByTestId('project-name')).toHaveValue('Holiday cut');
  const open = await page.getByTestId('project-select').inputValue();
  expect(await page.getByTestId('project-select').locator(`option[value="${open}"]`).textContent()).toBe('Holiday cut');
});

test('a project whose saved records are incomplete (deleted in another tab while edited) says so when opened; the open one stays', async ({ page }) => {
  await page.goto(PREVIEW_URL);
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4')]);
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await page.getByTestId('project-name').fill('Broken');
  await page.getByTestId('project-name').press('Enter');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  const broken = await page.getByTestId('project-select').inputValue();
  await page.getByTestId('project-new').click();
  await expect(page.getByTestId('clip')).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  // The list names the new project once it has been re-read: read before, it still showed the old one.
  await expect(page.getByTestId('project-select')).not.toHaveValue(broken);
  const fresh = await page.getByTestId('project-select').inputValue();
  // What another tab's edit leaves of a deleted project: records without the project's settings.
  await page.evaluate(
    (id) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('spool');
        open.onsuccess = () => {
          const tx = open.result.transaction('records', 'readwrite');
          tx.objectStore('records').delete([id, 'document']);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    broken,
  );
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.getByTestId('project-select').selectOption(broken);
  await expect(page.getByTestId('error')).toHaveText(/^"Broken" could not be opened: what is saved of it is incomplete or damaged/);
  await expect(page.getByTestId('project-select')).toHaveValue(fresh);
  await expect(page.getByTestId('clip')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('an edit made just before a reload is kept (it was written only after a quarter-second pause)', async ({ page }) => {
  await page.goto(PREVIEW_URL);
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4')]);
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await page.waitForTimeout(400);
  await page.getByTestId('project-name').fill('Kept');
  await page.getByTestId('project-name').press('Enter');
  await page.waitForTimeout(50);
  await page.reload();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await expect(page.getByTestId('project-name')).toHaveValue('Kept');
});

test('a drag put back with Escape just before a reload stays put back (the last changes, still gathered for writing, were lost)', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4')]);
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  const left = () => page.getByTestId('clip').evaluate((clip) => (clip as HTMLElement).style.left);
  const before = await left();
  const box = (await page.getByTestId('clip').boundingBox())!;
  await page.mouse.move(box.x + 100, box.y + box.height / 2);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) await page.mouse.move(box.x + 100 + step * 20, box.y + box.height / 2);
  expect(await left()).not.toBe(before);
  await page.keyboard.press('Escape');
  await page.mouse.up();
  expect(await left()).toBe(before);
  await page.reload();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await expect(page.getByTestId('clip')).toHaveCount(1);
  expect(await left()).toBe(before);
});

test('clips copied in one project paste into another, with their settings', async ({ page }) => {
  await page.goto(PREVIEW_URL);
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4')]);
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await page.getByTestId('clip').click();
  const volume = page.getByTestId('volume');
  await volume.fill('0.5');
  await volume.dispatchEvent('change');
  await expect(volume).toHaveValue('0.50');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.getByTestId('clip').click();
  await page.keyboard.press('Control+c');
  await page.getByTestId('project-new').click();
  await expect(page.getByTestId('clip')).toHaveCount(0);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await page.getByTestId('clip').click();
  await expect(page.getByTestId('volume')).toHaveValue('0.50');
  await expect(page.getByTestId('clip')).not.toHaveClass(/offline/);
});

test('a project open in two tabs is edited in one: the other follows its saves and refuses edits until Edit here hands it over', async ({ page, context }) => {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4')]);
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  const second = await context.newPage();
  await second.goto('/');
  await expect(second.getByTestId('clip')).toHaveCount(1);
  await expect(second.getByTestId('open-elsewhere')).toBeVisible();
  await expect(page.getByTestId('open-elsewhere')).toHaveCount(0);

  // A clip deleted in the first tab goes in the second too: kept there, an edit of it brought it back on the next save.
  await page.getByTestId('clip').click();
  await page.keyboard.press('Delete');
  await expect(second.getByTestId('clip')).toHaveCount(0);
  await second.locator('body').click({ position: { x: 5, y: 5 } });
  await second.keyboard.press('m');
  await expect(second.getByTestId('error')).toHaveText(/^This project is being edited in another tab/);
  await expect(second.getByTestId('marker')).toHaveCount(0);

  // Edit here: the second tab edits, the first follows.
  await second.getByRole('button', { name: 'Edit here' }).click();
  await expect(second.getByTestId('open-elsewhere')).toHaveCount(0);
  await expect(page.getByTestId('open-elsewhere')).toBeVisible();
  await second.getByTestId('project-name').fill('Taken over');
  await second.getByTestId('project-name').press('Enter');
  await expect(page.getByTestId('project-name')).toHaveValue('Taken over');
  // Each tab's project list follows the others' saves too.
  await expect(page.getByTestId('project-select').locator('option', { hasText: 'Taken over' })).toHaveCount(1);
  await second.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByTestId('project-select').locator('option', { hasText: 'Taken over copy' })).toHaveCount(1);

  // Closing the second tab lets the first edit again, from what was saved.
  await second.close();
  await expect(page.getByTestId('open-elsewhere')).toHaveCount(0);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('m');
  await expect(page.getByTestId('marker')).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await page.reload();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await expect(page.getByTestId('project-name')).toHaveValue('Taken over');
  await expect(page.getByTestId('clip')).toHaveCount(0);
  await expect(page.getByTestId('marker')).toHaveCount(1);
});

test('a tab opening a project takes it over from a hidden tab editing it (reloading the tab worked in left it only showing)', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  const behind = await context.newPage();
  await behind.goto('/');
  await expect(behind.getByTestId('open-elsewhere')).toBeVisible();
  // Playwright keeps every page visible: this one is made to say it is behind another tab.
  await behind.evaluate(() => Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' }));
  await page.getByTestId('project-name').fill('Worked on in front');
  await page.getByTestId('project-name').press('Enter');
  await page.reload();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await expect(behind.getByTestId('open-elsewhere')).toBeVisible();
  await expect(page.getByTestId('open-elsewhere')).toHaveCount(0);
  await expect(page.getByTestId('project-name')).toHaveValue('Worked on in front');
  // A tab in view is not taken from: a second one opened only shows.
  const beside = await context.newPage();
  await beside.goto('/');
  await expect(beside.getByTestId('open-elsewhere')).toBeVisible();
  await page.waitForTimeout(300);
  await expect(page.getByTestId('open-elsewhere')).toHaveCount(0);
});

test('a tab opening a project while the tab editing it saves shows that save (read before it knew, it stayed behind)', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  const second = await context.newPage();
  // Its lock requests answered late: a save lands between its read and its claim, were the read first.
  await second.addInitScript(() => {
    const request = navigator.locks.request.bind(navigator.locks) as (...args: unknown[]) => Promise<unknown>;
    Object.assign(navigator.locks, { request: (...args: unknown[]) => new Promise((resolve) => setTimeout(resolve, 1000)).then(() => request(...args)) });
  });
  await second.goto('/');
  await page.getByTestId('project-name').fill('Saved meanwhile');
  await page.getByTestId('project-name').press('Enter');
  await expect(second.getByTestId('open-elsewhere')).toBeVisible();
  await expect(second.getByTestId('project-name')).toHaveValue('Saved meanwhile');
});

test('an edit made while the project is still opening says it was not made (it was dropped without a word)', async ({ page }) => {
  // Opening held up (its lock answered late), as by a large library.
  await page.addInitScript(() => {
    const request = navigator.locks.request.bind(navigator.locks) as (...args: unknown[]) => Promise<unknown>;
    Object.assign(navigator.locks, { request: (...args: unknown[]) => new Promise((resolve) => setTimeout(resolve, 1500)).then(() => request(...args)) });
  });
  await page.goto('/');
  await expect(page.getByTestId('save-state')).toHaveText('Opening…');
  await page.getByTestId('project-name').fill('Too early');
  await page.getByTestId('project-name').press('Enter');
  await expect(page.getByTestId('error')).toHaveText('The project is still opening: make that change again in a moment.');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
});

test('a tab whose changes cannot be saved (storage full) keeps editing its project when another asks for it, until they are written', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  const second = await context.newPage();
  await second.goto('/');
  await expect(second.getByTestId('open-elsewhere')).toBeVisible();
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    Object.assign(window, { storageFreed: () => (IDBObjectStore.prototype.put = put) });
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('Quota exceeded.', 'QuotaExceededError');
    };
  });
  await page.getByTestId('project-name').fill('Not yet stored');
  await page.getByTestId('project-name').press('Enter');
  await expect(page.getByTestId('save-state')).toHaveText('Not saved');
  await second.getByRole('button', { name: 'Edit here' }).click();
  await second.waitForTimeout(500);
  await expect(page.getByTestId('open-elsewhere')).toHaveCount(0);
  await expect(second.getByTestId('open-elsewhere')).toBeVisible();
  // Unanswered, Edit here says so after a while rather than doing nothing.
  await expect(second.getByTestId('error')).toContainText('The tab editing this project has not handed it over', { timeout: 10_000 });
  await expect(page.getByTestId('project-name')).toHaveValue('Not yet stored');
  // Room again: asked once more, it writes them and hands the project over.
  await page.evaluate(() => (window as unknown as { storageFreed: () => void }).storageFreed());
  await second.getByRole('button', { name: 'Edit here' }).click();
  await expect(second.getByTestId('open-elsewhere')).toHaveCount(0);
  await expect(second.getByTestId('project-name')).toHaveValue('Not yet stored');
  await expect(page.getByTestId('open-elsewhere')).toBeVisible();
});

test('a project deleted in the tab editing it goes from a tab showing it too, which opens another (its view never saved back)', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await page.getByTestId('project-name').fill('Doomed');
  await page.getByTestId('project-name').press('Enter');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  const second = await context.newPage();
  await second.goto('/');
  await expect(second.getByTestId('open-elsewhere')).toBeVisible();
  await expect(second.getByTestId('project-name')).toHaveValue('Doomed');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('project-name')).not.toHaveValue('Doomed');
  await expect(second.getByTestId('error')).toHaveText('"Doomed" was deleted in another tab.');
  await expect(second.getByTestId('project-name')).not.toHaveValue('Doomed');
  await expect(second.getByTestId('save-state')).toHaveText('All changes saved');
  await expect(second.getByTestId('project-select').locator('option', { hasText: 'Doomed' })).toHaveCount(0);
});

test('changes that cannot be saved (storage full) say so, are kept, and keep their project open until they are written', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  // Storage full: every IndexedDB write refused, as Chromium refuses one over quota.
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    Object.assign(window, { storageFreed: () => (IDBObjectStore.prototype.put = put) });
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('Quota exceeded.', 'QuotaExceededError');
    };
  });
  await page.getByTestId('project-name').fill('Unsaved cut');
  await page.getByTestId('project-name').press('Enter');
  await expect(page.getByTestId('error')).toHaveText(/^Your latest changes are not saved: this browser's storage is full\. Delete exports or media/);
  await expect(page.getByTestId('save-state')).toHaveText('Not saved');
  await page.getByTestId('project-new').click();
  await expect(page.getByTestId('error')).toHaveText(/^"Unsaved cut" stays open: its latest changes are not saved yet\./);
  await expect(page.getByTestId('project-name')).toHaveValue('Unsaved cut');
  // Closing the tab asks first (the browser's own question).
  const asked = new Promise<string>((resolve) => {
    page.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.type())));
    page.once('close', () => resolve('closed without asking'));
  });
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  expect(page.isClosed()).toBe(false);

  await page.evaluate(() => (window as unknown as { storageFreed: () => void }).storageFreed());
  await page.getByTestId('project-new').click();
  await expect(page.getByTestId('project-name')).not.toHaveValue('Unsaved cut');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await page.getByTestId('project-select').selectOption({ label: 'Unsaved cut' });
  await expect(page.getByTestId('project-name')).toHaveValue('Unsaved cut');
});

test('a reload keeps the project the tab showed, though another tab opened another since', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await page.getByTestId('project-name').fill('This tab’s');
  await page.getByTestId('project-name').press('Enter');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  const second = await context.newPage();
  await second.goto('/');
  await expect(second.getByTestId('save-state')).toHaveText('All changes saved'); // opened: New while opening is refused
  await second.getByTestId('project-new').click();
  await expect(second.getByTestId('project-name')).not.toHaveValue('This tab’s');
  await expect(second.getByTestId('save-state')).toHaveText('All changes saved');
  await page.reload();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await expect(page.getByTestId('project-name')).toHaveValue('This tab’s');
  await expect(page.getByTestId('open-elsewhere')).toHaveCount(0);
});

test('keyboard alone: arrow keys browse the project list without opening each project; Enter opens the one shown, leaving keeps the open one', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4')]);
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await page.getByTestId('project-name').fill('With a clip');
  await page.getByTestId('project-name').press('Enter');
  await page.getByTestId('project-new').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('clip')).toHaveCount(0);
  const select = page.getByTestId('project-select');
  await expect(select.locator('option')).toHaveCount(2);
  const empty = await select.inputValue();
  const emptyName = await page.getByTestId('project-name').inputValue();
  const values = await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  const other = values.find((v) => v !== empty)!;
  const towardsOther = values.indexOf(other) > values.indexOf(empty) ? 'ArrowDown' : 'ArrowUp';

  // Browsing shows the other project in the list, and opens nothing.
  await select.focus();
  await page.keyboard.press(towardsOther);
  await expect(select).toHaveValue(other);
  await page.waitForTimeout(500); // an opened project would have its clip by now
  await expect(page.getByTestId('project-name')).toHaveValue(emptyName);
  await expect(page.getByTestId('clip')).toHaveCount(0);
  // Leaving the list (Tab) shows the open project again.
  await page.keyboard.press('Tab');
  await expect(select).toHaveValue(empty);
  await expect(page.getByTestId('project-name')).toHaveValue(emptyName);
  // Enter opens the one shown.
  await select.focus();
  await page.keyboard.press(towardsOther);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('project-name')).toHaveValue('With a clip');
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await expect(select).toHaveValue(other);
});

test('a tab reloaded after its project was deleted elsewhere opens the latest saved project, not an empty one under the deleted one\'s id', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('import-input').setInputFiles([fixture('barcode-h264-aac.mp4')]);
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await page.getByTestId('project-name').fill('Kept');
  await page.getByTestId('project-name').press('Enter');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  // As if its project had gone meanwhile: this tab's project id names none saved.
  await page.evaluate(() => sessionStorage.setItem('spool.currentProject', 'project:deleted-elsewhere'));
  await page.reload();
  await expect(page.getByTestId('project-name')).toHaveValue('Kept');
  await expect(page.getByTestId('clip')).toHaveCount(1);
  await expect(page.getByTestId('project-select').locator('option')).toHaveCount(1);
});
