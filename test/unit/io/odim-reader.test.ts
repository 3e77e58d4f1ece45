// ODIM_H5 reader on the two real polar volumes: BoM AU40 (explicit how/NI, VRADH + BoM's dealiased
// VRADDH) and SMHI Luleå (no NI: dual-PRF Nyquist derived from highprf/lowprf/wavelength, 420 rays,
// rscale changing between sweeps). Against Py-ART's reading, the data README and h5dump.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { odimGeometry } from '../../../main/io/readers/odim/odim-geometry';
import { odimNyquist } from '../../../main/io/readers/odim/odim-nyquist';
import type { OdimSweep } from '../../../main/io/readers/odim/odim-structure';
import { openVolume } from '../../../main/io/open-volume';
import { ReaderError } from '../../../main/io/reader-error';
import { radarFile } from '../../support/radar-data';
import { expectParity, referenceRun } from '../../support/reader-parity';

const AU40 = '40_20181220_060630.pvol.h5';
const SELUL = 'selul_pvol_201503300845.h5';

const hasH5dump = ((): boolean => {
  try {
    execFileSync('h5dump', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** One attribute as h5dump prints it (first value), e.g. h5attr(file, '/dataset3/where/rscale'). */
function h5attr(path: string, attribute: string): string {
  const out = execFileSync('h5dump', ['-a', attribute, path], { encoding: 'utf8' });
  return /\(0\): ("?)(.*?)\1\s*$/m.exec(out)![2]!;
}

describe('ODIM_H5: BoM AU40 volume (explicit NI)', () => {
  it('reads VRADH exactly as Py-ART, with Nyquist 39 m/s from how/NI', async () => {
    const volume = await openVolume(await radarFile(AU40));
    expect(volume.header.format).toBe('odim-h5');
    expect(volume.header.formatDetail).toBe('ODIM_H5/V2_2 PVOL (H5rad 2.2)');
    const parity = await expectParity(volume, referenceRun('40_20181220_060630.pvol'));
    expect(Math.max(...parity.map((p) => p.maxDiff))).toBe(0);
    expect(volume.header.sweeps.every((s) => s.nyquistSource === 'file')).toBe(true);
    volume.close();
  });

  it('reads VRADDH as its own moment: it differs from VRADH by 2·NI at 1,686 of 219,696 gates (README item 4)', async () => {
    const volume = await openVolume(await radarFile(AU40));
    expect(volume.header.moments).toEqual(expect.arrayContaining(['VRADH', 'VRADDH', 'DBZH', 'WRADH', 'TH']));
    let both = 0;
    let unfolded = 0;
    let other = 0;
    for (let s = 0; s < volume.header.sweeps.length; s++) {
      const raw = await volume.readField(s, 'VRADH');
      const dealiased = await volume.readField(s, 'VRADDH');
      expect(dealiased.packing).toMatchObject({ type: 'u16', scale: expect.closeTo(0.1, 6), offset: -300 });
      for (let i = 0; i < raw.data.length; i++) {
        const d = dealiased.data[i]! - raw.data[i]!;
        if (Number.isNaN(d)) continue;
        both++;
        if (Math.abs(Math.abs(d) - 2 * 39) < 1) unfolded++;
        else if (Math.abs(d) > 0.5) other++; // within one VRADH step (0.49 m/s) otherwise
      }
    }
    expect({ both, unfolded, other }).toEqual({ both: 219_696, unfolded: 1_686, other: 0 });
    volume.close();
  });

  it('places ray a1gate first in time and rays at (i + 0.5)° azimuth', async () => {
    const volume = await openVolume(await radarFile(AU40));
    const g = await volume.readGeometry(0);
    expect(g.azimuth[0]).toBeCloseTo(0.5, 5);
    expect(g.azimuth[359]).toBeCloseTo(359.5, 5);
    expect(g.elevation[100]).toBeCloseTo(0.5, 5);
    // dataset1: a1gate 12, start = end = 06:06:30 (README: 2018-12-20 06:06:30)
    expect(g.time[12]).toBe(Date.UTC(2018, 11, 20, 6, 6, 30) / 1000);
    const field = await volume.readField(0, 'VRADH');
    // rstart 1 km, rscale 500 m: gate centres at 1250, 1750 m
    expect(Array.from(field.range.subarray(0, 2))).toEqual([1250, 1750]);
    volume.close();
  });
});

describe('ODIM_H5: SMHI Luleå volume (no NI)', () => {
  it.each([
    ['selul_pvol_201503300845.sweeps1-4', 0],
    ['selul_pvol_201503300845.sweeps5-10', 4],
  ] as const)(
    '%s: VRAD exactly as Py-ART, dual-PRF Nyquist equals the one given to Py-ART',
    async (run, firstSweep) => {
      const volume = await openVolume(await radarFile(SELUL));
      // README item 5: 24.07 and 48.15 m/s. λ/(4(1/450 − 1/600)) with λ = 5.35 cm is 24.075 m/s.
      await expectParity(volume, referenceRun(run), { firstSweep, nyquistTolerance: 0.006 });
      const sweep = volume.header.sweeps[firstSweep]!;
      expect(sweep.nyquistSource).toBe('dual-prf');
      expect(sweep.prf).toBe(firstSweep === 0 ? 600 : 1200);
      volume.close();
    },
  );

  it('has 10 sweeps of 420 rays, 2 km bins in sweeps 1-4 and 1 km bins after', async () => {
    const volume = await openVolume(await radarFile(SELUL));
    const h = volume.header;
    expect(h.sweeps.map((s) => s.rayCount)).toEqual(new Array(10).fill(420));
    const spacing = async (s: number): Promise<number> => {
      const f = await volume.readField(s, 'VRADH');
      return f.range[1]! - f.range[0]!;
    };
    expect([await spacing(0), await spacing(3), await spacing(4), await spacing(9)]).toEqual([2000, 2000, 1000, 1000]);
    expect(h.site.name).toBe('selul');
    expect(h.attributes['source']).toBe('WMO:02092,NOD:selul,RAD:SE41,PLC:Luleå');
    volume.close();
  });

  it.skipIf(!hasH5dump)('agrees with h5dump on site, sweep and quantity attributes', async () => {
    const path = await radarFile(SELUL);
    const volume = await openVolume(path);
    const h = volume.header;
    // h5dump prints doubles to about 6 significant digits
    expect(h.site.latitude).toBeCloseTo(Number(h5attr(path, '/where/lat')), 4);
    expect(h.site.longitude).toBeCloseTo(Number(h5attr(path, '/where/lon')), 4);
    expect(h.site.altitude).toBe(Number(h5attr(path, '/where/height')));
    for (const n of [1, 5, 10]) {
      const sweep = h.sweeps[n - 1]!;
      expect(sweep.fixedAngle).toBe(Number(h5attr(path, `/dataset${n}/where/elangle`)));
      expect(sweep.rayCount).toBe(Number(h5attr(path, `/dataset${n}/where/nrays`)));
      const field = await volume.readField(n - 1, 'VRADH');
      expect(field.sourceName).toBe(h5attr(path, `/dataset${n}/data2/what/quantity`));
      expect(field.gates).toBe(Number(h5attr(path, `/dataset${n}/where/nbins`)));
      expect(field.range[1]! - field.range[0]!).toBe(Number(h5attr(path, `/dataset${n}/where/rscale`)));
      expect(field.packing!.scale).toBe(Number(h5attr(path, `/dataset${n}/data2/what/gain`)));
      expect(field.packing!.offset).toBe(Number(h5attr(path, `/dataset${n}/data2/what/offset`)));
    }
    volume.close();
  });

  it('rejects a moment the sweep does not have, naming file and sweep', async () => {
    const volume = await openVolume(await radarFile(SELUL));
    const err = await volume.readField(2, 'ZDR').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReaderError);
    expect(err).toMatchObject({ code: 'missing-moment' });
    expect((err as Error).message).toBe('selul_pvol_201503300845.h5: sweep 2 has no ZDR (it has DBZH, VRADH)');
    volume.close();
  });
});

describe('ODIM_H5 rules the two real files do not exercise', () => {
  it('takes how/NI first, then dual PRF, then one PRF (wavelength in cm)', () => {
    expect(odimNyquist({ NI: 39, highprf: 750, lowprf: 500, wavelength: 10.41 })).toMatchObject({
      value: 39,
      source: 'file',
    });
    const dual = odimNyquist({ highprf: 1200, lowprf: 900, wavelength: 5.35 })!;
    expect(dual.source).toBe('dual-prf');
    expect(dual.value).toBeCloseTo(0.0535 / (4 * (1 / 900 - 1 / 1200)), 9);
    expect(odimNyquist({ highprf: 1000, lowprf: 1000, wavelength: 5.3 })).toMatchObject({
      source: 'prf+wavelength',
      value: (0.053 * 1000) / 4,
    });
    expect(odimNyquist({ prf: 600, wavelength: 10 })).toMatchObject({ value: 15, prf: 600 });
    expect(odimNyquist({ highprf: 600 })).toBeNull();
  });

  it('averages startazA/stopazA across north and spreads times from a1gate', () => {
    const sweep: OdimSweep = {
      number: 1,
      group: '/dataset1',
      elangle: 0.5,
      nbins: 10,
      nrays: 4,
      rstart: 0,
      rscale: 500,
      a1gate: 2,
      startTime: 1000,
      endTime: 1040,
      how: {},
      quantities: [],
    };
    const g = odimGeometry(sweep, { startazA: [359, 89, 179, 269], stopazA: [1, 91, 181, 271] });
    expect(Array.from(g.azimuth).map((a) => Math.round(a * 1000) / 1000)).toEqual([0, 90, 180, 270]);
    // ray 2 is first in time, then 3, 0, 1: 10 s apart over the 40 s sweep
    expect(Array.from(g.time)).toEqual([1020, 1030, 1000, 1010]);
    expect(Array.from(odimGeometry(sweep, {}).azimuth)).toEqual([45, 135, 225, 315]);
  });
});
