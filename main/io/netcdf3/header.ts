/**
 * Parser of the NetCDF classic header: CDF-1 (classic), CDF-2 (64-bit offset) and CDF-5 (64-bit data).
 * Layout from the NetCDF Classic Format Specification (Unidata): big-endian, names and values padded
 * to 4 bytes; CDF-5 widens counts, dimension lengths and sizes to 8 bytes and adds unsigned and 64-bit
 * integer types. The parser never trusts a count: every count is checked against the bytes that
 * remain, so a crafted header fails fast instead of allocating absurd arrays or looping.
 *
 * Used by `netcdf3-file.ts`. The parser works on a prefix of the file; when the prefix ends before the
 * header does it throws `NeedMoreBytes` and the caller retries with a longer prefix.
 */

export type Nc3Type = 'i8' | 'char' | 'i16' | 'i32' | 'f32' | 'f64' | 'u8' | 'u16' | 'u32' | 'i64' | 'u64';

/** nc_type codes 1-11 (7-11 only in CDF-5). */
const TYPE_CODES: Readonly<Record<number, Nc3Type>> = {
  1: 'i8',
  2: 'char',
  3: 'i16',
  4: 'i32',
  5: 'f32',
  6: 'f64',
  7: 'u8',
  8: 'u16',
  9: 'u32',
  10: 'i64',
  11: 'u64',
};

export const TYPE_SIZE: Readonly<Record<Nc3Type, number>> = {
  i8: 1,
  char: 1,
  u8: 1,
  i16: 2,
  u16: 2,
  i32: 4,
  u32: 4,
  f32: 4,
  i64: 8,
  u64: 8,
  f64: 8,
};

const NC_DIMENSION = 0x0a;
const NC_VARIABLE = 0x0b;
const NC_ATTRIBUTE = 0x0c;
/** numrecs value meaning "streaming, count the records from the file size" */
const STREAMING = 0xffffffff;

export type Nc3Attribute = string | number | number[];

export interface Nc3Dimension {
  name: string;
  /** 0 for the record (unlimited) dimension, whose length is `numrecs` */
  length: number;
}

export interface Nc3Variable {
  name: string;
  type: Nc3Type;
  /** indices into `dimensions` */
  dimIds: number[];
  attributes: Record<string, Nc3Attribute>;
  /** true when the first dimension is the record dimension */
  isRecord: boolean;
  /** file offset of the variable's data (of its first record for a record variable), bytes */
  begin: number;
}

export interface Nc3Header {
  /** 1 (classic), 2 (64-bit offset) or 5 (64-bit data) */
  version: 1 | 2 | 5;
  /** number of records; null when the file says "streaming" */
  numrecs: number | null;
  dimensions: Nc3Dimension[];
  attributes: Record<string, Nc3Attribute>;
  variables: Nc3Variable[];
  /** bytes the header occupies */
  headerSize: number;
}

/** The header runs past the bytes given; retry with at least `needed` bytes. */
export class NeedMoreBytes extends Error {
  constructor(readonly needed: number) {
    super(`NetCDF-3 header needs at least ${needed} bytes`);
  }
}

/** A malformed header, with a description of what is wrong. */
export class Nc3HeaderError extends Error {}

const pad4 = (n: number): number => (n + 3) & ~3;

class Cursor {
  pos = 0;
  private readonly view: DataView;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly version: 1 | 2 | 5,
    /** the whole file's size: a count larger than what remains of it is corrupt, not "need more" */
    private readonly fileSize: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(n: number): void {
    if (this.pos + n > this.fileSize)
      throw new Nc3HeaderError(`header runs past the end of the file at byte ${this.pos}`);
    if (this.pos + n > this.bytes.length) throw new NeedMoreBytes(Math.max(this.pos + n, this.bytes.length * 2));
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos);
    this.pos += 4;
    return v;
  }

  u64(): number {
    this.need(8);
    const hi = this.view.getUint32(this.pos);
    const lo = this.view.getUint32(this.pos + 4);
    this.pos += 8;
    if (hi >= 2 ** 21) throw new Nc3HeaderError(`64-bit value at byte ${this.pos - 8} is absurdly large`);
    return hi * 2 ** 32 + lo;
  }

  /** NON_NEG in the spec: 4 bytes, 8 in CDF-5 */
  count(): number {
    return this.version === 5 ? this.u64() : this.u32();
  }

  /** OFFSET: 4 bytes in CDF-1, 8 in CDF-2 and CDF-5 */
  offset(): number {
    return this.version === 1 ? this.u32() : this.u64();
  }

  /** A count of items each taking at least `minBytes`, checked against what remains of the file. */
  items(what: string, minBytes: number): number {
    const at = this.pos;
    const n = this.count();
    if (n * minBytes > this.fileSize - this.pos) {
      throw new Nc3HeaderError(`${what} count ${n} at byte ${at} does not fit in the file`);
    }
    return n;
  }

  bytesPadded(n: number): Uint8Array {
    const padded = pad4(n);
    this.need(padded);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += padded;
    return out;
  }

  name(): string {
    const n = this.items('name length', 1);
    return new TextDecoder().decode(this.bytesPadded(n));
  }

  type(): Nc3Type {
    const at = this.pos;
    const code = this.u32();
    const type = TYPE_CODES[code];
    if (!type || (this.version !== 5 && code > 6)) throw new Nc3HeaderError(`unknown nc_type ${code} at byte ${at}`);
    return type;
  }

  /** values of an attribute: text for char, else numbers */
  values(type: Nc3Type, n: number): Nc3Attribute {
    const raw = this.bytesPadded(n * TYPE_SIZE[type]);
    if (type === 'char') {
      const text = new TextDecoder().decode(raw);
      const nul = text.indexOf('\0');
      return nul >= 0 ? text.slice(0, nul) : text;
    }
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(readValue(view, type, i));
    return out.length === 1 ? out[0]! : out;
  }
}

/** One big-endian element of a numeric type. */
export function readValue(view: DataView, type: Nc3Type, index: number): number {
  const at = index * TYPE_SIZE[type];
  switch (type) {
    case 'i8':
      return view.getInt8(at);
    case 'u8':
    case 'char':
      return view.getUint8(at);
    case 'i16':
      return view.getInt16(at);
    case 'u16':
      return view.getUint16(at);
    case 'i32':
      return view.getInt32(at);
    case 'u32':
      return view.getUint32(at);
    case 'f32':
      return view.getFloat32(at);
    case 'f64':
      return view.getFloat64(at);
    case 'i64':
      return Number(view.getBigInt64(at));
    case 'u64':
      return Number(view.getBigUint64(at));
  }
}

function listTag(cur: Cursor, expected: number, what: string): number {
  const at = cur.pos;
  const tag = cur.u32();
  // Every list item takes at least 8 bytes (a name length and a padded name), which bounds the count.
  const n = cur.items(what, 8);
  if (tag === 0 && n === 0) return 0; // ABSENT
  if (tag !== expected) throw new Nc3HeaderError(`expected the ${what} list tag at byte ${at}, found ${tag}`);
  return n;
}

function attributes(cur: Cursor): Record<string, Nc3Attribute> {
  const out: Record<string, Nc3Attribute> = {};
  const n = listTag(cur, NC_ATTRIBUTE, 'attribute');
  for (let i = 0; i < n; i++) {
    const name = cur.name();
    const type = cur.type();
    const count = cur.items(`attribute ${name} value`, TYPE_SIZE[type]);
    out[name] = cur.values(type, count);
  }
  return out;
}

/** Parse the header at the start of `bytes` (a prefix of a file of `fileSize` bytes). */
export function parseHeader(bytes: Uint8Array, fileSize: number): Nc3Header {
  if (bytes.length < 4) throw new NeedMoreBytes(4);
  const magic = bytes[0] === 0x43 && bytes[1] === 0x44 && bytes[2] === 0x46;
  const version = bytes[3];
  if (!magic || (version !== 1 && version !== 2 && version !== 5)) {
    throw new Nc3HeaderError('not a NetCDF classic file (magic is not CDF\\x01, CDF\\x02 or CDF\\x05)');
  }
  const cur = new Cursor(bytes, version, fileSize);
  cur.pos = 4;
  const rawNumrecs = version === 5 ? cur.u64() : cur.u32();
  const numrecs = rawNumrecs === STREAMING && version !== 5 ? null : rawNumrecs;

  const dimensions: Nc3Dimension[] = [];
  const nDims = listTag(cur, NC_DIMENSION, 'dimension');
  for (let i = 0; i < nDims; i++) dimensions.push({ name: cur.name(), length: cur.count() });
  if (dimensions.filter((d) => d.length === 0).length > 1) throw new Nc3HeaderError('more than one record dimension');

  const globals = attributes(cur);
  const variables: Nc3Variable[] = [];
  const nVars = listTag(cur, NC_VARIABLE, 'variable');
  for (let i = 0; i < nVars; i++) {
    const name = cur.name();
    const rank = cur.items(`rank of ${name}`, 4);
    const dimIds: number[] = [];
    for (let d = 0; d < rank; d++) {
      const id = cur.count();
      if (id >= dimensions.length)
        throw new Nc3HeaderError(`variable ${name} uses dimension ${id}, which does not exist`);
      dimIds.push(id);
    }
    const attrs = attributes(cur);
    const type = cur.type();
    cur.count(); // vsize: recomputed from the dimensions (it overflows for variables > 4 GiB)
    const begin = cur.offset();
    const isRecord = rank > 0 && dimensions[dimIds[0]!]!.length === 0;
    if (dimIds.slice(1).some((id) => dimensions[id]!.length === 0)) {
      throw new Nc3HeaderError(`variable ${name} uses the record dimension other than first`);
    }
    variables.push({ name, type, dimIds, attributes: attrs, isRecord, begin });
  }
  return { version, numrecs, dimensions, attributes: globals, variables, headerSize: cur.pos };
}
