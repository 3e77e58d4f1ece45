/**
 * The survey pass of a CfRadial export: reads every sweep's geometry and the gate geometry and packing
 * of every field, then decides the layout of the file before anything is written (rays stacked along
 * `time`, the common range grid, the netCDF name and storage of each moment, which sweeps each moment
 * has). Field data is dropped as soon as its ranges are known; the write pass decodes it again one
 * moment at a time, which keeps memory at one field of the whole volume rather than all of them.
 */
import type { OpenedVolume, Packing, SweepGeometry, SweepHeader } from '../../../common/volume';
import { type MomentName, momentInfo } from '../../../common/moments';
import { ExportError } from './export-error';
import { chooseEncoding, type FieldEncoding } from './field-encoding';
import {
  type FieldGates,
  type GateGrid,
  type GateMapping,
  chooseCommonGrid,
  mapOntoGrid,
  spacingOf,
} from './range-grid';
import { CORRECTED_VARIABLE, FOLD_VARIABLE, RESERVED_VARIABLES, sanitiseName } from './cfradial-names';

export interface SweepLayout {
  header: SweepHeader;
  geometry: SweepGeometry;
  /** index along `time` of the sweep's first ray */
  firstRay: number;
}

export interface MomentLayout {
  moment: MomentName;
  /** netCDF variable name */
  variable: string;
  /** units to write: the registry's, or the file's for moments the registry lacks */
  units: string;
  encoding: FieldEncoding;
  /** the raw fill code the input used for this moment, if any */
  inputFill: number | undefined;
  /** sweep index → where each grid gate comes from; sweeps without the moment are absent (fill) */
  mappings: Map<number, GateMapping>;
  /** sentences for the variable's `comment` where gates were resampled onto the common grid */
  resampled: string[];
  /** the input coded range-folded gates apart from missing ones (NEXRAD raw 1); they export as fill */
  hadRangeFolded: boolean;
}

export interface ExportPlan {
  sweeps: SweepLayout[];
  totalRays: number;
  grid: GateGrid;
  moments: MomentLayout[];
}

export interface PlanRequest {
  /** the dealiased velocity moment, if a corrected field is exported (aligns the range grid on it) */
  sourceMoment?: MomentName;
  /** moments not exported because the corrected output replaces them */
  skipMoments: ReadonlySet<MomentName>;
  onSweep?: (done: number, total: number) => void;
}

interface Surveyed {
  gates: FieldGates;
  packing: Packing | undefined;
  units: string;
}

const invalid = (path: string, problem: string): ExportError => new ExportError('invalid', `${path}: ${problem}`);

function describeResampling(gates: FieldGates, grid: GateGrid): string {
  const spacing = spacingOf(gates.range);
  const from = Number.isFinite(spacing) ? `${spacing.toFixed(1)} m gates` : 'a single gate';
  return (
    `sweep ${gates.sweep}: resampled by nearest gate from ${from} starting at ${gates.range[0]!.toFixed(1)} m ` +
    `onto the common ${grid.spacing.toFixed(1)} m range grid`
  );
}

/** netCDF names for the exported moments: registry cfName, sanitised, unique, clear of structural names. */
function variableNames(moments: readonly MomentName[], corrected: boolean): Map<MomentName, string> {
  const taken = new Set<string>(RESERVED_VARIABLES);
  if (corrected) taken.add(CORRECTED_VARIABLE).add(FOLD_VARIABLE);
  const names = new Map<MomentName, string>();
  for (const moment of moments) {
    const base = sanitiseName(momentInfo(moment).cfName);
    let name = base;
    for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    names.set(moment, name);
  }
  return names;
}

export async function planExport(volume: OpenedVolume, request: PlanRequest): Promise<ExportPlan> {
  const { header } = volume;
  const sweeps: SweepLayout[] = [];
  const surveyed = new Map<MomentName, Surveyed[]>();
  let totalRays = 0;
  for (const sweep of header.sweeps) {
    const geometry = await volume.readGeometry(sweep.index);
    const rays = sweep.rayCount;
    if (geometry.azimuth.length !== rays || geometry.elevation.length !== rays || geometry.time.length !== rays) {
      throw invalid(header.path, `sweep ${sweep.index} has ${rays} rays but geometry for a different count`);
    }
    sweeps.push({ header: sweep, geometry, firstRay: totalRays });
    totalRays += rays;
    for (const moment of sweep.moments) {
      if (request.skipMoments.has(moment)) continue;
      const field = await volume.readField(sweep.index, moment);
      if (field.rays !== rays || field.data.length !== rays * field.gates || field.range.length !== field.gates) {
        throw invalid(header.path, `${moment} in sweep ${sweep.index} is not ${rays} rays × ${field.gates} gates`);
      }
      const list = surveyed.get(moment) ?? [];
      list.push({
        gates: { moment, sweep: sweep.index, range: field.range.slice() },
        packing: field.packing,
        units: field.units,
      });
      surveyed.set(moment, list);
    }
    request.onSweep?.(sweeps.length, header.sweeps.length);
  }

  const preferred = [
    ...(request.sourceMoment ? [request.sourceMoment] : []),
    ...[...surveyed.keys()].filter((m) => momentInfo(m).isVelocity),
  ];
  let grid: GateGrid;
  try {
    grid = chooseCommonGrid(
      [...surveyed.values()].flat().map((s) => s.gates),
      preferred,
    );
  } catch (err) {
    throw invalid(header.path, err instanceof Error ? err.message : String(err));
  }

  const order = header.moments.filter((m) => surveyed.has(m));
  for (const m of surveyed.keys()) if (!order.includes(m)) order.push(m);
  const names = variableNames(order, request.sourceMoment !== undefined);
  const moments = order.map((moment): MomentLayout => {
    const list = surveyed.get(moment)!;
    const mappings = new Map<number, GateMapping>();
    const resampled: string[] = [];
    for (const s of list) {
      const mapping = mapOntoGrid(grid, s.gates.range);
      mappings.set(s.gates.sweep, mapping);
      if (!mapping.exact) resampled.push(describeResampling(s.gates, grid));
    }
    const info = momentInfo(moment);
    return {
      moment,
      variable: names.get(moment)!,
      units: info.units || list[0]!.units,
      encoding: chooseEncoding(list.map((s) => s.packing)),
      inputFill: list.find((s) => s.packing?.fill !== undefined)?.packing?.fill,
      hadRangeFolded: list.some((s) => s.packing?.rangeFolded !== undefined),
      mappings,
      resampled,
    };
  });
  return { sweeps, totalRays, grid, moments };
}
