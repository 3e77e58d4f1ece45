/**
 * Reader fuzzer (issue 4): mutates every real radar file (bit flips, byte runs, truncations, splices
 * of two files, header-field corruptions, block shifts), opens each case through `openVolume` and
 * reads every moment of every sweep in a child process with a time limit. A case passes when it reads
 * cleanly or fails with a ReaderError the reader raised itself; anything else is a finding: another
 * exception, an exception only the opener's safety net caught, a broken volume contract, a timeout
 * or a dead child. Exits 1 when there are findings.
 *
 *   npm run fuzz:readers -- --cases 5000 [--seed N] [--jobs 2] [--timeout 60000] [--files KLIX,UF]
 *                           [--moments N]   (read N moments per sweep, velocity first, instead of all)
 *   npm run fuzz:readers -- --seed N --case 17 --case 42      (replay cases of an earlier run)
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, runFuzz, type FuzzFinding, type FuzzReport } from './fuzz/run-fuzz';

const USAGE = `usage: fuzz-readers [--cases N] [--seed N] [--jobs N] [--timeout MS] [--files A,B] [--moments N] [--case I]... [--keep DIR] [--json]`;

function options() {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '1000' },
      seed: { type: 'string' },
      jobs: { type: 'string', default: '2' },
      timeout: { type: 'string', default: '60000' },
      files: { type: 'string' },
      moments: { type: 'string' },
      case: { type: 'string', multiple: true },
      keep: { type: 'string', default: join(REPO_ROOT, '.cache', 'fuzz-findings') },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const int = (name: string, text: string | undefined, min: number): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min)
      throw new Error(`--${name} must be an integer ≥ ${min}, got ${text}\n${USAGE}`);
    return n;
  };
  return {
    help: values.help,
    json: values.json,
    cases: int('cases', values.cases, 1),
    seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : int('seed', values.seed, 0),
    jobs: int('jobs', values.jobs, 1),
    timeoutMs: int('timeout', values.timeout, 100),
    files: values.files?.split(',').filter(Boolean),
    momentsPerSweep: values.moments === undefined ? undefined : int('moments', values.moments, 1),
    only: values.case?.map((c) => int('case', c, 0)),
    keepDir: values.keep,
  };
}

function describeFinding(f: FuzzFinding): string {
  const o = f.outcome;
  const stage = 'stage' in o ? ` during ${o.stage}` : '';
  const lines = [`case ${f.index} [${o.status}${stage}] ${f.source}: ${f.kind} — ${f.description}`];
  if ('message' in o) lines.push(`  ${o.message}`);
  if ('stack' in o)
    lines.push(
      ...o.stack
        .split('\n')
        .slice(0, 8)
        .map((l) => `    ${l.trim()}`),
    );
  if (f.kept) lines.push(`  kept: ${f.kept}`);
  return lines.join('\n');
}

function printReport(r: FuzzReport): void {
  console.log(`\nseed ${r.seed}: ${r.total} cases in ${(r.wallMs / 1000).toFixed(1)} s`);
  console.log(`outcomes: ${JSON.stringify(r.byStatus)}`);
  for (const [source, counts] of Object.entries(r.bySource)) {
    const seconds = ((r.msBySource[source] ?? 0) / 1000).toFixed(1);
    console.log(`  ${source}: ${JSON.stringify(counts)} in ${seconds} s`);
  }
  console.log(`slowest: ${r.slowest.map((s) => `case ${s.index} ${s.source} ${s.ms.toFixed(0)} ms`).join('; ')}`);
  if (r.findings.length === 0) {
    console.log('no findings');
    return;
  }
  console.log(`\n${r.findings.length} findings (replay: npm run fuzz:readers -- --seed ${r.seed} --case <index>):`);
  for (const f of r.findings) console.log(describeFinding(f));
}

async function main(): Promise<number> {
  const opts = options();
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const report = await runFuzz({
    ...opts,
    onResult: (done, total, finding) => {
      if (finding)
        process.stderr.write(`\nfinding: case ${finding.index} ${finding.source} ${finding.outcome.status}\n`);
      if (done % 25 === 0 || done === total) process.stderr.write(`\r${done}/${total} cases`);
    },
  });
  if (opts.json) console.log(JSON.stringify(report, null, 2));
  else printReport(report);
  return report.findings.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
