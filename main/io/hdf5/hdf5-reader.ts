/**
 * The one RadarReader for HDF5 containers. It opens the file once and dispatches by convention to the
 * ODIM_H5, GAMIC or CfRadial (NetCDF-4) mapping, so a file is never opened three times to be sniffed.
 * Sniffing needs only the signature (at byte 0, 512, 1024 or 2048).
 */
import type { OpenedVolume } from '../../../common/volume';
import type { RadarReader } from '../reader';
import { ReaderError } from '../reader-error';
import { openCfRadial } from '../readers/cfradial/cfradial-volume';
import { openGamic } from '../readers/gamic/gamic-volume';
import { openOdim } from '../readers/odim/odim-volume';
import { detectConvention } from './convention';
import { Hdf5File } from './hdf5-file';
import { Netcdf4Dataset } from './netcdf4-dataset';
import { findHdf5Signature } from './superblock';

async function dispatch(file: Hdf5File): Promise<OpenedVolume> {
  const convention = detectConvention(file);
  switch (convention) {
    case 'odim':
      return openOdim(file);
    case 'gamic':
      return openGamic(file);
    case 'cfradial':
      return openCfRadial(new Netcdf4Dataset(file), 'cfradial-netcdf4');
    default:
      throw new ReaderError(
        'unsupported',
        file.path,
        'an HDF5/NetCDF-4 file, but not a radar convention Unfold reads (CfRadial, ODIM_H5, GAMIC)',
      );
  }
}

export const hdf5Reader: RadarReader = {
  name: 'HDF5 (CfRadial NetCDF-4, ODIM_H5, GAMIC)',
  sniff: (source) => findHdf5Signature(source.head) >= 0,
  open: async (source) => {
    const file = await Hdf5File.open(source);
    try {
      return await dispatch(file);
    } catch (err) {
      file.close();
      throw err;
    }
  },
};
