/**
 * NetCDF-4 dimensions as HDF5 stores them: dimension scales (a dataset whose CLASS attribute says
 * DIMENSION_SCALE, with a NAME) attached to the dimensions of a variable through its DIMENSION_LIST.
 * Used by `Hdf5File` (for `Netcdf4Dataset`), with the file's guards applied before HDF5's dimension
 * scale API reads anything: damaged lists and heaps must give an error, not a hang.
 */
import type { Metadata } from 'h5wasm/node';
import type { H5Context } from './h5-context';
import { touchesGlobalHeap } from './h5-guards';

/**
 * The NAME of a dimension scale, or null when the dataset is not a dimension scale (one call instead
 * of reading CLASS and NAME attributes).
 */
export function scaleName(ctx: H5Context, path: string): string | null {
  // HDF5 reads the CLASS and NAME attributes, which a damaged file may have made variable-length.
  ctx.guards.globalHeap(`the dimension scale name of ${path}`);
  try {
    return ctx.module.get_scale_name(ctx.fileId, path);
  } catch {
    return null;
  }
}

/**
 * False when the dataset has no DIMENSION_LIST (no scales to look up). HDF5's H5DSiterate_scales
 * reads the whole list into a buffer sized by the dataset's rank, whatever the list's own length,
 * and each entry is a variable-length value in the global heap: check both before it runs.
 */
function checkDimensionList(ctx: H5Context, path: string, rank: number): boolean {
  let meta: Metadata;
  try {
    meta = ctx.module.get_attribute_metadata(ctx.fileId, path, 'DIMENSION_LIST');
  } catch {
    return false;
  }
  const where = `${path} attribute DIMENSION_LIST`;
  if (meta.total_size !== rank || !touchesGlobalHeap(meta)) {
    throw ctx.fail(`${where}: ${meta.total_size} entries of type class ${meta.type} for a rank-${rank} dataset`);
  }
  ctx.guards.attribute(where, meta);
  return true;
}

/** Paths of the dimension scales attached to each dimension of a dataset (null where none). */
export function attachedScales(ctx: H5Context, path: string, rank: number): (string | null)[] {
  const out = new Array<string | null>(rank).fill(null);
  if (!checkDimensionList(ctx, path, rank)) return out;
  for (let i = 0; i < rank; i++) {
    try {
      out[i] = ctx.module.get_attached_scales(ctx.fileId, path, i)[0] ?? null;
    } catch {
      // no scale on this dimension: the caller names it like netCDF-C's phony dimensions
    }
  }
  return out;
}
