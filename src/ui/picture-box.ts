import type { ClipPicture } from '../model/project.ts';

/**
 * Where a clip's picture shows in the output, in output fractions: the centre
 * of what shows (cropped), its size and its clockwise turn in degrees, and the
 * picture's own centre (`anchorX`, `anchorY`), which scaling keeps in place.
 */
export interface PictureBox {
  x: number;
  y: number;
  anchorX: number;
  anchorY: number;
  width: number;
  height: number;
  rotation: number;
}

/**
 * The box the compositor draws a `shownWidth`×`shownHeight` picture (upright,
 * as displayed) into, with `picture`'s fit, crop, scale, centre and turn: the
 * maths of placement.wgsl's vertex stage, for handles drawn over the preview.
 */
export function pictureBox(outputWidth: number, outputHeight: number, shownWidth: number, shownHeight: number, picture: ClipPicture): PictureBox {
  const fit = (picture.fit === 'cover' ? Math.max : Math.min)(outputWidth / shownWidth, outputHeight / shownHeight);
  // In output pixels: the fitted picture, the part the crop keeps, and that part's centre off the picture's.
  const [fittedW, fittedH] = [shownWidth * fit * picture.scale, shownHeight * fit * picture.scale];
  const { left, top, right, bottom } = picture.crop;
  const [offX, offY] = [((left - right) / 2) * fittedW, ((top - bottom) / 2) * fittedH];
  const angle = (picture.rotation * Math.PI) / 180;
  return {
    x: picture.x + (offX * Math.cos(angle) - offY * Math.sin(angle)) / outputWidth,
    y: picture.y + (offX * Math.sin(angle) + offY * Math.cos(angle)) / outputHeight,
    anchorX: picture.x,
    anchorY: picture.y,
    width: (fittedW * (1 - left - right)) / outputWidth,
    height: (fittedH * (1 - top - bottom)) / outputHeight,
    rotation: picture.rotation,
  };
}
