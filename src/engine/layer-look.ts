import type { FrameLayer } from '../model/render-plan.ts';
import { clipPicture, type ClipPicture } from '../model/project.ts';
import type { LayerLook } from '../media/compositor/placement.ts';

/** What the compositor needs of a plan layer: the clip's own picture settings combined with any transition's. */
export function look(layer: FrameLayer): LayerLook {
  const picture = moved(clipPicture(layer.clip), layer);
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
  };
}

/** Scale and centre where a moving picture (`end`) has got to: evenly from in to out point, by the source time shown (held at the ends in a transition). */
function moved(picture: ClipPicture, layer: FrameLayer): ClipPicture {
  const { end } = picture;
  if (!end) return picture;
  const { inUs, outUs } = layer.clip;
  const t = outUs > inUs ? Math.min(1, Math.max(0, (layer.sourceUs - inUs) / (outUs - inUs))) : 0;
  const at = (from: number, to: number) => from + (to - from) * t;
  return { ...picture, scale: at(picture.scale, end.scale), x: at(picture.x, end.x), y: at(picture.y, end.y) };
}
