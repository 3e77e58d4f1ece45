/**
 * Dealias jobs: plan a request, run its sweeps on the worker pool, report progress per sweep, honour
 * cancellation between sweeps, keep recent results in memory for the views and the exporter, and append
 * one record per run to the history. Results evicted from memory (or from an earlier session) are
 * recomputed on demand from the record: the engine is deterministic.
 */
import { randomUUID } from 'node:crypto';
import type { DealiasRequest, JobProgress, JobStarted, RunSweepData } from '../../common/api';
import type { RunRecord, SweepRunStats } from '../../common/dealias';
import { buildGateFilter } from '../dealias/gate-filter';
import { planDealias, type DealiasPlan } from '../dealias/plan';
import { startRssPeakMeter } from '../dealias/rss-peak';
import { runSweeps, type SweepInputs, type SweepOutcome } from '../dealias/run-sweeps';
import type { WorkerPool } from '../workers/pool';
import type { RunHistory } from './run-history';
import { NotFoundError, type VolumeService } from './volumes';

/** Completed runs whose arrays stay in memory (each sweep ≈ 9 bytes per gate). */
const RESULT_CACHE_RUNS = 6;

export interface RunResult {
  record: RunRecord;
  sweeps: Map<number, SweepOutcome>;
}

interface Job {
  id: string;
  runId: string;
  cancelled: boolean;
  done: Promise<RunRecord>;
}

export interface DealiasServiceOptions {
  pool: WorkerPool;
  volumes: VolumeService;
  history: RunHistory;
  appVersion: string;
  onProgress: (progress: JobProgress) => void;
}

export class DealiasService {
  private readonly jobs = new Map<string, Job>();
  private readonly results = new Map<string, RunResult>();

  constructor(private readonly options: DealiasServiceOptions) {}

  /** Validate and start a run; resolves once it is planned (not when it ends). */
  async start(request: DealiasRequest): Promise<JobStarted & { done: Promise<RunRecord> }> {
    const { summary } = await this.options.volumes.getComplete(request.volumeId);
    const plan = planDealias(summary.header, request);
    const job: Job = {
      id: randomUUID().slice(0, 8),
      runId: randomUUID().replace(/-/g, ''),
      cancelled: false,
      done: Promise.resolve(null as never),
    };
    job.done = this.execute(job, request, plan);
    job.done.catch(() => undefined).finally(() => this.jobs.delete(job.id));
    this.jobs.set(job.id, job);
    return { jobId: job.id, runId: job.runId, done: job.done };
  }

  cancel(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (job) job.cancelled = true;
  }

  private async loadInputs(
    volumeId: string,
    plan: DealiasPlan,
    request: DealiasRequest,
    sweep: number,
  ): Promise<SweepInputs> {
    const { volume } = await this.options.volumes.getComplete(volumeId);
    const [velocity, geometry] = await Promise.all([volume.readField(sweep, plan.moment), volume.readGeometry(sweep)]);
    const fields = new Map();
    const header = volume.header.sweeps[sweep]!;
    for (const t of request.gateFilter?.thresholds ?? []) {
      if (header.moments.includes(t.moment) && !fields.has(t.moment))
        fields.set(t.moment, await volume.readField(sweep, t.moment));
    }
    return { velocity, geometry, filter: buildGateFilter(request.gateFilter, velocity, fields) };
  }

  private async execute(job: Job, request: DealiasRequest, plan: DealiasPlan): Promise<RunRecord> {
    const { volumes, pool, history, onProgress } = this.options;
    const { summary } = await volumes.getComplete(request.volumeId);
    const total = plan.sweeps.length;
    const base = { jobId: job.id, runId: job.runId, sweepsTotal: total };
    const startedAt = new Date().toISOString();
    const meter = startRssPeakMeter();
    const wallStart = performance.now();
    const outcomes = new Map<number, SweepOutcome>();
    let error: string | undefined;
    onProgress({ ...base, state: 'running', sweepsDone: 0 });
    try {
      await runSweeps({
        pool,
        plan,
        variant: request.variant,
        scanType: summary.header.scanType,
        loadInputs: (sweep) => this.loadInputs(request.volumeId, plan, request, sweep),
        isCancelled: () => job.cancelled,
        onSweepDone: (outcome) => {
          outcomes.set(outcome.plan.sweep, outcome);
          meter.observe(outcome.rssBytes);
          onProgress({ ...base, state: 'running', sweepsDone: outcomes.size });
        },
      });
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const wallMs = performance.now() - wallStart;
    const status = error ? 'failed' : job.cancelled && outcomes.size < total ? 'cancelled' : 'done';
    const engineInfo = await pool.engineInfo;
    const perSweep = plan.sweeps.map((s) => outcomes.get(s.sweep)?.stats).filter((s): s is SweepRunStats => !!s);
    const sum = (get: (s: SweepRunStats) => number): number => perSweep.reduce((acc, s) => acc + get(s), 0);
    const record: RunRecord = {
      id: job.runId,
      startedAt,
      status,
      file: summary.header.path,
      fileName: summary.name,
      velocityMoment: plan.moment,
      sweeps: plan.sweeps.map((s) => s.sweep),
      variant: request.variant,
      params: plan.params,
      nyquist: plan.sweeps.map((s) => s.nyquist),
      gateFilter: request.gateFilter ?? null,
      timings: {
        readMs: sum((s) => s.timings.readMs),
        marshalInMs: sum((s) => s.timings.marshalInMs),
        labelMs: sum((s) => s.timings.labelMs),
        edgesMs: sum((s) => s.timings.edgesMs),
        mergeMs: sum((s) => s.timings.mergeMs),
        unwrapMs: sum((s) => s.timings.unwrapMs),
        marshalOutMs: sum((s) => s.timings.marshalOutMs),
        totalMs: wallMs,
      },
      engineBytesPeak: perSweep.reduce((acc, s) => Math.max(acc, s.engineBytesPeak), 0),
      processRssPeakBytes: meter.stop(),
      regions: sum((s) => s.regions),
      gatesChanged: sum((s) => s.gatesChanged),
      validGates: sum((s) => s.validGates),
      perSweep,
      warnings: [...new Set(perSweep.flatMap((s) => s.warnings))],
      ...(error ? { error } : {}),
      appVersion: this.options.appVersion,
      engineVersion: engineInfo.version,
    };
    if (status !== 'failed') this.remember({ record, sweeps: outcomes });
    await history.append(record).catch((err: unknown) => {
      record.warnings.push(
        `the run could not be saved to the history: ${err instanceof Error ? err.message : String(err)}`,
      );
    });
    onProgress({ ...base, state: status, sweepsDone: outcomes.size, record, ...(error ? { message: error } : {}) });
    return record;
  }

  private remember(result: RunResult): void {
    this.results.set(result.record.id, result);
    while (this.results.size > RESULT_CACHE_RUNS) this.results.delete(this.results.keys().next().value!);
  }

  /** The in-memory result of a run, recomputing it from its record when it is no longer cached. */
  async result(runId: string): Promise<RunResult> {
    const cached = this.results.get(runId);
    if (cached) return cached;
    const record = await this.options.history.get(runId);
    if (!record) throw new NotFoundError(`no run with id ${runId}`);
    if (record.status === 'failed')
      throw new NotFoundError(`run ${runId} failed, it has no result (${record.error ?? ''})`);
    const summary = await this.options.volumes.openFile(record.file);
    const plan = planDealias(summary.header, {
      sweeps: record.sweeps,
      variant: record.variant,
      params: record.params,
      nyquist: record.nyquist,
      moment: record.velocityMoment,
      ...(record.gateFilter ? { gateFilter: record.gateFilter } : {}),
    });
    const request: DealiasRequest = {
      volumeId: summary.id,
      sweeps: record.sweeps,
      variant: record.variant,
      params: record.params,
      ...(record.gateFilter ? { gateFilter: record.gateFilter } : {}),
    };
    const sweeps = new Map<number, SweepOutcome>();
    try {
      const outcomes = await runSweeps({
        pool: this.options.pool,
        plan,
        variant: record.variant,
        scanType: summary.header.scanType,
        loadInputs: (sweep) => this.loadInputs(summary.id, plan, request, sweep),
        isCancelled: () => false,
        onSweepDone: () => undefined,
      });
      for (const o of outcomes) sweeps.set(o.plan.sweep, o);
    } finally {
      this.options.volumes.close(summary.id);
    }
    const result = { record, sweeps };
    this.remember(result);
    return result;
  }

  async getRunSweep(runId: string, sweep: number): Promise<RunSweepData> {
    const { sweeps } = await this.result(runId);
    const outcome = sweeps.get(sweep);
    if (!outcome) throw new NotFoundError(`run ${runId} did not dealias sweep ${sweep}`);
    return {
      runId,
      sweep,
      rays: outcome.stats.rays,
      gates: outcome.stats.gates,
      corrected: outcome.corrected,
      folds: outcome.folds,
      regions: outcome.regions,
    };
  }
}
