import { afterEach, describe, expect, it } from 'vitest';
import { serveCompositorHost } from './compositor-host.ts';
import { GlCompositor } from './gl-compositor.ts';
import { picture } from '../../test-support/webgl-less-worker.ts';

/**
 * WebKitGTK 2.50 gives WebGL to no OffscreenCanvas (not in workers, not on the page) unless a feature flag is set;
 * only a page's <canvas> has it, and it has no WebGPU. Played here in Chromium: a worker and the page without
 * WebGL on OffscreenCanvas, the worker drawing through the page's CompositorHost, set up as startEngine does.
 */
const getContext = OffscreenCanvas.prototype.getContext;
afterEach(() => {
  OffscreenCanvas.prototype.getContext = getContext;
});

describe('a worker without WebGPU or WebGL (WebKitGTK)', () => {
  it('draws through the page’s WebGL2 on a <canvas>: the same pixels as the GlCompositor itself', async () => {
    const direct = await GlCompositor.create();
    const frame = picture();
    const out = await direct.renderToFrame(320, 180, [{ frame, rotation: 0 }, { frame, rotation: 90, look: { opacity: 0.5 } }], 0, 33_333, [0, 0.25, 0]);
    const expected = new Uint8Array(320 * 180 * 4);
    await out.copyTo(expected, { format: 'RGBA' } as VideoFrameCopyToOptions);
    out.close();
    frame.close();
    direct.destroy();

    OffscreenCanvas.prototype.getContext = function (this: OffscreenCanvas, type: string, ...rest: unknown[]) {
      return type === 'webgl2' || type === 'webgl' ? null : (getContext as (...a: unknown[]) => RenderingContext | null).call(this, type, ...rest);
    } as typeof getContext;
    const { port1, port2 } = new MessageChannel();
    serveCompositorHost(port1);
    const moduleUrl = new URL('../../test-support/webgl-less-worker.ts', import.meta.url).href;
    const script = `
      import { drawWithoutWebGl } from ${JSON.stringify(moduleUrl)};
      onmessage = (event) => drawWithoutWebGl(event.data).then((answer) => postMessage(answer, [answer.bytes.buffer]), (error) => postMessage({ error: String(error) }));`;
    const url = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
    const worker = new Worker(url, { type: 'module' });
    try {
      const answer = await new Promise<{ kind: string; hosted: boolean; bytes: Uint8Array; hits: number; error?: string }>((resolve, reject) => {
        worker.onmessage = (event) => resolve(event.data);
        worker.onerror = (event) => reject(new Error(event.message));
        worker.postMessage(port2, [port2]);
      });
      expect(answer.error).toBeUndefined();
      expect(answer).toMatchObject({ kind: 'webgl2', hosted: true });
      expect(answer.hits).toBeGreaterThan(0); // the second frame reused the host's pooled textures and readback
      expect(answer.bytes).toEqual(expected);
    } finally {
      worker.terminate();
      URL.revokeObjectURL(url);
    }
  });
});
