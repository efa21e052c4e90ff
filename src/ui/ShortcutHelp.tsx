import { For, Show } from 'solid-js';
import { SHORTCUTS } from './shortcuts.ts';

/** The keyboard shortcuts, from the same table the key handler uses. */
export function ShortcutHelp(props: { open: boolean; onClose: () => void }) {
  return (
    <Show when={props.open}>
      <div class="dialog-backdrop" onClick={props.onClose}>
        <section class="panel dialog" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={(e) => e.stopPropagation()}>
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
        </section>
      </div>
    </Show>
  );
}
