/**
 * Every format reader, in sniffing order. Each reader module adds itself here (one line each).
 */
import type { RadarReader } from '../reader';
import { irisReader } from './iris/iris-reader';
import { ufReader } from './uf/uf-reader';
import { hdf5Reader } from '../hdf5/hdf5-reader';
import { netcdf3Reader } from '../netcdf3/netcdf3-reader';
import { nexradLevel2Reader } from './nexrad/reader';

export const READERS: readonly RadarReader[] = [irisReader, ufReader, hdf5Reader, netcdf3Reader, nexradLevel2Reader];
