import { Match, Switch } from 'solid-js';
import type { OutputSettings } from '../model/project.ts';
import type { ExportState } from './create-export.ts';

/** Export button, progress (percent and fps) with Cancel, then the download and what was used. */
export function ExportPanel(props: { state: ExportState; canExport: boolean; output: OutputSettings; onExport: () => void; onCancel: () => void }) {
  const running = () => (props.state.status === 'running' ? props.state : null);
  const done = () => (props.state.status === 'done' ? props.state : null);
  const failed = () => (props.state.status === 'failed' ? props.state : null);
  return (
    <section class="panel" aria-label="Export">
      <h2 class="panel-title">Export</h2>
      <p class="hint">
        MP4 · H.264 · {props.output.width}×{props.output.height} · {Math.round(props.output.fps * 100) / 100} fps
      </p>
      <Switch>
        <Match when={running()}>
          {(state) => (
            <div class="export-progress">
              <progress max="100" value={state().progress?.percent ?? 0} data-testid="export-progress" />
              <span data-testid="export-percent">
                {Math.floor(state().progress?.percent ?? 0)}% · {(state().progress?.fps ?? 0).toFixed(1)} fps
              </span>
              <button type="button" onClick={props.onCancel} data-testid="export-cancel">
                Cancel
              </button>
            </div>
          )}
        </Match>
        <Match when={!running()}>
          <button type="button" class="primary" disabled={!props.canExport} onClick={props.onExport} data-testid="export-button">
            Export MP4
          </button>
        </Match>
      </Switch>
      <Switch>
        <Match when={done()}>
          {(state) => (
            <div class="export-done" data-testid="export-done">
              <a class="button primary" href={state().url} download={state().fileName} data-testid="download">
                Download {state().fileName}
              </a>
              <p class="hint">
                {state().stats.frames} frames in {(state().stats.wallMs / 1000).toFixed(1)} s ({state().stats.fps} fps) ·{' '}
                {(state().stats.outputBytes / 1e6).toFixed(1)} MB · video {state().stats.videoCodec} · audio{' '}
                {state().stats.audioCodec === null ? 'none' : state().stats.audioCodec === 'opus' ? 'Opus (this browser has no AAC encoder)' : 'AAC'}
              </p>
            </div>
          )}
        </Match>
        <Match when={failed()}>
          {(state) => (
            <p class="error-text" role="alert" data-testid="export-error">
              {state().message}
            </p>
          )}
        </Match>
      </Switch>
    </section>
  );
}
