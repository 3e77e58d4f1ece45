/**
 * The one thing a sweep view draws: a field of one sweep (read from the file, dealiased by a run, or a
 * difference of two runs) with its geometry, colour scale and the lookups that map a position to a gate.
 * Built from API values (SweepData, RunSweepData) by the panel builders (panels.ts); prepared once per
 * field and then drawn at any zoom and pan by either renderer.
 */
import type { RunSweepData, SweepData } from '../../../common/api';
import type { ColourScale } from './colour-scale';
import { buildWedges, gateSpacing, type GateSpacing, type Wedges } from './angle-index';

export type ScanGeometry = 'ppi' | 'rhi';

export interface RasterField {
  /** stable identity: renderers re-upload only when it changes */
  key: string;
  /** panel title */
  title: string;
  geometry: ScanGeometry;
  rays: number;
  gates: number;
  /** row-major [ray][gate], NaN = missing */
  data: Float32Array;
  /** metres, length gates */
  range: Float32Array;
  /** degrees, length rays */
  azimuth: Float32Array;
  /** degrees, length rays */
  elevation: Float32Array;
  scale: ColourScale;
  /** m/s, where known */
  nyquist: number | null;
  /** quantity named in the readout, e.g. 'VRADH' or 'A − B' */
  quantity: string;
  /** on dealiased results: Nyquist intervals added per gate */
  folds?: Int8Array;
  /** on dealiased results: engine region label per gate (0 = none) */
  regions?: Int32Array;
  /** extra integer per gate shown in the readout for difference panels (fold difference A − B) */
  foldDifference?: Int8Array;
}

export interface PreparedField {
  field: RasterField;
  /** the angular interval each ray covers (azimuth for PPI, elevation for RHI) */
  wedges: Wedges;
  spacing: GateSpacing;
  /** degrees: the cone a PPI is drawn on (mean ray elevation) */
  coneElevation: number;
  /** metres: farthest slant range */
  maxRange: number;
}

/** Mean of the finite values, or `fallback`. */
export function finiteMean(values: Float32Array, fallback: number): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return n ? sum / n : fallback;
}

const prepared = new WeakMap<RasterField, PreparedField>();

/** Lookups of a field, computed once per field object. */
export function prepareField(field: RasterField): PreparedField {
  const hit = prepared.get(field);
  if (hit) return hit;
  const spacing = gateSpacing(field.range);
  const result: PreparedField = {
    field,
    wedges: buildWedges(field.geometry === 'ppi' ? field.azimuth : field.elevation),
    spacing,
    coneElevation: field.geometry === 'ppi' ? finiteMean(field.elevation, 0) : 0,
    maxRange: spacing.gates > 0 ? spacing.edges[spacing.gates]! : 0,
  };
  prepared.set(field, result);
  return result;
}

/** A field from a sweep read from the file. */
export function fieldFromSweep(
  sweep: SweepData,
  geometry: ScanGeometry,
  scale: ColourScale,
  title: string,
): RasterField {
  return {
    key: `${sweep.volumeId}/${sweep.sweep}/${sweep.moment}/${geometry}/${scale.min}/${scale.max}`,
    title,
    geometry,
    rays: sweep.rays,
    gates: sweep.gates,
    data: sweep.data,
    range: sweep.range,
    azimuth: sweep.azimuth,
    elevation: sweep.elevation,
    scale,
    nyquist: sweep.nyquist,
    quantity: sweep.moment,
  };
}

/** The corrected velocity of a run's sweep, on the geometry of the velocity sweep it was computed from. */
export function fieldFromRun(
  run: RunSweepData,
  velocity: SweepData,
  geometry: ScanGeometry,
  scale: ColourScale,
  title: string,
): RasterField {
  if (run.rays !== velocity.rays || run.gates !== velocity.gates) {
    throw new Error(
      `run ${run.runId} has ${run.rays}×${run.gates} gates but the file's ${velocity.moment} has ${velocity.rays}×${velocity.gates}`,
    );
  }
  return {
    key: `run/${run.runId}/${run.sweep}/${geometry}/${scale.min}/${scale.max}`,
    title,
    geometry,
    rays: run.rays,
    gates: run.gates,
    data: run.corrected,
    range: velocity.range,
    azimuth: velocity.azimuth,
    elevation: velocity.elevation,
    scale,
    nyquist: velocity.nyquist,
    quantity: `${velocity.moment} dealiased`,
    folds: run.folds,
    regions: run.regions,
  };
}
