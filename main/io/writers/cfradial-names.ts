/**
 * Names in an exported CfRadial file: dimensions, the structural variables the writer itself defines
 * (no field may take their names), Py-ART's names for the dealiasing output, and the sanitising of
 * names that come from input files (attribute and field names must be valid netCDF names).
 */

export const DIM_TIME = 'time';
export const DIM_RANGE = 'range';
export const DIM_SWEEP = 'sweep';
/** CfRadial's usual string length for short text variables (sweep_mode, time_coverage_start, ...) */
export const DIM_STRING = 'string_length_32';
export const STRING_LENGTH = 32;

/** Py-ART's `dealias_region_based` output field name. */
export const CORRECTED_VARIABLE = 'corrected_velocity';
/** The fold-number field (registry FOLD). */
export const FOLD_VARIABLE = 'velocity_fold_number';

/** Variables the writer defines; a field with one of these names is renamed. */
export const RESERVED_VARIABLES: readonly string[] = [
  DIM_TIME,
  DIM_RANGE,
  DIM_SWEEP,
  DIM_STRING,
  'azimuth',
  'elevation',
  'latitude',
  'longitude',
  'altitude',
  'volume_number',
  'platform_type',
  'instrument_type',
  'primary_axis',
  'time_coverage_start',
  'time_coverage_end',
  'sweep_number',
  'sweep_mode',
  'fixed_angle',
  'sweep_start_ray_index',
  'sweep_end_ray_index',
  'nyquist_velocity',
  'prt',
  'frequency',
  'radar_beam_width_h',
  'radar_beam_width_v',
];

/**
 * A valid netCDF name: letters, digits and `_ . + - @`, starting with a letter or digit (a leading `_`
 * is reserved by netCDF for its own attributes). Anything else becomes `_`.
 */
export function sanitiseName(name: string): string {
  const cleaned = name.trim().replace(/[^A-Za-z0-9_.+\-@]/g, '_');
  if (cleaned === '') return 'unnamed';
  return /^[A-Za-z0-9]/.test(cleaned) ? cleaned : `x${cleaned}`;
}
