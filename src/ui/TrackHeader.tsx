import { For, Show } from 'solid-js';
import type { Track } from '../model/project.ts';

const FLAGS: { flag: 'muted' | 'solo' | 'locked' | 'hidden'; label: string; short: string }[] = [
  { flag: 'muted', label: 'Mute', short: 'M' },
  { flag: 'solo', label: 'Solo', short: 'S' },
  { flag: 'locked', label: 'Lock', short: 'L' },
  { flag: 'hidden', label: 'Hide', short: 'H' },
];

/** A track's name, its mute/solo/lock/hide toggles, and removal. */
export function TrackHeader(props: { ref?: (element: HTMLDivElement) => void; track: Track; onFlag: (flag: 'muted' | 'solo' | 'locked' | 'hidden') => void; onRemove: () => void }) {
  return (
    <div class="track-header" ref={props.ref} data-kind={props.track.kind}>
      <span class="track-name">{props.track.name}</span>
      {/* For, not map: the buttons stay as the track changes (a new button would lose the focus of the one pressed). */}
      <For each={FLAGS}>
        {({ flag, label, short }) => (
          <Show when={flag !== 'hidden' || props.track.kind === 'video'}>
            <button type="button" class="flag" aria-label={`${label} ${props.track.name}`} aria-pressed={props.track[flag]} onClick={() => props.onFlag(flag)}>
              {short}
            </button>
          </Show>
        )}
      </For>
      <button type="button" class="flag" aria-label={`Remove ${props.track.name}`} title="Remove this track and its clips (Undo brings them back)" disabled={props.track.locked} onClick={() => props.onRemove()}>
        ×
      </button>
    </div>
  );
}
