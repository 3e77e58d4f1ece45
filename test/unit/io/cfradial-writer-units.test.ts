/**
 * The exporter's decisions on real data, module by module: Py-ART's valid_min / valid_max rule against
 * the output metadata Py-ART itself produced for every reference run; the re-encoding of every field
 * of real files of five formats (NEXRAD's are checked through the export in the oracle test) with the packing the exporter chooses (raw codes must survive exactly);
 * and the common range grid for NEXRAD message 1, where reflectivity has 1 km gates and velocity 250 m.
 */
import { describe, expect, it } from 'vitest';
import type { SweepField } from '../../../common/volume';
import { openVolume } from '../../../main/io/open-volume';
import { pyartValidLimits } from '../../../main/io/writers/corrected-variables';
import { allocateStorage, chooseEncoding, encodeRay } from '../../../main/io/writers/field-encoding';
import { chooseCommonGrid, mapOntoGrid } from '../../../main/io/writers/range-grid';
import { type RadarFileName, radarFile } from '../../support/radar-data';
import { referenceRuns } from '../../support/reference';
import { NO_FOLD } from './cfradial-writer-support';

describe("Py-ART's valid_min / valid_max rule", () => {
  it.each(referenceRuns().map((r) => [r.name, r] as const))('matches Py-ART’s output metadata for %s', (_, run) => {
    const { meta } = run;
    const velocity = run.velocity();
    const folds = run.folds();
    const sweepOfRay = new Int32Array(meta.nrays).fill(-1);
    meta.sweep_start_ray_index.forEach((start, s) => sweepOfRay.fill(s, start, meta.sweep_end_ray_index[s]! + 1));
    let maxAbs: number | null = null;
    for (let i = 0; i < velocity.length; i++) {
      const fold = folds[i]!;
      const sweep = sweepOfRay[Math.floor(i / meta.ngates)]!;
      if (fold === NO_FOLD || Number.isNaN(velocity[i]!) || sweep < 0) continue;
      // Py-ART's corrected field is float32.
      const corrected = Math.abs(Math.fround(velocity[i]! + 2 * meta.nyquist_per_sweep[sweep]! * fold));
      if (maxAbs === null || corrected > maxAbs) maxAbs = corrected;
    }
    const expected = (meta as unknown as { output_metadata: { valid_min?: number; valid_max?: number } })
      .output_metadata;
    const limits = pyartValidLimits(maxAbs, meta.nyquist_per_sweep);
    expect(limits).not.toBeNull();
    expect(limits![1]).toBeCloseTo(expected.valid_max!, 4);
    expect(limits![0]).toBeCloseTo(expected.valid_min!, 4);
  });

  it('gives no limits when no gate has a value (Py-ART skips them then)', () => {
    expect(pyartValidLimits(null, [10])).toBeNull();
    expect(pyartValidLimits(13.5, [10])).toEqual([-30, 30]); // the guide's worked example
  });
});

const PACKED_FILES: RadarFileName[] = [
  '40_20181220_060630.pvol.h5', // ODIM: u8 and u16 (VRADDH) with per-sweep gain/offset
  'houkasacrcfrM1.a1.20210922.150006.nc', // ARM CfRadial: i16 with scale_factor/add_offset
  'cor-main131125105503.RAW2049', // IRIS: 8- and 16-bit codes
  'MC3E_NPOL_2011_0524_2356_hid.uf.gz', // UF: i16 with a per-field scale
  '2014-08-10--182000.ppi.mvol', // GAMIC
];

/** Re-encode `field` with `encoding`; returns the largest error after decoding, or null if it did not fit. */
function reencodeError(field: SweepField, encoding: ReturnType<typeof chooseEncoding>): number | null {
  const storage = allocateStorage(encoding, field.data.length);
  const identity = Int32Array.from({ length: field.gates }, (_, g) => g);
  for (let r = 0; r < field.rays; r++) {
    if (!encodeRay(encoding, storage, r * field.gates, field.data, r * field.gates, identity)) return null;
  }
  let worst = 0;
  for (let i = 0; i < field.data.length; i++) {
    const raw = storage[i]!;
    const decoded = raw === encoding.fill ? NaN : raw * (encoding.scale ?? 1) + (encoding.offset ?? 0);
    const original = field.data[i]!;
    if (Number.isNaN(original) !== Number.isNaN(decoded)) return Infinity;
    if (!Number.isNaN(original))
      worst = Math.max(worst, Math.abs(decoded - original) / Math.max(1, Math.abs(original)));
  }
  return worst;
}

describe('re-encoding real fields with the chosen packing', () => {
  it.each(PACKED_FILES)(
    '%s: every field keeps every value (and keeps integer packing where uniform)',
    async (file) => {
      const volume = await openVolume(await radarFile(file));
      try {
        let packedFields = 0;
        for (const moment of volume.header.moments) {
          const fields: SweepField[] = [];
          for (const sweep of volume.header.sweeps) {
            if (sweep.moments.includes(moment)) fields.push(await volume.readField(sweep.index, moment));
          }
          const encoding = chooseEncoding(fields.map((f) => f.packing));
          if (encoding.type !== 'f32') packedFields++;
          for (const field of fields) {
            const error = reencodeError(field, encoding);
            expect(error, `${moment}`).not.toBeNull();
            expect(error!, `${moment}`).toBeLessThan(1e-6);
          }
        }
        if (file !== '40_20181220_060630.pvol.h5') expect(packedFields).toBeGreaterThan(0);
      } finally {
        volume.close();
      }
    },
    60_000,
  );
});

describe('the common range grid', () => {
  it('NEXRAD message 1: the 250 m velocity grid, velocity exact, 1 km reflectivity on four gates each', async () => {
    const volume = await openVolume(await radarFile('KLIX20050828_180149.gz'));
    try {
      const sweep = volume.header.sweeps.find((s) => s.moments.includes('VRADH') && s.moments.includes('DBZH'))!;
      const vel = await volume.readField(sweep.index, 'VRADH');
      const ref = await volume.readField(sweep.index, 'DBZH');
      const fields = [
        { moment: 'DBZH', sweep: sweep.index, range: ref.range },
        { moment: 'VRADH', sweep: sweep.index, range: vel.range },
      ];
      const grid = chooseCommonGrid(fields, ['VRADH']);
      expect(grid.spacing).toBeCloseTo(vel.range[1]! - vel.range[0]!, 6);
      expect(grid.range[grid.count - 1]).toBeGreaterThanOrEqual(ref.range[ref.gates - 1]! - grid.spacing);
      const velMap = mapOntoGrid(grid, vel.range);
      expect(velMap.exact).toBe(true);
      const shift = velMap.indices.indexOf(0);
      expect(grid.range.subarray(shift, shift + vel.gates)).toEqual(vel.range);
      const refMap = mapOntoGrid(grid, ref.range);
      expect(refMap.exact).toBe(false);
      const counts = new Map<number, number>();
      for (const j of refMap.indices) if (j >= 0) counts.set(j, (counts.get(j) ?? 0) + 1);
      expect(counts.size).toBe(ref.gates); // no reflectivity gate is lost
      const interior = [...counts.values()].slice(1, -1);
      expect(Math.min(...interior)).toBeGreaterThanOrEqual(3);
      expect(Math.max(...interior)).toBeLessThanOrEqual(5);
      let farthest = 0;
      refMap.indices.forEach((j, g) => {
        if (j >= 0) farthest = Math.max(farthest, Math.abs(grid.range[g]! - ref.range[j]!));
      });
      expect(farthest).toBeLessThanOrEqual(500 + 1e-3); // within the 1 km gate it came from
    } finally {
      volume.close();
    }
  });
});
