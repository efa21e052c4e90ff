import type { CompositeLayer } from '../media/compositor/frame-compositor.ts';
import { isNeutral, isPlainFullFrame } from '../media/compositor/plain-layer.ts';
import type { Project } from '../model/project.ts';
import { totalFrames } from '../model/render-plan.ts';
import { frameTimeUs } from '../model/time.ts';
import { look } from './layer-look.ts';
import { pictureLayers } from './picture-layers.ts';
import type { SourceLookup } from './sources.ts';

/**
 * The decoded frame itself when compositing would not change a pixel of it:
 * one layer that `isPlainFullFrame`. Export then hands it to the encoder as it
 * is (still YUV, no GPU upload or readback): most frames of a plain cut are
 * like this.
 */
export function untouchedFrame(layers: readonly CompositeLayer[], width: number, height: number): VideoFrame | null {
  return layers.length === 1 && isPlainFullFrame(layers[0]!, width, height) ? layers[0]!.frame : null;
}

/**
 * Whether every frame of the export will be an untouched one, from the plan
 * and the sources' facts (before anything is decoded): one upright video layer
 * of the output's size with no picture setting or transition, at every frame —
 * no gap, title, still, effect or picture in picture anywhere.
 *
 * Only then do decoded frames go to the encoder as they are. The encoder turns
 * a drawn (RGB) frame into full-range YUV, while a decoded frame keeps its
 * source's range (limited, as video usually is), and a file carries one range
 * tag: a file mixing the two showed one kind washed out or crushed.
 */
export function everyFrameUntouched(project: Project, sources: SourceLookup): boolean {
  const { width, height, fps } = project.output;
  const total = totalFrames(project);
  for (let frame = 0; frame < total; frame++) {
    const layers = pictureLayers(project, sources, frameTimeUs(frame, fps));
    if (layers.length !== 1) return false;
    const source = sources(layers[0]!.clip.assetId);
    const video = source?.video;
    if (!video || source.container === 'image' || video.rotation !== 0 || video.displayWidth !== width || video.displayHeight !== height) return false;
    if (!isNeutral(look(layers[0]!))) return false;
  }
  return true;
}

/**
 * An untouched frame in a file that also has drawn ones: converted to RGB on
 * the CPU (libyuv, about a millisecond at 1080p), as the compositor would have
 * made it, so the encoder treats it like the drawn frames around it — far
 * cheaper than drawing it. The conversion buffer is reused (a VideoFrame made
 * from bytes copies them).
 */
export class RgbFrames {
  private bytes = new Uint8Array(0);

  async convert(frame: VideoFrame, timestamp: number, duration: number): Promise<VideoFrame> {
    const width = frame.displayWidth;
    const height = frame.displayHeight;
    if (this.bytes.length !== width * height * 4) this.bytes = new Uint8Array(width * height * 4);
    await frame.copyTo(this.bytes, { format: 'RGBX', colorSpace: 'srgb' } as VideoFrameCopyToOptions);
    return new VideoFrame(this.bytes, { format: 'RGBX', codedWidth: width, codedHeight: height, timestamp, duration });
  }
}
