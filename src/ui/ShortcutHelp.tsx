import { createEffect, For } from 'solid-js';
import { SHORTCUTS } from './shortcuts.ts';

/**
 * The keyboard shortcuts, from the same table the key handler uses. A modal
 * <dialog>: focus goes in and stays in, Escape closes it, and focus returns to
 * what had it.
 */
export function ShortcutHelp(props: { open: boolean; onClose: () => void; characterShortcuts: boolean; onCharacterShortcuts: (on: boolean) => void }) {
  let dialog!: HTMLDialogElement;
  createEffect(() => {
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  });
  return (
    <dialog
      ref={dialog}
      class="panel dialog"
      aria-label="Keyboard shortcuts"
      onClose={() => props.open && props.onClose()}
      onClick={(e) => e.target === dialog && props.onClose()}
    >
      <h2 class="panel-title">Keyboard shortcuts</h2>
      {/* WCAG 2.1.4: shortcuts on a single character can be turned off (speech input types them; a slip of a finger edits). */}
      <label class="check">
        <input type="checkbox" checked={props.characterShortcuts} onChange={(e) => props.onCharacterShortcuts(e.currentTarget.checked)} data-testid="character-shortcuts" />
        Shortcuts on letter, digit and punctuation keys (off: only Space, arrows, Home/End, Delete and Ctrl/⌘ ones)
      </label>
      <table class="shortcuts" data-testid="shortcut-help">
        <tbody>
          <For each={SHORTCUTS}>
            {(shortcut) => (
              <tr>
                <td>
                  <kbd>{shortcut.keys}</kbd>
                </td>
                <td>{shortcut.label}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <button type="button" onClick={props.onClose} autofocus>
        Close
      </button>
    </dialog>
  );
}
