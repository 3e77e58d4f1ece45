/**
 * Runs the sweeps of a plan through the worker pool and measures each one: marshal in (main → worker,
 * transferred), the engine's own stages, marshal out (worker → main). Single-thread variants run their
 * sweeps one after another on one worker; `parallel` keeps every worker busy with `fused`. Cancellation
 * is honoured between sweeps: no new sweep starts once it is requested.
 */
import type { StageTimings, SweepRunStats, Variant } from '../../common/dealias';
import type { SweepField, SweepGeometry } from '../../common/volume';
import { shouldWrapRays } from '../../native/index';
import type { EngineParams, EngineVariant } from '../workers/protocol';
import { epochMs } from '../workers/protocol';
import type { WorkerPool } from '../workers/pool';
import type { GateFilterResult } from './gate-filter';
import type { DealiasPlan, SweepPlan } from './plan';

/** What a sweep needs from the volume before it can run. */
export interface SweepInputs {
  velocity: SweepField;
  geometry: SweepGeometry;
  filter: GateFilterResult;
}

export interface SweepOutcome {
  plan: SweepPlan;
  corrected: Float32Array;
  folds: Int8Array;
  regions: Int32Array;
  stats: SweepRunStats;
  rssBytes: number;
}

export interface RunSweepsOptions {
  pool: WorkerPool;
  plan: DealiasPlan;
  variant: Variant;
  scanType: string;
  loadInputs: (sweep: number) => Promise<SweepInputs>;
  isCancelled: () => boolean;
  onSweepDone: (outcome: SweepOutcome) => void;
}

function engineParams(plan: DealiasPlan, wrap: boolean): EngineParams {
  const p = plan.params;
  return {
    intervalSplits: p.intervalSplits,
    intervalLimits: p.intervalLimits,
    skipBetweenRays: p.skipBetweenRays,
    skipAlongRay: p.skipAlongRay,
    centered: p.centered,
    raysWrapAround: wrap,
    keepOriginal: p.keepOriginal,
    fixOutOfRangeWidening: p.fixOutOfRangeWidening,
    includeUpperBound: p.includeUpperBound,
    unfoldExcludedGates: p.unfoldExcludedGates,
    memoryBudgetBytes: p.memoryBudgetBytes,
  };
}

async function runOne(options: RunSweepsOptions, sweepPlan: SweepPlan): Promise<SweepOutcome> {
  const { pool, plan, variant } = options;
  const readStart = performance.now();
  const inputs = await options.loadInputs(sweepPlan.sweep);
  const readMs = performance.now() - readStart;
  const { velocity, geometry, filter } = inputs;
  const wrap =
    sweepPlan.raysWrapAround ??
    shouldWrapRays(geometry.azimuth, options.scanType as Parameters<typeof shouldWrapRays>[1], false);
  const engineVariant: EngineVariant = variant === 'parallel' ? 'fused' : variant;
  // The reader may cache its decoded field: send a copy so the cached one stays usable after transfer.
  const velocityCopy = velocity.data.slice();
  const excluded = filter.excluded;
  const transfer: ArrayBuffer[] = [velocityCopy.buffer as ArrayBuffer];
  if (excluded) transfer.push(excluded.buffer as ArrayBuffer);
  const postedAt = epochMs();
  const reply = await pool.run(
    {
      kind: 'dealias-sweep',
      velocity: velocityCopy,
      rays: velocity.rays,
      gates: velocity.gates,
      nyquist: sweepPlan.nyquist,
      ...(excluded ? { excluded } : {}),
      params: engineParams(plan, wrap),
      variant: engineVariant,
      postedAt,
    },
    transfer,
  );
  const receivedBack = epochMs();
  const engine = reply.stats;
  const timings: StageTimings = {
    readMs,
    marshalInMs: Math.max(0, reply.receivedAt - postedAt),
    labelMs: engine.timings.labelMs,
    edgesMs: engine.timings.edgesMs,
    mergeMs: engine.timings.mergeMs,
    unwrapMs: engine.timings.unwrapMs,
    marshalOutMs: Math.max(0, receivedBack - reply.finishedAt),
    totalMs: readMs + (receivedBack - postedAt),
  };
  const stats: SweepRunStats = {
    sweep: sweepPlan.sweep,
    rays: velocity.rays,
    gates: velocity.gates,
    nyquist: sweepPlan.nyquist,
    validGates: engine.validGates,
    regions: engine.regions,
    edges: engine.edges,
    merges: engine.merges,
    gatesChanged: engine.gatesChanged,
    unlabelledValidGates: engine.unlabelledValidGates,
    timings,
    engineBytesPeak: engine.engineBytesPeak,
    warnings: [...filter.warnings, ...engine.warnings.map((w) => w.message)],
  };
  return {
    plan: sweepPlan,
    corrected: reply.corrected,
    folds: reply.folds,
    regions: reply.regions,
    stats,
    rssBytes: reply.rssBytes,
  };
}

/** Run every sweep of the plan; resolves with the outcomes of the sweeps that ran, in plan order. */
export async function runSweeps(options: RunSweepsOptions): Promise<SweepOutcome[]> {
  const outcomes: SweepOutcome[] = [];
  const width = options.variant === 'parallel' ? options.pool.size : 1;
  const queue = [...options.plan.sweeps];
  const lane = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (options.isCancelled()) return;
      try {
        const outcome = await runOne(options, next);
        outcomes.push(outcome);
        options.onSweepDone(outcome);
      } catch (err) {
        queue.length = 0; // one failed sweep fails the run: stop the other lanes too
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  const order = options.plan.sweeps.map((s) => s.sweep);
  return outcomes.sort((a, b) => order.indexOf(a.plan.sweep) - order.indexOf(b.plan.sweep));
}
