import { Show } from 'solid-js';
import { keepFocusWhenRemoved } from './keep-focus-when-removed.ts';

/**
 * The error message and its dismiss button. Dismissed from the keyboard, focus
 * goes back to where it came into the banner from (else to `fallbackFocus`).
 */
export function ErrorBanner(props: { message: string | null; onDismiss: () => void; fallbackFocus: () => HTMLElement | undefined }) {
  return (
    <Show when={props.message}>
      {(message) => {
        let banner!: HTMLDivElement;
        let cameFrom: HTMLElement | null = null;
        keepFocusWhenRemoved(
          () => banner,
          () => (cameFrom?.isConnected ? cameFrom : props.fallbackFocus()),
        );
        return (
          <div
            ref={banner}
            class="error-banner"
            role="alert"
            onFocusIn={(e) => {
              if (e.relatedTarget instanceof HTMLElement && !banner.contains(e.relatedTarget)) cameFrom = e.relatedTarget;
            }}
          >
            <span data-testid="error">{message()}</span>
            <button type="button" aria-label="Dismiss message" onClick={props.onDismiss}>
              ×
            </button>
          </div>
        );
      }}
    </Show>
  );
}
