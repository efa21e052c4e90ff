import { For } from 'solid-js';
import type { Asset } from '../model/project.ts';
import { formatTimecode } from '../model/time.ts';
import { FilePickerButton } from './FilePickerButton.tsx';

const kindText = (asset: Asset) => (asset.hasVideo ? (asset.hasAudio ? 'video with sound' : 'video') : 'sound');

/** Media the project uses that is not in this browser; importing the same files (matched by content) relinks their clips. */
export function MissingMedia(props: { assets: Asset[]; onFiles: (files: File[]) => void }) {
  return (
    <section class="panel missing-media" aria-label="Missing media" data-testid="missing-media">
      <h2 class="panel-title">Missing media</h2>
      <p class="hint">This project uses files that are not in this browser. Import the same files to relink their clips.</p>
      <ul>
        <For each={props.assets}>
          {(asset) => (
            <li data-testid="missing-asset">
              <span class="missing-name">{asset.name}</span> <span class="hint">{formatTimecode(asset.durationUs)}, {kindText(asset)}</span>
            </li>
          )}
        </For>
      </ul>
      <FilePickerButton label="Relink…" testid="relink-input" primary onFiles={props.onFiles} />
    </section>
  );
}
