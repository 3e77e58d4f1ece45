// Sigmet/IRIS RAW reader on the two real IRIS files, against Py-ART's reading of them
// (test/fixtures/reference/*/reference.json and velocity.npy.gz) and the data README.
import { describe, expect, it } from 'vitest';
import { openVolume } from '../../../main/io/open-volume';
import { radarFile } from '../../support/radar-data';
import { expectParity, referenceRun } from '../../support/reader-parity';

describe('IRIS RAW reader: cor-main131125105503.RAW2049 (IDEAM Corozal, 1-byte VEL)', () => {
  it('opens with the site, time, geometry and Nyquist the data README gives', async () => {
    const volume = await openVolume(await radarFile('cor-main131125105503.RAW2049'));
    const h = volume.header;
    expect(h.format).toBe('sigmet-iris');
    expect(h.site.latitude).toBeCloseTo(9.331, 3);
    expect(h.site.longitude).toBeCloseTo(-75.283, 3);
    expect(h.site.name).toMatch(/Corozal/);
    expect(new Date(h.startTime * 1000).toISOString()).toMatch(/^2013-11-25T10:55/);
    expect(h.scanType).toBe('ppi');
    expect(h.sweeps.map((s) => s.rayCount)).toEqual(new Array(10).fill(360));
    // README item 11: λ 5.33 cm × PRF 500 Hz / 4 = 6.66 m/s, multi-PRF flag 0.
    expect(h.sweeps[0]!.nyquist).toBeCloseTo(6.6625, 6);
    expect(h.moments).toEqual(expect.arrayContaining(['DBZH', 'VRADH', 'ZDR', 'KDP', 'PHIDP', 'RHOHV', 'HCLASS']));
    const field = await volume.readField(0, 'DBZH');
    // 664 bins × 450 m, first bin 300 m (README item 11).
    expect(field.gates).toBe(664);
    expect(field.range[0]).toBe(300);
    expect(field.range[1]! - field.range[0]!).toBe(450);
    const geometry = await volume.readGeometry(0);
    expect(geometry.azimuth.length).toBe(360);
    expect(Math.max(...geometry.elevation)).toBeLessThan(1.5);
    expect(Math.min(...geometry.elevation)).toBeGreaterThan(-0.5);
    volume.close();
  });

  it('reads velocity identical to Py-ART, sweep by sweep', async () => {
    const volume = await openVolume(await radarFile('cor-main131125105503.RAW2049'));
    // Py-ART's float32 arithmetic is reproduced, so the values are identical, not just close.
    await expectParity(volume, referenceRun('cor-main131125105503.RAW2049'), { wholeVolume: true });
    volume.close();
  });

  it('decodes the other moments to physically plausible ranges', async () => {
    const volume = await openVolume(await radarFile('cor-main131125105503.RAW2049'));
    const ranges: Record<string, [number, number]> = {
      DBZH: [-32, 95.5],
      ZDR: [-8, 8],
      RHOHV: [0, 1.001],
      PHIDP: [0, 180],
      KDP: [-30, 30],
    };
    for (const [moment, [lo, hi]] of Object.entries(ranges)) {
      const field = await volume.readField(3, moment);
      const valid = field.data.filter((v) => !Number.isNaN(v));
      expect(valid.length, moment).toBeGreaterThan(1000);
      expect(Math.min(...valid), moment).toBeGreaterThanOrEqual(lo);
      expect(Math.max(...valid), moment).toBeLessThanOrEqual(hi);
    }
    volume.close();
  });
});

describe('IRIS RAW reader: SUR210819000227.RAWKPJV (2-byte VEL2, extended headers)', () => {
  it('opens with 359 of 360 rays and the Nyquist of README item 14', async () => {
    const volume = await openVolume(await radarFile('SUR210819000227.RAWKPJV'));
    const h = volume.header;
    expect(h.sweeps.length).toBe(1);
    expect(h.sweeps[0]!.rayCount).toBe(359);
    expect(h.sweeps[0]!.nyquist).toBeCloseTo(7.61, 2);
    // 2-byte types map onto the registry like their 1-byte siblings (DBZ2 → DBZH, HCLASS2 → HCLASS, ...)
    expect(h.moments).toEqual([
      'DBZH',
      'TH',
      'VRADH',
      'WRADH',
      'ZDR',
      'RHOHV',
      'PHIDP',
      'KDP',
      'SQIH',
      'SNRH',
      'HCLASS',
    ]);
    expect(new Date(h.startTime * 1000).toISOString()).toMatch(/^2021-08-19T00:0/);
    const geometry = await volume.readGeometry(0);
    // extended headers give millisecond ray times within the ~minute-long sweep
    const span = Math.max(...geometry.time) - Math.min(...geometry.time);
    expect(span).toBeGreaterThan(5);
    expect(span).toBeLessThan(120);
    expect(geometry.time.some((t) => t % 1 !== 0)).toBe(true);
    volume.close();
  });

  it('reads velocity identical to Py-ART', async () => {
    const volume = await openVolume(await radarFile('SUR210819000227.RAWKPJV'));
    await expectParity(volume, referenceRun('SUR210819000227.RAWKPJV'), { wholeVolume: true });
    volume.close();
  });
});
