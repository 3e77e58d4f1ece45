/**
 * A read-only HDF5 file for the radar readers (CfRadial/NetCDF-4, ODIM_H5, GAMIC): open by path
 * without copying, or from bytes when the file came out of a gzip/bzip2 wrapper; read datasets or
 * row ranges (hyperslabs over the first dimension) into typed arrays; read attributes; close reliably.
 *
 * Every failure is a ReaderError naming the file. Dataset reads go through h5wasm's low-level
 * `get_dataset_data` so that HDF5's status is checked (h5wasm's own `slice()` ignores it and would
 * hand back uninitialised memory for a corrupt chunk). Before HDF5 reads any value, its size and (for
 * variable-length values) the global heap are checked (`h5-guards.ts`): damaged metadata must give an
 * error, not a hang or an exhausted heap.
 */
import { stat } from 'node:fs/promises';
import type { Dataset, Metadata } from 'h5wasm/node';
import { ReaderError } from '../reader-error';
import type { ReaderSource } from '../reader';
import { type H5Module, type H5Runtime, type H5wasm, loadH5wasm } from './h5wasm-runtime';
import { Hdf5Guards } from './h5-guards';
import { readAttribute } from './h5-attribute-read';
import type { H5Context } from './h5-context';
import { attachedScales, scaleName } from './h5-dimension-scales';
import { readSuperblock } from './superblock';
import { materialiseBytes, type TempCopy } from './temp-copy';
import { decodeCompound, decodeNumeric, type H5Kind, type H5Numeric, kindOf, trimText } from './h5-decode';
import type { H5AttributeValue } from './h5-attributes';

export type { H5Kind, H5Numeric } from './h5-decode';
export { trimText } from './h5-decode';
export type { H5AttributeValue } from './h5-attributes';

export interface DatasetInfo {
  shape: number[];
  kind: H5Kind;
  /** bytes per element */
  size: number;
  signed: boolean;
  metadata: Metadata;
}

/** Rows [start, start + count) along a dataset's first dimension. */
export interface RowRange {
  start: number;
  count: number;
}

/** The first line of an h5wasm error; its catch-all for "HDF5 could not open it" is reworded. */
const why = (err: unknown): string => {
  const first = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
  return first === 'error - name not defined!' ? 'HDF5 cannot open it: damaged metadata' : first;
};

export class Hdf5File {
  private closed = false;

  private constructor(
    /** the path the user chose (messages, volume header) */
    readonly path: string,
    private readonly lib: H5wasm,
    private readonly module: H5Module,
    private readonly Attribute: H5Runtime['Attribute'],
    private readonly file: InstanceType<H5wasm['File']>,
    private readonly temp: TempCopy | null,
    private readonly guards: Hdf5Guards,
  ) {}

  /** This file as the helper modules see it (attribute reads, dimension scales). */
  private get context(): H5Context {
    const { module, Attribute, guards } = this;
    return { module, Attribute, fileId: this.file.file_id, guards, fail: (what, err) => this.fail(what, err) };
  }

  /** Open the reader source as HDF5; rejects with a ReaderError when it is not HDF5 or is truncated. */
  static async open(source: Pick<ReaderSource, 'path' | 'head' | 'wrapped' | 'bytes'>): Promise<Hdf5File> {
    const { path } = source;
    const superblock = readSuperblock(source.head);
    if (!superblock) throw new ReaderError('corrupt', path, 'the HDF5 superblock is damaged or incomplete');
    const size = source.wrapped ? (await source.bytes()).length : await fileSize(path);
    if (superblock.requiredSize !== null && size < superblock.requiredSize) {
      throw new ReaderError(
        'truncated',
        path,
        `the HDF5 file is truncated: ${size} bytes, its superblock says ${superblock.requiredSize}`,
      );
    }
    const { lib, module, Attribute } = await loadH5wasm();
    const temp = source.wrapped ? materialiseBytes(await source.bytes()) : null;
    const realPath = temp ? temp.path : path;
    let file: InstanceType<H5wasm['File']>;
    try {
      file = new lib.File(realPath, 'r');
    } catch (err) {
      temp?.remove();
      throw new ReaderError('corrupt', path, `HDF5 cannot open the file (${why(err)})`, { cause: err });
    }
    // h5wasm does not throw for a file HDF5 cannot open: it returns a negative id.
    if (file.file_id < 0n) {
      temp?.remove();
      throw new ReaderError('corrupt', path, 'HDF5 cannot open the file (damaged superblock or metadata)');
    }
    const guards = new Hdf5Guards(path, realPath, size, superblock.sizeOfLengths);
    return new Hdf5File(path, lib, module, Attribute, file, temp, guards);
  }

  private fail(what: string, err?: unknown): ReaderError {
    const detail = err === undefined ? '' : ` (${why(err)})`;
    return new ReaderError('corrupt', this.path, `cannot read ${what}${detail}`, { cause: err });
  }

  private guard(): void {
    if (this.closed) throw new ReaderError('io', this.path, 'the file was already closed');
  }

  /** 'group', 'dataset', 'other' or null when nothing is at `path` (absolute, e.g. '/dataset1/where'). */
  typeOf(path: string): 'group' | 'dataset' | 'other' | null {
    this.guard();
    const t = this.module.get_type(this.file.file_id, path);
    if (t < 0) return null;
    if (t === this.module.H5G_GROUP) return 'group';
    if (t === this.module.H5G_DATASET) return 'dataset';
    return 'other';
  }

  /**
   * Members of a group with their kinds. Not h5wasm's batch `get_types`: it loops over the link count
   * of H5Gget_info without checking that call, and on a damaged group it spins practically forever
   * (found by the reader fuzzer). `get_names` iterates with H5Literate, which stops at damage.
   */
  children(group: string): Map<string, 'group' | 'dataset' | 'other'> {
    const prefix = group === '/' ? '' : group;
    return new Map(this.keys(group).map((name) => [name, this.typeOf(`${prefix}/${name}`) ?? 'other']));
  }

  /** The NAME of a dimension scale, or null when the dataset is not one (how NetCDF-4 marks dimensions). */
  scaleName(path: string): string | null {
    this.guard();
    return scaleName(this.context, path);
  }

  /** Member names of a group (link order as the file stores it). */
  keys(group: string): string[] {
    this.guard();
    if (this.typeOf(group) !== 'group') return [];
    let names: string[];
    try {
      names = this.module.get_names(this.file.file_id, group, false);
    } catch (err) {
      throw this.fail(`the members of ${group}`, err);
    }
    this.guards.members(group, names.length);
    return names;
  }

  /** One attribute, or undefined when absent or unreadable (a ReaderError when its metadata are absurd). */
  attribute(objectPath: string, name: string): H5AttributeValue | undefined {
    this.guard();
    let present: string[];
    try {
      present = this.module.get_attribute_names(this.file.file_id, objectPath);
    } catch {
      return undefined;
    }
    return present.includes(name) ? readAttribute(this.context, objectPath, name) : undefined;
  }

  /** Only the named attributes of a group or dataset (reading every attribute costs ~0.2 ms each). */
  attributesNamed(objectPath: string, names: readonly string[]): Record<string, H5AttributeValue> {
    return this.readAttributes(objectPath, (present) => names.filter((n) => present.includes(n)));
  }

  /** All attributes of a group or dataset, normalised (scalars as numbers, int64 as numbers). */
  attributes(objectPath: string, skip: ReadonlySet<string> = new Set()): Record<string, H5AttributeValue> {
    return this.readAttributes(objectPath, (present) => present.filter((n) => !skip.has(n)));
  }

  private readAttributes(objectPath: string, pick: (present: string[]) => string[]): Record<string, H5AttributeValue> {
    this.guard();
    const out: Record<string, H5AttributeValue> = {};
    if (this.typeOf(objectPath) === null) return out;
    let present: string[];
    try {
      present = this.module.get_attribute_names(this.file.file_id, objectPath);
    } catch (err) {
      throw this.fail(`the attributes of ${objectPath}`, err);
    }
    for (const name of pick(present)) {
      const value = readAttribute(this.context, objectPath, name);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }

  datasetInfo(path: string): DatasetInfo {
    this.guard();
    if (this.typeOf(path) !== 'dataset') throw this.fail(`${path}: no such dataset`);
    let metadata: Metadata;
    try {
      metadata = this.module.get_dataset_metadata(this.file.file_id, path);
    } catch (err) {
      throw this.fail(`the type of ${path}`, err);
    }
    return {
      shape: metadata.shape ?? [],
      kind: kindOf(metadata),
      size: metadata.size,
      signed: metadata.signed,
      metadata,
    };
  }

  /** Raw little-endian bytes of a dataset or of rows of it, with HDF5's status checked. */
  private readBytes(path: string, info: DatasetInfo, rows?: RowRange): Uint8Array {
    const shape = info.shape;
    let count: bigint[] | null = null;
    let offset: bigint[] | null = null;
    let strides: bigint[] | null = null;
    let elements = shape.reduce((a, b) => a * b, 1);
    if (rows && shape.length > 0) {
      const dim0 = shape[0]!;
      if (rows.start < 0 || rows.count < 0 || rows.start + rows.count > dim0) {
        throw this.fail(`rows ${rows.start}..${rows.start + rows.count - 1} of ${path} (it has ${dim0})`);
      }
      count = [BigInt(rows.count), ...shape.slice(1).map(BigInt)];
      offset = shape.map((_, i) => (i === 0 ? BigInt(rows.start) : 0n));
      strides = shape.map(() => 1n);
      elements = (elements / Math.max(dim0, 1)) * rows.count;
    }
    const nbytes = elements * info.size;
    this.guards.dataset(path, nbytes, info.metadata);
    if (nbytes === 0) return new Uint8Array(0);
    if (nbytes > this.module.MAXIMUM_MEMORY / 2) {
      throw new ReaderError('too-large', this.path, `${path} needs ${nbytes} bytes; read it by rows`);
    }
    const ptr = this.module._malloc(nbytes);
    if (ptr === 0) throw new ReaderError('too-large', this.path, `no memory to read ${path} (${nbytes} bytes)`);
    try {
      const status = this.module.get_dataset_data(this.file.file_id, path, count, offset, strides, BigInt(ptr));
      if (status < 0) throw this.fail(`${path}: HDF5 reported a read error (damaged data?)`);
      // HEAPU8 is re-read after the call: the heap may have grown (and moved) during it.
      return this.module.HEAPU8.slice(ptr, ptr + nbytes);
    } catch (err) {
      if (err instanceof ReaderError) throw err;
      throw this.fail(path, err);
    } finally {
      this.module._free(ptr);
    }
  }

  /** A numeric dataset (or rows of it) as a typed array in row-major order. */
  readNumeric(path: string, rows?: RowRange): H5Numeric {
    const info = this.datasetInfo(path);
    if (info.kind !== 'int' && info.kind !== 'float') throw this.fail(`${path}: not a numeric dataset`);
    const decoded = decodeNumeric(this.readBytes(path, info, rows), info.kind, info.size, info.signed);
    if (!decoded) throw this.fail(`${path}: unsupported ${info.kind} size ${info.size}`);
    return decoded;
  }

  /** Numeric members of a compound dataset (e.g. GAMIC's ray_header), each as float64 per element. */
  readCompound(path: string): Map<string, Float64Array> {
    const info = this.datasetInfo(path);
    const members = info.metadata.compound_type?.members;
    if (info.kind !== 'compound' || !members) throw this.fail(`${path}: not a compound dataset`);
    return decodeCompound(this.readBytes(path, info), info.size, members);
  }

  /** A string dataset as strings; a char array (1-byte strings, NetCDF-4 `char`) as one string per row. */
  readStrings(path: string): string[] {
    const info = this.datasetInfo(path);
    if (info.kind !== 'string') throw this.fail(`${path}: not a string dataset`);
    this.guards.dataset(path, info.shape.reduce((a, b) => a * b, 1) * info.size, info.metadata);
    let value: unknown;
    try {
      value = (this.file.get(path) as Dataset).value;
    } catch (err) {
      throw this.fail(path, err);
    }
    const flat = (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? v : ''));
    const rowLength = info.size === 1 && !info.metadata.vlen ? (info.shape[info.shape.length - 1] ?? 1) : 1;
    if (rowLength <= 1) return flat.map(trimText);
    const rows: string[] = [];
    for (let i = 0; i < flat.length; i += rowLength) rows.push(trimText(flat.slice(i, i + rowLength).join('')));
    return rows;
  }

  /** Dimension-scale dataset paths attached to each dimension of a dataset (NetCDF-4 dimensions). */
  attachedScales(path: string, rank: number): (string | null)[] {
    this.guard();
    return attachedScales(this.context, path, rank);
  }

  /** Release the HDF5 handle and any temporary copy. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.file.close();
    } finally {
      this.temp?.remove();
    }
  }
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    throw new ReaderError('io', path, `cannot read the file (${why(err)})`, { cause: err });
  }
}
