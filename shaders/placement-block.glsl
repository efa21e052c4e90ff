// Shared by placement.vert.glsl and blit.frag.glsl (GLSL has no include: the
// compositor puts `#version` and this in front of each). std140 lays the 28
// floats out exactly as the WGSL Placement struct; both stages must declare
// the block identically, precision included.
precision highp float;

layout(std140) uniform Placement {
  vec2 halfExtent;
  vec2 uvOffset;
  vec2 uvX;
  vec2 uvY;
  vec4 look;
  vec4 crop;
  vec4 transform;
  vec4 colour;
  vec4 key;
} placement;
