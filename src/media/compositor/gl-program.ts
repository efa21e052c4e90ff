/** Compiles one shader stage; throws with the driver's log so a broken shader names its line. */
function compile(gl: WebGL2RenderingContext, type: GLenum, source: string, label: string): WebGLShader {
  const shader = gl.createShader(type);
  if (!shader) throw new Error(`${label}: could not create a shader (is the WebGL context lost?).`);
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) {
    const log = gl.getShaderInfoLog(shader);
    gl.deleteShader(shader);
    throw new Error(`${label} did not compile: ${log || 'no log (is the WebGL context lost?)'}`);
  }
  return shader;
}

/**
 * Compiles and links a vertex + fragment pair into a program. The status
 * queries stall on the GPU, which is fine once at start-up; the shaders are
 * freed once linked (the program keeps what it needs).
 */
export function linkProgram(gl: WebGL2RenderingContext, vertexSource: string, fragmentSource: string, label: string): WebGLProgram {
  const vertex = compile(gl, gl.VERTEX_SHADER, vertexSource, `${label} vertex shader`);
  const fragment = compile(gl, gl.FRAGMENT_SHADER, fragmentSource, `${label} fragment shader`);
  const program = gl.createProgram();
  gl.attachShader(program, vertex);
  gl.attachShader(program, fragment);
  gl.linkProgram(program);
  gl.deleteShader(vertex);
  gl.deleteShader(fragment);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
    const log = gl.getProgramInfoLog(program);
    gl.deleteProgram(program);
    throw new Error(`${label} did not link: ${log || 'no log (is the WebGL context lost?)'}`);
  }
  return program;
}
