/**
 * `npm run score:dealias`: how often the engine finds the true fold, in Py-ART parity mode and with
 * each opt-in option, on fields whose truth is known:
 *  - synthetic fields (uniform wind, Rankine vortex, one built per Py-ART defect: bench/dealias-cases.ts);
 *  - real reference sweeps re-folded at half their Nyquist (truth: Py-ART's result at the full Nyquist);
 *  - the AU40 ODIM volume against BoM's own dealiased field VRADDH (read with Unfold's ODIM reader).
 * Prints one table; `--json <file>` also writes the figures.
 */
import { writeFileSync } from 'node:fs';
import { openVolume } from '../main/io/open-volume';
import { loadNativeEngine, type NativeEngine } from '../native/index';
import type { FoldedField } from '../native/test-fields';
import { radarFile } from '../test/support/radar-data';
import { allReferenceRuns, sweepsOf } from '../test/unit/native/reference-sweeps';
import { SCORE_MODES, refoldedCase, scoreCase, syntheticCases, type ScoreCase } from './dealias-cases';

/** Reference sweeps used as re-folding truth: one or two per kind of radar. */
const REFOLDED: Array<[string, number]> = [
  ['KLBB20160601_150025_V06', 3],
  ['KLIX20050828_180149', 1],
  ['KCRP20200101_000431_V06', 5],
  ['40_20181220_060630.pvol', 0],
  ['MLL2217907250U.003', 0],
  ['selul_pvol_201503300845.sweeps1-4', 0],
];

function refoldedCases(): ScoreCase[] {
  const runs = allReferenceRuns();
  return REFOLDED.map(([name, sweep]) => {
    const run = runs.find((r) => r.name === name);
    if (!run) throw new Error(`reference run ${name} is missing`);
    return refoldedCase(sweepsOf(run)[sweep]!);
  });
}

/** AU40 (ODIM_H5): VRADH dealiased by the engine vs BoM's VRADDH, sweep by sweep, as cases. */
async function au40Cases(): Promise<ScoreCase[]> {
  const volume = await openVolume(await radarFile('40_20181220_060630.pvol.h5'));
  try {
    const cases: ScoreCase[] = [];
    for (const sweep of volume.header.sweeps) {
      if (!sweep.moments.includes('VRADH') || !sweep.moments.includes('VRADDH') || !sweep.nyquist) continue;
      const observed = (await volume.readField(sweep.index, 'VRADH')).data;
      const dealiased = (await volume.readField(sweep.index, 'VRADDH')).data;
      const geometry = await volume.readGeometry(sweep.index);
      const nyquist = sweep.nyquist;
      const gates = observed.length / sweep.rayCount;
      const trueFolds = new Int8Array(observed.length);
      const truth = new Float32Array(observed.length);
      for (let i = 0; i < observed.length; i++) {
        const ok = Number.isFinite(observed[i]!) && Number.isFinite(dealiased[i]!);
        truth[i] = ok ? dealiased[i]! : Number.NaN;
        trueFolds[i] = ok ? Math.round((dealiased[i]! - observed[i]!) / (2 * nyquist)) : 0;
      }
      const field: FoldedField = {
        rays: sweep.rayCount,
        gates,
        azimuthStartDeg: 0,
        azimuthStepDeg: 1,
        firstGateM: 0,
        gateSpacingM: 0,
        truth,
        azimuthDeg: geometry.azimuth,
        nyquist,
        observed,
        trueFolds,
      };
      cases.push({
        name: `AU40 sweep ${sweep.index} vs BoM VRADDH, Vn ${nyquist}`,
        targets: 'none',
        scanType: 'ppi',
        field,
      });
    }
    return cases;
  } finally {
    volume.close();
  }
}

function row(engine: NativeEngine, c: ScoreCase): Record<string, number | string> {
  const result: Record<string, number | string> = { case: c.name, gates: 0 };
  for (const mode of SCORE_MODES) {
    const s = scoreCase(engine, c, mode);
    result['gates'] = s.scored;
    result[mode] = Number(s.percent.toFixed(3));
  }
  return result;
}

async function main(): Promise<void> {
  const engine = loadNativeEngine();
  const rows: Array<Record<string, number | string>> = [];
  for (const c of [...syntheticCases(), ...refoldedCases()]) rows.push(row(engine, c));
  try {
    for (const c of await au40Cases()) rows.push(row(engine, c));
  } catch (err) {
    console.warn(`AU40 VRADDH scoring skipped: ${err instanceof Error ? err.message : String(err)}`);
  }
  console.log('% of gates with the true fold (fused engine; parity = Py-ART defaults)\n');
  console.table(rows);
  const jsonAt = process.argv.indexOf('--json');
  if (jsonAt > 0 && process.argv[jsonAt + 1]) writeFileSync(process.argv[jsonAt + 1]!, JSON.stringify(rows, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
