/**
 * Writes the frame of a CfRadial 1.4 file: dimensions (time = every ray of every sweep stacked,
 * range = the common gate grid, sweep, string length, frequency) and the coordinate, location, sweep
 * and per-ray metadata variables. The moment fields are written afterwards over `(time, range)`.
 */
import type { VolumeHeader } from '../../../common/volume';
import { coordinateAttributes, isoSeconds, sweepModeText } from './cfradial-metadata';
import { DIM_RANGE, DIM_STRING, DIM_SWEEP, DIM_TIME, STRING_LENGTH } from './cfradial-names';
import type { ExportPlan } from './export-plan';
import type { NetCdf4Writer } from './netcdf4-writer';

const SPEED_OF_LIGHT = 299_792_458; // m/s
const NO_VALUE = -9999;

/** Whole second at or before the earliest ray (or the header start): the `time` variable counts from it. */
export function timeBaseOf(header: VolumeHeader, plan: ExportPlan): number {
  let earliest = Number.isFinite(header.startTime) ? header.startTime : Infinity;
  for (const s of plan.sweeps) for (const t of s.geometry.time) if (t < earliest) earliest = t;
  return Number.isFinite(earliest) ? Math.floor(earliest) : 0;
}

/** Nyquist velocity (m/s) per ray: the file's per-ray value, else the sweep's, else the run's, else fill. */
function nyquistPerRay(plan: ExportPlan, runNyquist: ReadonlyMap<number, number>): Float32Array {
  const out = new Float32Array(plan.totalRays).fill(NO_VALUE);
  for (const { header, geometry, firstRay } of plan.sweeps) {
    const sweepValue = header.nyquist ?? runNyquist.get(header.index) ?? NO_VALUE;
    for (let r = 0; r < header.rayCount; r++) {
      const v = geometry.nyquistPerRay?.[r];
      out[firstRay + r] = v !== undefined && Number.isFinite(v) && v > 0 ? v : sweepValue;
    }
  }
  return out;
}

/** Per-ray variable (azimuth, elevation, time) stacked over all sweeps. */
function stacked<T extends Float32Array | Float64Array>(
  plan: ExportPlan,
  make: new (n: number) => T,
  pick: (g: ExportPlan['sweeps'][number]['geometry']) => ArrayLike<number>,
  shift = 0,
): T {
  const out = new make(plan.totalRays);
  for (const s of plan.sweeps) {
    const values = pick(s.geometry);
    for (let r = 0; r < s.header.rayCount; r++) out[s.firstRay + r] = values[r]! - shift;
  }
  return out;
}

export function writeStructure(
  w: NetCdf4Writer,
  header: VolumeHeader,
  plan: ExportPlan,
  timeBase: number,
  runNyquist: ReadonlyMap<number, number>,
): void {
  const { grid, sweeps } = plan;
  const attrs = coordinateAttributes(timeBase, grid.spacing, grid.range[0] ?? 0, true);
  const range = grid.count > 0 ? grid.range : Float32Array.of(0);

  w.coordinate(
    DIM_TIME,
    'f64',
    stacked(plan, Float64Array, (g) => g.time, timeBase),
    attrs.time,
  );
  w.coordinate(DIM_RANGE, 'f32', range, attrs.range);
  w.dimension(DIM_SWEEP, sweeps.length);
  w.dimension(DIM_STRING, STRING_LENGTH);

  const volumeNumber = header.attributes['volume_number'];
  const scalarInt = Int32Array.of(
    typeof volumeNumber === 'number' && Number.isInteger(volumeNumber) ? volumeNumber : 0,
  );
  w.variable('volume_number', [], 'i32', scalarInt, attrs.volume_number);
  w.charVariable('platform_type', [DIM_STRING], ['fixed'], attrs.platform_type);
  w.charVariable('instrument_type', [DIM_STRING], ['radar'], attrs.instrument_type);
  w.charVariable('primary_axis', [DIM_STRING], ['axis_z'], attrs.primary_axis);
  w.charVariable('time_coverage_start', [DIM_STRING], [isoSeconds(header.startTime)], attrs.time_coverage_start);
  w.charVariable('time_coverage_end', [DIM_STRING], [isoSeconds(header.endTime)], attrs.time_coverage_end);
  w.variable('latitude', [], 'f64', Float64Array.of(header.site.latitude), attrs.latitude);
  w.variable('longitude', [], 'f64', Float64Array.of(header.site.longitude), attrs.longitude);
  w.variable('altitude', [], 'f64', Float64Array.of(header.site.altitude), attrs.altitude);

  const perSweep = (f: (s: (typeof sweeps)[number]) => number): number[] => sweeps.map(f);
  w.variable('sweep_number', [DIM_SWEEP], 'i32', Int32Array.from(perSweep((s) => s.header.number)), attrs.sweep_number);
  const modes = sweeps.map((s) => sweepModeText(s.header.mode));
  w.charVariable('sweep_mode', [DIM_SWEEP, DIM_STRING], modes, attrs.sweep_mode);
  const fixed = Float32Array.from(
    perSweep((s) => (Number.isFinite(s.header.fixedAngle) ? s.header.fixedAngle : -9999)),
  );
  w.variable('fixed_angle', [DIM_SWEEP], 'f32', fixed, attrs.fixed_angle);
  const starts = Int32Array.from(perSweep((s) => s.firstRay));
  const ends = Int32Array.from(perSweep((s) => s.firstRay + s.header.rayCount - 1));
  w.variable('sweep_start_ray_index', [DIM_SWEEP], 'i32', starts, attrs.sweep_start_ray_index);
  w.variable('sweep_end_ray_index', [DIM_SWEEP], 'i32', ends, attrs.sweep_end_ray_index);

  w.variable(
    'azimuth',
    [DIM_TIME],
    'f32',
    stacked(plan, Float32Array, (g) => g.azimuth),
    attrs.azimuth,
  );
  w.variable(
    'elevation',
    [DIM_TIME],
    'f32',
    stacked(plan, Float32Array, (g) => g.elevation),
    attrs.elevation,
  );
  w.variable('nyquist_velocity', [DIM_TIME], 'f32', nyquistPerRay(plan, runNyquist), attrs.nyquist_velocity);

  const { wavelength, beamWidthH, beamWidthV } = header.instrument;
  if (wavelength !== undefined && wavelength > 0) {
    // frequency(frequency) is a coordinate variable, as Radx and Py-ART write it.
    w.coordinate('frequency', 'f32', Float32Array.of(SPEED_OF_LIGHT / wavelength), attrs.frequency);
  }
  if (beamWidthH !== undefined)
    w.variable('radar_beam_width_h', [], 'f32', Float32Array.of(beamWidthH), attrs.radar_beam_width_h);
  if (beamWidthV !== undefined)
    w.variable('radar_beam_width_v', [], 'f32', Float32Array.of(beamWidthV), attrs.radar_beam_width_v);
}
