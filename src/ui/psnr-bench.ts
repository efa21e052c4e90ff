import { psnr } from '../analysis/psnr.ts';
import type { MediaSource } from '../media/media-source.ts';
import { openMedia } from '../media/open-media.ts';
import { FramePicker } from '../media/video-frames.ts';

/** The pixels of the frame on screen at `tUs`, drawn at `width`×`height`. */
async function pixelsAt(source: MediaSource, tUs: number, context: OffscreenCanvasRenderingContext2D): Promise<Uint8ClampedArray> {
  const picker = new FramePicker(source.videoFrames(tUs, tUs));
  try {
    const frame = await picker.at(tUs);
    if (!frame) throw new Error(`${source.name} has no frame at ${tUs} µs`);
    context.drawImage(frame, 0, 0, context.canvas.width, context.canvas.height);
    return context.getImageData(0, 0, context.canvas.width, context.canvas.height).data;
  } finally {
    await picker.close();
  }
}

/** `spool bench`: PSNR (dB) of an export against its source at the given times, both drawn at the source's size. */
export async function psnrAt(sourceFile: File, exportFile: File, timesUs: number[]): Promise<number[]> {
  const [source, exported] = await Promise.all([openMedia(sourceFile, sourceFile.name), openMedia(exportFile, exportFile.name)]);
  const video = source.video;
  if (!video) throw new Error(`${sourceFile.name} has no video`);
  const context = new OffscreenCanvas(video.displayWidth, video.displayHeight).getContext('2d', { willReadFrequently: true })!;
  const results: number[] = [];
  for (const tUs of timesUs) results.push(psnr(await pixelsAt(source, tUs, context), await pixelsAt(exported, tUs, context)));
  return results;
}
