import type { Container, MediaSource, VideoInfo } from './media-source.ts';

/** Track facts for a one-frame picture of the given size. */
export function stillVideoInfo(codec: string, width: number, height: number, durationUs: number): VideoInfo {
  return {
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
    framesBeforeKeyframe: 0,
    durationUs,
    config: { codec, codedWidth: width, codedHeight: height },
  };
}

/**
 * A picture that holds for the whole clip (a photo, a title): one frame, made
 * on first use, handed out as clones so every consumer closes its own.
 */
export class StillSource implements MediaSource {
  readonly audio = undefined;
  private frame: VideoFrame | null = null;

  constructor(
    readonly name: string,
    readonly blob: Blob,
    readonly container: Container,
    readonly durationUs: number,
    readonly video: VideoInfo,
    private readonly makeFrame: () => VideoFrame,
  ) {}

  withoutAudio(): MediaSource {
    return this;
  }

  async canDecode(kind: 'video' | 'audio'): Promise<boolean> {
    return kind === 'video';
  }

  async *videoFrames(): AsyncGenerator<VideoFrame> {
    this.frame ??= this.makeFrame();
    yield this.frame.clone();
  }

  async *audioData(): AsyncGenerator<AudioData> {
    return;
  }

  close(): void {
    this.frame?.close();
    this.frame = null;
  }
}
