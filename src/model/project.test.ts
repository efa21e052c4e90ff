import { describe, expect, it } from 'vitest';
import { copyName, MAX_PROJECT_NAME, newProjectName } from './project.ts';

describe('newProjectName', () => {
  it('is one past the count, or further while that name is taken (a deleted project leaves the count behind)', () => {
    expect(newProjectName([])).toBe('Project 1');
    expect(newProjectName(['Project 1', 'Holiday'])).toBe('Project 3');
    // Projects 1, 2, 3 made, 2 deleted: the count says 3, which is taken.
    expect(newProjectName(['Project 1', 'Project 3'])).toBe('Project 4');
  });
});

describe('copyName', () => {
  it('is "<name> copy", numbered past the names taken so the project list tells duplicates apart', () => {
    expect(copyName('Holiday', ['Holiday'])).toBe('Holiday copy');
    expect(copyName('Holiday', ['Holiday', 'Holiday copy'])).toBe('Holiday copy 2');
    expect(copyName('Holiday', ['Holiday', 'Holiday copy', 'Holiday copy 2'])).toBe('Holiday copy 3');
  });
  it('stays within the longest name a .spool.json carries (a longer one is saved as a file no Spool opens)', () => {
    const long = 'x'.repeat(MAX_PROJECT_NAME);
    expect(copyName(long, [long])).toBe(`${'x'.repeat(MAX_PROJECT_NAME - 5)} copy`);
    expect(copyName(long, [long, copyName(long, [long])])).toHaveLength(MAX_PROJECT_NAME);
  });
});
