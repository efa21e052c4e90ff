import type { FrameLayer } from '../model/render-plan.ts';
import { pictureAt, type PictureKey } from '../model/project.ts';
import type { ChromaKey, LayerLook } from '../media/compositor/placement.ts';

/** What the compositor needs of a plan layer: the clip's own picture settings combined with any transition's. */
export function look(layer: FrameLayer): LayerLook {
  // A moving picture by the source time shown: held at its ends in a transition.
  const picture = pictureAt(layer.clip, layer.sourceUs);
  return {
    fit: picture.fit,
    opacity: picture.opacity * (layer.opacity ?? 1),
    dim: layer.dim ?? 1,
    reveal: layer.reveal ?? 1,
    crop: picture.crop,
    x: picture.x + (layer.shiftX ?? 0),
    y: picture.y,
    scale: picture.scale * (layer.zoom ?? 1),
    rotation: picture.rotation,
    brightness: picture.brightness,
    contrast: picture.contrast,
    saturation: picture.saturation,
    ...(picture.key ? { key: chromaKey(picture.key) } : {}),
  };
}

/** A stored key (`#rrggbb`) as the compositor takes it (0–1 RGB). */
function chromaKey({ color, tolerance }: PictureKey): ChromaKey {
  const channel = (at: number) => parseInt(color.slice(at, at + 2), 16) / 255;
  return { r: channel(1), g: channel(3), b: channel(5), tolerance };
}

