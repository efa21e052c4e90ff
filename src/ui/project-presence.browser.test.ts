import { describe, expect, it } from 'vitest';
import { createRoot } from 'solid-js';
import { createProjectPresence } from './project-presence.ts';

const until = async (check: () => boolean) => {
  for (let tries = 0; tries < 200 && !check(); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

describe('project presence (two tabs, as two presences in one page)', () => {
  it('a tab handing its project over stops editing before it writes what is pending (an edit meanwhile was written over the new holder)', async () => {
    await createRoot(async (dispose) => {
      let written: () => void = () => undefined;
      const holder = createProjectPresence({ onGained: async () => undefined, onSavedElsewhere: () => undefined, onAnySavedElsewhere: () => undefined, beforeHandOver: () => new Promise((resolve) => (written = () => resolve(true))) });
      const other = createProjectPresence({ onGained: async () => undefined, onSavedElsewhere: () => undefined, onAnySavedElsewhere: () => undefined, beforeHandOver: async () => true });
      await holder.open('project:handover');
      await other.open('project:handover');
      expect([holder.editing(), other.editing()]).toEqual([true, false]);
      other.takeOver();
      // Asked, it is writing what it has: no edit may start now.
      await until(() => !holder.editing());
      expect(other.editing()).toBe(false);
      written();
      await until(() => other.editing());
      holder.close();
      other.close();
      dispose();
    });
  });
});
