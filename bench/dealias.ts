/**
 * `npm run bench:dealias [-- --runs N] [-- --only name,...] [-- --variants a,b]`: every engine variant on
 * every Py-ART reference run (input = the reference velocity arrays, sweep by sweep, in this thread) and
 * on a synthetic 720 x 1832 folded sweep. One table per file: median wall time of N runs of the whole
 * volume, valid gates/s, median stage breakdown, engine peak bytes (largest sweep) and that peak as a
 * multiple of the sweep's float32 velocity bytes, speedup over `sparse` and over Py-ART (reference.json).
 * JSON goes to bench/results/dealias-<date>.json. The machine is shared: figures are noisy.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ENGINE_VARIANTS, loadNativeEngine, type EngineVariant, type NativeEngine } from '../native/index';
import { PPI_360, foldField, rankineVortex } from '../native/test-fields';
import { allReferenceRuns, sweepsOf } from '../test/unit/native/reference-sweeps';

interface BenchSweep {
  velocity: Float32Array;
  rays: number;
  gates: number;
  nyquist: number;
  params: ReturnType<typeof sweepsOf>[number]['params'];
}

interface BenchFile {
  name: string;
  sweeps: BenchSweep[];
  pyartSeconds: number | null;
}

interface VariantResult {
  variant: EngineVariant;
  runs: number;
  /** ms of the first call, on freshly allocated outputs (page faults included), not in the median */
  coldMs: number;
  refused: string | null;
  medianMs: number;
  labelMs: number;
  edgesMs: number;
  mergeMs: number;
  unwrapMs: number;
  validGates: number;
  regions: number;
  peakBytes: number;
  peakPerVelocityBytes: number;
}

const argValue = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const RUNS = Number(argValue('--runs') ?? 5);
/** A variant/file pair stops repeating after this much time (the O(R·E) sparse loop on DOW8 takes long). */
const TIME_CAP_MS = Number(argValue('--cap-ms') ?? 20_000);

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function referenceFiles(): BenchFile[] {
  return allReferenceRuns().map((run) => ({
    name: run.name,
    pyartSeconds: run.meta.dealias_s_median,
    sweeps: sweepsOf(run)
      .filter((s) => s.nyquist > 0)
      .map((s) => ({ velocity: s.velocity, rays: s.rays, gates: s.gates, nyquist: s.nyquist, params: s.params })),
  }));
}

function syntheticFile(): BenchFile {
  const geometry = { ...PPI_360, rays: 720, gates: 1832, azimuthStepDeg: 0.5 };
  const truth = rankineVortex(geometry, {
    centreRangeM: 80_000,
    centreAzimuthDeg: 200,
    radiusM: 10_000,
    vmax: 45,
    backgroundSpeed: 18,
    backgroundTowardsDeg: 60,
  });
  const field = foldField(truth, 10, { noise: 1.5, seed: 11 });
  const params = { ...sweepsOf(allReferenceRuns()[0]!)[0]!.params, raysWrapAround: true };
  return {
    name: 'synthetic 720x1832 (vortex + wind, Vn 10, ±1.5 m/s noise)',
    pyartSeconds: null,
    sweeps: [{ velocity: field.observed, rays: 720, gates: 1832, nyquist: 10, params }],
  };
}

type Outputs = Array<{ corrected: Float32Array; folds: Int8Array; regions: Int32Array }>;

/** Output arrays for every sweep of a file, allocated once: fresh typed arrays are mapped lazily and
 * their first write page-faults, a cost of the caller's allocation that the first run reports apart. */
function allocateOutputs(file: BenchFile): Outputs {
  return file.sweeps.map((s) => {
    const cells = s.rays * s.gates;
    return { corrected: new Float32Array(cells), folds: new Int8Array(cells), regions: new Int32Array(cells) };
  });
}

function runVolume(engine: NativeEngine, file: BenchFile, variant: EngineVariant, outputs: Outputs) {
  const totals = { ms: 0, label: 0, edges: 0, merge: 0, unwrap: 0, valid: 0, regions: 0, peak: 0, ratio: 0 };
  file.sweeps.forEach((s, k) => {
    const cells = s.rays * s.gates;
    const started = performance.now();
    const stats = engine.dealiasSweep(
      { velocity: s.velocity, rays: s.rays, gates: s.gates, nyquist: s.nyquist },
      s.params,
      variant,
      outputs[k]!,
    );
    totals.ms += performance.now() - started;
    totals.label += stats.timings.labelMs;
    totals.edges += stats.timings.edgesMs;
    totals.merge += stats.timings.mergeMs;
    totals.unwrap += stats.timings.unwrapMs;
    totals.valid += stats.validGates;
    totals.regions += stats.regions;
    totals.peak = Math.max(totals.peak, stats.engineBytesPeak);
    totals.ratio = Math.max(totals.ratio, stats.engineBytesPeak / (cells * 4));
  });
  return totals;
}

function benchVariant(engine: NativeEngine, file: BenchFile, variant: EngineVariant): VariantResult {
  const samples: Array<ReturnType<typeof runVolume>> = [];
  const outputs = allocateOutputs(file);
  const started = performance.now();
  let coldMs: number;
  try {
    coldMs = runVolume(engine, file, variant, outputs).ms; // fresh outputs: includes their page faults
    while (samples.length < RUNS && (samples.length === 0 || performance.now() - started < TIME_CAP_MS)) {
      samples.push(runVolume(engine, file, variant, outputs));
    }
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'error';
    return {
      variant,
      runs: 0,
      coldMs: NaN,
      refused: `${code}: ${(err as Error).message}`,
      medianMs: NaN,
      labelMs: NaN,
      edgesMs: NaN,
      mergeMs: NaN,
      unwrapMs: NaN,
      validGates: 0,
      regions: 0,
      peakBytes: 0,
      peakPerVelocityBytes: NaN,
    };
  }
  const pick = (key: keyof (typeof samples)[number]) => median(samples.map((s) => s[key]));
  return {
    variant,
    runs: samples.length,
    coldMs,
    refused: null,
    medianMs: pick('ms'),
    labelMs: pick('label'),
    edgesMs: pick('edges'),
    mergeMs: pick('merge'),
    unwrapMs: pick('unwrap'),
    validGates: samples[0]!.valid,
    regions: samples[0]!.regions,
    peakBytes: samples[0]!.peak,
    peakPerVelocityBytes: samples[0]!.ratio,
  };
}

function printTable(file: BenchFile, results: VariantResult[]): void {
  const sparse = results.find((r) => r.variant === 'sparse' && !r.refused);
  console.log(
    `\n${file.name}: ${file.sweeps.length} sweeps${file.pyartSeconds ? `, Py-ART ${file.pyartSeconds.toFixed(2)} s` : ''}`,
  );
  console.table(
    results.map((r) =>
      r.refused
        ? { variant: r.variant, 'median ms': 'refused', note: r.refused.slice(0, 90) }
        : {
            variant: r.variant,
            runs: r.runs,
            'median ms': Number(r.medianMs.toFixed(2)),
            'cold ms': Number(r.coldMs.toFixed(1)),
            'Mgates/s': Number((r.validGates / r.medianMs / 1000).toFixed(2)),
            'label ms': Number(r.labelMs.toFixed(2)),
            'edges ms': Number(r.edgesMs.toFixed(2)),
            'merge ms': Number(r.mergeMs.toFixed(2)),
            'unwrap ms': Number(r.unwrapMs.toFixed(2)),
            'peak MB': Number((r.peakBytes / 1e6).toFixed(2)),
            'peak/vel': Number(r.peakPerVelocityBytes.toFixed(2)),
            'x sparse': sparse ? Number((sparse.medianMs / r.medianMs).toFixed(1)) : '-',
            'x Py-ART': file.pyartSeconds ? Math.round((file.pyartSeconds * 1000) / r.medianMs) : '-',
          },
    ),
  );
}

function main(): void {
  const engine = loadNativeEngine();
  const loadAtStart = loadavg();
  const only = argValue('--only')?.split(',');
  const variants = (argValue('--variants')?.split(',') as EngineVariant[] | undefined) ?? [...ENGINE_VARIANTS];
  const files = [...referenceFiles(), syntheticFile()].filter((f) => !only || only.some((o) => f.name.startsWith(o)));
  console.log(
    `bench:dealias — median over runs that reuse their output arrays ('cold' = first call on fresh ones); load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; engine ${engine.version()}, SIMD ${engine.simdLevel()}, up to ${RUNS} runs per cell ` +
      `(fewer when a cell passes ${TIME_CAP_MS / 1000} s), single thread. Shared machine: figures are noisy.`,
  );
  const report: Array<{ file: string; pyartSeconds: number | null; results: VariantResult[] }> = [];
  for (const file of files) {
    const results = variants.map((v) => benchVariant(engine, file, v));
    printTable(file, results);
    report.push({ file: file.name, pyartSeconds: file.pyartSeconds, results });
  }
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `dealias-${new Date().toISOString().slice(0, 10)}.json`);
  writeFileSync(
    path,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        engine: engine.version(),
        simd: engine.simdLevel(),
        runs: RUNS,
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: loadavg(),
        report,
      },
      null,
      2,
    ),
  );
  console.log(`\nJSON: ${path}`);
}

main();
