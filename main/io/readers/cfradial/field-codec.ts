/**
 * Decoding of packed or filled netCDF field values into physical Float32Array values with NaN for
 * missing gates, following what netCDF4-python (and so Py-ART) does with auto mask-and-scale:
 * - mask raw values equal to `_FillValue` or any `missing_value`; without `_FillValue`, mask the
 *   netCDF default fill of the type (not for bytes, as netCDF4-python);
 * - mask raw values outside `valid_min`/`valid_max`/`valid_range` (stated in packed units);
 * - physical = raw * scale_factor + add_offset. netCDF4-python computes this in the type numpy picks:
 *   float32 when the raw type is 8/16-bit and the scale attributes are float32, else float64. We do the
 *   same (float32 arithmetic emulated with Math.fround) so values match Py-ART's reading bit for bit.
 */
import type { Packing } from '../../../../common/volume';
import type { NcAttributes, NcNumeric, NcType } from './nc-dataset';

/** netCDF-C default fill values (netcdf.h NC_FILL_*). */
const DEFAULT_FILL: Partial<Record<NcType, number>> = {
  i16: -32767,
  u16: 65535,
  i32: -2147483647,
  u32: 4294967295,
  f32: 9.969209968386869e36,
  f64: 9.969209968386869e36,
};

const PACKING_TYPES: Partial<Record<NcType, Packing['type']>> = {
  u8: 'u8',
  i8: 'i8',
  u16: 'u16',
  i16: 'i16',
  i32: 'i32',
  f32: 'f32',
  f64: 'f64',
};

export interface FieldCodec {
  scale: number;
  offset: number;
  /** raw values that mean "missing" */
  missing: number[];
  validMin: number;
  validMax: number;
  /** emulate float32 arithmetic (see module comment) */
  float32: boolean;
  packing?: Packing;
}

const numbers = (v: unknown): number[] =>
  typeof v === 'number' ? [v] : Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];

const first = (v: unknown): number | undefined => numbers(v)[0];

const isFloat32 = (x: number): boolean => Math.fround(x) === x;

export function fieldCodec(type: NcType, attrs: NcAttributes): FieldCodec {
  const scale = first(attrs['scale_factor']) ?? 1;
  const offset = first(attrs['add_offset']) ?? 0;
  const fill = first(attrs['_FillValue']);
  const missing = [...numbers(attrs['missing_value'])];
  if (fill !== undefined) missing.push(fill);
  else if (DEFAULT_FILL[type] !== undefined) missing.push(DEFAULT_FILL[type]!);
  const range = numbers(attrs['valid_range']);
  const validMin = first(attrs['valid_min']) ?? range[0] ?? -Infinity;
  const validMax = first(attrs['valid_max']) ?? range[1] ?? Infinity;
  const narrowInt = type === 'i8' || type === 'u8' || type === 'i16' || type === 'u16';
  const float32 = (narrowInt && isFloat32(scale) && isFloat32(offset)) || type === 'f32';
  const packingType = PACKING_TYPES[type];
  const packing: Packing | undefined = packingType
    ? { type: packingType, scale, offset, ...(fill !== undefined ? { fill } : {}) }
    : undefined;
  return { scale, offset, missing, validMin, validMax, float32, ...(packing ? { packing } : {}) };
}

/** Decode raw values into `out` (same length); returns `out`. */
export function decodeField(
  raw: NcNumeric,
  codec: FieldCodec,
  out: Float32Array = new Float32Array(raw.length),
): Float32Array {
  const { scale, offset, validMin, validMax, float32 } = codec;
  const missing = codec.missing.map((m) => (float32 && raw instanceof Float32Array ? Math.fround(m) : m));
  const identity = scale === 1 && offset === 0;
  const isMissing = (v: number): boolean => {
    for (let k = 0; k < missing.length; k++) if (v === missing[k]) return true;
    return false;
  };
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i]!;
    if (v !== v || v < validMin || v > validMax || isMissing(v)) {
      out[i] = NaN;
    } else if (identity) {
      out[i] = v;
    } else if (float32) {
      out[i] = Math.fround(Math.fround(v * scale) + offset);
    } else {
      out[i] = v * scale + offset;
    }
  }
  return out;
}
