// Samples a VideoFrame imported zero-copy as an external texture (YUV→RGB done by the GPU).
@group(0) @binding(2) var frame: texture_external;

@fragment
fn fs(in: VertexOut) -> @location(0) vec4f {
  let color = textureSampleBaseClampToEdge(frame, frameSampler, in.uv);
  if (in.outputX > placement.look.z) {
    discard;
  }
  return look(color);
}
