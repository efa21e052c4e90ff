import { describe, expect, it } from 'vitest';
import { newProjectName } from './project.ts';

describe('newProjectName', () => {
  it('is one past the count, or further while that name is taken (a deleted project leaves the count behind)', () => {
    expect(newProjectName([])).toBe('Project 1');
    expect(newProjectName(['Project 1', 'Holiday'])).toBe('Project 3');
    // Projects 1, 2, 3 made, 2 deleted: the count says 3, which is taken.
    expect(newProjectName(['Project 1', 'Project 3'])).toBe('Project 4');
  });
});
