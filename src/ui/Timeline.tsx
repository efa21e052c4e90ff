import { For } from 'solid-js';
import type { ClipId } from '../model/ids.ts';
import { clipDurationUs, timelineDurationUs, type Project } from '../model/project.ts';
import { formatTimecode } from '../model/time.ts';

/** One track: clips as blocks sized by duration, a playhead line; click to select and seek. */
export function Timeline(props: { project: Project; selected: ClipId | null; playheadUs: number; onSelect: (id: ClipId) => void; onSeek: (us: number) => void }) {
  const total = () => Math.max(1, timelineDurationUs(props.project));
  const percent = (us: number) => `${(100 * us) / total()}%`;
  const name = (assetId: string) => props.project.assets.find((a) => a.id === assetId)?.name ?? '';
  return (
    <section class="timeline" aria-label="Timeline">
      <div
        class="track"
        data-testid="track"
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          props.onSeek(((e.clientX - box.left) / box.width) * total());
        }}
      >
        <For each={props.project.clips} fallback={<div class="track-empty">Drop a video here to start</div>}>
          {(clip) => (
            <button
              type="button"
              class="clip"
              classList={{ selected: clip.id === props.selected }}
              style={{ left: percent(clip.startUs), width: percent(clipDurationUs(clip)) }}
              data-testid="clip"
              aria-pressed={clip.id === props.selected}
              onClick={() => props.onSelect(clip.id)}
            >
              <span class="clip-name">{name(clip.assetId)}</span>
              <span class="clip-duration" data-testid="clip-duration">
                {formatTimecode(clipDurationUs(clip))}
              </span>
            </button>
          )}
        </For>
        <div class="playhead" style={{ left: percent(props.playheadUs) }} aria-hidden="true" />
      </div>
    </section>
  );
}
