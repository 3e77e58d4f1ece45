/**
 * One fuzz run over the real radar files: builds the seeded cases (`mutations.ts`), writes each to a
 * scratch file, exercises it in the child-process pool (`pool.ts`) and collects the outcomes. Used by
 * `scripts/fuzz-readers.ts` (long runs) and `test/unit/io/fuzz-readers.test.ts` (a short seeded run).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { allRadarFileNames, radarFile } from '../../test/support/radar-data';
import type { Outcome } from './exercise';
import { makeCase, type FuzzInput, type MutationKind } from './mutations';
import { CasePool } from './pool';

export const REPO_ROOT = resolve(__dirname, '../..');

export interface FuzzOptions {
  seed: number;
  /** cases 0 … cases−1, unless `only` names the cases to run */
  cases: number;
  only?: number[];
  jobs: number;
  /** ms per case before its child is killed */
  timeoutMs: number;
  /** moments read per sweep (velocity first, others rotating by case); every moment when undefined */
  momentsPerSweep?: number;
  /** only input files whose name contains one of these */
  files?: string[];
  /** where to keep the mutated file of each finding, for replay; none when undefined */
  keepDir?: string;
  onResult?: (done: number, total: number, finding: FuzzFinding | null) => void;
}

export type Status = Outcome['status'];

export interface FuzzFinding {
  index: number;
  source: string;
  kind: MutationKind;
  description: string;
  outcome: Outcome;
  ms: number;
  /** the mutated file, when kept */
  kept?: string;
}

export interface FuzzReport {
  seed: number;
  total: number;
  byStatus: Partial<Record<Status, number>>;
  /** input file → status → cases */
  bySource: Record<string, Partial<Record<Status, number>>>;
  /** input file → total ms its cases took */
  msBySource: Record<string, number>;
  findings: FuzzFinding[];
  /** the slowest cases (ms), to see how close the time limit is */
  slowest: Array<{ index: number; source: string; ms: number; status: Status }>;
  wallMs: number;
}

/** Outcomes that are bugs: anything but a clean read or a ReaderError the reader itself raised. */
export const isFinding = (status: Status): boolean => status !== 'ok' && status !== 'reader-error';

async function loadInputs(filter: string[] | undefined): Promise<FuzzInput[]> {
  const names = allRadarFileNames().filter((n) => !filter || filter.some((f) => n.includes(f)));
  if (names.length === 0) throw new Error(`no radar file matches ${filter?.join(', ')}`);
  return Promise.all(names.map(async (name) => ({ name, bytes: new Uint8Array(readFileSync(await radarFile(name))) })));
}

const bump = (counts: Partial<Record<Status, number>>, status: Status): void => {
  counts[status] = (counts[status] ?? 0) + 1;
};

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const inputs = await loadInputs(options.files);
  const indices = options.only ?? Array.from({ length: options.cases }, (_, i) => i);
  const scratch = mkdtempSync(join(tmpdir(), 'unfold-fuzz-'));
  const pool = new CasePool({
    jobs: options.jobs,
    timeoutMs: options.timeoutMs,
    maxRssBytes: 1.5 * 1024 ** 3,
    heapMiB: 2048,
    root: REPO_ROOT,
  });
  const report: FuzzReport = {
    seed: options.seed,
    total: indices.length,
    byStatus: {},
    bySource: {},
    msBySource: {},
    findings: [],
    slowest: [],
    wallMs: 0,
  };
  let done = 0;
  const runOne = async (index: number): Promise<void> => {
    const c = makeCase(options.seed, index, inputs);
    const path = join(scratch, `case-${index}-${c.source}`);
    writeFileSync(path, c.bytes);
    const exerciseOptions =
      options.momentsPerSweep === undefined ? {} : { momentsPerSweep: options.momentsPerSweep, rotate: index };
    const { outcome, ms } = await pool.run(path, exerciseOptions);
    bump(report.byStatus, outcome.status);
    bump((report.bySource[c.source] ??= {}), outcome.status);
    report.msBySource[c.source] = (report.msBySource[c.source] ?? 0) + ms;
    report.slowest.push({ index, source: c.source, ms, status: outcome.status });
    let finding: FuzzFinding | null = null;
    if (isFinding(outcome.status)) {
      finding = { index, source: c.source, kind: c.kind, description: c.description, outcome, ms };
      if (options.keepDir) {
        mkdirSync(options.keepDir, { recursive: true });
        finding.kept = join(options.keepDir, `seed${options.seed}-${basename(path)}`);
        copyFileSync(path, finding.kept);
      }
      report.findings.push(finding);
    }
    rmSync(path, { force: true });
    options.onResult?.(++done, indices.length, finding);
  };
  try {
    // Keep a few cases per child in flight: enough to keep children busy, few enough to bound scratch space.
    const next = { i: 0 };
    const lane = async (): Promise<void> => {
      while (next.i < indices.length) await runOne(indices[next.i++]!);
    };
    await Promise.all(Array.from({ length: options.jobs * 2 }, lane));
  } finally {
    pool.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  report.slowest = report.slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
  report.findings.sort((a, b) => a.index - b.index);
  report.wallMs = performance.now() - started;
  return report;
}
