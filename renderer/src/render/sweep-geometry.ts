/**
 * Geometry the WebGL renderer uploads once per field: every ray's wedge as triangles in world kilometres.
 * The fragment shader computes each pixel's slant range itself, so the geometry only has
 * to cover the right pixels: PPI wedges are single triangles from the radar out past the last gate (a
 * straight edge at constant azimuth is exact on the ground plane); RHI wedges follow the curved beams in
 * range segments.
 */
import { beamHeight, groundRange } from './geometry';
import type { PreparedField } from './raster-field';

/** Segments an RHI ray is cut into along the range (beams curve in ground range × height). */
export const RHI_SEGMENTS = 16;
/** floats per vertex: x km, y km, ray index */
export const FLOATS_PER_VERTEX = 3;

const RAD = Math.PI / 180;

export interface SweepGeometry {
  vertices: Float32Array;
  vertexCount: number;
}

/** Triangles covering every wedge. */
export function buildSweepGeometry(p: PreparedField): SweepGeometry {
  const { wedges, spacing, field } = p;
  const last = spacing.edges[spacing.gates]!;
  const ppi = field.geometry === 'ppi';
  const vertices = new Float32Array(wedges.count * (ppi ? 3 : RHI_SEGMENTS * 6) * FLOATS_PER_VERTEX);
  let o = 0;
  const put = (x: number, y: number, ray: number): void => {
    vertices[o++] = x;
    vertices[o++] = y;
    vertices[o++] = ray;
  };
  if (ppi) {
    const outer = groundRange(last, p.coneElevation) / 1000;
    for (let w = 0; w < wedges.count; w++) {
      const lo = wedges.lo[w]! * RAD;
      const hi = wedges.hi[w]! * RAD;
      // the chord between the outer corners must enclose the arc of the last gate (plus a pixel's worth)
      const s = (outer / Math.cos((hi - lo) / 2)) * 1.0005;
      const ray = wedges.ray[w]!;
      put(0, 0, ray);
      put(s * Math.sin(lo), s * Math.cos(lo), ray);
      put(s * Math.sin(hi), s * Math.cos(hi), ray);
    }
  } else {
    const first = Math.max(0, spacing.edges[0]!);
    const ranges = Float64Array.from(
      { length: RHI_SEGMENTS + 1 },
      (_, i) => first + ((last - first) * i) / RHI_SEGMENTS,
    );
    const point = (r: number, elevation: number): [number, number] => [
      groundRange(r, elevation) / 1000,
      beamHeight(r, elevation) / 1000,
    ];
    for (let w = 0; w < wedges.count; w++) {
      // widen slightly so that the straight segments cover the curved beams' edges
      const lo = wedges.lo[w]! - 0.001;
      const hi = wedges.hi[w]! + 0.001;
      const ray = wedges.ray[w]!;
      for (let s = 0; s < RHI_SEGMENTS; s++) {
        const ra = ranges[s]!;
        const rb = ranges[s + 1]! * (s === RHI_SEGMENTS - 1 ? 1.0005 : 1);
        const [a, b, c, d] = [point(ra, lo), point(ra, hi), point(rb, lo), point(rb, hi)];
        put(a[0], a[1], ray);
        put(b[0], b[1], ray);
        put(c[0], c[1], ray);
        put(b[0], b[1], ray);
        put(d[0], d[1], ray);
        put(c[0], c[1], ray);
      }
    }
  }
  return { vertices, vertexCount: o / FLOATS_PER_VERTEX };
}
