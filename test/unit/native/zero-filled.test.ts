/**
 * `zeroFilled` lets the fused variant skip storing zeros over the gates that take no part. Its outputs
 * must be byte for byte those of a run that writes every byte itself: on fresh arrays, and on arrays
 * full of stale values (where the promise is not given). Real sweeps: a NEXRAD volume (mostly
 * missing gates), the all-valid DOW8 RHI, and a NEXRAD sweep with a gate filter (finite but excluded
 * gates) and keepOriginal.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNativeEngine, type NativeEngine, type SweepOutput } from '../../../native/index';
import { compareFolds } from './parity-util';
import { allReferenceRuns, sweepsOf, type ReferenceSweep } from './reference-sweeps';

let engine: NativeEngine;
beforeAll(() => {
  engine = loadNativeEngine();
});

function fresh(cells: number): SweepOutput {
  return { corrected: new Float32Array(cells), folds: new Int8Array(cells), regions: new Int32Array(cells) };
}

/** Arrays holding what a previous run could have left: every byte 0x5A (corrected = 1.5e16 m/s). */
function stale(cells: number): SweepOutput {
  const out = fresh(cells);
  new Uint8Array(out.corrected.buffer).fill(0x5a);
  out.folds.fill(0x5a);
  new Uint8Array(out.regions.buffer).fill(0x5a);
  return out;
}

/** Bytes of all three outputs (corrected compared as bits, so NaN payloads and -0 count). */
function bytesOf(out: SweepOutput): Uint8Array[] {
  return [new Uint8Array(out.corrected.buffer), new Uint8Array(out.folds.buffer), new Uint8Array(out.regions.buffer)];
}

function firstDifference(a: SweepOutput, b: SweepOutput): string | null {
  const names = ['corrected', 'folds', 'regions'];
  const ab = bytesOf(a);
  const bb = bytesOf(b);
  for (let k = 0; k < 3; k++) {
    const i = ab[k]!.findIndex((v, j) => v !== bb[k]![j]);
    if (i >= 0) return `${names[k]} byte ${i}: ${ab[k]![i]} vs ${bb[k]![i]}`;
  }
  return null;
}

function sweepsOfRun(prefix: string): ReferenceSweep[] {
  const run = allReferenceRuns().find((r) => r.name.startsWith(prefix));
  if (!run) throw new Error(`reference run ${prefix} not found in test/fixtures/reference`);
  return sweepsOf(run);
}

describe('zeroFilled outputs (fused)', () => {
  for (const prefix of ['KLBB', 'DOW8_RHI_20211011_223602']) {
    it(`${prefix}: same bytes as writing every gate, on fresh and on stale arrays, and Py-ART's folds`, () => {
      let compared = 0;
      for (const s of sweepsOfRun(prefix)) {
        if (!(s.nyquist > 0)) continue; // sweeps without velocity are refused either way
        const cells = s.rays * s.gates;
        const input = { velocity: s.velocity, rays: s.rays, gates: s.gates, nyquist: s.nyquist };
        const promised = { ...fresh(cells), zeroFilled: true };
        const stats = engine.dealiasSweep(input, s.params, 'fused', promised);
        const unpromised = fresh(cells);
        engine.dealiasSweep(input, s.params, 'fused', unpromised);
        const overwritten = stale(cells);
        engine.dealiasSweep(input, s.params, 'fused', overwritten);
        expect(firstDifference(promised, unpromised), `${prefix} sweep ${s.sweep}`).toBeNull();
        expect(firstDifference(promised, overwritten), `${prefix} sweep ${s.sweep}`).toBeNull();
        const parity = compareFolds(s, { ...promised, stats }, 'fused');
        expect(parity.firstMismatch).toBeNull();
        compared += parity.compared;
      }
      expect(compared).toBeGreaterThan(100_000);
    });
  }

  it('a gate filter and keepOriginal: excluded finite gates keep their value, fold 0, region 0', () => {
    // The KLBB sweep with the most velocity gates.
    const finite = (x: ReferenceSweep): number => x.velocity.filter(Number.isFinite).length;
    const s = sweepsOfRun('KLBB').reduce((a, b) => (finite(b) > finite(a) ? b : a));
    const cells = s.rays * s.gates;
    // Exclude every third valid gate of the first 200 rays: finite values the classifier must treat
    // as missing while it skips the zero stores.
    const excluded = new Uint8Array(cells);
    let valid = 0;
    for (let i = 0; i < 200 * s.gates; i++) {
      if (Number.isFinite(s.velocity[i]!) && valid++ % 3 === 0) excluded[i] = 1;
    }
    const input = { velocity: s.velocity, rays: s.rays, gates: s.gates, nyquist: s.nyquist, excluded };
    const params = { ...s.params, keepOriginal: true };
    const promised = { ...fresh(cells), zeroFilled: true };
    engine.dealiasSweep(input, params, 'fused', promised);
    const overwritten = stale(cells);
    engine.dealiasSweep(input, params, 'fused', overwritten);
    expect(firstDifference(promised, overwritten)).toBeNull();
    const i = excluded.indexOf(1);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(promised.corrected[i]).toBe(s.velocity[i]);
    expect(promised.folds[i]).toBe(0);
    expect(promised.regions[i]).toBe(0);
  });

  it('refuses a zeroFilled that is not a boolean', () => {
    const out = { ...fresh(6), zeroFilled: 'yes' as unknown as boolean };
    const input = { velocity: new Float32Array([1, 2, 3, 4, 5, 6]), rays: 2, gates: 3, nyquist: 10 };
    expect(() => engine.dealiasSweep(input, sweepsOfRun('KLBB')[0]!.params, 'fused', out)).toThrow(
      /output\.zeroFilled.*a boolean/,
    );
  });
});
