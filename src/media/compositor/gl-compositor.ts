import blockGlsl from '../../../shaders/placement-block.glsl?raw';
import vertexGlsl from '../../../shaders/placement.vert.glsl?raw';
import fragmentGlsl from '../../../shaders/blit.frag.glsl?raw';
import { PlatformError } from '../errors.ts';
import type { DrawnFrame, DrawRequest, PoolStats } from './frame-compositor.ts';
import { TurnTakingCompositor } from './turn-taking-compositor.ts';
import { GlFrameTextures } from './gl-frame-textures.ts';
import { linkProgram } from './gl-program.ts';
import { readbackFor, type GlReadback } from './gl-readback.ts';
import { PLACEMENT_FLOATS, writeLook, writePlacement } from './placement.ts';

/** The uniform block's binding point (the only one). */
const PLACEMENT_BINDING = 0;

/**
 * Makes the context: nothing is shown from its canvas (frames are read back from a framebuffer), so it is 1×1 with
 * no depth, stencil or multisampling. An OffscreenCanvas where it has WebGL2, else (on a page) a <canvas>: WebKitGTK
 * 2.50 gives WebGL to no OffscreenCanvas at all unless a feature flag is set, only to the element.
 */
function createContext(): { canvas: OffscreenCanvas | HTMLCanvasElement; gl: WebGL2RenderingContext } {
  const attributes: WebGLContextAttributes = { alpha: true, premultipliedAlpha: false, antialias: false, depth: false, stencil: false };
  const canvases = [
    () => (typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(1, 1)),
    () => (typeof document === 'undefined' ? null : Object.assign(document.createElement('canvas'), { width: 1, height: 1 })),
  ];
  for (const make of canvases) {
    const canvas = make();
    const gl = canvas?.getContext('webgl2', attributes) as WebGL2RenderingContext | null | undefined;
    if (canvas && gl) return { canvas, gl };
  }
  throw new PlatformError('This browser has neither WebGPU nor WebGL2 (or both are turned off), so Spool cannot draw video. Use a current Chrome, Edge, Firefox or Safari with hardware acceleration on.');
}

/**
 * The WebGL2 compositor (see FrameCompositor), for where WebGPU has no
 * adapter. Same output as the WebGPU one: the same placement maths (the
 * shaders are a port of the WGSL, fed the same floats), the same straight
 * alpha blending over a cleared background, read back without stalling.
 */
export class GlCompositor extends TurnTakingCompositor {
  readonly kind = 'webgl2' as const;
  /** Resolves if the context is lost; the owner then makes a new compositor. */
  readonly lost: Promise<Event>;
  private readonly placement = new Float32Array(PLACEMENT_FLOATS);
  private readonly stats: PoolStats = { requests: 0, hits: 0, live: 0 };
  private readonly textures: GlFrameTextures;
  private readback: GlReadback | null = null;

  private constructor(
    canvas: OffscreenCanvas | HTMLCanvasElement,
    private readonly gl: WebGL2RenderingContext,
    private readonly program: WebGLProgram,
    private readonly uniform: WebGLBuffer,
  ) {
    super();
    this.lost = new Promise((resolve) => canvas.addEventListener('webglcontextlost', resolve, { once: true }));
    this.textures = new GlFrameTextures(gl, this.stats);
  }

  static async create(): Promise<GlCompositor> {
    const { canvas, gl } = createContext();
    const stage = (body: string) => `#version 300 es\n${blockGlsl}${body}`;
    const program = linkProgram(gl, stage(vertexGlsl), stage(fragmentGlsl), 'GlCompositor.blit');
    const uniform = gl.createBuffer();
    gl.bindBufferBase(gl.UNIFORM_BUFFER, PLACEMENT_BINDING, uniform);
    gl.bufferData(gl.UNIFORM_BUFFER, PLACEMENT_FLOATS * 4, gl.DYNAMIC_DRAW);
    gl.uniformBlockBinding(program, gl.getUniformBlockIndex(program, 'Placement'), PLACEMENT_BINDING);
    // The state every draw shares, set once: this context draws nothing else.
    // The vertex shader makes its corners from gl_VertexID (no attributes); the
    // frame sampler stays on texture unit 0, its default.
    gl.useProgram(program);
    gl.activeTexture(gl.TEXTURE0);
    // Straight alpha over what is below: a layer at opacity p shows (1 − p) of the layers under it.
    gl.enable(gl.BLEND);
    gl.blendFuncSeparate(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA, gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    return new GlCompositor(canvas, gl, program, uniform);
  }

  protected async draw({ width, height, layers, timestamp, duration, background }: DrawRequest): Promise<DrawnFrame> {
    const gl = this.gl;
    if (gl.isContextLost()) throw new Error('The WebGL context is lost; make a new compositor.');
    const readback = (this.readback = readbackFor(this.readback, gl, width, height, this.stats));
    gl.bindFramebuffer(gl.FRAMEBUFFER, readback.framebuffer);
    gl.viewport(0, 0, width, height);
    gl.clearColor(background[0], background[1], background[2], 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    for (let i = 0; i < layers.length; i++) {
      const { frame, rotation, look } = layers[i]!;
      writePlacement(this.placement, frame.displayWidth, frame.displayHeight, rotation, width, height, look?.fit);
      writeLook(this.placement, look ?? {}, width, height);
      await this.textures.bind(i, frame);
      gl.bufferSubData(gl.UNIFORM_BUFFER, 0, this.placement);
      gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    }
    // read() issues readPixels into a pooled pack buffer and its fence at once; only the wait is left in `frame`.
    return { frame: readback.read(timestamp, duration) };
  }

  poolStats(): PoolStats {
    return { ...this.stats };
  }

  /** Frees the GPU resources and the context itself (browsers allow only a few live WebGL contexts). */
  destroy(): void {
    const gl = this.gl;
    this.textures.destroy();
    this.readback?.destroy();
    this.readback = null;
    gl.deleteBuffer(this.uniform);
    gl.deleteProgram(this.program);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
