/**
 * The native facade: loading (explicit path, environment, clear failures), argument validation with
 * typed errors, the addon's own defensive checks when the facade is bypassed, documented no-ops, the
 * warnings the engine reports on real sweeps, and concurrent use from worker threads.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_DEALIAS_PARAMS,
  DealiasError,
  loadNativeEngine,
  type DealiasParams,
  type NativeEngine,
  type SweepInput,
} from '../../../native/index';
import { runSweep } from './parity-util';
import { allReferenceRuns, sweepsOf, type ReferenceSweep } from './reference-sweeps';

let engine: NativeEngine;
let klix: ReferenceSweep[];
let corMain: ReferenceSweep[];
beforeAll(() => {
  engine = loadNativeEngine();
  const runs = allReferenceRuns();
  klix = sweepsOf(runs.find((r) => r.name === 'KLIX20050828_180149')!);
  corMain = sweepsOf(runs.find((r) => r.name === 'cor-main131125105503.RAW2049')!);
});

function outputs(cells: number) {
  return { corrected: new Float32Array(cells), folds: new Int8Array(cells), regions: new Int32Array(cells) };
}

function small(overrides: Partial<SweepInput> = {}): SweepInput {
  return { velocity: new Float32Array([1, 2, 3, -9, 9, 4]), rays: 2, gates: 3, nyquist: 10, ...overrides };
}

function thrown(fn: () => unknown): DealiasError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DealiasError);
    return err as DealiasError;
  }
  throw new Error('expected a DealiasError');
}

describe('loading', () => {
  it('reports the version and the SIMD level the dispatch picked', () => {
    expect(engine.version()).toMatch(/^unfold-native \d+\.\d+\.\d+$/);
    expect(['avx2', 'sse4.2', 'sse2', 'neon', 'scalar']).toContain(engine.simdLevel());
  });

  it('explains a missing addon: the paths tried and how to build it', () => {
    const err = thrown(() => loadNativeEngine('/nonexistent/unfold_native.node'));
    expect(err.message).toContain('/nonexistent/unfold_native.node');
    expect(err.message).toContain('npm run native:build');
  });

  it('explains a file that is not a loadable addon', () => {
    const err = thrown(() => loadNativeEngine(join(__dirname, 'facade.test.ts')));
    expect(err.message).toMatch(/could not be loaded/);
  });

  it('follows UNFOLD_NATIVE_PATH when no path is given', () => {
    const saved = process.env['UNFOLD_NATIVE_PATH'];
    process.env['UNFOLD_NATIVE_PATH'] = '/elsewhere/unfold_native.node';
    try {
      expect(thrown(() => loadNativeEngine()).message).toContain('/elsewhere/unfold_native.node');
    } finally {
      if (saved === undefined) delete process.env['UNFOLD_NATIVE_PATH'];
      else process.env['UNFOLD_NATIVE_PATH'] = saved;
    }
  });
});

describe('validation', () => {
  const params: DealiasParams = { ...DEFAULT_DEALIAS_PARAMS };

  it.each([0, -3, Number.NaN, Number.POSITIVE_INFINITY])('refuses Nyquist %s with invalid-nyquist', (nyquist) => {
    const err = thrown(() => engine.dealiasSweep(small({ nyquist }), params, 'fused', outputs(6)));
    expect(err.code).toBe('invalid-nyquist');
    expect(err.message).toMatch(/^invalid parameter nyquist: expected a finite velocity > 0 m\/s, got /);
  });

  it('refuses mismatched shapes with shape-mismatch', () => {
    expect(thrown(() => engine.dealiasSweep(small({ gates: 4 }), params, 'fused', outputs(8))).code).toBe(
      'shape-mismatch',
    );
    const excluded = new Uint8Array(5);
    expect(thrown(() => engine.dealiasSweep(small({ excluded }), params, 'fused', outputs(6))).code).toBe(
      'shape-mismatch',
    );
    expect(thrown(() => engine.dealiasSweep(small(), params, 'fused', outputs(7))).message).toMatch(
      /invalid parameter output.corrected: expected a Float32Array of 6 values/,
    );
  });

  it('refuses wrong types, unknown variants and bad parameters with invalid-input', () => {
    const wrongType = small({ velocity: new Float64Array(6) as unknown as Float32Array });
    expect(thrown(() => engine.dealiasSweep(wrongType, params, 'fused', outputs(6))).message).toBe(
      'invalid parameter velocity: expected a Float32Array, got Float64Array(6)',
    );
    const variant = 'parallel' as unknown as 'fused';
    expect(thrown(() => engine.dealiasSweep(small(), params, variant, outputs(6))).message).toBe(
      "invalid parameter variant: expected 'dense' | 'sparse' | 'heap' | 'fused', got 'parallel'",
    );
    const bad: Array<Partial<DealiasParams>> = [
      { intervalSplits: 0 },
      { intervalLimits: [5, -5] },
      { skipAlongRay: -1 },
      { centered: 1 as unknown as boolean },
    ];
    for (const b of bad) {
      expect(thrown(() => engine.dealiasSweep(small(), { ...params, ...b }, 'fused', outputs(6))).code).toBe(
        'invalid-input',
      );
    }
  });

  it('the addon checks again when the facade is bypassed, and refuses outputs sharing the input memory', () => {
    const module = { exports: {} as Record<string, (...args: unknown[]) => unknown> };
    process.dlopen(module, engine.addonPath);
    const raw = module.exports;
    const attempts: Array<[unknown[], string]> = [
      [[small({ nyquist: 0 }), params, 'fused', outputs(6)], 'invalid-nyquist'],
      [[small({ rays: 5 }), params, 'fused', outputs(15)], 'shape-mismatch'],
      [[small(), params, 'sideways', outputs(6)], 'invalid-input'],
      [[small(), { ...params, intervalSplits: 1.5 }, 'fused', outputs(6)], 'invalid-input'],
      [[{}, params, 'fused', outputs(6)], 'invalid-input'],
      [[small()], 'invalid-input'],
    ];
    for (const [args, code] of attempts) {
      expect(() => raw['dealiasSweep']!(...args)).toThrow(expect.objectContaining({ code }));
    }
    const input = small();
    const aliased = { ...outputs(6), corrected: input.velocity };
    expect(() => raw['dealiasSweep']!(input, params, 'fused', aliased)).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
  });
});

describe('documented behaviour', () => {
  const params: DealiasParams = { ...DEFAULT_DEALIAS_PARAMS };

  it('a sweep with zero rays or gates is a no-op', () => {
    const stats = engine.dealiasSweep(
      { velocity: new Float32Array(0), rays: 0, gates: 7, nyquist: 10 },
      params,
      'heap',
      outputs(0),
    );
    expect(stats.regions).toBe(0);
    expect(stats.validGates).toBe(0);
  });

  it('an all-masked sweep gives NaN, fold 0 and region 0 everywhere', () => {
    const out = outputs(6);
    const stats = engine.dealiasSweep(small({ velocity: new Float32Array(6).fill(Number.NaN) }), params, 'fused', out);
    expect(stats.validGates).toBe(0);
    expect([...out.corrected].every(Number.isNaN)).toBe(true);
    expect([...out.folds, ...out.regions].every((v) => v === 0)).toBe(true);
  });

  it('excluded gates become NaN, or keep their value with keepOriginal', () => {
    const excluded = new Uint8Array([0, 0, 1, 0, 0, 0]);
    const out = outputs(6);
    engine.dealiasSweep(small({ excluded }), params, 'fused', out);
    expect(out.corrected[2]).toBeNaN();
    engine.dealiasSweep(small({ excluded }), { ...params, keepOriginal: true }, 'fused', out);
    expect(out.corrected[2]).toBe(3);
  });

  it('warns about out-of-Nyquist values and the gates Py-ART leaves in no region (KLIX sweep 9)', () => {
    const s = klix.find((k) => k.sweep === 9)!;
    const { stats } = runSweep(engine, s, 'fused');
    const codes = stats.warnings.map((w) => w.code);
    expect(codes).toContain('out-of-nyquist');
    const unlabelled = stats.warnings.find((w) => w.code === 'unlabelled-gates');
    expect(unlabelled?.gates).toBe(stats.unlabelledValidGates);
    expect(stats.unlabelledValidGates).toBe(2); // reference.json: two gates at -27.5 m/s
  });

  it('warns about gates exactly at +Vn (SIGMET quantised data)', () => {
    const { stats } = runSweep(engine, corMain[0]!, 'fused');
    const warning = stats.warnings.find((w) => w.code === 'upper-bound-gates');
    expect(warning?.gates).toBe(stats.unlabelledValidGates);
    expect(stats.unlabelledValidGates).toBeGreaterThan(0);
  });

  it('reports stage timings and the exact engine peak memory', () => {
    const { stats } = runSweep(
      engine,
      klix.find((k) => k.sweep === 1)!,
      'fused',
    );
    const t = stats.timings;
    expect(t.totalMs).toBeGreaterThanOrEqual(t.labelMs + t.edgesMs + t.mergeMs + t.unwrapMs - 0.5);
    expect(stats.engineBytesPeak).toBeGreaterThan(0);
  });
});

describe('worker threads', () => {
  it('loads in several worker threads at once and gives the main thread results', async () => {
    const s = klix.find((k) => k.sweep === 3)!;
    const expected = runSweep(engine, s, 'fused').folds;
    const runInWorker = () =>
      new Promise<Int8Array>((resolve, reject) => {
        const worker = new Worker(join(__dirname, 'facade-worker.mjs'), {
          workerData: {
            addonPath: engine.addonPath,
            velocity: s.velocity,
            rays: s.rays,
            gates: s.gates,
            nyquist: s.nyquist,
            params: s.params,
          },
        });
        worker.once('message', (folds: Int8Array) => {
          resolve(folds);
          void worker.terminate();
        });
        worker.once('error', reject);
      });
    const results = await Promise.all([runInWorker(), runInWorker(), runInWorker()]);
    for (const folds of results) expect(Buffer.compare(Buffer.from(folds), Buffer.from(expected))).toBe(0);
  });
});
