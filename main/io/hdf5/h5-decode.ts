/**
 * Turns raw little-endian bytes read from HDF5 into typed arrays: plain numeric datasets, and the
 * numeric members of compound datasets (GAMIC's per-ray header). h5wasm converts the file's byte order
 * to little-endian on read, so only the element size and signedness matter here. Also classifies
 * HDF5 types from h5wasm's metadata and trims fixed-length strings.
 */
import type { CompoundMember, Metadata } from 'h5wasm/node';

export type H5Numeric =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

/** View `bytes` (a fresh, aligned buffer) as the typed array of its element type; null if unsupported. */
export function decodeNumeric(
  bytes: Uint8Array,
  kind: 'int' | 'float',
  size: number,
  signed: boolean,
): H5Numeric | null {
  const { buffer, byteOffset, byteLength } = bytes;
  const n = byteLength / size;
  if (kind === 'float') {
    if (size === 4) return new Float32Array(buffer, byteOffset, n);
    if (size === 8) return new Float64Array(buffer, byteOffset, n);
    return null;
  }
  switch (size) {
    case 1:
      return signed ? new Int8Array(buffer, byteOffset, n) : new Uint8Array(buffer, byteOffset, n);
    case 2:
      return signed ? new Int16Array(buffer, byteOffset, n) : new Uint16Array(buffer, byteOffset, n);
    case 4:
      return signed ? new Int32Array(buffer, byteOffset, n) : new Uint32Array(buffer, byteOffset, n);
    case 8:
      return signed ? new BigInt64Array(buffer, byteOffset, n) : new BigUint64Array(buffer, byteOffset, n);
    default:
      return null;
  }
}

function readMember(view: DataView, at: number, member: CompoundMember): number {
  const { type, size, signed } = member;
  if (type === 1) return size === 4 ? view.getFloat32(at, true) : view.getFloat64(at, true);
  switch (size) {
    case 1:
      return signed ? view.getInt8(at) : view.getUint8(at);
    case 2:
      return signed ? view.getInt16(at, true) : view.getUint16(at, true);
    case 4:
      return signed ? view.getInt32(at, true) : view.getUint32(at, true);
    default:
      return Number(signed ? view.getBigInt64(at, true) : view.getBigUint64(at, true));
  }
}

/** Numeric members (integer or float, 1-8 bytes) of a compound dataset, one Float64Array per member. */
export function decodeCompound(
  bytes: Uint8Array,
  recordSize: number,
  members: readonly CompoundMember[],
): Map<string, Float64Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Math.floor(bytes.byteLength / recordSize);
  const out = new Map<string, Float64Array>();
  for (const member of members) {
    const numeric =
      (member.type === 0 && [1, 2, 4, 8].includes(member.size)) || (member.type === 1 && [4, 8].includes(member.size));
    if (!numeric || member.offset + member.size > recordSize) continue;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = readMember(view, i * recordSize + member.offset, member);
    out.set(member.name, values);
  }
  return out;
}

/** HDF5 type classes as h5wasm's metadata numbers them (H5T_class_t). */
const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const H5T_STRING = 3;
const H5T_COMPOUND = 6;

export type H5Kind = 'int' | 'float' | 'string' | 'compound' | 'other';

/** The kind of an HDF5 type from h5wasm's metadata. */
export function kindOf(meta: Metadata): H5Kind {
  if (meta.type === H5T_INTEGER) return 'int';
  if (meta.type === H5T_FLOAT) return 'float';
  if (meta.type === H5T_STRING) return 'string';
  if (meta.type === H5T_COMPOUND) return 'compound';
  return 'other';
}

/** Strip NUL padding and trailing blanks (fixed-length HDF5/NetCDF strings). */
export function trimText(s: string): string {
  const nul = s.indexOf('\0');
  return (nul >= 0 ? s.slice(0, nul) : s).trimEnd();
}
