import { createEffect } from 'solid-js';
import type { WaveformPeaks } from '../analysis/waveform.ts';

/** Draws waveform peaks (the level that best fits the width) into a small canvas. */
export function WaveformView(props: { peaks: WaveformPeaks }) {
  let canvas!: HTMLCanvasElement;
  createEffect(() => {
    const width = canvas.width;
    const height = canvas.height;
    const levels = props.peaks.levels;
    const level = levels.find((l) => l.max.length <= width * 2) ?? levels[levels.length - 1];
    const context = canvas.getContext('2d');
    if (!context || !level) return;
    context.clearRect(0, 0, width, height);
    context.fillStyle = '#f5b841';
    const count = level.max.length;
    for (let x = 0; x < width; x++) {
      const i = Math.min(count - 1, Math.floor((x * count) / width));
      const top = height / 2 - (level.max[i]! / 127) * (height / 2);
      const bottom = height / 2 - (level.min[i]! / 127) * (height / 2);
      context.fillRect(x, top, 1, Math.max(1, bottom - top));
    }
  });
  return <canvas ref={canvas} class="thumb waveform" width="160" height="90" data-testid="waveform" aria-label="Waveform" />;
}
