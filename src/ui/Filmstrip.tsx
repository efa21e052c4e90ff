import { createMemo, createSignal, For, onCleanup } from 'solid-js';

/** At most this many tiles in one clip: past that a tile's picture hardly changes. */
const MAX_TILES = 60;
/** A clip's height in CSS pixels (a 3.2rem track less its margins), which a tile fills. */
const TILE_HEIGHT_PX = 43;

/**
 * A video clip's pictures along its length: tiles the height of the clip, each
 * the thumbnail taken nearest the source time under it (analysis takes a few,
 * at keyframes), so a trimmed clip shows its own part of the file.
 */
export function Filmstrip(props: { thumbnails: Blob[]; timesUs: number[] | undefined; durationUs: number; fromUs: number; toUs: number; widthPx: number }) {
  const urls = createMemo(() => {
    const made = props.thumbnails.map((blob) => URL.createObjectURL(blob));
    onCleanup(() => made.forEach((url) => URL.revokeObjectURL(url)));
    return made;
  });
  // The pictures' shape, from the first one loaded (16:9 until then).
  const [aspect, setAspect] = createSignal(16 / 9);
  const tiles = () => {
    const count = Math.min(MAX_TILES, Math.max(1, Math.ceil(props.widthPx / (TILE_HEIGHT_PX * aspect()))));
    // Without their times (an older analysis), thumbnails are taken to be spread evenly over the file.
    const times = props.timesUs ?? props.thumbnails.map((_, i) => (i * props.durationUs) / props.thumbnails.length);
    return Array.from({ length: count }, (_, i) => {
      const atUs = props.fromUs + ((i + 0.5) / count) * (props.toUs - props.fromUs);
      let nearest = 0;
      times.forEach((t, j) => Math.abs(t - atUs) < Math.abs(times[nearest]! - atUs) && (nearest = j));
      return nearest;
    });
  };
  return (
    <div class="filmstrip" data-testid="filmstrip">
      <For each={tiles()}>
        {(index) => (
          <img
            class="thumb"
            src={urls()[index]}
            alt=""
            data-testid="thumbnail"
            data-index={index}
            onLoad={(e) => e.currentTarget.naturalHeight > 0 && setAspect(e.currentTarget.naturalWidth / e.currentTarget.naturalHeight)}
          />
        )}
      </For>
    </div>
  );
}
