import type { CompositeLayer, DrawnFrame, DrawRequest, FrameCompositor, PoolStats, RendererKind } from './frame-compositor.ts';

/**
 * What both renderers share: preview and export use one compositor, and its
 * GPU state (targets, slots, uniforms) serves one frame at a time, so draws
 * take turns in call order. A turn ends once the draw is handed to the GPU,
 * not when its pixels come back: the next draw's uploads and commands queue
 * behind it (the GPU keeps their order) while the readback is still on its way.
 */
export abstract class TurnTakingCompositor implements FrameCompositor {
  abstract readonly kind: RendererKind;
  abstract readonly lost: Promise<unknown>;
  private turn: Promise<unknown> = Promise.resolve();

  renderToFrame(
    width: number,
    height: number,
    layers: readonly CompositeLayer[],
    timestamp: number,
    duration: number,
    background: readonly [number, number, number] = [0, 0, 0],
  ): Promise<VideoFrame> {
    return this.submitFrame({ width, height, layers, timestamp, duration, background }).then((drawn) => drawn.frame);
  }

  submitFrame(request: DrawRequest): Promise<DrawnFrame> {
    const submitted = this.turn.then(() => this.draw(request));
    this.turn = submitted.catch(() => undefined);
    return submitted;
  }

  /** Hands one frame's drawing to the GPU (never concurrently with another draw); `frame` resolves when it is read back. */
  protected abstract draw(request: DrawRequest): Promise<DrawnFrame>;

  abstract poolStats(): PoolStats;
  abstract destroy(): void;
}
