/**
 * CfRadial 1.4 export (NetCDF-4 through h5wasm): every original moment of every sweep, plus Py-ART's
 * `corrected_velocity` and optionally the fold numbers of a dealias run. Used by the export service
 * (workbench and `unfold dealias --out`).
 *
 * The file is written to a temporary file beside the target, read back and checked, flushed, then
 * renamed over the target: a failure at any point leaves the previous target (if any) untouched and
 * no temporary file behind. The input file is never the target.
 */
import { basename, resolve } from 'node:path';
import type { OpenedVolume } from '../../../common/volume';
import { commitTemporary, WriteError } from '../../util/atomic-write';
import { APP_VERSION } from '../../version';
import { CORRECTED_VARIABLE, FOLD_VARIABLE } from './cfradial-names';
import { globalAttributes } from './cfradial-metadata';
import { timeBaseOf, writeStructure } from './cfradial-structure';
import { writeCorrected } from './corrected-variables';
import { ExportError } from './export-error';
import { planExport } from './export-plan';
import { assertSafeTarget, classifyFailure, discardTemporary, reserveTemporary, syncFile } from './export-target';
import { DEFAULT_FLOAT_FILL } from './field-encoding';
import { writeFields } from './field-variables';
import { NetCdf4Writer } from './netcdf4-writer';
import { verifyWrittenFile } from './written-check';

export { ExportError } from './export-error';
export type { ExportErrorCode } from './export-error';

export interface CorrectedVelocityExport {
  /** the velocity moment that was dealiased (e.g. 'VRADH'); corrected arrays have its rays×gates per sweep */
  sourceMoment: string;
  /** per dealiased sweep index: corrected velocity (m/s, NaN = missing) and fold numbers */
  sweeps: ReadonlyMap<number, { corrected: Float32Array; folds: Int8Array }>;
  /** m/s per sweep index, as used by the run */
  nyquist: ReadonlyMap<number, number>;
  /** add valid_min / valid_max as Py-ART does (region-dealias guide §2.8) */
  setLimits: boolean;
  /** also write an integer fold-number field ('velocity_fold_number', int8, registry FOLD) */
  includeFolds: boolean;
  /** one line for the `history` attribute: Unfold version, variant, every parameter, input file, time */
  historyLine: string;
}

export interface ExportProgress {
  (fractionDone: number, stage: string): void;
}

/** Moments a new dealias result replaces (Py-ART overwrites its output field the same way). */
const DEALIAS_OUTPUTS = ['VRADH_CORR', 'FOLD'];

function validateCorrected(volume: OpenedVolume, corrected: CorrectedVelocityExport): void {
  const { header } = volume;
  const fail = (problem: string): never => {
    throw new ExportError('invalid', `${basename(header.path)}: cannot export the dealiased velocity: ${problem}`);
  };
  if (!header.moments.includes(corrected.sourceMoment)) fail(`the volume has no ${corrected.sourceMoment}`);
  for (const [index, run] of corrected.sweeps) {
    const sweep = header.sweeps[index];
    if (!sweep) fail(`there is no sweep ${index}`);
    else if (!sweep.moments.includes(corrected.sourceMoment)) fail(`sweep ${index} has no ${corrected.sourceMoment}`);
    if (run.folds.length !== run.corrected.length) fail(`sweep ${index}: fold and velocity arrays differ in length`);
    const vn = corrected.nyquist.get(index);
    if (vn === undefined || !(vn > 0)) fail(`sweep ${index} has no positive Nyquist velocity`);
  }
}

/** Check the corrected arrays against the source field's rays × gates, now that the survey knows them. */
function checkCorrectedShapes(
  corrected: CorrectedVelocityExport,
  gatesOf: (sweep: number) => number | undefined,
  rays: (sweep: number) => number,
): void {
  for (const [index, run] of corrected.sweeps) {
    const gates = gatesOf(index);
    const expected = gates === undefined ? NaN : rays(index) * gates;
    if (run.corrected.length !== expected) {
      throw new ExportError(
        'invalid',
        `cannot export the dealiased velocity: sweep ${index} has ${run.corrected.length} values, expected ${expected} (rays × gates of ${corrected.sourceMoment})`,
      );
    }
  }
}

/** The input's velocity fill when it had a real `_FillValue` (CfRadial), as Py-ART keeps it; else −9999. */
function correctedFill(volume: OpenedVolume, inputFill: number | undefined): number {
  const cfradial = volume.header.format === 'cfradial-netcdf4' || volume.header.format === 'cfradial-netcdf3';
  return cfradial && inputFill !== undefined && Number.isFinite(inputFill)
    ? Math.fround(inputFill)
    : DEFAULT_FLOAT_FILL;
}

/** Writes atomically (temp file beside the target, then rename); never over the input file; resolves to the written path. */
export async function writeCfRadial(
  volume: OpenedVolume,
  outPath: string,
  corrected?: CorrectedVelocityExport,
  onProgress?: ExportProgress,
): Promise<string> {
  if (typeof outPath !== 'string' || outPath.trim() === '')
    throw new ExportError('invalid', 'no output file name given');
  const target = resolve(outPath);
  const { header } = volume;
  if (corrected) validateCorrected(volume, corrected);
  await assertSafeTarget(header.path, target);
  const report = (fraction: number, stage: string): void => onProgress?.(Math.min(1, Math.max(0, fraction)), stage);

  const temporary = await reserveTemporary(target);
  let writer: NetCdf4Writer | null = null;
  try {
    report(0, 'reading the volume');
    const skipMoments = new Set(corrected ? DEALIAS_OUTPUTS.filter((m) => m !== corrected.sourceMoment) : []);
    const plan = await planExport(volume, {
      ...(corrected ? { sourceMoment: corrected.sourceMoment } : {}),
      skipMoments,
      onSweep: (done, total) => report((0.3 * done) / total, 'reading the volume'),
    });
    const source = corrected ? plan.moments.find((m) => m.moment === corrected.sourceMoment) : undefined;
    if (corrected) {
      checkCorrectedShapes(
        corrected,
        (s) => source?.mappings.get(s)?.sourceGates,
        (s) => header.sweeps[s]!.rayCount,
      );
    }
    const timeBase = timeBaseOf(header, plan);
    writer = await NetCdf4Writer.create(temporary);
    writeStructure(writer, header, plan, timeBase, corrected?.nyquist ?? new Map());
    await writeFields(writer, volume, plan, (done, total) => report(0.3 + (0.55 * done) / total, 'writing fields'));
    const fieldNames = plan.moments.map((m) => m.variable);
    if (corrected) {
      report(0.85, 'writing the corrected velocity');
      writeCorrected(writer, plan, corrected, correctedFill(volume, source?.inputFill));
      fieldNames.push(CORRECTED_VARIABLE, ...(corrected.includeFolds ? [FOLD_VARIABLE] : []));
    }
    const historyLine =
      corrected?.historyLine ??
      `${new Date().toISOString()} Unfold ${APP_VERSION}: exported ${basename(header.path)} (${header.formatDetail}) as CfRadial 1.4`;
    writer.globalAttributes(globalAttributes({ header, timeBase, historyLine, fieldNames, now: new Date() }));
    writer.close();
    report(0.92, 'checking the written file');
    await verifyWrittenFile(temporary, writer.writtenDigests());
    await syncFile(temporary);
  } catch (err) {
    try {
      writer?.close();
    } catch {
      // Already failing; the temporary file is removed below.
    }
    // Classify before removing the temporary file: a full disk is only visible while it exists.
    const failure = await classifyFailure(target, err);
    await discardTemporary(temporary);
    throw failure;
  }
  try {
    await commitTemporary(temporary, target);
  } catch (err) {
    await discardTemporary(temporary);
    if (err instanceof WriteError) throw new ExportError(err.code, err.message, { cause: err });
    throw err;
  }
  report(1, 'done');
  return target;
}
