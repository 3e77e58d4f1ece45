/**
 * The attributes of an exported CfRadial 1.4 file: global attributes (the input's, then the
 * convention's and ours on top, with the history extended rather than replaced) and the CF / CfRadial
 * attributes of the coordinate and metadata variables. Names and spellings follow the CfRadial 1.4
 * document and what Radx and Py-ART write, so those tools find what they look for.
 */
import { basename } from 'node:path';
import type { SweepMode, VolumeHeader } from '../../../common/volume';
import { type NcAttributeSet, nc } from './netcdf4-writer';
import { sanitiseName } from './cfradial-names';

/** ISO 8601 UTC to the second, as CfRadial writes times: 2020-01-01T00:04:31Z. */
export function isoSeconds(epochSeconds: number): string {
  return new Date(Math.floor(epochSeconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Attributes this writer sets itself; an input attribute of the same name is replaced (history: extended). */
const OWN_GLOBALS = new Set([
  'Conventions',
  'Sub_conventions',
  'version',
  'history',
  'instrument_name',
  'site_name',
  'scan_type',
  'original_format',
  'time_coverage_start',
  'time_coverage_end',
  'start_datetime',
  'end_datetime',
  'created',
  'platform_is_mobile',
  'field_names',
]);

export interface GlobalAttributeInput {
  header: VolumeHeader;
  /** time base of the `time` variable (whole seconds, epoch) */
  timeBase: number;
  /** the line to append to `history` */
  historyLine: string;
  /** exported field variable names, in file order */
  fieldNames: readonly string[];
  now: Date;
}

const text = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

export function globalAttributes(input: GlobalAttributeInput): NcAttributeSet {
  const { header, historyLine } = input;
  const original = header.attributes;
  const out: Record<string, NcAttributeSet[string]> = {
    Conventions: 'CF-1.7',
    Sub_conventions: 'CF-Radial instrument_parameters',
    version: 'CF-Radial-1.4',
    title: text(original['title']) || `${header.site.name || 'radar'} ${header.scanType} volume`,
    institution: text(original['institution']),
    references: text(original['references']),
    source: text(original['source']) || `${header.formatDetail} file ${basename(header.path)}`,
  };
  const earlier = text(original['history']).trim();
  out['history'] = earlier ? `${earlier}\n${historyLine}` : historyLine;
  // Carry the input's metadata; numbers keep a numeric type (integer when they are whole).
  for (const [key, value] of Object.entries(original)) {
    const name = sanitiseName(key);
    if (key.startsWith('_') || OWN_GLOBALS.has(name) || name in out) continue;
    if (typeof value === 'string') out[name] = value;
    else if (Number.isInteger(value) && Math.abs(value) < 2 ** 31) out[name] = nc.i32(value);
    else if (Number.isFinite(value)) out[name] = nc.f64(value);
  }
  const comments = [text(original['comment'])];
  if (header.site.locationAssumed)
    comments.push('The input file carried no radar location: latitude/longitude were assumed.');
  out['comment'] = comments.filter((c) => c.trim() !== '').join('\n');
  Object.assign(out, {
    instrument_name: header.instrument.name || header.site.name,
    site_name: header.site.name,
    scan_type: header.scanType,
    original_format: header.formatDetail,
    time_coverage_start: isoSeconds(header.startTime),
    time_coverage_end: isoSeconds(header.endTime),
    start_datetime: isoSeconds(header.startTime),
    end_datetime: isoSeconds(header.endTime),
    created: isoSeconds(input.now.getTime() / 1000),
    platform_is_mobile: 'false',
    field_names: input.fieldNames.join(', '),
  });
  return out;
}

/** CfRadial sweep_mode text for a model sweep mode. */
export function sweepModeText(mode: SweepMode): string {
  return mode === 'other' ? 'pointing' : mode;
}

export const SWEEP_MODE_OPTIONS =
  'sector, coplane, rhi, vertical_pointing, idle, azimuth_surveillance, elevation_surveillance, sunscan, pointing, manual_ppi, manual_rhi';

const ANGLE = { units: 'degrees', _FillValue: nc.f32(-9999) };

/** Attributes of the structural variables, by variable name. */
export function coordinateAttributes(timeBase: number, spacing: number, first: number, constant: boolean) {
  return {
    time: {
      standard_name: 'time',
      long_name: 'time in seconds since volume start',
      units: `seconds since ${isoSeconds(timeBase)}`,
      calendar: 'gregorian',
      comment: 'times are relative to the volume start_time',
    },
    range: {
      standard_name: 'projection_range_coordinate',
      long_name: 'range_to_measurement_volume',
      units: 'meters',
      axis: 'radial_range_coordinate',
      spacing_is_constant: constant ? 'true' : 'false',
      meters_to_center_of_first_gate: nc.f32(first),
      meters_between_gates: nc.f32(spacing),
      comment: 'Coordinate variable for range. Range to center of each gate.',
    },
    azimuth: {
      standard_name: 'beam_azimuth_angle',
      long_name: 'azimuth_angle_from_true_north',
      ...ANGLE,
      axis: 'radial_azimuth_coordinate',
    },
    elevation: {
      standard_name: 'beam_elevation_angle',
      long_name: 'elevation_angle_from_horizontal_plane',
      ...ANGLE,
      axis: 'radial_elevation_coordinate',
      positive: 'up',
    },
    nyquist_velocity: {
      long_name: 'unambiguous_doppler_velocity',
      units: 'meters_per_second',
      _FillValue: nc.f32(-9999),
      meta_group: 'instrument_parameters',
    },
    latitude: { standard_name: 'latitude', long_name: 'latitude', units: 'degrees_north' },
    longitude: { standard_name: 'longitude', long_name: 'longitude', units: 'degrees_east' },
    altitude: { standard_name: 'altitude', long_name: 'altitude', units: 'meters', positive: 'up' },
    volume_number: { long_name: 'data_volume_index_number', units: 'unitless', _FillValue: nc.i32(-9999) },
    platform_type: { long_name: 'platform_type', options: 'fixed, vehicle, ship, aircraft, satellite' },
    instrument_type: { long_name: 'type_of_instrument', options: 'radar, lidar', meta_group: 'instrument_parameters' },
    primary_axis: { long_name: 'primary_axis_of_rotation', options: 'axis_z, axis_y, axis_x' },
    time_coverage_start: {
      long_name: 'data_volume_start_time_utc',
      comment: 'ray times are relative to start time in secs',
    },
    time_coverage_end: { long_name: 'data_volume_end_time_utc' },
    sweep_number: { long_name: 'sweep_index_number_0_based', units: 'count', _FillValue: nc.i32(-9999) },
    sweep_mode: { long_name: 'scan_mode_for_sweep', options: SWEEP_MODE_OPTIONS },
    fixed_angle: { long_name: 'ray_target_fixed_angle', ...ANGLE },
    sweep_start_ray_index: { long_name: 'index_of_first_ray_in_sweep', units: 'count', _FillValue: nc.i32(-9999) },
    sweep_end_ray_index: { long_name: 'index_of_last_ray_in_sweep', units: 'count', _FillValue: nc.i32(-9999) },
    frequency: {
      long_name: 'transmission_frequency',
      units: 's-1',
      _FillValue: nc.f32(-9999),
      meta_group: 'instrument_parameters',
    },
    radar_beam_width_h: {
      long_name: 'half_power_radar_beam_width_h_channel',
      ...ANGLE,
      meta_group: 'radar_parameters',
    },
    radar_beam_width_v: {
      long_name: 'half_power_radar_beam_width_v_channel',
      ...ANGLE,
      meta_group: 'radar_parameters',
    },
  } satisfies Record<string, NcAttributeSet>;
}
