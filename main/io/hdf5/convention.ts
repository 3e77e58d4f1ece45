/**
 * Which radar convention an HDF5 file follows: ODIM_H5, GAMIC, or CfRadial in NetCDF-4. Decided from
 * content, never the file name: ODIM's root `Conventions` ("ODIM_H5/V2_2") or its what/where/dataset1
 * layout; GAMIC's `scan0` group beside a root `how`; CfRadial's `Conventions` ("CF/Radial ...") or its
 * time/range/sweep variables.
 */
import type { Hdf5File } from './hdf5-file';

export type Hdf5Convention = 'odim' | 'gamic' | 'cfradial' | 'unknown';

export function detectConvention(file: Hdf5File): Hdf5Convention {
  const conventions = file.attribute('/', 'Conventions');
  const text = typeof conventions === 'string' ? conventions : '';
  if (/^ODIM_H5/i.test(text)) return 'odim';
  if (/CF[/-]?Radial/i.test(text)) return 'cfradial';
  const isGroup = (p: string): boolean => file.typeOf(p) === 'group';
  const isDataset = (p: string): boolean => file.typeOf(p) === 'dataset';
  if (isGroup('/scan0') && isGroup('/how')) return 'gamic';
  if (isGroup('/what') && isGroup('/where') && isGroup('/dataset1')) return 'odim';
  if (isDataset('/time') && isDataset('/range') && isDataset('/sweep_start_ray_index')) return 'cfradial';
  return 'unknown';
}
