import { wrap } from 'comlink';
import { createCompositor } from '../engine/create-compositor.ts';
import type { CompositorHost } from '../media/compositor/compositor-host.ts';

/**
 * For a dedicated worker made like WebKitGTK 2.50's: no WebGPU and no WebGL on OffscreenCanvas. Draws one
 * frame (a 160×90 picture: red left, blue right, over dark green) through the compositor the engine picks
 * ('auto'), the page's CompositorHost being on `port`, and answers with its pixels and what drew them.
 */
export async function drawWithoutWebGl(port: MessagePort): Promise<{ kind: string; hosted: boolean; bytes: Uint8Array; hits: number }> {
  Object.defineProperty(navigator, 'gpu', { value: undefined, configurable: true });
  const getContext = OffscreenCanvas.prototype.getContext;
  OffscreenCanvas.prototype.getContext = function (this: OffscreenCanvas, type: string, ...rest: unknown[]) {
    return type === 'webgl2' || type === 'webgl' ? null : (getContext as (...a: unknown[]) => RenderingContext | null).call(this, type, ...rest);
  } as typeof getContext;
  const compositor = await createCompositor('auto', wrap<CompositorHost>(port));
  const frame = picture();
  const bytes = new Uint8Array(320 * 180 * 4);
  for (let i = 0; i < 2; i++) {
    const out = await compositor.renderToFrame(320, 180, [{ frame, rotation: 0 }, { frame, rotation: 90, look: { opacity: 0.5 } }], 0, 33_333, [0, 0.25, 0]);
    await out.copyTo(bytes, { format: 'RGBA' } as VideoFrameCopyToOptions);
    out.close();
  }
  // Still the caller's after the trip: open (a closed frame has no size).
  if (frame.codedWidth !== 160) throw new Error('the layer frame was closed by the compositor');
  frame.close();
  const answer = { kind: compositor.kind, hosted: compositor.constructor.name === 'HostedCompositor', bytes, hits: compositor.poolStats().hits };
  compositor.destroy();
  return answer;
}

export function picture(): VideoFrame {
  const canvas = new OffscreenCanvas(160, 90);
  const c = canvas.getContext('2d')!;
  c.fillStyle = '#e02828';
  c.fillRect(0, 0, 80, 90);
  c.fillStyle = '#283ce0';
  c.fillRect(80, 0, 80, 90);
  return new VideoFrame(canvas, { timestamp: 0 });
}
