import type { TextStyle } from '../model/project.ts';
import type { MediaSource, VideoInfo } from './media-source.ts';

/**
 * A title as a one-frame, full-frame video with transparency: rasterised once
 * per look and output size with the 2D canvas (fonts and shaping by the
 * browser), then composited like any other layer.
 */
export class TextSource implements MediaSource {
  readonly container = 'image' as const;
  readonly audio = undefined;
  readonly video: VideoInfo;
  readonly blob = new Blob();
  private frame: VideoFrame | null = null;

  constructor(
    readonly name: string,
    readonly durationUs: number,
    private readonly style: TextStyle,
    private readonly width: number,
    private readonly height: number,
  ) {
    this.video = {
      codec: 'text',
      codedWidth: width,
      codedHeight: height,
      rotation: 0,
      displayWidth: width,
      displayHeight: height,
      fps: 0,
      variableFrameRate: false,
      frameCount: 1,
      keyframeTimesUs: [0],
      durationUs,
      config: { codec: 'text' },
    };
  }

  private render(): VideoFrame {
    const { style, width, height } = this;
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d')!;
    const lineHeight = Math.max(4, style.size * height);
    context.font = `600 ${Math.round(lineHeight * 0.8)}px ${style.fontFamily}`;
    context.textBaseline = 'middle';
    context.textAlign = style.align;
    const lines = style.content.split('\n');
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
    context.fillStyle = style.color;
    lines.forEach((line, i) => context.fillText(line, anchorX, top + (i + 0.5) * lineHeight));
    return new VideoFrame(canvas, { timestamp: 0, alpha: 'keep' });
  }

  withoutAudio(): MediaSource {
    return this;
  }

  async canDecode(kind: 'video' | 'audio'): Promise<boolean> {
    return kind === 'video';
  }

  async *videoFrames(): AsyncGenerator<VideoFrame> {
    this.frame ??= this.render();
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
