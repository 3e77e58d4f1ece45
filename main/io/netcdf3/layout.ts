/**
 * Where each NetCDF-3 variable's data lies: rows along the first dimension, bytes per row, and the
 * stride between rows (the record size for record variables, which interleave record by record).
 * Checks every variable's extent against the file size, so a truncated file or a header with absurd
 * dimensions is refused at open, before any read or allocation.
 */
import { type Nc3Header, type Nc3Variable, TYPE_SIZE } from './header';

export interface VariableLayout {
  variable: Nc3Variable;
  /** dimension lengths, the record dimension at its record count */
  shape: number[];
  /** rows along the first dimension (1 for a scalar) */
  rows: number;
  /** bytes of one row */
  rowBytes: number;
  /** bytes from one row to the next (rowBytes for fixed variables, the record size for record ones) */
  stride: number;
}

export class LayoutError extends Error {
  constructor(
    readonly kind: 'truncated' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

const pad4 = (n: number): number => (n + 3) & ~3;

/** Product of lengths, or Infinity as soon as it exceeds `limit` (absurd dimensions must not overflow). */
function boundedProduct(lengths: readonly number[], limit: number): number {
  let p = 1;
  for (const n of lengths) {
    p *= n;
    if (p > limit) return Infinity;
  }
  return p;
}

export function computeLayout(header: Nc3Header, fileSize: number): Map<string, VariableLayout> {
  const dimLength = (id: number): number => header.dimensions[id]!.length;
  const rowBytesOf = (v: Nc3Variable): number =>
    boundedProduct(v.dimIds.slice(v.dimIds.length > 0 ? 1 : 0).map(dimLength), fileSize) * TYPE_SIZE[v.type];

  const recordVars = header.variables.filter((v) => v.isRecord);
  // netCDF-C: records are padded to 4 bytes, except when there is a single record variable.
  const recordSize =
    recordVars.length === 1 ? rowBytesOf(recordVars[0]!) : recordVars.reduce((sum, v) => sum + pad4(rowBytesOf(v)), 0);
  let numrecs = header.numrecs;
  if (numrecs === null) {
    const first = Math.min(...recordVars.map((v) => v.begin));
    numrecs = recordSize > 0 && Number.isFinite(first) ? Math.floor((fileSize - first) / recordSize) : 0;
  }

  const layouts = new Map<string, VariableLayout>();
  for (const v of header.variables) {
    const rowBytes = rowBytesOf(v);
    const rank = v.dimIds.length;
    const rows = v.isRecord ? numrecs : rank === 0 ? 1 : dimLength(v.dimIds[0]!);
    const stride = v.isRecord ? recordSize : rowBytes;
    if (!Number.isFinite(rowBytes) || !Number.isFinite(stride)) {
      throw new LayoutError('corrupt', `variable ${v.name} has absurd dimensions (larger than the file)`);
    }
    const end = rows === 0 ? v.begin : v.begin + (rows - 1) * stride + rowBytes;
    if (v.begin < header.headerSize && rows * rowBytes > 0) {
      throw new LayoutError('corrupt', `variable ${v.name} starts inside the header (byte ${v.begin})`);
    }
    if (end > fileSize) {
      throw new LayoutError('truncated', `variable ${v.name} needs bytes up to ${end}, the file has ${fileSize}`);
    }
    const shape = v.dimIds.map((id, i) => (i === 0 && v.isRecord ? numrecs : dimLength(id)));
    layouts.set(v.name, { variable: v, shape, rows, rowBytes, stride });
  }
  return layouts;
}
