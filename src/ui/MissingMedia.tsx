import { For } from 'solid-js';
import type { Asset } from '../model/project.ts';
import { formatTimecode } from '../model/time.ts';

const kindText = (asset: Asset) => (asset.hasVideo ? (asset.hasAudio ? 'video with sound' : 'video') : 'sound');

/** Media the project uses that is not in this browser; importing the same files (matched by content) relinks their clips. */
export function MissingMedia(props: { assets: Asset[]; onFiles: (files: File[]) => void }) {
  let input!: HTMLInputElement;
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
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="relink-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length > 0) props.onFiles(files);
        }}
      />
      <button type="button" class="primary" onClick={() => input.click()}>
        Relink…
      </button>
    </section>
  );
}
