import { describe, expect, it } from 'vitest';
import { Compositor } from './compositor.ts';
import type { FrameCompositor } from './frame-compositor.ts';
import { GlCompositor } from './gl-compositor.ts';

/** A solid-colour frame of the given size. */
function solid(colour: string, width: number, height: number): VideoFrame {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = colour;
  context.fillRect(0, 0, width, height);
  return new VideoFrame(canvas, { timestamp: 0 });
}

async function centre(frame: VideoFrame): Promise<number[]> {
  const bytes = new Uint8Array(frame.allocationSize({ format: 'RGBA' } as VideoFrameCopyToOptions));
  await frame.copyTo(bytes, { format: 'RGBA' } as VideoFrameCopyToOptions);
  const i = ((frame.codedHeight >> 1) * frame.codedWidth + (frame.codedWidth >> 1)) * 4;
  return [...bytes.slice(i, i + 3)];
}

/**
 * Preview and export share one compositor, each at its own size (the preview
 * draws at its on-screen size): a preview frame drawn while an export frame is
 * still being read back must not free what that read needs.
 */
describe.each([
  ['WebGPU', () => Compositor.create()],
  ['WebGL2', () => GlCompositor.create()],
] as const)('%s compositor: a draw at another size during a readback', (_, create: () => Promise<FrameCompositor>) => {
  it('leaves the frame being read back whole', async () => {
    const compositor = await create();
    const red = solid('#ff0000', 640, 360);
    const blue = solid('#0000ff', 320, 180);
    try {
      const exported = await compositor.submitFrame({ width: 640, height: 360, layers: [{ frame: red, rotation: 0 }], timestamp: 0, duration: 33_333, background: [0, 0, 0] });
      // The preview's frame, at its own size, drawn before the export's has come back.
      const previewed = await compositor.submitFrame({ width: 320, height: 180, layers: [{ frame: blue, rotation: 0 }], timestamp: 0, duration: 33_333, background: [0, 0, 0] });
      const [exportFrame, previewFrame] = await Promise.all([exported.frame, previewed.frame]);
      try {
        expect([exportFrame.codedWidth, await centre(exportFrame)]).toEqual([640, [255, 0, 0]]);
        expect([previewFrame.codedWidth, await centre(previewFrame)]).toEqual([320, [0, 0, 255]]);
      } finally {
        exportFrame.close();
        previewFrame.close();
      }
    } finally {
      red.close();
      blue.close();
      compositor.destroy();
    }
  });
});
