import { CorruptMediaError } from './errors.ts';
import type { Container, MediaSource, VideoInfo } from './media-source.ts';

/** How long a still lasts when placed on the timeline. */
export const STILL_DURATION_US = 5_000_000;

/**
 * A still image (PNG, JPEG, WebP, GIF's first frame) as a one-frame video.
 * createImageBitmap applies EXIF orientation ('from-image'), so the frame is
 * already upright and rotation is 0.
 */
export class ImageSource implements MediaSource {
  readonly container: Container = 'image';
  readonly durationUs = STILL_DURATION_US;
  readonly audio = undefined;

  private constructor(
    readonly blob: Blob,
    readonly name: string,
    readonly video: VideoInfo,
    private readonly frame: VideoFrame,
  ) {}

  static async open(blob: Blob, name: string, codec: 'png' | 'jpeg' | 'webp' | 'gif'): Promise<ImageSource> {
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
    } catch {
      throw new CorruptMediaError(`"${name}" is damaged or incomplete: the ${codec.toUpperCase()} image could not be decoded.`);
    }
    const frame = new VideoFrame(bitmap, { timestamp: 0 });
    bitmap.close();
    const { displayWidth: width, displayHeight: height } = frame;
    return new ImageSource(blob, name, {
      codec,
      codedWidth: width,
      codedHeight: height,
      rotation: 0,
      displayWidth: width,
      displayHeight: height,
      fps: 0,
      variableFrameRate: false,
      frameCount: 1,
      keyframeTimesUs: [0],
      durationUs: STILL_DURATION_US,
      config: { codec, codedWidth: width, codedHeight: height },
    }, frame);
  }

  withoutAudio(): MediaSource {
    return this;
  }

  async canDecode(kind: 'video' | 'audio'): Promise<boolean> {
    return kind === 'video';
  }

  async *videoFrames(): AsyncGenerator<VideoFrame> {
    yield this.frame.clone();
  }

  async *audioData(): AsyncGenerator<AudioData> {
    return;
  }
}
