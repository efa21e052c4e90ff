import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import type { PictureBox } from './picture-box.ts';

const CORNERS = [
  { name: 'top left', sx: -1, sy: -1 },
  { name: 'top right', sx: 1, sy: -1 },
  { name: 'bottom left', sx: -1, sy: 1 },
  { name: 'bottom right', sx: 1, sy: 1 },
] as const;

/** Handles stay this far inside the preview: a corner outside it (a picture filling or overflowing it) is still grabbed there. */
const HANDLE_INSET = 6;

/**
 * The selected picture's outline over the preview, with a handle at each
 * corner to scale it by dragging (the Scale field does the same from the
 * keyboard). Laid over the canvas, where the output is drawn whole (bars
 * where their shapes differ); only the handles take the pointer, so a press
 * inside the outline still moves the picture.
 */
export function PictureHandles(props: { box: PictureBox | null; aspect: number; onResize: (event: PointerEvent, anchorX: number, anchorY: number) => void }) {
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
          const o = output;
          const centre = () => ({ x: o().left + box().x * o().width, y: o().top + box().y * o().height });
          const half = () => ({ w: (box().width * o().width) / 2, h: (box().height * o().height) / 2 });
          /** A corner of the turned outline, in layer pixels, kept within the preview. */
          const corner = (sx: number, sy: number) => {
            const angle = (box().rotation * Math.PI) / 180;
            const [dx, dy] = [sx * half().w, sy * half().h];
            const clamp = (v: number, max: number) => Math.min(max - HANDLE_INSET, Math.max(HANDLE_INSET, v));
            return { x: clamp(centre().x + dx * Math.cos(angle) - dy * Math.sin(angle), size().width), y: clamp(centre().y + dx * Math.sin(angle) + dy * Math.cos(angle), size().height) };
          };
          return (
            <>
              <div
                class="picture-outline"
                data-testid="picture-outline"
                style={{
                  left: `${centre().x - half().w}px`,
                  top: `${centre().y - half().h}px`,
                  width: `${half().w * 2}px`,
                  height: `${half().h * 2}px`,
                  transform: `rotate(${box().rotation}deg)`,
                }}
              />
              <For each={CORNERS}>
                {({ name, sx, sy }) => (
                  <div
                    class="picture-handle"
                    data-testid="picture-handle"
                    data-corner={name}
                    title="Drag to scale the picture"
                    style={{ left: `${corner(sx, sy).x}px`, top: `${corner(sx, sy).y}px`, cursor: sx === sy ? 'nwse-resize' : 'nesw-resize' }}
                    onPointerDown={(e) => {
                      if (e.button !== 0) return;
                      const bounds = layer.getBoundingClientRect();
                      props.onResize(e, bounds.left + o().left + box().anchorX * o().width, bounds.top + o().top + box().anchorY * o().height);
                    }}
                  />
                )}
              </For>
            </>
          );
        }}
      </Show>
    </div>
  );
}
