/**
 * How one exported field is stored: the original packing where every sweep shares it (CfRadial packs
 * with scale_factor / add_offset / _FillValue on shorts), float32 otherwise.
 *
 * - 8-bit codes (NEXRAD, ODIM, IRIS) become shorts with the same scale, offset and fill: NetCDF-3 and
 *   the classic model have no unsigned byte, and CfRadial readers expect signed storage.
 * - 16-bit unsigned codes (NEXRAD PHI, ODIM VRADDH) become ints with the same scale and offset. Shorts
 *   shifted by 32768 would fit too, but the shifted add_offset (~1e4) loses precision as float32.
 * - Packings that differ between sweeps (ODIM gain/offset per dataset) cannot share one scale_factor:
 *   those fields are float32, which holds every packed value exactly enough (< 1e-6 relative).
 * - A value that does not fit the packing (it can only come from a reader bug) makes the caller fall
 *   back to float32 rather than clip data.
 */
import type { Packing } from '../../../common/volume';
import type { NcNumericType } from './netcdf4-writer';

export interface FieldEncoding {
  type: Extract<NcNumericType, 'i16' | 'i32' | 'f32'>;
  /** physical = raw * scale + offset; absent for float32 */
  scale?: number;
  offset?: number;
  /** raw value of missing gates, in `type` */
  fill: number;
}

export type FieldStorage = Int16Array | Int32Array | Float32Array;

/** Py-ART's and Radx's default fill for float fields. */
export const DEFAULT_FLOAT_FILL = -9999;

const LIMITS: Readonly<Record<FieldEncoding['type'], [number, number]>> = {
  i16: [-32768, 32767],
  i32: [-2147483648, 2147483647],
  f32: [-Infinity, Infinity],
};

export const floatEncoding = (fill = DEFAULT_FLOAT_FILL): FieldEncoding => ({ type: 'f32', fill });

const close = (a: number, b: number): boolean =>
  a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));

function samePacking(a: Packing, b: Packing): boolean {
  return a.type === b.type && close(a.scale, b.scale) && close(a.offset, b.offset) && a.fill === b.fill;
}

const fits = (type: FieldEncoding['type'], v: number): boolean => v >= LIMITS[type][0] && v <= LIMITS[type][1];

/** One encoding for a moment from the packings of its sweeps (undefined = the reader kept none). */
export function chooseEncoding(packings: ReadonlyArray<Packing | undefined>): FieldEncoding {
  const first = packings[0];
  if (!first || packings.some((p) => !p || !samePacking(p, first))) return floatEncoding();
  const { type, scale, offset, fill } = first;
  if (type === 'f32' || type === 'f64') {
    return floatEncoding(fill !== undefined && Number.isFinite(fill) && Math.fround(fill) === fill ? fill : undefined);
  }
  if (!(Number.isFinite(scale) && scale !== 0 && Number.isFinite(offset))) return floatEncoding();
  const packed = (t: FieldEncoding['type'], f: number): FieldEncoding =>
    fits(t, f) ? { type: t, scale, offset, fill: f } : floatEncoding();
  switch (type) {
    case 'u8':
    case 'i8':
    case 'i16':
      return packed('i16', fill ?? -32768);
    case 'u16':
      return packed('i32', fill ?? -1);
    case 'i32':
      return packed('i32', fill ?? -2147483648);
  }
}

/** Storage for `length` values of `encoding`, every value missing. */
export function allocateStorage(encoding: FieldEncoding, length: number): FieldStorage {
  const storage =
    encoding.type === 'i16'
      ? new Int16Array(length)
      : encoding.type === 'i32'
        ? new Int32Array(length)
        : new Float32Array(length);
  return storage.fill(encoding.fill);
}

/**
 * Encode one ray: grid gate g of `target` (from `targetStart`) takes `values[sourceStart + indices[g]]`
 * (physical units, NaN = missing); gates with index -1 stay fill. Returns false when a value does not
 * fit the packing (out of range or equal to the fill code).
 */
export function encodeRay(
  encoding: FieldEncoding,
  target: FieldStorage,
  targetStart: number,
  values: Float32Array,
  sourceStart: number,
  indices: Int32Array,
): boolean {
  const { scale, offset, fill, type } = encoding;
  const packed = scale !== undefined && offset !== undefined;
  const [lo, hi] = LIMITS[type];
  for (let g = 0; g < indices.length; g++) {
    const j = indices[g]!;
    if (j < 0) continue;
    const v = values[sourceStart + j]!;
    if (Number.isNaN(v)) continue;
    if (!packed) {
      target[targetStart + g] = v;
      continue;
    }
    const raw = Math.round((v - offset) / scale);
    if (raw < lo || raw > hi || raw === fill) return false;
    target[targetStart + g] = raw;
  }
  return true;
}
