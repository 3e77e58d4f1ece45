/**
 * Builds the gate filter of a dealias run: which velocity gates are excluded because another moment of
 * the same sweep is out of its accepted range (reflectivity, NCP/SQI, SNR, ...) or the velocity texture is
 * too high. Moments may have other gate counts and spacings than the velocity (NEXRAD REF 1832 × 250 m vs
 * VEL 1192 × 250 m; legacy REF 1 km vs VEL 250 m): gates are matched by range, nearest gate centre.
 */
import type { GateFilterSpec, GateThreshold } from '../../common/dealias';
import type { SweepField } from '../../common/volume';

/** For each gate of `target`, the index of the nearest gate of `source` by range, or -1 beyond its ends. */
export function matchGatesByRange(target: Float32Array, source: Float32Array): Int32Array {
  const out = new Int32Array(target.length).fill(-1);
  if (source.length === 0) return out;
  // Half a gate beyond either end still counts as inside (gate centres are stored).
  const halfFirst = source.length > 1 ? Math.abs(source[1]! - source[0]!) / 2 : 0;
  const halfLast = source.length > 1 ? Math.abs(source[source.length - 1]! - source[source.length - 2]!) / 2 : 0;
  let j = 0;
  for (let i = 0; i < target.length; i++) {
    const r = target[i]!;
    if (r < source[0]! - halfFirst || r > source[source.length - 1]! + halfLast) continue;
    while (j + 1 < source.length && Math.abs(source[j + 1]! - r) <= Math.abs(source[j]! - r)) j++;
    out[i] = j;
  }
  return out;
}

function applyThreshold(excluded: Uint8Array, velocity: SweepField, field: SweepField, threshold: GateThreshold): void {
  const match = matchGatesByRange(velocity.range, field.range);
  const min = threshold.min ?? -Infinity;
  const max = threshold.max ?? Infinity;
  for (let ray = 0; ray < velocity.rays; ray++) {
    const vRow = ray * velocity.gates;
    const fRow = ray * field.gates;
    for (let gate = 0; gate < velocity.gates; gate++) {
      const j = match[gate]!;
      const value = j < 0 ? NaN : field.data[fRow + j]!;
      // Missing or out-of-range values exclude the gate, as Py-ART's GateFilter does for masked moments.
      if (!(value >= min && value <= max)) excluded[vRow + gate] = 1;
    }
  }
}

/** Standard deviation of velocity over the gate and its two neighbours along the ray (m/s). */
function applyTexture(excluded: Uint8Array, velocity: SweepField, maxTexture: number): void {
  const { rays, gates, data } = velocity;
  for (let ray = 0; ray < rays; ray++) {
    const row = ray * gates;
    for (let gate = 0; gate < gates; gate++) {
      let n = 0;
      let sum = 0;
      let sumSq = 0;
      for (let k = Math.max(0, gate - 1); k <= Math.min(gates - 1, gate + 1); k++) {
        const x = data[row + k]!;
        if (!Number.isFinite(x)) continue;
        n++;
        sum += x;
        sumSq += x * x;
      }
      if (n < 2) continue;
      const variance = Math.max(0, sumSq / n - (sum / n) ** 2);
      if (Math.sqrt(variance) > maxTexture) excluded[row + gate] = 1;
    }
  }
}

export interface GateFilterResult {
  /** 1 = excluded; undefined when the filter excludes nothing beyond missing gates */
  excluded: Uint8Array | undefined;
  excludedCount: number;
  warnings: string[];
}

/**
 * Evaluate a filter for one sweep. `fields` holds every moment the thresholds name that this sweep has;
 * a threshold on a moment the sweep lacks is skipped with a warning (as Py-ART skips missing fields).
 */
export function buildGateFilter(
  spec: GateFilterSpec | null | undefined,
  velocity: SweepField,
  fields: ReadonlyMap<string, SweepField>,
): GateFilterResult {
  const warnings: string[] = [];
  if (!spec || (spec.thresholds.length === 0 && spec.maxVelocityTexture === undefined)) {
    return { excluded: undefined, excludedCount: 0, warnings };
  }
  const excluded = new Uint8Array(velocity.rays * velocity.gates);
  for (const threshold of spec.thresholds) {
    const field = fields.get(threshold.moment);
    if (!field) {
      warnings.push(`gate filter: this sweep has no ${threshold.moment}; that threshold was skipped`);
      continue;
    }
    if (field.rays !== velocity.rays) {
      warnings.push(`gate filter: ${threshold.moment} has ${field.rays} rays, velocity ${velocity.rays}; skipped`);
      continue;
    }
    applyThreshold(excluded, velocity, field, threshold);
  }
  if (spec.maxVelocityTexture !== undefined) applyTexture(excluded, velocity, spec.maxVelocityTexture);
  let excludedCount = 0;
  for (let i = 0; i < excluded.length; i++) excludedCount += excluded[i]!;
  return { excluded, excludedCount, warnings };
}
