/**
 * Checks `Hdf5File` makes on h5wasm's metadata before it lets HDF5 read a value, so that a damaged
 * file is refused with a ReaderError naming the object instead of hanging or exhausting the 2 GiB
 * wasm heap (findings of the reader fuzzer):
 *
 * - sizes: an attribute or dataset whose shape × type size is beyond what the file could hold;
 * - the global heap: before the first read of a variable-length value (vlen strings, DIMENSION_LIST,
 *   region references), the file's global heap collections are checked once (`global-heap.ts`);
 * - member counts of a group.
 *
 * One `Hdf5Guards` per open file; it caches the global-heap verdict (no module-level state, so each
 * worker thread's files are independent).
 */
import type { Metadata } from 'h5wasm/node';
import { ReaderError } from '../reader-error';
import { findGlobalHeapDamage } from './global-heap';

/** Attributes are metadata: radar files keep them under a few kB (per-ray arrays: a few tens of kB). */
export const MAX_ATTRIBUTE_BYTES = 16 * 1024 ** 2;
/** Deflate cannot compress better than about 1032:1, so no stored dataset expands beyond this. */
export const MAX_COMPRESSION_RATIO = 1100;
/** Datasets up to this size are allowed in any file (a never-written variable is all fill, no storage). */
export const MIN_DATASET_ALLOWANCE = 64 * 1024 ** 2;
/**
 * More links than any radar file has in one group (CfRadial: ~100 variables; ODIM, GAMIC: a few dozen
 * sweeps). Listing costs ~0.1 ms per member, so this also bounds the time a looping group can take.
 */
export const MAX_GROUP_MEMBERS = 20_000;

/** HDF5 type classes (H5T_class_t) whose values live in the global heap or may contain such. */
const H5T_REFERENCE = 7;
const H5T_VLEN = 9;

/** True when reading a value of this type makes HDF5 read global heap objects. */
export function touchesGlobalHeap(meta: Metadata): boolean {
  if (meta.vlen || meta.type === H5T_VLEN) return true;
  // Region references point into the global heap; object references (what netCDF uses) do not.
  if (meta.type === H5T_REFERENCE && meta.ref_type !== 'object') return true;
  if (meta.array_type && touchesGlobalHeap(meta.array_type)) return true;
  return meta.compound_type?.members.some(touchesGlobalHeap) ?? false;
}

/** Bytes h5wasm would allocate for the whole value (elements × element size). */
export const valueBytes = (meta: Metadata): number => (meta.total_size ?? 0) * (meta.size ?? 0);

export class Hdf5Guards {
  /** undefined until checked; then null (sound) or what is wrong with the global heap */
  private heapDamage: string | null | undefined;

  constructor(
    /** the path the user chose (messages) */
    private readonly path: string,
    /** the path HDF5 reads (a temporary copy for a gzip/bzip2-wrapped file) */
    private readonly realPath: string,
    /** bytes */
    private readonly fileSize: number,
    /** size of a "length" field, from the superblock */
    private readonly sizeOfLengths: number,
  ) {}

  private corrupt(problem: string): ReaderError {
    return new ReaderError('corrupt', this.path, problem);
  }

  /** Refuse an attribute whose value would be absurdly large; `where` is "<object> attribute <name>". */
  attribute(where: string, meta: Metadata): void {
    const bytes = valueBytes(meta);
    if (!(bytes <= MAX_ATTRIBUTE_BYTES)) {
      throw this.corrupt(`${where} claims ${bytes} bytes, far beyond any attribute (damaged metadata)`);
    }
    if (touchesGlobalHeap(meta)) this.globalHeap(where);
  }

  /** The most bytes a dataset of this file can plausibly hold. */
  get maxDatasetBytes(): number {
    return Math.max(this.fileSize * MAX_COMPRESSION_RATIO, MIN_DATASET_ALLOWANCE);
  }

  /** Refuse reading `bytes` of a dataset (or of rows of it) beyond what the file could hold. */
  dataset(path: string, bytes: number, meta: Metadata): void {
    if (!(bytes <= this.maxDatasetBytes)) {
      throw this.corrupt(
        `${path} claims ${bytes} bytes, more than a ${this.fileSize}-byte file can hold even compressed (damaged dimensions?)`,
      );
    }
    if (touchesGlobalHeap(meta)) this.globalHeap(path);
  }

  /** Refuse a group with more members than any radar file has. */
  members(group: string, count: number): void {
    if (count > MAX_GROUP_MEMBERS) throw this.corrupt(`${group} lists ${count} members (damaged group?)`);
  }

  /** Check the global heap once before `what` makes HDF5 read from it; throws when it is damaged. */
  globalHeap(what: string): void {
    if (this.heapDamage === undefined) {
      let damage: ReturnType<typeof findGlobalHeapDamage>;
      try {
        damage = findGlobalHeapDamage(this.realPath, this.fileSize, this.sizeOfLengths);
      } catch (err) {
        throw new ReaderError('io', this.path, `cannot read the file (${String(err)})`, { cause: err });
      }
      this.heapDamage = damage
        ? `the HDF5 global heap collection at byte ${damage.collection} is damaged: ${damage.problem}`
        : null;
    }
    if (this.heapDamage !== null) throw this.corrupt(`cannot read ${what}: ${this.heapDamage}`);
  }
}
