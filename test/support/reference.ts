/**
 * The Py-ART reference runs committed under test/fixtures/reference (copied from shared/data/reference):
 * input velocity, fold numbers and run metadata per run, for exact-parity tests of readers and engine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readNpyFloat32, readNpyInt8 } from './npy';

export const REFERENCE_DIR = resolve(__dirname, '../fixtures/reference');

/** The subset of reference.json that tests use (see the README there for the rest). */
export interface ReferenceMeta {
  input_file: string;
  file_sha256: string;
  reader: string;
  scan_type: string;
  nsweeps: number;
  nrays: number;
  ngates: number;
  sweep_start_ray_index: number[];
  sweep_end_ray_index: number[];
  fixed_angles: number[];
  vel_field: string;
  nyquist_per_sweep: number[];
  dealias_kwargs: Record<string, unknown>;
  dealias_s_median: number;
  per_sweep: Array<{ sweep: number; rays: number; nyquist: number; valid_gates: number } & Record<string, unknown>>;
  warnings: string[];
  note?: string;
}

export interface ReferenceRun {
  name: string;
  meta: ReferenceMeta;
  /** float32 [nrays * ngates], NaN where masked/invalid */
  velocity(): Float32Array;
  /** int8 [nrays * ngates], -128 where no value */
  folds(): Int8Array;
}

export function referenceRuns(): ReferenceRun[] {
  return readdirSync(REFERENCE_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(REFERENCE_DIR, name);
      const meta = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8')) as ReferenceMeta;
      return {
        name,
        meta,
        velocity: () => readNpyFloat32(join(dir, 'velocity.npy.gz')).data,
        folds: () => readNpyInt8(join(dir, 'folds.npy.gz')).data,
      };
    });
}
