// The WebGL2 port of placement.wgsl's vertex stage: the same maths on the same
// 28 floats (writePlacement + writeLook, declared in placement-block.glsl).
// The frame fits inside the output (`halfExtent` in NDC), `crop` trims it in
// place, `transform` (centre in NDC, scale, clockwise radians) moves it, and
// the source UV is an affine map of the display UV (rotation metadata).

out vec2 uv;
out float outputX;

void main() {
  // Triangle strip corners: (0,0) (1,0) (0,1) (1,1), y down.
  vec2 corner = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
  vec4 crop = placement.crop;
  vec2 display = vec2(crop.x + corner.x * (1.0 - crop.x - crop.z), crop.y + corner.y * (1.0 - crop.y - crop.w));
  // Offset from the picture's centre in NDC (y up), then scaled and rotated in square pixels.
  vec2 offset = vec2((display.x * 2.0 - 1.0) * placement.halfExtent.x, (1.0 - display.y * 2.0) * placement.halfExtent.y);
  float aspect = placement.colour.w;
  vec2 square = vec2(offset.x * aspect, offset.y) * placement.transform.z;
  float angle = -placement.transform.w;
  vec2 turned = vec2(square.x * cos(angle) - square.y * sin(angle), square.x * sin(angle) + square.y * cos(angle));
  vec2 position = placement.transform.xy + vec2(turned.x / aspect, turned.y);
  uv = placement.uvOffset + placement.uvX * display.x + placement.uvY * display.y;
  outputX = (position.x + 1.0) * 0.5;
  // WebGL's framebuffer starts at the bottom row: draw upside down so readPixels' first row is the picture's top.
  gl_Position = vec4(position.x, -position.y, 0.0, 1.0);
}
