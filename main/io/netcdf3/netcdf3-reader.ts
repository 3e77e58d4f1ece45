/**
 * The RadarReader for NetCDF classic files (magic `CDF\x01`, `CDF\x02`, `CDF\x05`): CfRadial 1.x stored
 * as NetCDF-3. Reads by offset from disk, or from memory when the file came out of a gzip/bzip2
 * wrapper; the CfRadial mapping is shared with the NetCDF-4 path (`readers/cfradial`).
 */
import type { RadarReader, ReaderSource } from '../reader';
import { ReaderError } from '../reader-error';
import { openCfRadial } from '../readers/cfradial/cfradial-volume';
import { type ByteSource, bytesSource, fileSource } from './byte-source';
import { Netcdf3Dataset } from './netcdf3-dataset';

/** True when `head` starts with a NetCDF classic magic number. */
export function isNetcdf3(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x43 && head[1] === 0x44 && head[2] === 0x46 && [1, 2, 5].includes(head[3]!);
}

async function byteSourceOf(source: ReaderSource): Promise<ByteSource> {
  if (source.wrapped) return bytesSource(await source.bytes());
  try {
    return await fileSource(source.path);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ReaderError('io', source.path, `cannot read the file (${why})`, { cause: err });
  }
}

/** Open a NetCDF classic file as a netCDF dataset (also used by tests and the export round-trip). */
export async function openNetcdf3(source: ReaderSource): Promise<Netcdf3Dataset> {
  return Netcdf3Dataset.open(source.path, await byteSourceOf(source));
}

export const netcdf3Reader: RadarReader = {
  name: 'NetCDF-3 (CfRadial)',
  sniff: (source) => isNetcdf3(source.head),
  open: async (source) => {
    const ds = await openNetcdf3(source);
    try {
      if (!ds.dimensions.has('time') || !ds.dimensions.has('range')) {
        throw new ReaderError(
          'unsupported',
          source.path,
          'a NetCDF-3 file, but not CfRadial (no time and range dimensions)',
        );
      }
      return await openCfRadial(ds, 'cfradial-netcdf3');
    } catch (err) {
      ds.close();
      throw err;
    }
  },
};
