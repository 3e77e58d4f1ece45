/**
 * GLSL ES 3.00 shaders of the WebGL sweep renderer. The fragment shader maps each device pixel back to
 * its gate with the same 4/3-earth formulas and lookups as rasterize.ts: world km → (angle, slant range)
 * → ray from the angle-table texture, gate from the uniform gate spacing → value from the R32F data
 * texture → class from (v − min) / (max − min) × 256 → colour from the 256 × 1 colour-table texture.
 * Missing gates carry a sentinel (−3e38) instead of NaN: NaN comparisons are not reliable in GLSL.
 */

export const MISSING_SENTINEL = -3.0e38;

export const VERTEX_SHADER = `#version 300 es
in vec2 aPosition;
void main() {
  gl_Position = vec4(aPosition, 0.0, 1.0);
}
`;

export const FRAGMENT_SHADER = `#version 300 es
precision highp float;
precision highp int;
precision highp sampler2D;

uniform sampler2D uData;    // R32F, width = gates, height = rays
uniform sampler2D uAngles;  // R32F, width = angle bins: ray index or -1
uniform sampler2D uLut;     // RGBA8, 256 x 1
uniform vec2 uOrigin;       // km at the top-left corner of the canvas
uniform vec2 uKmPerPx;      // km per device pixel, x and y
uniform float uHeightPx;    // canvas height, device pixels
uniform int uMode;          // 0 = PPI, 1 = RHI
uniform float uCone;        // radians: elevation of the PPI cone
uniform float uRe;          // m: effective earth radius
uniform float uGate0;       // m: near edge of the first gate
uniform float uGateStep;    // m
uniform float uMaxRange;    // m
uniform int uGates;
uniform int uBins;
uniform float uMin;
uniform float uMax;

out vec4 outColor;

void main() {
  float px = gl_FragCoord.x;
  float pyFromTop = uHeightPx - gl_FragCoord.y;
  float x = (uOrigin.x + px * uKmPerPx.x) * 1000.0;
  float y = (uOrigin.y - pyFromTop * uKmPerPx.y) * 1000.0;
  float angle;
  float range;
  if (uMode == 0) {
    float g = length(vec2(x, y)) / uRe;
    range = uRe * sin(g) / cos(uCone + g);
    if (!(range >= 0.0) || range >= uMaxRange) discard;
    angle = degrees(atan(x, y));
  } else {
    float g = x / uRe;
    float h = sin(g * 0.5);
    float dx = (uRe + y) * sin(g);
    float dy = y * cos(g) - 2.0 * uRe * h * h;
    range = length(vec2(dx, dy));
    if (range >= uMaxRange) discard;
    angle = degrees(atan(dy, dx));
  }
  if (angle < 0.0) angle += 360.0;
  int bin = min(uBins - 1, int(angle / 360.0 * float(uBins)));
  float ray = texelFetch(uAngles, ivec2(bin, 0), 0).r;
  if (ray < 0.0) discard;
  float gf = floor((range - uGate0) / uGateStep);
  if (gf < 0.0 || gf >= float(uGates)) discard;
  float v = texelFetch(uData, ivec2(int(gf), int(ray)), 0).r;
  if (v < -1.0e38) discard;
  int c = clamp(int(floor((v - uMin) / (uMax - uMin) * 256.0)), 0, 255);
  outColor = texelFetch(uLut, ivec2(c, 0), 0);
}
`;
