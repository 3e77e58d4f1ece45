// CfRadial 1.x over NetCDF-4/HDF5 on the real files of shared/data/radar: Py-ART parity (reference
// runs), geometry from the data README, and metadata cross-checked against Debian's ncdump.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openVolume } from '../../../main/io/open-volume';
import { ReaderError } from '../../../main/io/reader-error';
import { radarFile } from '../../support/radar-data';
import { expectParity, referenceRun } from '../../support/reader-parity';

const DOW8_2236 = 'cfrad.20211011_223602.712_to_20211011_223612.091_DOW8_RHI.nc';
const DOW8_2017 = 'cfrad.20211011_201733.023_to_20211011_201745.299_DOW8_RHI.nc';
const KASACR = 'houkasacrcfrM1.a1.20210922.150006.nc';

const hasNcdump = ((): boolean => {
  try {
    execFileSync('ncdump', [], { stdio: 'ignore' });
    return true;
  } catch (err) {
    return (err as { status?: number }).status !== undefined; // ncdump without arguments exits non-zero
  }
})();

describe('CfRadial NetCDF-4: Py-ART parity', () => {
  it.each([
    [DOW8_2236, 'DOW8_RHI_20211011_223602'],
    [DOW8_2017, 'DOW8_RHI_20211011_201733'],
    ['MLL2217907250U.003.nc', 'MLL2217907250U.003'],
    [KASACR, 'houkasacrcfrM1.a1.20210922.150006'],
  ] as const)('%s reads velocity exactly as Py-ART', async (file, run) => {
    const volume = await openVolume(await radarFile(file));
    try {
      expect(volume.header.format).toBe('cfradial-netcdf4');
      const parity = await expectParity(volume, referenceRun(run));
      // Identical float32 values: packed shorts are decoded with numpy's float32 arithmetic.
      expect(Math.max(...parity.map((p) => p.maxDiff))).toBe(0);
    } finally {
      volume.close();
    }
  });
});

describe('CfRadial NetCDF-4: geometry and metadata', () => {
  it('reads the DOW8 RHI: fixed angle is the azimuth, Nyquist per ray from nyquist_velocity(time)', async () => {
    const volume = await openVolume(await radarFile(DOW8_2236));
    const h = volume.header;
    expect(h.scanType).toBe('rhi');
    expect(h.sweeps[0]).toMatchObject({ mode: 'rhi', rayCount: 148, nyquistSource: 'file' });
    expect(h.sweeps[0]!.fixedAngle).toBeCloseTo(184.0, 3);
    const g = await volume.readGeometry(0);
    // README item 6: elevation −0.7…70° across the RHI.
    expect(Math.min(...g.elevation)).toBeCloseTo(-0.7, 0);
    expect(Math.max(...g.elevation)).toBeCloseTo(70, 0);
    expect(g.nyquistPerRay).toHaveLength(148);
    expect(g.nyquistPerRay![0]).toBeCloseTo(19.83, 2);
    // README item 6: 950 gates × 124.91 m, first gate 62.5 m.
    const vel = await volume.readField(0, 'VRADH');
    expect(vel).toMatchObject({ gates: 950, sourceName: 'VEL', units: 'm/s' });
    expect(vel.range[0]).toBeCloseTo(62.5, 0);
    expect(vel.range[1]! - vel.range[0]!).toBeCloseTo(124.91, 1);
    expect(vel.packing).toMatchObject({ type: 'i16', fill: -32768 });
    expect(new Date(h.startTime * 1000).toISOString()).toBe('2021-10-11T22:36:02.712Z');
    volume.close();
  });

  it('reads the 4-sweep KaSACR file: sweep index, rays outside sweeps, no velocity', async () => {
    const volume = await openVolume(await radarFile('example_plot_ppi_single_sweep.nc'));
    const h = volume.header;
    // README item 10: 4 sweeps of 362, 362, 360, 354 rays at −0.01, 0.49, 1.0, 1.99°.
    expect(h.sweeps.map((s) => s.rayCount)).toEqual([362, 362, 360, 354]);
    expect(h.sweeps.map((s) => Math.round(s.fixedAngle * 100) / 100)).toEqual([-0.01, 0.49, 1.0, 1.99]);
    expect(h.sweeps.every((s) => Math.abs(s.nyquist! - 8.01) < 0.01)).toBe(true);
    expect(h.moments).toEqual(['DBZH']);
    // Each sweep turns through about 211° of azimuth (240° → 90° and back): a sector, though
    // sweep_mode says azimuth_surveillance; Py-ART's scan type stays 'ppi'.
    expect(h.scanType).toBe('sector');
    expect(h.attributes['scan_type']).toBe('ppi');
    const err = await volume.readField(0, 'VRADH').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReaderError);
    expect((err as ReaderError).code).toBe('missing-moment');
    expect((err as ReaderError).message).toMatch(/example_plot_ppi_single_sweep\.nc: no VRADH field/);
    const dbz = await volume.readField(3, 'DBZH');
    expect(dbz).toMatchObject({ rays: 354, gates: 755, sourceName: 'reflectivity_at_cor', units: 'dBZ' });
    volume.close();
  });

  it("keeps the KaSACR rays 0-1 out of every sweep and Py-ART's ppi scan type", async () => {
    const volume = await openVolume(await radarFile(KASACR));
    const h = volume.header;
    expect(h.sweeps).toHaveLength(1);
    expect(h.sweeps[0]!.rayCount).toBe(62);
    // 62 rays 11.8° apart turn through ~734°: two revolutions, not a sector (reported as a warning).
    expect(h.scanType).toBe('ppi');
    expect(h.attributes['scan_type']).toBe('ppi');
    expect(h.warnings.join('\n')).toMatch(/2\.0 revolutions/);
    const g = await volume.readGeometry(0);
    expect(g.azimuth[0]).toBeCloseTo(100.3797, 3); // ray 2 of the file
    volume.close();
  });

  it.skipIf(!hasNcdump)('agrees with ncdump -h on dimensions, packing and global attributes', async () => {
    const path = await radarFile(KASACR);
    const cdl = execFileSync('ncdump', ['-h', path], { encoding: 'utf8' });
    const dim = (name: string): number => {
      const m = new RegExp(`\\t${name} = (?:UNLIMITED ; // \\((\\d+) currently\\)|(\\d+) ;)`).exec(cdl);
      return Number(m![1] ?? m![2]);
    };
    const attr = (v: string, a: string): string => new RegExp(`\\t${v}:${a} = ([^;]+) ;`).exec(cdl)![1]!;
    const volume = await openVolume(path);
    const vel = await volume.readField(0, 'VRADH');
    expect(vel.gates).toBe(dim('range'));
    expect(dim('time')).toBe(64);
    // ncdump prints float attributes to 7 significant digits: compare relatively.
    const relative = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
    expect(relative(vel.packing!.scale, parseFloat(attr('mean_doppler_velocity', 'scale_factor')))).toBeLessThan(1e-6);
    expect(relative(vel.packing!.offset, parseFloat(attr('mean_doppler_velocity', 'add_offset')))).toBeLessThan(1e-6);
    expect(vel.packing!.fill).toBe(parseInt(attr('mean_doppler_velocity', '_FillValue'), 10));
    expect(`"${volume.header.site.name}"`).toBe(attr('', 'instrument_name'));
    expect(`"${volume.header.attributes['Conventions']}"`).toBe(attr('', 'Conventions'));
    volume.close();
  });
});
