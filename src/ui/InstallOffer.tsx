import { Match, Switch } from 'solid-js';

/** The Install button (where the browser offers a prompt) or Safari's manual steps; nothing once installed. */
export function InstallOffer(props: { canPrompt: boolean; showManualHint: boolean; onInstall: () => void }) {
  return (
    <Switch>
      <Match when={props.canPrompt}>
        <button type="button" onClick={() => props.onInstall()} data-testid="install">
          Install
        </button>
      </Match>
      <Match when={props.showManualHint}>
        <span class="hint" data-testid="install-hint">
          To install: Share → Add to Home Screen
        </span>
      </Match>
    </Switch>
  );
}
