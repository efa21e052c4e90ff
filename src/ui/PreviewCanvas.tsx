import { onCleanup, onMount } from 'solid-js';

/**
 * The preview surface; its pixels are drawn by the engine worker after the
 * canvas is handed over. It reports the most it can show in device pixels (its
 * width, and at most 60% of the window's height, as the stylesheet allows) so
 * the engine composites no more pixels than are seen.
 */
export function PreviewCanvas(props: { onCanvas: (canvas: HTMLCanvasElement) => void; onBox: (width: number, height: number) => void; onDrag: (event: PointerEvent, shown: DOMRect) => void }) {
  let canvas!: HTMLCanvasElement;
  onMount(() => {
    props.onCanvas(canvas);
    const report = () => props.onBox(Math.round(canvas.clientWidth * devicePixelRatio), Math.round(window.innerHeight * 0.6 * devicePixelRatio));
    const observer = new ResizeObserver(report);
    observer.observe(canvas);
    window.addEventListener('resize', report);
    onCleanup(() => {
      observer.disconnect();
      window.removeEventListener('resize', report);
    });
  });
  // Dragging on it moves the selected clip's picture.
  return (
    <canvas
      ref={canvas}
      class="preview-canvas"
      width="1280"
      height="720"
      role="img"
      aria-label="Preview of the frame at the playhead; drag to move the selected clip's picture"
      data-testid="preview"
      onPointerDown={(e) => e.button === 0 && props.onDrag(e, canvas.getBoundingClientRect())}
    />
  );
}
