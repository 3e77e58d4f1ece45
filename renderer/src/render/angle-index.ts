/**
 * Lookups from a position to a gate: which ray covers an angle (azimuth for PPI, elevation for RHI) and
 * which gate covers a slant range. Rays become wedges, the angular interval each ray covers; the canvas
 * rasteriser and the readout search them, and the WebGL renderer draws them as geometry, so both paths
 * pick the same gate for the same pixel.
 *
 * A ray covers the angles nearer to it than to any other ray, but no farther than 0.75 × the median ray
 * spacing: gaps (missing rays, the edges of a sector or RHI) stay empty instead of smearing a ray.
 */
import { angleDifference } from './geometry';

/** Median spacing (degrees) between angularly adjacent rays; 1 when it cannot be told. */
export function medianSpacing(sorted: readonly number[], circular: boolean): number {
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) gaps.push(sorted[i]! - sorted[i - 1]!);
  if (circular && sorted.length > 1) gaps.push(sorted[0]! + 360 - sorted[sorted.length - 1]!);
  const positive = gaps.filter((g) => g > 1e-6).sort((a, b) => a - b);
  return positive.length ? positive[Math.floor(positive.length / 2)]! : 1;
}

/**
 * The angular intervals [lo, hi) the rays cover, in degrees within [0, 360), sorted by lo and
 * non-overlapping; a wedge across north is split in two. `centre` is the ray's own angle.
 */
export interface Wedges {
  lo: Float64Array;
  hi: Float64Array;
  centre: Float64Array;
  ray: Int32Array;
  count: number;
}

/** Wedges of the rays at `angles` (degrees, any real value; NaN angles cover nothing). */
export function buildWedges(angles: Float32Array): Wedges {
  const rays: { angle: number; ray: number }[] = [];
  for (let i = 0; i < angles.length; i++) {
    const a = angles[i]!;
    if (Number.isFinite(a)) rays.push({ angle: ((a % 360) + 360) % 360, ray: i });
  }
  rays.sort((p, q) => p.angle - q.angle || p.ray - q.ray);
  const n = rays.length;
  const limit =
    0.75 *
    medianSpacing(
      rays.map((r) => r.angle),
      true,
    );
  const parts: { lo: number; hi: number; centre: number; ray: number }[] = [];
  for (let i = 0; i < n; i++) {
    const { angle, ray } = rays[i]!;
    // half-way to the neighbours (circularly), but no farther than the limit
    const before = n > 1 ? Math.abs(angleDifference(angle, rays[(i - 1 + n) % n]!.angle)) / 2 : limit;
    const after = n > 1 ? Math.abs(angleDifference(rays[(i + 1) % n]!.angle, angle)) / 2 : limit;
    const lo = angle - Math.min(limit, before);
    const hi = angle + Math.min(limit, after);
    if (!(hi > lo)) continue;
    if (lo < 0) parts.push({ lo: lo + 360, hi: 360, centre: angle, ray }, { lo: 0, hi, centre: angle, ray });
    else if (hi > 360) parts.push({ lo, hi: 360, centre: angle, ray }, { lo: 0, hi: hi - 360, centre: angle, ray });
    else parts.push({ lo, hi, centre: angle, ray });
  }
  parts.sort((p, q) => p.lo - q.lo);
  return {
    lo: Float64Array.from(parts, (p) => p.lo),
    hi: Float64Array.from(parts, (p) => p.hi),
    centre: Float64Array.from(parts, (p) => p.centre),
    ray: Int32Array.from(parts, (p) => p.ray),
    count: parts.length,
  };
}

/** Ray index covering `angleDeg` (folded into [0, 360)), or −1. */
export function rayAt(w: Wedges, angleDeg: number): number {
  const a = ((angleDeg % 360) + 360) % 360;
  let lo = 0;
  let hi = w.count - 1;
  if (hi < 0 || a < w.lo[0]!) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (w.lo[mid]! <= a) lo = mid;
    else hi = mid - 1;
  }
  return a < w.hi[lo]! ? w.ray[lo]! : -1;
}

export interface GateSpacing {
  /** metres: near edge of the first gate */
  firstEdge: number;
  /** metres between gate centres */
  step: number;
  gates: number;
  /** true when every gate centre is within 1 % of a step of the uniform grid */
  uniform: boolean;
  /** metres: gate edges (length gates + 1), half-way between centres */
  edges: Float64Array;
}

export function gateSpacing(range: Float32Array): GateSpacing {
  const n = range.length;
  const step = n > 1 ? (range[n - 1]! - range[0]!) / (n - 1) : 1;
  let uniform = n > 0 && step > 0;
  for (let i = 0; i < n && uniform; i++)
    if (Math.abs(range[i]! - (range[0]! + i * step)) > 0.01 * step) uniform = false;
  const edges = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const prev = i > 0 ? range[i - 1]! : range[0]! - step;
    edges[i] = (range[i]! + prev) / 2;
  }
  if (n > 0) edges[n] = range[n - 1]! + (n > 1 ? (range[n - 1]! - range[n - 2]!) / 2 : step / 2);
  return { firstEdge: n > 0 ? range[0]! - step / 2 : 0, step, gates: n, uniform, edges };
}

/** Gate index covering slant range `rangeM` (metres), or −1 outside the gates. */
export function gateAt(spacing: GateSpacing, rangeM: number): number {
  if (!(rangeM >= spacing.edges[0]!) || !(rangeM < spacing.edges[spacing.gates]!)) return -1;
  if (spacing.uniform) {
    const g = Math.floor((rangeM - spacing.firstEdge) / spacing.step);
    return g < 0 ? 0 : g >= spacing.gates ? spacing.gates - 1 : g;
  }
  let lo = 0;
  let hi = spacing.gates - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spacing.edges[mid]! <= rangeM) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
