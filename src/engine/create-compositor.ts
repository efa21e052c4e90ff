import type { Remote } from 'comlink';
import { Compositor } from '../media/compositor/compositor.ts';
import type { CompositorHost } from '../media/compositor/compositor-host.ts';
import type { FrameCompositor, RendererChoice } from '../media/compositor/frame-compositor.ts';
import { GlCompositor } from '../media/compositor/gl-compositor.ts';
import { HostedCompositor } from '../media/compositor/hosted-compositor.ts';
import { PlatformError } from '../media/errors.ts';

/**
 * The compositor for `choice`: forced, or WebGPU falling back to WebGL2 only when WebGPU is missing (not on other
 * errors). WebGL2 is this thread's where it has it, else the page's through `host` (a worker without WebGL).
 */
export async function createCompositor(choice: RendererChoice, host: Remote<CompositorHost> | null = null): Promise<FrameCompositor> {
  if (choice === 'webgl2') return webGl2(host);
  try {
    return await Compositor.create();
  } catch (error) {
    if (choice === 'auto' && error instanceof PlatformError) return webGl2(host);
    throw error;
  }
}

async function webGl2(host: Remote<CompositorHost> | null): Promise<FrameCompositor> {
  try {
    return await GlCompositor.create();
  } catch (error) {
    if (host && error instanceof PlatformError) return HostedCompositor.create(host);
    throw error;
  }
}
