// The WebGL2 port of blit-texture.wgsl + placement.wgsl's `look`: samples the
// uploaded frame, discards what a wipe has not revealed yet (output
// x > reveal), then applies brightness, contrast, saturation, dimming and
// opacity.

uniform sampler2D frame;

in vec2 uv;
in float outputX;
out vec4 fragColor;

// Colour adjustments, then the frame's own alpha (titles are transparent around their letters) times the layer's opacity.
vec4 applyLook(vec4 color) {
  vec4 c = placement.colour;
  vec3 rgb = (color.rgb - vec3(0.5)) * c.y + vec3(0.5) + vec3(c.x);
  float luma = dot(rgb, vec3(0.2126, 0.7152, 0.0722));
  rgb = clamp(mix(vec3(luma), rgb, c.z), vec3(0.0), vec3(1.0));
  return vec4(rgb * placement.look.y, color.a * placement.look.x);
}

void main() {
  vec4 color = texture(frame, uv);
  if (outputX > placement.look.z) {
    discard;
  }
  fragColor = applyLook(color);
}
