import { createEffect } from 'solid-js';
import type { WaveformPeaks } from '../analysis/waveform.ts';

/**
 * Draws the waveform of the source span [fromUs, toUs) (a clip's own part of
 * its file) into a canvas `widthPx` wide: for each pixel, the min and max of
 * the peaks under it, at the coarsest level that still has two per pixel.
 */
export function WaveformView(props: { peaks: WaveformPeaks; fromUs: number; toUs: number; widthPx: number }) {
  let canvas!: HTMLCanvasElement;
  createEffect(() => {
    const width = Math.max(16, Math.min(4096, Math.round(props.widthPx)));
    if (canvas.width !== width) canvas.width = width;
    const height = canvas.height;
    const { levels, sampleRate } = props.peaks;
    const seconds = Math.max(0, props.toUs - props.fromUs) / 1_000_000;
    const level = [...levels].reverse().find((l) => (seconds * sampleRate) / l.samplesPerPeak >= width * 2) ?? levels[0];
    const context = canvas.getContext('2d');
    if (!context || !level) return;
    context.clearRect(0, 0, width, height);
    context.fillStyle = '#f5b841';
    const binAt = (us: number) => Math.floor((us / 1_000_000) * (sampleRate / level.samplesPerPeak));
    const count = level.max.length;
    for (let x = 0; x < width; x++) {
      const first = binAt(props.fromUs + (x / width) * (props.toUs - props.fromUs));
      const end = Math.min(count, Math.max(first + 1, binAt(props.fromUs + ((x + 1) / width) * (props.toUs - props.fromUs))));
      if (first >= count) break;
      let [min, max] = [127, -127];
      for (let i = first; i < end; i++) {
        min = Math.min(min, level.min[i]!);
        max = Math.max(max, level.max[i]!);
      }
      const top = height / 2 - (max / 127) * (height / 2);
      const bottom = height / 2 - (min / 127) * (height / 2);
      context.fillRect(x, top, 1, Math.max(1, bottom - top));
    }
  });
  return <canvas ref={canvas} class="thumb waveform" width="160" height="90" data-testid="waveform" aria-label="Waveform" />;
}
