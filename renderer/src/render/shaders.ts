/**
 * GLSL ES 3.00 shaders of the WebGL sweep renderer. Rays are drawn as wedge geometry (sweep-geometry.ts):
 * the vertex shader maps world kilometres to clip space with the view's origin and scale; the fragment
 * shader computes the pixel's slant range with the 4/3-earth formulas of geometry.ts (PPI: from ground
 * range on the sweep's cone; RHI: from ground range and height), written as short Taylor series in
 * γ = s / Re (γ < 0.1 rad within 850 km: error far below a millimetre), reads the gate's value from the
 * R32F data texture and its colour class from the 256 × 1 table with colourIndex()'s formula. No
 * trigonometry per pixel, which is what keeps software GL (SwiftShader) fast.
 */

export const VERTEX_SHADER = `#version 300 es
in vec2 aPosition;   // km: x east / ground range, y north / height
in float aRay;

uniform vec2 uOrigin;   // km at the top-left corner of the canvas
uniform vec2 uKmPerPx;  // km per device pixel, x and y
uniform vec2 uSizePx;   // canvas size, device pixels

out vec2 vWorld;
flat out int vRay;

void main() {
  vec2 px = vec2((aPosition.x - uOrigin.x) / uKmPerPx.x, (uOrigin.y - aPosition.y) / uKmPerPx.y);
  gl_Position = vec4(px.x / uSizePx.x * 2.0 - 1.0, 1.0 - px.y / uSizePx.y * 2.0, 0.0, 1.0);
  vWorld = aPosition;
  vRay = int(aRay + 0.5);
}
`;

export const FRAGMENT_SHADER = `#version 300 es
precision highp float;
precision highp int;
precision highp sampler2D;

uniform sampler2D uData;    // R32F, width = gates, height = rays; NaN = missing
uniform sampler2D uLut;     // RGBA8, 256 x 1
uniform float uMin;         // value at the low end of the table
uniform float uK;           // classes per unit: 256 / (max - min)
uniform float uNudge;       // CLASS_NUDGE
uniform int uMode;          // 0 = PPI, 1 = RHI
uniform float uRe;          // m: effective earth radius
uniform float uSinCone;     // PPI: sin and cos of the cone's elevation
uniform float uCosCone;
uniform float uGate0;       // m: near edge of the first gate
uniform float uGateStep;    // m
uniform int uGates;

in vec2 vWorld;
flat in int vRay;

out vec4 outColor;

void main() {
  float r;
  if (uMode == 0) {
    // r = Re sin(g) / cos(cone + g), g = s / Re
    float g = length(vWorld) * 1000.0 / uRe;
    float g2 = g * g;
    float sg = g * (1.0 - g2 * (1.0 / 6.0 - g2 / 120.0));
    float cg = 1.0 - g2 * (0.5 - g2 / 24.0);
    r = uRe * sg / (uCosCone * cg - uSinCone * sg);
  } else {
    // dx = (Re + h) sin(g), dy = h cos(g) - 2 Re sin^2(g / 2), g = x / Re
    float h = vWorld.y * 1000.0;
    float g = vWorld.x * 1000.0 / uRe;
    float g2 = g * g;
    float sg = g * (1.0 - g2 * (1.0 / 6.0 - g2 / 120.0));
    float cg = 1.0 - g2 * (0.5 - g2 / 24.0);
    float half2 = g2 * (0.25 - g2 / 48.0);
    vec2 d = vec2((uRe + h) * sg, h * cg - 2.0 * uRe * half2);
    r = length(d);
  }
  float g = floor((r - uGate0) / uGateStep);
  if (g < 0.0 || g >= float(uGates)) discard;
  float v = texelFetch(uData, ivec2(int(g), vRay), 0).r;
  if (isnan(v)) discard;
  int c = clamp(int(floor((v - uMin) * uK + uNudge)), 0, 255);
  outColor = texelFetch(uLut, ivec2(c, 0), 0);
}
`;
