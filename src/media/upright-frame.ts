import type { MediaSource } from './media-source.ts';
import { FramePicker } from './video-frames.ts';

/** The frame shown at `tUs` of a source (the caller closes it), or null where there is none. */
export async function frameAt(source: MediaSource, tUs: number): Promise<VideoFrame | null> {
  const picker = new FramePicker(source.videoFrames(tUs, tUs));
  try {
    const frame = await picker.at(tUs);
    return frame ? frame.clone() : null;
  } finally {
    await picker.close();
  }
}

/** Draws a frame upright (rotation metadata applied) into a canvas of the given size. */
export function drawUpright(context: OffscreenCanvasRenderingContext2D, frame: VideoFrame, rotation: number, width: number, height: number): void {
  context.save();
  context.translate(width / 2, height / 2);
  context.rotate((rotation * Math.PI) / 180);
  const sideways = rotation === 90 || rotation === 270;
  const w = sideways ? height : width;
  const h = sideways ? width : height;
  context.drawImage(frame, -w / 2, -h / 2, w, h);
  context.restore();
}

/** The source's frame at `tUs`, upright at its display size, as a PNG (a freeze frame's still); null where there is none. */
export async function uprightStill(source: MediaSource, tUs: number): Promise<Blob | null> {
  const video = source.video;
  if (!video) return null;
  const frame = await frameAt(source, tUs);
  if (!frame) return null;
  const { displayWidth: width, displayHeight: height } = video;
  const canvas = new OffscreenCanvas(width, height);
  try {
    drawUpright(canvas.getContext('2d', { alpha: false })!, frame, video.rotation, width, height);
  } finally {
    frame.close();
  }
  return canvas.convertToBlob({ type: 'image/png' });
}
