import type { CompositeLayer } from '../media/compositor/frame-compositor.ts';
import type { LayerLook } from '../media/compositor/placement.ts';

/** Decoder pixel formats an encoder takes as they are (opaque YUV: no alpha to blend, no conversion). */
const ENCODER_READY = new Set<VideoPixelFormat | null>(['NV12', 'I420']);

/** Whether a look changes no pixel: every field absent or at its neutral value. */
function isNeutral(look: LayerLook | undefined): boolean {
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
    (look.saturation ?? 1) === 1
  );
}

/**
 * The decoded frame itself when compositing would not change a pixel of it:
 * one layer, upright, exactly the output's size, opaque YUV, no picture
 * setting or transition. Export then hands it to the encoder as it is (still
 * YUV, no GPU upload or readback): most frames of a plain cut are like this.
 */
export function untouchedFrame(layers: readonly CompositeLayer[], width: number, height: number): VideoFrame | null {
  if (layers.length !== 1) return null;
  const { frame, rotation, look } = layers[0]!;
  const visible = frame.visibleRect;
  if (rotation !== 0 || !isNeutral(look) || !ENCODER_READY.has(frame.format)) return null;
  if (frame.displayWidth !== width || frame.displayHeight !== height || !visible || visible.width !== width || visible.height !== height) return null;
  return frame;
}
