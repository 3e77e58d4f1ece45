/**
 * The worker pool with the real worker bundle and the real addon: a sweep travels transferred (not
 * copied) to a worker and back, folds equal Py-ART's, engine errors arrive typed, and a crashed worker
 * is replaced without losing the pool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEALIAS_PARAMS } from '../../../native/index';
import { WorkerPool, TaskError, WorkerCrashError } from '../../../main/workers/pool';
import { epochMs, type SweepTask } from '../../../main/workers/protocol';
import { addonPath, workerScript } from '../../support/built-app';
import { referenceRuns, type ReferenceRun } from '../../support/reference';

let pool: WorkerPool;
let kcrp: ReferenceRun;

/** Sweep `index` of a reference run: its velocity (trimmed to real gates) and Py-ART's folds. */
function sweepOf(
  run: ReferenceRun,
  index: number,
): { velocity: Float32Array; folds: Int8Array; rays: number; gates: number; nyquist: number } {
  const { meta } = run;
  const start = meta.sweep_start_ray_index[index]!;
  const rays = meta.sweep_end_ray_index[index]! - start + 1;
  const gates = meta.ngates;
  return {
    velocity: run.velocity().slice(start * gates, (start + rays) * gates),
    folds: run.folds().slice(start * gates, (start + rays) * gates),
    rays,
    gates,
    nyquist: meta.nyquist_per_sweep[index]!,
  };
}

const task = (s: ReturnType<typeof sweepOf>, overrides: Partial<SweepTask> = {}): Omit<SweepTask, 'taskId'> => ({
  kind: 'dealias-sweep',
  velocity: s.velocity,
  rays: s.rays,
  gates: s.gates,
  nyquist: s.nyquist,
  params: { ...DEFAULT_DEALIAS_PARAMS, raysWrapAround: true },
  variant: 'fused',
  postedAt: epochMs(),
  ...overrides,
});

beforeAll(() => {
  pool = new WorkerPool({ workerScript: workerScript(), init: { addonPath: addonPath() }, size: 2 });
  kcrp = referenceRuns().find((r) => r.name === 'KCRP20200101_000431_V06')!;
});
afterAll(() => pool.close());

describe('WorkerPool', () => {
  it('reports the engine it loaded', async () => {
    const info = await pool.engineInfo;
    expect(info.version).toMatch(/\d/);
    expect(info.simdLevel.length).toBeGreaterThan(0);
  });

  it('transfers the sweep to a worker and back, with Py-ART’s folds', async () => {
    const sweep = sweepOf(kcrp, 1);
    const expected = kcrp.meta.per_sweep[1]!;
    const input = sweep.velocity;
    const reply = await pool.run(task(sweep), [input.buffer as ArrayBuffer]);
    expect(input.byteLength).toBe(0); // moved, not copied
    expect(reply.folds).toHaveLength(sweep.rays * sweep.gates);
    let compared = 0;
    for (let i = 0; i < sweep.folds.length; i++) {
      if (sweep.folds[i] === -128) continue;
      compared++;
      if (reply.folds[i] !== sweep.folds[i])
        throw new Error(`gate ${i}: fold ${reply.folds[i]} vs Py-ART ${sweep.folds[i]}`);
    }
    expect(compared).toBe(expected.valid_gates);
    expect(reply.stats.gatesChanged).toBe(expected['gates_unfolded']);
    expect(reply.stats.regions).toBe(expected['regions']);
    expect(reply.finishedAt).toBeGreaterThanOrEqual(reply.receivedAt);
  });

  it('runs tasks concurrently on every worker', async () => {
    const sweeps = [5, 6, 7, 8].map((i) => sweepOf(kcrp, i));
    const replies = await Promise.all(sweeps.map((s) => pool.run(task(s), [s.velocity.buffer as ArrayBuffer])));
    expect(replies.map((r) => r.folds.length)).toEqual(sweeps.map((s) => s.rays * s.gates));
  });

  it('reports engine errors with their code', async () => {
    const sweep = sweepOf(kcrp, 6);
    await expect(pool.run(task(sweep, { nyquist: -1 }), [])).rejects.toSatisfy(
      (err: unknown) => err instanceof TaskError && /nyquist/i.test(err.code + err.message),
    );
  });

  it('fails the task of a worker that dies with a typed error, and replaces the worker', async () => {
    await expect(pool.crashOneForTest()).rejects.toBeInstanceOf(WorkerCrashError);
    await expect(pool.crashOneForTest()).rejects.toBeInstanceOf(WorkerCrashError);
    const sweeps = [0, 1, 2].map(() => sweepOf(kcrp, 6));
    const replies = await Promise.all(sweeps.map((s) => pool.run(task(s), [s.velocity.buffer as ArrayBuffer])));
    expect(replies.map((r) => r.stats.gatesChanged)).toEqual([0, 1, 2].map(() => replies[0]!.stats.gatesChanged));
    expect(pool.size).toBe(2);
  });
});
