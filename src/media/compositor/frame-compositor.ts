import type { LayerLook, Rotation } from './placement.ts';

/** A decoded frame to draw and how its track says to orient it. */
export interface CompositeLayer {
  frame: VideoFrame;
  rotation: Rotation;
  look?: LayerLook;
}

/** Which GPU API draws: WebGPU where there is an adapter, WebGL2 where there is not (or when forced). */
export type RendererKind = 'webgpu' | 'webgl2';

/** Which renderer to use: `auto` is WebGPU where there is an adapter, else WebGL2. */
export type RendererChoice = RendererKind | 'auto';

export function isRendererChoice(value: string): value is RendererChoice {
  return value === 'auto' || value === 'webgpu' || value === 'webgl2';
}

/** How often pooled GPU resources (upload textures, readback buffers) were reused rather than made. */
export interface PoolStats {
  /** Times a pooled resource was asked for. */
  requests: number;
  /** Of those, how many were served by an existing resource. */
  hits: number;
  /** Resources alive now. */
  live: number;
}

/** One frame to draw: its size, layers (bottom first), timing and background. */
export interface DrawRequest {
  width: number;
  height: number;
  layers: readonly CompositeLayer[];
  timestamp: number;
  duration: number;
  background: readonly [number, number, number];
}

/** A draw the GPU has taken: the layers' frames are free again; `frame` resolves once the pixels are read back. */
export interface DrawnFrame {
  frame: Promise<VideoFrame>;
}

/**
 * Draws the layers of one instant into a new VideoFrame. The export sink
 * encodes it; the preview sink paints it on screen: one compositor, two sinks.
 * Both implementations (WebGPU, WebGL2) honour the same placement maths.
 */
export interface FrameCompositor {
  readonly kind: RendererKind;
  /** Resolves if the GPU device/context is lost; the owner then makes a new compositor. */
  readonly lost: Promise<unknown>;
  /** Draws and returns a new VideoFrame (the caller closes it). Frames in `layers` stay the caller's. */
  renderToFrame(
    width: number,
    height: number,
    layers: readonly CompositeLayer[],
    timestamp: number,
    duration: number,
    background?: readonly [number, number, number],
  ): Promise<VideoFrame>;
  /**
   * The same draw in two steps, so a caller can overlap frames: resolves once
   * the GPU has taken the layers (the caller may close or replace them), with
   * the frame still being read back.
   */
  submitFrame(request: DrawRequest): Promise<DrawnFrame>;
  poolStats(): PoolStats;
  destroy(): void;
}
