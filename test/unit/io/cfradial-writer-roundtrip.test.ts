/**
 * Our own reader (`openVolume`, CfRadial NetCDF-4) reads an export back as the volume it came from:
 * the sweep table, per-ray geometry, every field within packing precision (resampled fields at their
 * nearest original gate), the original packing where it was uniform, and the dealias result as the
 * moments VRADH_CORR and FOLD through the CfRadial alias table. Real files of four formats: a CfRadial
 * PPI, an ARM CfRadial with packed shorts, an ODIM volume whose gate spacing and gain change between
 * sweeps, and a NEXRAD message-1 volume with 1 km reflectivity and 250 m velocity.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { READERS } from '../../../main/io/readers';
import type { OpenedVolume, SweepField } from '../../../common/volume';
import { openVolume } from '../../../main/io/open-volume';
import { type CorrectedVelocityExport, writeCfRadial } from '../../../main/io/writers/cfradial-writer';
import { ncdumpHeader } from '../../support/netcdf-oracles';
import { type RadarFileName, radarFile } from '../../support/radar-data';
import { correctedFromReference, referenceRun, scratchFolder } from './cfradial-writer-support';

const scratch = scratchFolder('roundtrip');
afterAll(() => scratch.remove());

/** Probe whether a CfRadial NetCDF-4 reader is registered (it reads what we write). */
const cfradialReaderRegistered = READERS.some((r) => /hdf5|cfradial|netcdf4/i.test(r.name));
if (!cfradialReaderRegistered) {
  console.warn(
    '\n!!! SKIPPED: no CfRadial NetCDF-4 reader is registered in main/io/readers; the round-trip tests cannot run !!!\n',
  );
}

/** Expected value of `original` at each gate of `back` (nearest original gate within half a spacing). */
function expectedOnGrid(original: SweepField, backRange: Float32Array, ray: number): Float32Array {
  const out = new Float32Array(backRange.length).fill(NaN);
  const n = original.gates;
  const spacing = n > 1 ? (original.range[n - 1]! - original.range[0]!) / (n - 1) : 0;
  let j = 0;
  for (let g = 0; g < backRange.length; g++) {
    const r = backRange[g]!;
    while (j + 1 < n && Math.abs(original.range[j + 1]! - r) <= Math.abs(original.range[j]! - r)) j++;
    if (Math.abs(original.range[j]! - r) <= spacing / 2 + 1e-3) out[g] = original.data[ray * n + j]!;
  }
  return out;
}

/** Differences between an original field and its read-back, as messages (empty = equal). */
function fieldDifferences(original: SweepField, back: SweepField, tolerance: number): string[] {
  const problems: string[] = [];
  if (back.rays !== original.rays) return [`${original.moment}: ${back.rays} rays, expected ${original.rays}`];
  for (let r = 0; r < original.rays && problems.length < 5; r++) {
    const expected = expectedOnGrid(original, back.range, r);
    for (let g = 0; g < back.gates && problems.length < 5; g++) {
      const e = expected[g]!;
      const got = back.data[r * back.gates + g]!;
      const same = Number.isNaN(e) ? Number.isNaN(got) : Math.abs(got - e) <= tolerance + 1e-6 * Math.abs(e);
      if (!same) problems.push(`${original.moment} ray ${r} gate ${g} (${back.range[g]} m): ${got}, expected ${e}`);
    }
  }
  return problems;
}

interface RoundTrip {
  original: OpenedVolume;
  back: OpenedVolume;
  corrected: CorrectedVelocityExport | undefined;
}

interface RunOptions {
  setLimits?: boolean;
  includeFolds?: boolean;
  /** dealiased sweeps to leave out of the export's run (they must come out as fill) */
  dropSweeps?: number[];
}

async function roundTrip(
  file: RadarFileName,
  run: string | null,
  options: RunOptions = {},
): Promise<RoundTrip & { out: string }> {
  const original = await openVolume(await radarFile(file));
  const corrected = run ? await correctedFromReference(original, referenceRun(run), 'VRADH', options) : undefined;
  for (const sweep of options.dropSweeps ?? []) (corrected?.sweeps as Map<number, unknown> | undefined)?.delete(sweep);
  const out = await writeCfRadial(original, `${scratch.dir}/${file}.export.nc`, corrected);
  const back = await openVolume(out);
  return { original, back, corrected, out };
}

function closeAll(t: RoundTrip | undefined): void {
  t?.original.close();
  t?.back.close();
}

async function expectSameVolume({ original, back }: RoundTrip): Promise<void> {
  const o = original.header;
  const b = back.header;
  expect(b.format).toBe('cfradial-netcdf4');
  expect(b.site.latitude).toBe(o.site.latitude);
  expect(b.site.longitude).toBe(o.site.longitude);
  expect(b.site.altitude).toBe(o.site.altitude);
  expect(b.sweeps.map((s) => [s.number, s.mode, s.rayCount, Math.fround(s.fixedAngle)])).toEqual(
    o.sweeps.map((s) => [s.number, s.mode, s.rayCount, Math.fround(s.fixedAngle)]),
  );
  expect(b.sweeps.map((s) => s.nyquist)).toEqual(
    o.sweeps.map((s) => (s.nyquist === null ? null : Math.fround(s.nyquist))),
  );
  for (const sweep of o.sweeps) {
    const og = await original.readGeometry(sweep.index);
    const bg = await back.readGeometry(sweep.index);
    expect(bg.azimuth).toEqual(og.azimuth);
    expect(bg.elevation).toEqual(og.elevation);
    expect(Math.max(...bg.time.map((t, i) => Math.abs(t - og.time[i]!)))).toBeLessThan(1e-6);
    expect(b.sweeps[sweep.index]!.moments).toEqual(expect.arrayContaining(sweep.moments));
  }
}

/** Every field of every sweep equal on the common grid; `tolerance` per moment (m/s, dBZ, ...). */
async function expectSameFields({ original, back }: RoundTrip, tolerance: (f: SweepField) => number): Promise<number> {
  let fields = 0;
  for (const sweep of original.header.sweeps) {
    for (const moment of sweep.moments) {
      const o = await original.readField(sweep.index, moment);
      const b = await back.readField(sweep.index, moment);
      expect(fieldDifferences(o, b, tolerance(o)), `sweep ${sweep.index}`).toEqual([]);
      fields++;
    }
  }
  return fields;
}

/** Half a packing step: the largest error a correct re-encoding may show. */
const halfStep = (f: SweepField): number =>
  f.packing && f.packing.type !== 'f32' && f.packing.type !== 'f64' ? f.packing.scale / 2 : 0;

describe.skipIf(!cfradialReaderRegistered)('CfRadial export read back by our own reader', () => {
  it('a CfRadial PPI: geometry, every field exactly, and the dealias result as VRADH_CORR and FOLD', async () => {
    let t: RoundTrip | undefined;
    try {
      t = await roundTrip('MLL2217907250U.003.nc', 'MLL2217907250U.003');
      await expectSameVolume(t);
      expect(await expectSameFields(t, () => 0)).toBe(t.original.header.moments.length);
      expect(t.back.header.moments).toEqual(expect.arrayContaining(['VRADH_CORR', 'FOLD']));
      const run = t.corrected!.sweeps.get(0)!;
      const back = await t.back.readField(0, 'VRADH_CORR');
      const folds = await t.back.readField(0, 'FOLD');
      const gates = run.corrected.length / back.rays;
      const wrong = [...run.corrected.keys()].filter((i) => {
        const at = Math.floor(i / gates) * back.gates + (i % gates);
        const v = run.corrected[i]!;
        const foldOk = Number.isNaN(v) ? Number.isNaN(folds.data[at]!) : folds.data[at] === run.folds[i];
        return !(Number.isNaN(v) ? Number.isNaN(back.data[at]!) : back.data[at] === v) || !foldOk;
      });
      expect(wrong.length).toBe(0);
      expect(String(t.back.header.attributes['history'])).toContain(t.corrected!.historyLine);
    } finally {
      closeAll(t);
    }
  });

  it('ARM packed shorts keep scale_factor/add_offset/_FillValue, and the corrected fill is the input’s', async () => {
    let t: RoundTrip | undefined;
    try {
      t = await roundTrip('houkasacrcfrM1.a1.20210922.150006.nc', 'houkasacrcfrM1.a1.20210922.150006');
      await expectSameVolume(t);
      await expectSameFields(t, halfStep);
      for (const moment of t.original.header.moments) {
        const o = await t.original.readField(0, moment);
        const b = await t.back.readField(0, moment);
        if (o.packing?.type === 'i16') {
          expect(b.packing, moment).toMatchObject({ type: 'i16', fill: o.packing.fill });
          expect(b.packing!.scale).toBeCloseTo(o.packing.scale, 6);
          expect(b.packing!.offset).toBeCloseTo(o.packing.offset, 4);
        }
      }
      const corrected = await t.back.readField(0, 'VRADH_CORR');
      expect(corrected.packing?.fill).toBe(-32767); // Py-ART's output for this file says _FillValue -32767
    } finally {
      closeAll(t);
    }
  }, 60_000);

  it('ODIM with 2 km and 1 km sweeps: one 1 km range axis, the 2 km sweeps resampled by nearest gate', async () => {
    let t: RoundTrip | undefined;
    try {
      t = await roundTrip('selul_pvol_201503300845.h5', null);
      await expectSameVolume(t);
      expect(await expectSameFields(t, halfStep)).toBeGreaterThan(10);
      const b = await t.back.readField(0, 'DBZH');
      const o = await t.original.readField(0, 'DBZH');
      expect(b.range[1]! - b.range[0]!).toBeCloseTo(1000, 3);
      expect(b.range[b.gates - 1]).toBeGreaterThanOrEqual(o.range[o.gates - 1]! - 1000);
    } finally {
      closeAll(t);
    }
  }, 60_000);

  it('NEXRAD message 1: 1 km reflectivity on the 250 m velocity grid; a sweep left out of the run is fill', async () => {
    let t: (RoundTrip & { out: string }) | undefined;
    const dropped = 3;
    try {
      t = await roundTrip('KLIX20050828_180149.gz', 'KLIX20050828_180149', {
        setLimits: false,
        includeFolds: false,
        dropSweeps: [dropped],
      });
      await expectSameVolume(t);
      await expectSameFields(t, halfStep);
      const back = await t.back.readField(1, 'VRADH');
      const original = await t.original.readField(1, 'VRADH');
      expect(back.range[1]! - back.range[0]!).toBeCloseTo(original.range[1]! - original.range[0]!, 3);
      expect(back.packing).toMatchObject({ type: 'i16', scale: original.packing!.scale });
      // The dealias result: exact on the velocity grid where the run has a sweep, fill elsewhere.
      expect(t.back.header.moments).toContain('VRADH_CORR');
      expect(t.back.header.moments).not.toContain('FOLD');
      expect(ncdumpHeader(t.out).variables['corrected_velocity']!.attributes).not.toHaveProperty('valid_max');
      for (const sweep of t.original.header.sweeps) {
        if (!sweep.moments.includes('VRADH')) continue;
        const velocity = await t.original.readField(sweep.index, 'VRADH');
        const back = await t.back.readField(sweep.index, 'VRADH_CORR');
        const run = t.corrected!.sweeps.get(sweep.index);
        if (sweep.index === dropped) expect(run).toBeUndefined();
        const expected = { ...velocity, moment: 'VRADH_CORR', data: run?.corrected ?? velocity.data.map(() => NaN) };
        expect(fieldDifferences(expected, back, 0), `sweep ${sweep.index}`).toEqual([]);
      }
    } finally {
      closeAll(t);
    }
  }, 120_000);
});
