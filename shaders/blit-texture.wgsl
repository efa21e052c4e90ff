// Samples a frame uploaded into an ordinary RGBA texture (where external import is unavailable).
@group(0) @binding(2) var frame: texture_2d<f32>;

@fragment
fn fs(in: VertexOut) -> @location(0) vec4f {
  let color = textureSample(frame, frameSampler, in.uv);
  if (in.outputX > placement.look.z) {
    discard;
  }
  return look(color);
}
