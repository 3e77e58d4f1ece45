/**
 * Lookups from a position to a gate: which ray covers an angle (azimuth for PPI, elevation for RHI) and
 * which gate covers a slant range. Both the canvas rasteriser and the WebGL shader (as a texture) use the
 * same angle table, so the two paths pick the same gate for the same pixel.
 *
 * A ray covers the angles nearer to it than to any other ray, but no farther than 0.75 × the median ray
 * spacing: gaps (missing rays, the edges of a sector or RHI) stay empty instead of smearing a ray.
 */
import { angleDifference } from './geometry';

/** Bins of the angle table: 0.05° each. */
export const ANGLE_BINS = 7200;

/** Median spacing (degrees) between angularly adjacent rays; 1 when it cannot be told. */
export function medianSpacing(sorted: readonly number[], circular: boolean): number {
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) gaps.push(sorted[i]! - sorted[i - 1]!);
  if (circular && sorted.length > 1) gaps.push(sorted[0]! + 360 - sorted[sorted.length - 1]!);
  const positive = gaps.filter((g) => g > 1e-6).sort((a, b) => a - b);
  return positive.length ? positive[Math.floor(positive.length / 2)]! : 1;
}

/**
 * Table of `bins` entries over [0, 360): the index of the ray covering each bin centre, or −1.
 * Angles are in degrees (any real value; folded into [0, 360)). NaN angles never cover anything.
 */
export function buildAngleTable(angles: Float32Array, bins = ANGLE_BINS): Float32Array {
  const table = new Float32Array(bins).fill(-1);
  const rays: { angle: number; ray: number }[] = [];
  for (let i = 0; i < angles.length; i++) {
    const a = angles[i]!;
    if (Number.isFinite(a)) rays.push({ angle: ((a % 360) + 360) % 360, ray: i });
  }
  if (rays.length === 0) return table;
  rays.sort((p, q) => p.angle - q.angle);
  const sorted = rays.map((r) => r.angle);
  const limit = 0.75 * medianSpacing(sorted, true);
  const binWidth = 360 / bins;
  let j = 0; // first ray with angle >= bin centre
  for (let b = 0; b < bins; b++) {
    const centre = (b + 0.5) * binWidth;
    while (j < rays.length && rays[j]!.angle < centre) j++;
    const after = rays[j % rays.length]!;
    const before = rays[(j - 1 + rays.length) % rays.length]!;
    const dAfter = Math.abs(angleDifference(after.angle, centre));
    const dBefore = Math.abs(angleDifference(centre, before.angle));
    const best = dAfter < dBefore ? after : before;
    const distance = Math.min(dAfter, dBefore);
    if (distance <= limit) table[b] = best.ray;
  }
  return table;
}

/** Ray index covering `angleDeg`, or −1. */
export function rayAt(table: Float32Array, angleDeg: number): number {
  const bins = table.length;
  const a = ((angleDeg % 360) + 360) % 360;
  const b = Math.min(bins - 1, Math.floor((a / 360) * bins));
  return table[b]!;
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
