import { Compositor } from '../media/compositor/compositor.ts';
import type { FrameCompositor, RendererChoice } from '../media/compositor/frame-compositor.ts';
import { GlCompositor } from '../media/compositor/gl-compositor.ts';
import { PlatformError } from '../media/errors.ts';

/** The compositor for `choice`: forced, or WebGPU falling back to WebGL2 only when WebGPU is missing (not on other errors). */
export async function createCompositor(choice: RendererChoice): Promise<FrameCompositor> {
  if (choice === 'webgl2') return GlCompositor.create();
  try {
    return await Compositor.create();
  } catch (error) {
    if (choice === 'auto' && error instanceof PlatformError) return GlCompositor.create();
    throw error;
  }
}
