import { onMount } from 'solid-js';

/** The preview surface; its pixels are drawn by the engine worker after the canvas is handed over. */
export function PreviewCanvas(props: { onCanvas: (canvas: HTMLCanvasElement) => void }) {
  let canvas!: HTMLCanvasElement;
  onMount(() => props.onCanvas(canvas));
  return <canvas ref={canvas} class="preview-canvas" width="1280" height="720" aria-label="Preview of the frame at the playhead" data-testid="preview" />;
}
