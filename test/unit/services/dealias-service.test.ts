/**
 * Dealias jobs through the real services: a real file, the real worker bundle and addon. Results match
 * Py-ART's folds, progress arrives per sweep, cancellation stops between sweeps, every variant agrees,
 * records land in the history, and a run's result can be recomputed from its record alone.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../common/api';
import type { Variant } from '../../../common/dealias';
import { createServices, type Services } from '../../../main/services';
import { DealiasService } from '../../../main/services/dealias';
import { addonPath, workerScript } from '../../support/built-app';
import { radarFile } from '../../support/radar-data';
import { referenceRuns } from '../../support/reference';

let services: Services;
const progress: JobProgress[] = [];

beforeAll(() => {
  services = createServices({
    appVersion: 'test',
    dataDir: mkdtempSync(join(tmpdir(), 'unfold-dealias-')),
    workerScript: workerScript(),
    addonPath: addonPath(),
    samplePath: null,
    poolSize: 2,
  });
  services.events.subscribe((event, payload) => {
    if (event === 'job-progress') progress.push(payload as JobProgress);
  });
});
afterAll(() => services.shutdown());

/** Py-ART's folds for every gate of sweep `index` of a reference run, trimmed to `gates` per ray. */
function referenceFolds(name: string, index: number, gates: number): Int8Array {
  const run = referenceRuns().find((r) => r.name === name)!;
  const { meta } = run;
  const start = meta.sweep_start_ray_index[index]!;
  const rays = meta.sweep_end_ray_index[index]! - start + 1;
  const all = run.folds();
  const out = new Int8Array(rays * gates);
  for (let ray = 0; ray < rays; ray++)
    out.set(all.subarray((start + ray) * meta.ngates, (start + ray) * meta.ngates + gates), ray * gates);
  return out;
}

function countMismatches(ours: Int8Array, reference: Int8Array): number {
  let mismatches = 0;
  for (let i = 0; i < reference.length; i++) if (reference[i] !== -128 && ours[i] !== reference[i]) mismatches++;
  return mismatches;
}

describe('DealiasService', () => {
  it('dealiases a real IRIS volume exactly as Py-ART does, with progress per sweep and a history record', async () => {
    const summary = await services.volumes.openFile(await radarFile('cor-main131125105503.RAW2049'));
    progress.length = 0;
    const { runId, done } = await services.dealias.start({
      volumeId: summary.id,
      sweeps: [],
      variant: 'fused',
      params: {},
    });
    const record = await done;
    expect(record.status).toBe('done');
    expect(record.sweeps).toHaveLength(10);
    expect(progress.filter((p) => p.runId === runId).map((p) => p.sweepsDone)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10,
    ]);
    expect(progress.at(-1)?.state).toBe('done');
    for (const sweep of record.sweeps) {
      const data = await services.dealias.getRunSweep(runId, sweep);
      expect(countMismatches(data.folds, referenceFolds('cor-main131125105503.RAW2049', sweep, data.gates))).toBe(0);
    }
    const stored = await services.history.get(runId);
    expect(stored?.timings.totalMs).toBeGreaterThan(0);
    expect(stored?.engineBytesPeak).toBeGreaterThan(0);
    expect(stored?.processRssPeakBytes).toBeGreaterThan(50 * 1024 * 1024);
    expect(stored?.perSweep.map((s) => s.nyquist.toFixed(2))).toEqual(Array(10).fill('6.66'));
  });

  it('gives identical folds with every variant, including the parallel one', async () => {
    const summary = await services.volumes.openFile(await radarFile('SUR210819000227.RAWKPJV'));
    const folds = new Map<Variant, Int8Array>();
    for (const variant of ['dense', 'sparse', 'heap', 'fused', 'parallel'] as const) {
      const { runId, done } = await services.dealias.start({ volumeId: summary.id, sweeps: [0], variant, params: {} });
      expect((await done).status).toBe('done');
      folds.set(variant, (await services.dealias.getRunSweep(runId, 0)).folds);
    }
    const reference = referenceFolds('SUR210819000227.RAWKPJV', 0, folds.get('fused')!.length / 359);
    for (const [variant, f] of folds) expect(countMismatches(f, reference), variant).toBe(0);
  });

  it('stops between sweeps when cancelled', async () => {
    const summary = await services.volumes.openFile(await radarFile('cor-main131125105503.RAW2049'));
    const { jobId, done } = await services.dealias.start({
      volumeId: summary.id,
      sweeps: [],
      variant: 'sparse',
      params: {},
    });
    services.dealias.cancel(jobId);
    const record = await done;
    expect(record.status).toBe('cancelled');
    expect(record.perSweep.length).toBeLessThan(10);
  });

  it('refuses a Nyquist override of the wrong length and a sweep without velocity, with clear messages', async () => {
    const summary = await services.volumes.openFile(await radarFile('cor-main131125105503.RAW2049'));
    await expect(
      services.dealias.start({
        volumeId: summary.id,
        sweeps: [0, 1, 2],
        variant: 'fused',
        params: {},
        nyquist: [10, 12],
      }),
    ).rejects.toThrow('one value or one per sweep (3), got 2');
    await expect(
      services.dealias.start({ volumeId: summary.id, sweeps: [42], variant: 'fused', params: {} }),
    ).rejects.toThrow('there is no sweep 42');
  });

  it('recomputes a run from its history record when the result is no longer in memory', async () => {
    const summary = await services.volumes.openFile(await radarFile('SUR210819000227.RAWKPJV'));
    const { runId, done } = await services.dealias.start({
      volumeId: summary.id,
      sweeps: [0],
      variant: 'heap',
      params: {},
      nyquist: [7.61],
    });
    await done;
    const original = await services.dealias.getRunSweep(runId, 0);
    // A fresh service (as after a restart) knows the run only from the persisted history.
    const restarted = new DealiasService({
      pool: services.pool,
      volumes: services.volumes,
      history: services.history,
      appVersion: 'test',
      onProgress: () => undefined,
    });
    const recomputed = await restarted.getRunSweep(runId, 0);
    expect(recomputed.corrected).toEqual(original.corrected);
    expect(recomputed.folds).toEqual(original.folds);
  });
});
