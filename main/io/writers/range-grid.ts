/**
 * The one range axis of an exported volume. CfRadial 1.4 has a single `range(range)` coordinate per
 * file, but moments and sweeps may come with different gate geometry: NEXRAD message 1 stores
 * reflectivity in 1 km gates and velocity in 250 m gates; Swedish ODIM volumes change `rscale`
 * between sweeps; NEXRAD message 31 moments differ in gate count only.
 *
 * Rule (documented in the exported fields' `comment`): the common grid has the finest gate spacing
 * found in the volume, and among fields with that spacing the grid is aligned on the preferred moment
 * (the dealiased velocity, then other velocities), whose range values are copied exactly. The grid
 * starts early enough and reaches far enough for every field. A field on the same spacing and
 * aligned with the grid is only shifted (exact); any other field is resampled by nearest gate, and a
 * grid gate outside that field's gates is fill.
 */

/** A regular gate grid; ranges in metres to the gate centres. */
export interface GateGrid {
  first: number;
  spacing: number;
  count: number;
  /** float32 range per gate, as written to `range` */
  range: Float32Array;
}

/** The gate geometry of one moment in one sweep. */
export interface FieldGates {
  moment: string;
  sweep: number;
  /** metres to the centre of each gate */
  range: Float32Array;
}

/** For each grid gate, the source gate it takes its value from, or -1 (fill). */
export interface GateMapping {
  indices: Int32Array;
  /** gates per ray in the source field */
  sourceGates: number;
  /** true when the source gates land one-to-one on grid gates at their own range (no resampling) */
  exact: boolean;
}

/** More gates than any radar records: a larger grid means broken range metadata. */
export const MAX_GRID_GATES = 100_000;

const sameSpacing = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-3 * Math.max(a, b);

/** Mean gate spacing (m), NaN for fewer than two gates. */
export function spacingOf(range: Float32Array): number {
  const n = range.length;
  return n < 2 ? NaN : (range[n - 1]! - range[0]!) / (n - 1);
}

function isUniform(range: Float32Array, spacing: number): boolean {
  const first = range[0]!;
  for (let j = 1; j < range.length; j++) if (Math.abs(range[j]! - (first + j * spacing)) > 0.01 * spacing) return false;
  return true;
}

/** Choose the common grid for `fields`; `preferred` lists moments to align on, best first. */
export function chooseCommonGrid(fields: readonly FieldGates[], preferred: readonly string[]): GateGrid {
  const usable = fields.filter((f) => f.range.length > 0);
  if (usable.length === 0) return { first: 0, spacing: 0, count: 0, range: new Float32Array(0) };
  const spaced = usable.filter((f) => spacingOf(f.range) > 0);
  const minFirst = Math.min(...usable.map((f) => f.range[0]!));
  const maxLast = Math.max(...usable.map((f) => f.range[f.range.length - 1]!));
  if (spaced.length === 0) {
    // Only single-gate fields: nothing defines a spacing, so the grid is the one gate they share.
    return { first: minFirst, spacing: 0, count: 1, range: Float32Array.of(minFirst) };
  }
  const finest = Math.min(...spaced.map((f) => spacingOf(f.range)));
  const rank = (f: FieldGates): number => {
    const i = preferred.indexOf(f.moment);
    return i < 0 ? preferred.length : i;
  };
  const reference = spaced
    .filter((f) => sameSpacing(spacingOf(f.range), finest))
    .sort((a, b) => rank(a) - rank(b) || a.sweep - b.sweep)[0]!;
  const spacing = spacingOf(reference.range);
  const refFirst = reference.range[0]!;
  const before = Math.max(0, Math.round((refFirst - minFirst) / spacing));
  const first = refFirst - before * spacing;
  const count = Math.round((maxLast - first) / spacing) + 1;
  if (!(count > 0 && count <= MAX_GRID_GATES)) {
    throw new RangeError(`the gate ranges span ${count} gates of ${spacing.toFixed(2)} m (broken range metadata?)`);
  }
  const range = new Float32Array(count);
  for (let g = 0; g < count; g++) {
    const j = g - before;
    range[g] = j >= 0 && j < reference.range.length ? reference.range[j]! : first + g * spacing;
  }
  return { first, spacing, count, range };
}

/** Index of the source gate nearest to `r` (source ranges ascending). */
function nearestIndex(range: Float32Array, r: number): number {
  let lo = 0;
  let hi = range.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (range[mid]! <= r) lo = mid;
    else hi = mid;
  }
  return Math.abs(range[hi]! - r) < Math.abs(range[lo]! - r) ? hi : lo;
}

/** Where each grid gate takes its value from in a field with gate ranges `range`. */
export function mapOntoGrid(grid: GateGrid, range: Float32Array): GateMapping {
  const indices = new Int32Array(grid.count).fill(-1);
  const n = range.length;
  if (n === 0 || grid.count === 0) return { indices, sourceGates: n, exact: n === 0 };
  const spacing = n > 1 ? spacingOf(range) : grid.spacing;
  if (grid.spacing > 0 && n > 1 && sameSpacing(spacing, grid.spacing) && isUniform(range, spacing)) {
    const shift = (range[0]! - grid.first) / grid.spacing;
    const whole = Math.round(shift);
    if (Math.abs(shift - whole) < 0.01 && whole >= 0 && whole + n <= grid.count) {
      for (let j = 0; j < n; j++) indices[j + whole] = j;
      return { indices, sourceGates: n, exact: true };
    }
  }
  // Nearest gate, only inside the source gate's own extent (half a spacing each side).
  const half = (spacing > 0 ? spacing : grid.spacing) / 2 + 1e-3;
  let hits = 0;
  for (let g = 0; g < grid.count; g++) {
    const r = grid.range[g]!;
    const j = nearestIndex(range, r);
    if (Math.abs(range[j]! - r) <= half) {
      indices[g] = j;
      hits++;
    }
  }
  const exact = n === 1 && hits === 1 && Math.abs(range[0]! - grid.range[indices.indexOf(0)]!) < 1e-3;
  return { indices, sourceGates: n, exact };
}
