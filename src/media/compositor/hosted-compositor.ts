import type { Remote } from 'comlink';
import type { CompositorHost } from './compositor-host.ts';
import type { DrawnFrame, DrawRequest, PoolStats } from './frame-compositor.ts';
import { TurnTakingCompositor } from './turn-taking-compositor.ts';

/**
 * A worker's FrameCompositor that draws on the page (see CompositorHost), for
 * where the worker itself has neither WebGPU nor WebGL2. The layers' frames go
 * to the page as copies; a turn ends once the page's GPU has them, as with a
 * compositor in the worker. Not sooner: WebKitGTK 2.50 crashed the page
 * (measured) when the worker closed its frames while the page's copies were
 * still being uploaded.
 */
export class HostedCompositor extends TurnTakingCompositor {
  readonly kind = 'webgl2' as const;
  readonly lost: Promise<unknown>;
  /** As of the last frame back (the host counts). */
  private stats: PoolStats = { requests: 0, hits: 0, live: 0 };

  private constructor(
    private readonly host: Remote<CompositorHost>,
    private readonly id: number,
  ) {
    super();
    this.lost = host.lost(id);
  }

  static async create(host: Remote<CompositorHost>): Promise<HostedCompositor> {
    return new HostedCompositor(host, await host.create());
  }

  protected async draw(request: DrawRequest): Promise<DrawnFrame> {
    const ticket = await this.host.submit(this.id, request);
    return {
      frame: this.host.collect(ticket).then(({ frame, stats }) => {
        this.stats = stats;
        return frame;
      }),
    };
  }

  poolStats(): PoolStats {
    return { ...this.stats };
  }

  destroy(): void {
    void this.host.destroy(this.id);
  }
}
