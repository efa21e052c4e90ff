import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import type { PictureBox } from './picture-box.ts';

const CORNERS = [
  { name: 'top left', sx: -1, sy: -1 },
  { name: 'top right', sx: 1, sy: -1 },
  { name: 'bottom left', sx: -1, sy: 1 },
  { name: 'bottom right', sx: 1, sy: 1 },
] as const;

/**
 * The selected picture's outline over the preview, with a handle at each
 * corner to scale it by dragging (the Scale field does the same from the
 * keyboard). Laid over the canvas, where the output is drawn whole (bars
 * where their shapes differ); only the handles take the pointer, so a press
 * inside the outline still moves the picture.
 */
export function PictureHandles(props: { box: PictureBox | null; aspect: number; onResize: (event: PointerEvent, centreX: number, centreY: number) => void }) {
  let layer!: HTMLDivElement;
  const [size, setSize] = createSignal({ width: 0, height: 0 });
  onMount(() => {
    const observer = new ResizeObserver(() => setSize({ width: layer.clientWidth, height: layer.clientHeight }));
    observer.observe(layer);
    onCleanup(() => observer.disconnect());
  });
  /** The output's rectangle in the layer, in CSS pixels. */
  const output = () => {
    const { width, height } = size();
    const w = Math.min(width, height * props.aspect);
    const h = w / props.aspect;
    return { left: (width - w) / 2, top: (height - h) / 2, width: w, height: h };
  };
  return (
    // Pointer affordances only: the Scale and position fields do the same from the keyboard and screen readers.
    <div class="picture-handles" ref={layer} aria-hidden="true">
      <Show when={props.box}>
        {(box) => {
          const rect = () => {
            const o = output();
            const [w, h] = [box().width * o.width, box().height * o.height];
            return { left: o.left + box().x * o.width - w / 2, top: o.top + box().y * o.height - h / 2, width: w, height: h };
          };
          return (
            <div
              class="picture-outline"
              data-testid="picture-outline"
              style={{ left: `${rect().left}px`, top: `${rect().top}px`, width: `${rect().width}px`, height: `${rect().height}px`, transform: `rotate(${box().rotation}deg)` }}
            >
              <For each={CORNERS}>
                {(corner) => (
                  <div
                    class="picture-handle"
                    data-testid="picture-handle"
                    data-corner={corner.name}
                    title="Drag to scale the picture"
                    style={{ left: corner.sx < 0 ? '0' : '100%', top: corner.sy < 0 ? '0' : '100%', cursor: corner.sx === corner.sy ? 'nwse-resize' : 'nesw-resize' }}
                    onPointerDown={(e) => {
                      if (e.button !== 0) return;
                      const bounds = layer.getBoundingClientRect();
                      const o = output();
                      props.onResize(e, bounds.left + o.left + box().x * o.width, bounds.top + o.top + box().y * o.height);
                    }}
                  />
                )}
              </For>
            </div>
          );
        }}
      </Show>
    </div>
  );
}
