import { Show } from 'solid-js';

export function ErrorBanner(props: { message: string | null; onDismiss: () => void }) {
  return (
    <Show when={props.message}>
      {(message) => (
        <div class="error-banner" role="alert">
          <span data-testid="error">{message()}</span>
          <button type="button" aria-label="Dismiss message" onClick={props.onDismiss}>
            ×
          </button>
        </div>
      )}
    </Show>
  );
}
