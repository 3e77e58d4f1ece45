/**
 * The CfRadial 1.x sweep index and per-ray metadata: ray times, angles, Nyquist velocity per ray,
 * sweep start/end ray indices, fixed angles, sweep modes and numbers, and gate ranges. Read once when
 * a file opens (small: a few numbers per ray); gate data is read later, sweep by sweep.
 *
 * Rays outside every sweep (ARM KaSACR files start their sweep at ray 2) are kept in the arrays and
 * simply belong to no sweep. A sweep whose indices are impossible is skipped with a warning.
 */
import type { SweepMode } from '../../../../common/volume';
import { ReaderError } from '../../reader-error';
import { parseCfDateTime, parseCfTimeUnits } from './cf-time';
import { fieldCodec } from './field-codec';
import type { NcDataset } from './nc-dataset';

export interface CfSweep {
  /** first and last ray (inclusive), indices along the time dimension */
  start: number;
  end: number;
  number: number;
  /** sweep_mode as the file writes it */
  modeText: string;
  mode: SweepMode;
  /** degrees: elevation for PPI, azimuth for RHI */
  fixedAngle: number;
}

export interface CfRadialIndex {
  rayCount: number;
  /** seconds since epoch, per ray */
  time: Float64Array;
  /** degrees, per ray */
  azimuth: Float32Array;
  elevation: Float32Array;
  /** m/s per ray (NaN where missing), or null when the file has no nyquist_velocity */
  nyquist: Float32Array | null;
  sweeps: CfSweep[];
  /** metres to the centre of each gate */
  range: Float32Array;
  /** variable gate counts (CfRadial `n_points` storage), or null for a (time, range) layout */
  ragged: { gates: Float64Array; start: Float64Array } | null;
}

/** A numeric metadata variable with fill masked and scale applied (float64), or null when absent. */
export async function readValues(ds: NcDataset, name: string): Promise<Float64Array | null> {
  const v = ds.variables.get(name);
  if (!v || v.type === 'char' || v.type === 'string') return null;
  const raw = await ds.readNumeric(name);
  return decode64(raw, fieldCodec(v.type, ds.attributes(name)));
}

function decode64(raw: ArrayLike<number>, codec: ReturnType<typeof fieldCodec>): Float64Array {
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i]!;
    const bad = v !== v || v < codec.validMin || v > codec.validMax || codec.missing.includes(v);
    out[i] = bad ? NaN : v * codec.scale + codec.offset;
  }
  return out;
}

/** Map a CfRadial sweep_mode string onto the modes Unfold distinguishes. */
export function sweepModeOf(text: string): SweepMode {
  const t = text.trim().toLowerCase();
  if (t === 'manual_rhi') return 'manual_rhi';
  if (t === 'manual_ppi') return 'manual_ppi';
  if (t.includes('rhi') || t === 'elevation_surveillance') return 'rhi';
  if (t.includes('sector') || t.startsWith('sec')) return 'sector';
  if (t.includes('surveillance') || t.includes('ppi')) return 'azimuth_surveillance';
  if (t.includes('vertical')) return 'vertical_pointing';
  return 'other';
}

async function rayTimes(ds: NcDataset, rayCount: number): Promise<Float64Array> {
  const raw = await readValues(ds, 'time');
  if (!raw || raw.length !== rayCount) throw new ReaderError('corrupt', ds.path, 'CfRadial: no time variable per ray');
  const units = ds.attributes('time')['units'];
  let parsed = typeof units === 'string' ? parseCfTimeUnits(units) : null;
  if (!parsed && ds.variables.has('time_coverage_start')) {
    // Some writers give "seconds" only; CfRadial then counts from time_coverage_start.
    const start = parseCfDateTime((await ds.readText('time_coverage_start'))[0] ?? '');
    if (start !== null) parsed = { scale: 1, epoch: start };
  }
  if (!parsed)
    throw new ReaderError('corrupt', ds.path, `CfRadial: time units "${String(units)}" are not "<unit> since <date>"`);
  return raw.map((t) => parsed.epoch + t * parsed.scale);
}

async function sweepTable(ds: NcDataset, rayCount: number, warnings: string[]): Promise<CfSweep[]> {
  const starts = await readValues(ds, 'sweep_start_ray_index');
  const ends = await readValues(ds, 'sweep_end_ray_index');
  if (!starts || !ends) {
    warnings.push('no sweep_start_ray_index/sweep_end_ray_index: all rays read as one sweep');
    return [{ start: 0, end: rayCount - 1, number: 0, modeText: '', mode: 'other', fixedAngle: NaN }];
  }
  const numbers = await readValues(ds, 'sweep_number');
  const fixed = await readValues(ds, 'fixed_angle');
  const modes = ds.variables.has('sweep_mode') ? await ds.readText('sweep_mode') : [];
  const sweeps: CfSweep[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = ends[i] ?? NaN;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end >= start && end < rayCount)) {
      warnings.push(`sweep ${i}: ray indices ${start}..${end} are outside the ${rayCount} rays; skipped`);
      continue;
    }
    const modeText = modes[i] ?? '';
    sweeps.push({
      start,
      end,
      number: numbers?.[i] ?? i,
      modeText,
      mode: sweepModeOf(modeText),
      fixedAngle: fixed?.[i] ?? NaN,
    });
  }
  if (sweeps.length === 0) throw new ReaderError('corrupt', ds.path, 'CfRadial: no sweep has valid ray indices');
  return sweeps;
}

/** Read the sweep index and per-ray metadata of a CfRadial dataset. */
export async function readCfRadialIndex(ds: NcDataset, warnings: string[]): Promise<CfRadialIndex> {
  const rayCount = ds.dimensions.get('time');
  if (rayCount === undefined || !ds.dimensions.has('range')) {
    throw new ReaderError(
      'unsupported',
      ds.path,
      'not readable as CfRadial: no time and range dimensions (not CfRadial, or its group structure is damaged)',
    );
  }
  const time = await rayTimes(ds, rayCount);
  const azimuth = await readValues(ds, 'azimuth');
  const elevation = await readValues(ds, 'elevation');
  if (!azimuth || !elevation || azimuth.length !== rayCount || elevation.length !== rayCount) {
    throw new ReaderError('corrupt', ds.path, 'CfRadial: azimuth/elevation per ray are missing');
  }
  const nyquistValues = await readValues(ds, 'nyquist_velocity');
  const nyquist = nyquistValues && nyquistValues.length === rayCount ? Float32Array.from(nyquistValues) : null;
  const range = await readValues(ds, 'range');
  if (!range) throw new ReaderError('corrupt', ds.path, 'CfRadial: no range variable');
  const gates = await readValues(ds, 'ray_n_gates');
  const gateStart = await readValues(ds, 'ray_start_index');
  const ragged = gates && gateStart && gates.length === rayCount ? { gates, start: gateStart } : null;
  return {
    rayCount,
    time,
    azimuth: Float32Array.from(azimuth),
    elevation: Float32Array.from(elevation),
    nyquist,
    sweeps: await sweepTable(ds, rayCount, warnings),
    range: Float32Array.from(range),
    ragged,
  };
}
