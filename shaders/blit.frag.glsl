// The WebGL2 port of blit-texture.wgsl + placement.wgsl's `look`: samples the
// uploaded frame, discards what a wipe has not revealed yet (output
// x > reveal), then applies the chroma key, brightness, contrast, saturation,
// dimming and opacity.

uniform sampler2D frame;

in vec2 uv;
in float outputX;
out vec4 fragColor;

// The chroma key (see placement.wgsl's keyOut).
const float KEY_SOFTNESS = 0.08;
const float KEY_SPILL = 0.1;

vec4 keyOut(vec4 color) {
  vec4 key = placement.key;
  if (key.z <= 0.0) {
    return color;
  }
  float luma = dot(color.rgb, vec3(0.2126, 0.7152, 0.0722));
  vec2 chroma = vec2((color.b - luma) / 1.8556, (color.r - luma) / 1.5748);
  float beyond = distance(chroma, key.xy) - key.z;
  float alpha = pow(clamp(beyond / KEY_SOFTNESS, 0.0, 1.0), 1.5);
  float spill = pow(clamp(beyond / KEY_SPILL, 0.0, 1.0), 1.5);
  return vec4(mix(vec3(luma), color.rgb, spill), color.a * alpha);
}

// The chroma key, colour adjustments, then the frame's own alpha (titles are transparent around their letters) times the layer's opacity.
vec4 applyLook(vec4 source) {
  vec4 color = keyOut(source);
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
