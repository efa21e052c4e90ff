// Shared by the blit shaders (WGSL has no include: the pass concatenates).
// Draws one frame into the output. The frame first fits inside the output
// (letterbox/pillarbox: `halfExtent` in NDC); `crop` (left, top, right, bottom
// fractions) trims it in place; `transform` (centre in NDC, scale, clockwise
// radians) moves it. The source UV of each point is an affine map of its
// display UV, so rotation metadata costs nothing extra. `look` carries
// opacity, dimming (dip to black) and reveal (a wipe draws only output
// x < reveal); `colour` carries brightness, contrast and saturation, and the
// output's aspect ratio (for rotating in square pixels); `key` the chroma key's
// Cb, Cr and tolerance (0: none).
struct Placement {
  halfExtent: vec2f,
  uvOffset: vec2f,
  uvX: vec2f,
  uvY: vec2f,
  look: vec4f,
  crop: vec4f,
  transform: vec4f,
  colour: vec4f,
  key: vec4f,
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
  let crop = placement.crop;
  let display = vec2f(crop.x + corner.x * (1.0 - crop.x - crop.z), crop.y + corner.y * (1.0 - crop.y - crop.w));
  // Offset from the picture's centre in NDC (y up), then scaled and rotated in square pixels.
  let offset = vec2f((display.x * 2.0 - 1.0) * placement.halfExtent.x, (1.0 - display.y * 2.0) * placement.halfExtent.y);
  let aspect = placement.colour.w;
  let square = vec2f(offset.x * aspect, offset.y) * placement.transform.z;
  let angle = -placement.transform.w;
  let turned = vec2f(square.x * cos(angle) - square.y * sin(angle), square.x * sin(angle) + square.y * cos(angle));
  var out: VertexOut;
  out.position = vec4f(placement.transform.xy + vec2f(turned.x / aspect, turned.y), 0.0, 1.0);
  out.uv = placement.uvOffset + placement.uvX * display.x + placement.uvY * display.y;
  out.outputX = (out.position.x + 1.0) * 0.5;
  return out;
}

// A chroma key, as OBS's: a pixel whose Rec. 709 chroma lies within the
// tolerance of the key's turns transparent, and opaque again over KEY_SOFTNESS
// beyond it; within KEY_SPILL beyond it, it loses colour towards grey, so no
// fringe of the screen's colour is left round the subject.
const KEY_SOFTNESS = 0.08;
const KEY_SPILL = 0.1;

fn keyOut(color: vec4f) -> vec4f {
  let key = placement.key;
  if (key.z <= 0.0) {
    return color;
  }
  let luma = dot(color.rgb, vec3f(0.2126, 0.7152, 0.0722));
  let chroma = vec2f((color.b - luma) / 1.8556, (color.r - luma) / 1.5748);
  let beyond = distance(chroma, key.xy) - key.z;
  let alpha = pow(clamp(beyond / KEY_SOFTNESS, 0.0, 1.0), 1.5);
  let spill = pow(clamp(beyond / KEY_SPILL, 0.0, 1.0), 1.5);
  return vec4f(mix(vec3f(luma), color.rgb, spill), color.a * alpha);
}

// The chroma key, colour adjustments, then the frame's own alpha (titles are transparent around their letters) times the layer's opacity.
fn look(source: vec4f) -> vec4f {
  let color = keyOut(source);
  let c = placement.colour;
  var rgb = (color.rgb - vec3f(0.5)) * c.y + vec3f(0.5) + vec3f(c.x);
  let luma = dot(rgb, vec3f(0.2126, 0.7152, 0.0722));
  rgb = clamp(mix(vec3f(luma), rgb, c.z), vec3f(0.0), vec3f(1.0));
  return vec4f(rgb * placement.look.y, color.a * placement.look.x);
}
