import { expose, transfer } from 'comlink';
import type { DrawRequest, PoolStats } from './frame-compositor.ts';
import type { GlCompositor } from './gl-compositor.ts';

/**
 * The page's WebGL2 compositors, lent to a worker that can draw with neither
 * WebGPU nor WebGL2 (WebKitGTK 2.50 offers WebGL only to a page's <canvas>).
 * The same GlCompositor and the same draws: only the thread differs. Each
 * compositor the worker makes has its id, so replacing one never touches another.
 */
export interface CompositorHost {
  /** Makes a compositor and returns its id (throws GlCompositor's PlatformError where the page has no WebGL2 either). */
  create(): Promise<number>;
  /**
   * Starts one frame's draw and resolves once the GPU has its layers, with a ticket for `collect`. The layers'
   * frames are this side's copies, closed here once the picture is read back.
   */
  submit(id: number, request: DrawRequest): Promise<number>;
  /** The frame of a ticket `submit` gave, read back, and the compositor's pool figures then. */
  collect(ticket: number): Promise<{ frame: VideoFrame; stats: PoolStats }>;
  /** Resolves when the compositor's context is lost (the worker then makes a new one). */
  lost(id: number): Promise<void>;
  destroy(id: number): void;
}

export function createCompositorHost(): CompositorHost {
  const compositors = new Map<number, GlCompositor>();
  const drawing = new Map<number, Promise<{ frame: VideoFrame; stats: PoolStats }>>();
  let lastId = 0;
  let lastTicket = 0;
  const gone = () => new Error('This compositor was destroyed or its WebGL context lost; make a new one.');
  return {
    async create() {
      // Loaded only when a worker asks: where workers draw themselves, the page never needs it.
      const { GlCompositor } = await import('./gl-compositor.ts');
      const gl = await GlCompositor.create();
      const id = ++lastId;
      compositors.set(id, gl);
      void gl.lost.then(() => compositors.delete(id));
      return id;
    },
    async submit(id, request) {
      const gl = compositors.get(id);
      const closeLayers = () => {
        for (const layer of request.layers) layer.frame.close();
      };
      let drawn;
      try {
        drawn = await gl?.submitFrame(request);
      } catch (error) {
        closeLayers();
        throw error;
      }
      if (!gl || !drawn) {
        closeLayers();
        throw gone();
      }
      // Closed once the picture is read back, not as soon as the GPU has it: in WebKitGTK 2.50 one exported frame in
      // 33 exports came out black with them closed at submit (the GPU may read them later); a precaution, not proven.
      const read = drawn.frame.finally(closeLayers).then((frame) => transfer({ frame, stats: gl.poolStats() }, [frame as unknown as Transferable]));
      read.catch(() => undefined); // reported by collect
      const ticket = ++lastTicket;
      drawing.set(ticket, read);
      return ticket;
    },
    collect(ticket) {
      const read = drawing.get(ticket);
      drawing.delete(ticket);
      return read ?? Promise.reject(gone());
    },
    async lost(id) {
      // One already gone is as good as lost.
      await compositors.get(id)?.lost;
    },
    destroy(id) {
      compositors.get(id)?.destroy();
      compositors.delete(id);
    },
  };
}

/** Serves a compositor host on `port` (the page's end of a channel whose other end went to the engine worker). */
export function serveCompositorHost(port: MessagePort): void {
  expose(createCompositorHost(), port);
}
