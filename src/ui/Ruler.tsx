import { For } from 'solid-js';
import { keepFocusWhenRemoved } from './keep-focus-when-removed.ts';
import type { Marker } from '../model/project.ts';
import { formatTimecode } from '../model/time.ts';

/** Timecode ticks at a spacing that suits the zoom, markers, and click-to-seek. */
export function Ruler(props: {
  widthUs: number;
  pxPerSecond: number;
  markers: Marker[];
  onSeek: (x: number) => void;
  onMarkerSeek: (marker: Marker) => void;
  onMarkerRemove: (marker: Marker) => void;
  /** Where focus goes when the last marker goes while it has focus. */
  fallbackFocus: () => HTMLElement | undefined;
}) {
  let ruler!: HTMLDivElement;
  // Ticks at least 70 px apart, and never more than 2,000 of them (a very long timeline zoomed in scrolls, it does not freeze).
  const stepSeconds = () => {
    const seconds = props.widthUs / 1_000_000;
    return [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 600, 1800, 3600].find((s) => s * props.pxPerSecond >= 70 && seconds / s <= 2000) ?? Math.ceil(seconds / 2000);
  };
  const ticks = () => Array.from({ length: Math.ceil(props.widthUs / 1_000_000 / stepSeconds()) + 1 }, (_, i) => i * stepSeconds());
  return (
    <div class="ruler" ref={ruler} data-testid="ruler" onPointerDown={(e) => props.onSeek(e.clientX - e.currentTarget.getBoundingClientRect().left)}>
      <For each={ticks()}>
        {(seconds) => (
          // Not read out: a run of timecodes says nothing there (the Playhead slider says where it is).
          <span class="tick" aria-hidden="true" style={{ left: `${seconds * props.pxPerSecond}px` }}>
            {formatTimecode(seconds * 1_000_000)}
          </span>
        )}
      </For>
      <For each={props.markers}>
        {(marker, index) => {
          let button!: HTMLButtonElement;
          // Removed from the keyboard, focus goes to the marker now at its place, else the one before.
          keepFocusWhenRemoved(
            () => button,
            () => {
              const markers = ruler.querySelectorAll<HTMLElement>('.marker');
              return markers[index()] ?? markers[index() - 1] ?? props.fallbackFocus();
            },
          );
          // A marker takes the playhead to itself; Delete (or Backspace) on it removes it.
          return (
            <button
              ref={button}
              type="button"
              class="marker"
              style={{ left: `${(marker.timeUs / 1_000_000) * props.pxPerSecond}px` }}
              aria-label={`Marker at ${formatTimecode(marker.timeUs)}${marker.label ? `: ${marker.label}` : ''}`}
              title={`${marker.label ? `${marker.label} — ` : ''}click to go there, Delete to remove`}
              data-testid="marker"
              // Not the ruler's seek to the pointer… (and focused, as Safari on macOS does not focus a clicked button: Delete then reaches the marker)
              onPointerDown={(e) => {
                e.stopPropagation();
                e.currentTarget.focus();
              }}
              // …but to the marker, on a click, Enter or Space alike.
              onClick={() => props.onMarkerSeek(marker)}
              onKeyDown={(e) => {
                if (e.key !== 'Delete' && e.key !== 'Backspace') return;
                e.preventDefault();
                e.stopPropagation();
                props.onMarkerRemove(marker);
              }}
            />
          );
        }}
      </For>
    </div>
  );
}
