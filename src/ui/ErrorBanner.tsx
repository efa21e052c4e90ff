import { Show } from 'solid-js';

export function ErrorBanner(props: { message: string | null; onDismiss: () => void }) {
  return (
    <Show when={props.message}>
      {(message) => (
        <div class="error-banner" role="alert" data-testid="error">
          <span>{message()}</span>
          <button type="button" aria-label="Dismiss message" onClick={props.onDismiss}>
            ×
          </button>
        </div>
      )}
    </Show>
  );
}
