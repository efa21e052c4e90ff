import type { CompositeLayer } from '../media/compositor/frame-compositor.ts';
import { isPlainFullFrame } from '../media/compositor/plain-layer.ts';

/**
 * The decoded frame itself when compositing would not change a pixel of it:
 * one layer that `isPlainFullFrame`. Export then hands it to the encoder as it
 * is (still YUV, no GPU upload or readback): most frames of a plain cut are
 * like this.
 */
export function untouchedFrame(layers: readonly CompositeLayer[], width: number, height: number): VideoFrame | null {
  return layers.length === 1 && isPlainFullFrame(layers[0]!, width, height) ? layers[0]!.frame : null;
}
