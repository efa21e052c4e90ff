import { createSignal } from 'solid-js';

const STORAGE_KEY = 'spool.characterShortcuts';

/** Whether shortcuts on character keys (M, S, ., [ …; see `isCharacterKey`) are on: switched in the shortcut help, kept in this browser. */
export function createCharacterShortcuts() {
  const [on, setOn] = createSignal(localStorage.getItem(STORAGE_KEY) !== 'off');
  return {
    on,
    set(value: boolean): void {
      setOn(value);
      localStorage.setItem(STORAGE_KEY, value ? 'on' : 'off');
    },
  };
}
