// Shared by the blit shaders (WGSL has no include: the pass concatenates).
// Draws one frame into a destination rectangle given as NDC half extents
// (centred: letterbox/pillarbox); the source UV of each corner is an affine map
// of the display UV, so rotation metadata costs nothing extra. `look` carries
// what transitions need: opacity (blended over the layers below), brightness
// (dip to black) and reveal (a wipe draws only output x < reveal).
struct Placement {
  halfExtent: vec2f,
  uvOffset: vec2f,
  uvX: vec2f,
  uvY: vec2f,
  look: vec4f,
};

@group(0) @binding(0) var<uniform> placement: Placement;
@group(0) @binding(1) var frameSampler: sampler;

struct VertexOut {
  @builtin(position) position: vec4f,
  @location(0) uv: vec2f,
  @location(1) outputX: f32,
};

@vertex
fn vs(@builtin(vertex_index) index: u32) -> VertexOut {
  // Triangle strip corners: (0,0) (1,0) (0,1) (1,1), y down.
  let corner = vec2f(f32(index & 1u), f32(index >> 1u));
  var out: VertexOut;
  out.position = vec4f(
    (corner.x * 2.0 - 1.0) * placement.halfExtent.x,
    (1.0 - corner.y * 2.0) * placement.halfExtent.y,
    0.0,
    1.0,
  );
  out.uv = placement.uvOffset + placement.uvX * corner.x + placement.uvY * corner.y;
  out.outputX = (out.position.x + 1.0) * 0.5;
  return out;
}

// The frame's own alpha (titles are transparent around their letters) times the layer's opacity.
fn look(color: vec4f) -> vec4f {
  return vec4f(color.rgb * placement.look.y, color.a * placement.look.x);
}
