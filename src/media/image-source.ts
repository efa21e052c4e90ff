import { CorruptMediaError } from './errors.ts';
import { StillSource, stillVideoInfo } from './still-source.ts';

/** How long a still lasts when placed on the timeline. */
export const STILL_DURATION_US = 5_000_000;

/**
 * Opens a still image (PNG, JPEG, WebP, GIF's first frame) as a one-frame
 * video. createImageBitmap applies EXIF orientation ('from-image'), so the
 * frame is already upright and rotation is 0.
 */
export async function openImage(blob: Blob, name: string, codec: 'png' | 'jpeg' | 'webp' | 'gif'): Promise<StillSource> {
  let bitmap: ImageBitmap;
  try {
    // Straight alpha, as the compositor blends: a premultiplied bitmap would darken a transparent PNG's soft edges twice.
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image', premultiplyAlpha: 'none' });
  } catch {
    throw new CorruptMediaError(`"${name}" is damaged or incomplete: the ${codec.toUpperCase()} image could not be decoded.`);
  }
  const frame = new VideoFrame(bitmap, { timestamp: 0 });
  bitmap.close();
  return new StillSource(name, blob, 'image', STILL_DURATION_US, stillVideoInfo(codec, frame.displayWidth, frame.displayHeight, STILL_DURATION_US), () => frame);
}
