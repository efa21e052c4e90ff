import type { CompositeLayer, FrameCompositor, PoolStats, RendererKind } from './frame-compositor.ts';

/** One frame to draw, as `renderToFrame` was asked. */
export interface DrawRequest {
  width: number;
  height: number;
  layers: readonly CompositeLayer[];
  timestamp: number;
  duration: number;
  background: readonly [number, number, number];
}

/**
 * What both renderers share: preview and export use one compositor, and its
 * GPU state (targets, slots, uniforms) serves one frame at a time, so draws
 * take turns in call order.
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
    const result = this.turn.then(() => this.draw({ width, height, layers, timestamp, duration, background }));
    this.turn = result.catch(() => undefined);
    return result;
  }

  /** Draws one frame; never runs concurrently with another draw. */
  protected abstract draw(request: DrawRequest): Promise<VideoFrame>;

  abstract poolStats(): PoolStats;
  abstract destroy(): void;
}
