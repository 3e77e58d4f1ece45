/**
 * Checks the HDF5 global heap collections of a file in TypeScript before HDF5 reads any of them.
 *
 * Why: variable-length values (vlen string attributes such as GAMIC's `host_name`, NetCDF-4's
 * DIMENSION_LIST, NC_STRING variables) live in global heap collections ("GCOL"). HDF5 2.0's parser
 * of a collection (H5HG cache deserialize) steps from object to object by each object's stored size
 * and never checks that the step is positive or stays inside the collection: a free-space object of
 * size 0 makes it loop forever, a short or oversized one sends it through garbage. The reader fuzzer
 * found such files (GAMIC and NetCDF-4, hanging with memory growing past 700 MB). The walk mirrored
 * here stops at the first such object, so the readers can refuse the file with a clear error instead.
 *
 * Collections are found by their signature: they can sit anywhere in the file, and h5wasm exposes no
 * way to learn their addresses. The scan is one pass over the file in 64 KiB reads (cache-sized: larger
 * buffers were slower), about 0.3-0.6 ms per MB here, run by `Hdf5File` only before the first read
 * that can touch the global heap (at open for NetCDF-4 and GAMIC; ODIM files with fixed strings never).
 *
 * Layout (HDF5 File Format Specification, "Global Heap"): "GCOL", version 1, 3 reserved bytes, the
 * collection size (a length, including this header), padded to 8 bytes; then objects: index (u16),
 * reference count (u16), 4 reserved bytes, object size (a length), padded to 8 bytes, then the data
 * padded to 8 bytes. Index 0 is the free space, whose size includes its own header; a tail too short
 * for an object header is free space as well.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const SIGNATURE = Buffer.from('GCOL', 'latin1');
/** H5HG_MINSIZE: HDF5 never writes a smaller collection. */
const MIN_COLLECTION = 4096;
/** H5HG_ALIGNMENT */
const ALIGN = 8;
const SCAN_CHUNK = 64 * 1024;

export interface HeapDamage {
  /** byte offset of the damaged collection in the file */
  collection: number;
  problem: string;
}

const readLength = (b: Buffer, at: number, size: number): number =>
  size === 8 ? Number(b.readBigUInt64LE(at)) : size === 4 ? b.readUInt32LE(at) : b.readUInt16LE(at);

const align = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

/**
 * Walk the objects of one collection (`bytes` holds exactly the collection) the way HDF5 does, and
 * say what would make HDF5 stall or run past the collection; null when the walk ends cleanly.
 */
export function collectionProblem(bytes: Buffer, sizeOfLengths: number): string | null {
  // H5HG_SIZEOF_HDR and H5HG_SIZEOF_OBJHDR: both padded to the alignment (16 bytes for any length size)
  const header = align(8 + sizeOfLengths);
  const objectHeader = align(8 + sizeOfLengths);
  let p = header;
  while (p < bytes.length) {
    if (p + objectHeader > bytes.length) return null; // a tail too small for an object: free space
    const index = bytes.readUInt16LE(p);
    const size = readLength(bytes, p + 8, sizeOfLengths);
    const step = index > 0 ? objectHeader + align(size) : size;
    if (step < objectHeader) {
      return `its free-space object at +${p} has size ${size}, smaller than an object header`;
    }
    if (p + step > bytes.length) {
      return `object ${index} at +${p} claims ${size} bytes, past the end of the ${bytes.length}-byte collection`;
    }
    p += step;
  }
  return null;
}

/** Reads `length` bytes at `position` (fewer at the end of the file). */
function readAt(fd: number, position: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, position + done);
    if (n <= 0) break;
    done += n;
  }
  return out.subarray(0, done);
}

/** Check the collection whose signature is at `at`; null when it is sound or not a collection at all. */
function checkCandidate(fd: number, at: number, fileSize: number, sizeOfLengths: number): HeapDamage | null {
  const head = readAt(fd, at, 8 + sizeOfLengths);
  // Version 1 and three zero bytes: otherwise these four letters are data, and HDF5 itself would
  // reject a collection there by its version.
  if (head.length < 8 + sizeOfLengths || head[4] !== 1 || head[5] !== 0 || head[6] !== 0 || head[7] !== 0) return null;
  const size = readLength(head, 8, sizeOfLengths);
  if (size < MIN_COLLECTION || size > fileSize - at) {
    return { collection: at, problem: `its size ${size} is impossible (${fileSize - at} bytes remain in the file)` };
  }
  const problem = collectionProblem(readAt(fd, at, size), sizeOfLengths);
  return problem ? { collection: at, problem } : null;
}

/**
 * Scan the file at `path` for global heap collections and check each one; the first damaged one, or
 * null. `sizeOfLengths` comes from the superblock (8 in practice).
 */
export function findGlobalHeapDamage(path: string, fileSize: number, sizeOfLengths: number): HeapDamage | null {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(SCAN_CHUNK);
    // Successive chunks overlap by 3 bytes so that a signature across a boundary is still seen.
    let pos = 0;
    while (pos < fileSize) {
      const n = readSync(fd, chunk, 0, SCAN_CHUNK, pos);
      if (n < SIGNATURE.length) break;
      const view = chunk.subarray(0, n);
      for (let i = view.indexOf(SIGNATURE); i >= 0; i = view.indexOf(SIGNATURE, i + 1)) {
        const damage = checkCandidate(fd, pos + i, fileSize, sizeOfLengths);
        if (damage) return damage;
      }
      pos += n - (SIGNATURE.length - 1);
      if (pos + SIGNATURE.length > fileSize) break;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}
