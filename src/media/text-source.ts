import type { TextStyle } from '../model/project.ts';
import { StillSource, stillVideoInfo } from './still-source.ts';
import { wrapLines } from './wrap-lines.ts';

/** A title's lines wrap to this share of the frame's width, leaving a margin (a long line ran off both edges). */
const TITLE_WIDTH_SHARE = 0.9;

/** Rasterises a title at the output size with transparency around it (fonts and shaping by the browser). */
function renderTitle(style: TextStyle, width: number, height: number): VideoFrame {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  const lineHeight = Math.max(4, style.size * height);
  context.font = `600 ${Math.round(lineHeight * 0.8)}px ${style.fontFamily}`;
  context.textBaseline = 'middle';
  context.textAlign = style.align;
  const lines = wrapLines(style.content, width * TITLE_WIDTH_SHARE, (line) => context.measureText(line).width);
  const blockWidth = Math.max(...lines.map((line) => context.measureText(line).width));
  const blockHeight = lines.length * lineHeight;
  const centreX = style.x * width;
  const top = style.y * height - blockHeight / 2;
  const anchorX = style.align === 'left' ? centreX - blockWidth / 2 : style.align === 'right' ? centreX + blockWidth / 2 : centreX;
  if (style.background) {
    const pad = lineHeight * 0.25;
    context.fillStyle = style.background;
    context.fillRect(centreX - blockWidth / 2 - pad, top - pad, blockWidth + 2 * pad, blockHeight + 2 * pad);
  }
  if (style.outline) {
    // Drawn under the fill, so the letters keep their full shape inside it.
    context.lineJoin = 'round';
    context.lineWidth = Math.max(2, lineHeight * 0.12);
    context.strokeStyle = '#000000';
    lines.forEach((line, i) => context.strokeText(line, anchorX, top + (i + 0.5) * lineHeight));
  }
  context.fillStyle = style.color;
  lines.forEach((line, i) => context.fillText(line, anchorX, top + (i + 0.5) * lineHeight));
  // From straight-alpha bytes: a frame of the canvas itself holds premultiplied pixels, which the compositor (straight alpha) would darken twice.
  return new VideoFrame(context.getImageData(0, 0, width, height).data, { format: 'RGBA', codedWidth: width, codedHeight: height, timestamp: 0 });
}

/** A title as a full-frame still, drawn once per look and output size and composited like any other layer. */
export function titleSource(name: string, durationUs: number, style: TextStyle, width: number, height: number): StillSource {
  return new StillSource(name, new Blob(), 'image', durationUs, stillVideoInfo('text', width, height, durationUs), () => renderTitle(style, width, height));
}
