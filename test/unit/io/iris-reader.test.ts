// Sigmet/IRIS RAW reader on the two real IRIS files, against Py-ART's reading of them
// (test/fixtures/reference/*/reference.json and velocity.npy.gz) and the data README.
import { describe, expect, it } from 'vitest';
import { openVolume } from '../../../main/io/open-volume';
import type { OpenedVolume } from '../../../common/volume';
import { radarFile } from '../../support/radar-data';
import { referenceRuns, type ReferenceRun } from '../../support/reference';

const run = (name: string): ReferenceRun => {
  const found = referenceRuns().find((r) => r.name === name);
  if (!found) throw new Error(`no reference run ${name}`);
  return found;
};

/** Compare one sweep's field with the reference rows; returns counts for the assertion message. */
function compareSweep(
  data: Float32Array,
  gates: number,
  ref: Float32Array,
  refGates: number,
  firstRay: number,
  rays: number,
): { nanMismatch: number; maxDiff: number; valid: number; refBeyond: number } {
  let nanMismatch = 0;
  let maxDiff = 0;
  let valid = 0;
  let refBeyond = 0;
  for (let r = 0; r < rays; r++) {
    for (let g = 0; g < refGates; g++) {
      const expected = ref[(firstRay + r) * refGates + g]!;
      if (g >= gates) {
        if (!Number.isNaN(expected)) refBeyond++;
        continue;
      }
      const actual = data[r * gates + g]!;
      if (Number.isNaN(expected) !== Number.isNaN(actual)) nanMismatch++;
      else if (!Number.isNaN(actual)) {
        valid++;
        maxDiff = Math.max(maxDiff, Math.abs(actual - expected));
      }
    }
  }
  return { nanMismatch, maxDiff, valid, refBeyond };
}

async function expectParity(volume: OpenedVolume, reference: ReferenceRun): Promise<void> {
  const meta = reference.meta;
  const velocity = reference.velocity();
  expect(volume.header.sweeps.length).toBe(meta.nsweeps);
  for (let s = 0; s < meta.nsweeps; s++) {
    const sweep = volume.header.sweeps[s]!;
    const rays = meta.sweep_end_ray_index[s]! - meta.sweep_start_ray_index[s]! + 1;
    expect(sweep.rayCount, `sweep ${s} rays`).toBe(rays);
    expect(sweep.fixedAngle, `sweep ${s} fixed angle`).toBeCloseTo(meta.fixed_angles[s]!, 5);
    expect(sweep.nyquist, `sweep ${s} Nyquist`).toBeCloseTo(meta.nyquist_per_sweep[s]!, 5);
    const field = await volume.readField(s, 'VRADH');
    expect(field.rays).toBe(rays);
    const cmp = compareSweep(field.data, field.gates, velocity, meta.ngates, meta.sweep_start_ray_index[s]!, rays);
    expect(cmp, `sweep ${s}`).toMatchObject({ nanMismatch: 0, refBeyond: 0 });
    // Py-ART's float32 arithmetic is reproduced, so the values are identical, not just close.
    expect(cmp.maxDiff, `sweep ${s} max |Δv| m/s`).toBe(0);
    expect(cmp.valid, `sweep ${s} valid gates`).toBe(meta.per_sweep[s]!.valid_gates);
  }
}

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
    expect(h.moments).toEqual(expect.arrayContaining(['DBZH', 'VRADH', 'ZDR', 'KDP', 'PHIDP', 'RHOHV']));
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
    await expectParity(volume, run('cor-main131125105503.RAW2049'));
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
    await expectParity(volume, run('SUR210819000227.RAWKPJV'));
    volume.close();
  });
});
