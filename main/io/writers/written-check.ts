/**
 * Reads a just-written NetCDF-4 file back and compares every variable's bytes with the digests the
 * writer recorded. h5wasm does not surface write failures (ENOSPC, EIO: HDF5 prints them to stderr
 * and the calls still return), so this is how the exporter knows the temporary file is complete
 * before it replaces the target. Reads go in row blocks so the wasm heap stays bounded.
 */
import { createHash } from 'node:crypto';
import { loadH5wasm } from '../hdf5/h5wasm-runtime';

/** Bytes per read block. */
const BLOCK_BYTES = 16 << 20;

/** Resolves when every variable in `digests` reads back with the same bytes; otherwise rejects saying which. */
export async function verifyWrittenFile(path: string, digests: ReadonlyMap<string, string>): Promise<void> {
  const { lib, module } = await loadH5wasm();
  const file = new lib.File(path, 'r');
  if (file.file_id < 0n) throw new Error('the written file cannot be reopened (incomplete HDF5 metadata)');
  try {
    for (const [name, expected] of digests) {
      const dataset = `/${name}`;
      if (module.get_type(file.file_id, dataset) !== module.H5G_DATASET) throw new Error(`${name} is missing`);
      const meta = module.get_dataset_metadata(file.file_id, dataset);
      const shape = (meta.shape ?? []).map(Number);
      const rows = shape[0] ?? 1;
      const rowBytes = (shape.slice(1).reduce((a, b) => a * b, 1) || 1) * meta.size;
      const rowsPerBlock = Math.max(1, Math.floor(BLOCK_BYTES / rowBytes));
      const hash = createHash('sha256');
      for (let start = 0; start < rows; start += rowsPerBlock) {
        const count = Math.min(rowsPerBlock, rows - start);
        const nbytes = count * rowBytes;
        if (nbytes === 0) continue;
        const ptr = module._malloc(nbytes);
        if (ptr === 0) throw new Error(`no memory to read back ${name}`);
        try {
          const selection =
            shape.length === 0
              ? { count: null, offset: null, strides: null }
              : {
                  count: [BigInt(count), ...shape.slice(1).map(BigInt)],
                  offset: shape.map((_, i) => (i === 0 ? BigInt(start) : 0n)),
                  strides: shape.map(() => 1n),
                };
          const status = module.get_dataset_data(
            file.file_id,
            dataset,
            selection.count,
            selection.offset,
            selection.strides,
            BigInt(ptr),
          );
          if (status < 0) throw new Error(`${name} cannot be read back`);
          hash.update(module.HEAPU8.subarray(ptr, ptr + nbytes));
        } finally {
          module._free(ptr);
        }
      }
      if (hash.digest('hex') !== expected) throw new Error(`${name} reads back different from what was written`);
    }
  } finally {
    file.close();
  }
}
