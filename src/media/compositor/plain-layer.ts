import type { CompositeLayer } from './frame-compositor.ts';
import type { LayerLook } from './placement.ts';

/** Decoder pixel formats with no alpha: such a frame covers whatever is under it. */
const OPAQUE_YUV = new Set<VideoPixelFormat | null>(['NV12', 'I420']);

/** Whether a look changes no pixel: every field absent or at its neutral value. */
export function isNeutral(look: LayerLook | undefined): boolean {
  if (!look) return true;
  const crop = look.crop;
  return (
    (look.opacity ?? 1) === 1 &&
    (look.dim ?? 1) === 1 &&
    (look.reveal ?? 1) >= 1 &&
    (!crop || (crop.left === 0 && crop.top === 0 && crop.right === 0 && crop.bottom === 0)) &&
    (look.x ?? 0.5) === 0.5 &&
    (look.y ?? 0.5) === 0.5 &&
    (look.scale ?? 1) === 1 &&
    (look.rotation ?? 0) % 360 === 0 &&
    (look.brightness ?? 0) === 0 &&
    (look.contrast ?? 1) === 1 &&
    (look.saturation ?? 1) === 1 &&
    (look.key?.tolerance ?? 0) === 0
  );
}

/**
 * Whether drawing `layer` into a `width`×`height` output would put each of its
 * pixels, unchanged, on the same pixel of the output and cover all of it:
 * upright, exactly the output's size, opaque YUV, no picture setting or
 * transition. Such a layer need not be drawn at all: it can be handed on
 * (export) or copied (the compositor's bottom layer).
 */
export function isPlainFullFrame(layer: CompositeLayer, width: number, height: number): boolean {
  const { frame, rotation, look } = layer;
  const visible = frame.visibleRect;
  if (rotation !== 0 || !isNeutral(look) || !OPAQUE_YUV.has(frame.format)) return false;
  return frame.displayWidth === width && frame.displayHeight === height && !!visible && visible.width === width && visible.height === height;
}
