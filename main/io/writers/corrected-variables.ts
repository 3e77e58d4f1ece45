/**
 * Writes the dealiasing output the way Py-ART's `dealias_region_based` returns it (region-dealias
 * guide §2.8): `corrected_velocity`, float32, Py-ART's attributes, `_FillValue` = the input field's
 * fill when it had one (CfRadial inputs) else −9999, and `valid_min` / `valid_max` by Py-ART's rule
 * when asked. Sweeps that were not dealiased are fill. Optionally `velocity_fold_number` (int8, fill
 * −128), the number of 2·Nyquist intervals added at each gate.
 */
import { momentInfo } from '../../../common/moments';
import { CORRECTED_VARIABLE, DIM_RANGE, DIM_TIME, FOLD_VARIABLE } from './cfradial-names';
import type { ExportPlan } from './export-plan';
import { encodeRay, floatEncoding } from './field-encoding';
import { FIELD_COORDINATES } from './field-variables';
import { type NcAttributeSet, type NetCdf4Writer, nc } from './netcdf4-writer';

/** What the writer needs of `CorrectedVelocityExport` (see cfradial-writer.ts). */
export interface CorrectedInput {
  sourceMoment: string;
  sweeps: ReadonlyMap<number, { corrected: Float32Array; folds: Int8Array }>;
  nyquist: ReadonlyMap<number, number>;
  setLimits: boolean;
  includeFolds: boolean;
}

export const FOLD_FILL = -128;

/**
 * Py-ART's limits: with Vmax the largest Nyquist (m/s) and A = max |corrected|,
 * valid_max = Vmax + ceil((A − Vmax) / (2·Vmax))·2·Vmax, valid_min = −valid_max. Null when no gate has a value.
 */
export function pyartValidLimits(maxAbs: number | null, nyquists: Iterable<number>): [number, number] | null {
  const vmax = Math.max(...nyquists);
  if (maxAbs === null || !(vmax > 0)) return null;
  const validMax = vmax + Math.ceil((maxAbs - vmax) / (2 * vmax)) * 2 * vmax;
  return [-validMax, validMax];
}

function correctedAttributes(fill: number, limits: [number, number] | null): NcAttributeSet {
  const info = momentInfo('VRADH_CORR');
  return {
    _FillValue: nc.f32(fill),
    units: info.units,
    standard_name: info.standardName ?? '',
    long_name: info.longName,
    coordinates: FIELD_COORDINATES,
    // float32 like the variable (CF asks valid_* in the variable's type; Py-ART holds them as Python floats)
    ...(limits ? { valid_min: nc.f32(limits[0]), valid_max: nc.f32(limits[1]) } : {}),
  };
}

function foldAttributes(): NcAttributeSet {
  const info = momentInfo('FOLD');
  return {
    _FillValue: nc.i8(FOLD_FILL),
    long_name: info.longName,
    units: info.units,
    coordinates: FIELD_COORDINATES,
    comment: `${CORRECTED_VARIABLE} = original velocity + 2 * nyquist_velocity * ${FOLD_VARIABLE}`,
  };
}

/** max(|v|) over the non-NaN values of `values` and `current` (null = none yet). */
function largestMagnitude(values: Float32Array, current: number | null): number | null {
  let max = current ?? -1;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]!);
    if (a > max) max = a; // NaN compares false
  }
  return max < 0 ? null : max;
}

/** Write corrected_velocity (and the fold field if asked). `fill` is the corrected field's _FillValue. */
export function writeCorrected(w: NetCdf4Writer, plan: ExportPlan, input: CorrectedInput, fill: number): void {
  const gates = plan.grid.count;
  const source = plan.moments.find((m) => m.moment === input.sourceMoment);
  const encoding = floatEncoding(fill);
  const corrected = new Float32Array(plan.totalRays * gates).fill(fill);
  const folds = input.includeFolds ? new Int8Array(plan.totalRays * gates).fill(FOLD_FILL) : null;
  let maxAbs: number | null = null;
  for (const { header, firstRay } of plan.sweeps) {
    const run = input.sweeps.get(header.index);
    const mapping = source?.mappings.get(header.index);
    if (!run || !mapping) continue;
    const width = mapping.sourceGates;
    for (let r = 0; r < header.rayCount; r++) {
      const at = (firstRay + r) * gates;
      encodeRay(encoding, corrected, at, run.corrected, r * width, mapping.indices);
      if (!folds) continue;
      for (let g = 0; g < gates; g++) {
        const j = mapping.indices[g]!;
        // A fold only where the corrected velocity has a value; elsewhere it would mean nothing.
        if (j >= 0 && !Number.isNaN(run.corrected[r * width + j]!)) folds[at + g] = run.folds[r * width + j]!;
      }
    }
    maxAbs = largestMagnitude(run.corrected, maxAbs);
  }
  const limits = input.setLimits ? pyartValidLimits(maxAbs, input.nyquist.values()) : null;
  const dims = [DIM_TIME, DIM_RANGE];
  w.variable(CORRECTED_VARIABLE, dims, 'f32', corrected, correctedAttributes(fill, limits), { compress: true });
  if (folds) w.variable(FOLD_VARIABLE, dims, 'i8', folds, foldAttributes(), { compress: true });
}
