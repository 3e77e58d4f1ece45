/**
 * Campaign folders sort by scan time taken from file names; the names below are the real files' names
 * and the expected times are those in the data README's summary table.
 */
import { describe, expect, it } from 'vitest';
import { timeFromFileName } from '../../../main/services/file-times';

const iso = (s: number | null): string | null => (s === null ? null : new Date(s * 1000).toISOString());

describe('timeFromFileName', () => {
  it.each([
    ['KLBB20160601_150025_V06', '2016-06-01T15:00:25.000Z'],
    ['KLIX20050828_180149.gz', '2005-08-28T18:01:49.000Z'],
    ['cfrad.20211011_201733.023_to_20211011_201745.299_DOW8_RHI.nc', '2021-10-11T20:17:33.000Z'],
    ['2014-08-10--182000.ppi.mvol', '2014-08-10T18:20:00.000Z'],
    ['selul_pvol_201503300845.h5', '2015-03-30T08:45:00.000Z'],
    ['cor-main131125105503.RAW2049', '2013-11-25T10:55:03.000Z'],
    ['40_20181220_060630.pvol.h5', '2018-12-20T06:06:30.000Z'],
  ])('%s → %s', (name, expected) => {
    expect(iso(timeFromFileName(name))).toBe(expected);
  });

  it('returns null when the name holds no plausible time', () => {
    expect(timeFromFileName('sweep.nc')).toBeNull();
    expect(timeFromFileName('99999999_999999.nc')).toBeNull();
  });
});
