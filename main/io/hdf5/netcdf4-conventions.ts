/**
 * How netCDF-C maps the netCDF data model onto HDF5, as far as Unfold's NetCDF-4 reader and the
 * CfRadial NetCDF-4 writer both need it. Keeping these facts in one module makes the writer produce
 * exactly what the reader (and netCDF-C) expects.
 *
 * - A dimension is an HDF5 dimension scale. When it has a coordinate variable (`time`, `range`) the
 *   scale is that variable; otherwise it is a dataset named after the dimension whose NAME attribute
 *   is `DIMENSION_WITHOUT_VARIABLE` followed by the length right-aligned in 10 characters.
 * - Variables reference their dimensions through DIMENSION_LIST (attached scales).
 * - netCDF-C keeps bookkeeping attributes that are not netCDF attributes (`HIDDEN_ATTRIBUTES`).
 */
import type { NcType } from '../readers/cfradial/nc-dataset';

/** Prefix of the NAME attribute of a dimension scale that is not also a variable. */
export const DIMENSION_WITHOUT_VARIABLE = 'This is a netCDF dimension but not a netCDF variable.';

/** The NAME attribute netCDF-C writes for a dimension without a coordinate variable. */
export function dimensionOnlyScaleName(length: number): string {
  return `${DIMENSION_WITHOUT_VARIABLE}${String(length).padStart(10, ' ')}`;
}

/** True when a dimension scale's NAME marks it as a dimension only (not a netCDF variable). */
export function isDimensionOnlyScale(name: unknown): boolean {
  return typeof name === 'string' && name.startsWith(DIMENSION_WITHOUT_VARIABLE);
}

/** HDF5 attributes that netCDF-C uses for its own bookkeeping; not netCDF attributes. */
export const HIDDEN_ATTRIBUTES: ReadonlySet<string> = new Set([
  'CLASS',
  'NAME',
  'DIMENSION_LIST',
  'REFERENCE_LIST',
  '_Netcdf4Dimid',
  '_Netcdf4Coordinates',
  '_nc3_strict',
  '_NCProperties',
  '_SuperblockVersion',
  '_IsNetcdf4',
]);

/**
 * The h5wasm dtype string for a numeric netCDF type. Struct-style codes: numpy-style '<i2'/'<f8' are
 * silently written as int32/float32 by h5wasm 0.10 (see the platform guide).
 */
export const H5WASM_DTYPE: Readonly<Record<Exclude<NcType, 'char' | 'string' | 'i64' | 'u64'>, string>> = {
  i8: '<b',
  u8: '<B',
  i16: '<h',
  u16: '<H',
  i32: '<i',
  u32: '<I',
  f32: '<f',
  f64: '<d',
};

/** netCDF type of an HDF5 dataset: NC_CHAR is a fixed-length 1-byte string, NC_STRING a vlen string. */
export function ncTypeOf(info: {
  kind: 'int' | 'float' | 'string' | 'compound' | 'other';
  size: number;
  signed: boolean;
  vlen: boolean;
}): NcType | null {
  const { kind, size, signed } = info;
  if (kind === 'float') return size === 4 ? 'f32' : size === 8 ? 'f64' : null;
  if (kind === 'string') return size === 1 && !info.vlen ? 'char' : 'string';
  if (kind !== 'int') return null;
  const bits = size * 8;
  if (![8, 16, 32, 64].includes(bits)) return null;
  return `${signed ? 'i' : 'u'}${bits}` as NcType;
}
