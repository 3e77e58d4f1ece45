/**
 * Normalises h5wasm attribute values into the few shapes the radar readers use: a string, a number,
 * or an array of numbers. HDF5/NetCDF-4 store a scalar attribute either with shape [] (h5wasm gives a
 * number) or with shape [1] (a one-element typed array); both become a number. 64-bit integers
 * (BigInt) become numbers: radar metadata never needs more than 2^53.
 */

export type H5AttributeValue = string | number | number[];

const isTypedArray = (v: unknown): v is ArrayLike<number | bigint> => ArrayBuffer.isView(v) && !(v instanceof DataView);

/**
 * HDF5 strings declared ASCII often hold UTF-8 bytes (ODIM `source` "PLC:Luleå"), which h5wasm decodes
 * one byte per character. Re-decode such a string as UTF-8 when that gives valid text.
 */
function repairUtf8(s: string): string {
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return s; // already decoded beyond Latin-1: leave it
    if (c >= 0x80) high = true;
  }
  if (!high) return s;
  const decoded = Buffer.from(s, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? s : decoded;
}

export function normaliseAttribute(value: unknown): H5AttributeValue | undefined {
  if (typeof value === 'string') return repairUtf8(value);
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (isTypedArray(value)) {
    const numbers = Array.from(value, (v) => Number(v));
    return numbers.length === 1 ? numbers[0]! : numbers;
  }
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return repairUtf8(value.join(', '));
    if (value.every((v) => typeof v === 'number' || typeof v === 'bigint')) {
      const numbers = value.map((v) => Number(v));
      return numbers.length === 1 ? numbers[0]! : numbers;
    }
  }
  return undefined;
}

/** Typed access to a normalised attribute set, for readers that pick a few known attributes. */
export type H5Attributes = Readonly<Record<string, H5AttributeValue>>;

/** A number attribute (or a numeric string such as GAMIC's "how/extended" values), else undefined. */
export function numberAttr(attrs: H5Attributes, name: string): number | undefined {
  const v = attrs[name];
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function stringAttr(attrs: H5Attributes, name: string): string | undefined {
  const v = attrs[name];
  return typeof v === 'string' ? v : undefined;
}

/** A numeric array attribute (one value per ray, e.g. ODIM how/startazA), else undefined. */
export function numberArrayAttr(attrs: H5Attributes, name: string): number[] | undefined {
  const v = attrs[name];
  return Array.isArray(v) ? v : undefined;
}
