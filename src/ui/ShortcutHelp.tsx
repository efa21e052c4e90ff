import { createEffect, For } from 'solid-js';
import { SHORTCUTS } from './shortcuts.ts';

/**
 * The keyboard shortcuts, from the same table the key handler uses. A modal
 * <dialog>: focus goes in and stays in, Escape closes it, and focus returns to
 * what had it.
 */
export function ShortcutHelp(props: { open: boolean; onClose: () => void }) {
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
