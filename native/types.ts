/**
 * Types of the native dealias engine's facade: variants, parameters (Py-ART's dealias_region_based
 * options plus Unfold's opt-in improvements), sweep input/output, statistics and the error class.
 * Shared by the facade, its validation, the dealias workers and the benchmarks.
 *
 * Units: velocities and Nyquist in m/s, memory in bytes, times in milliseconds.
 */
import type { DealiasParams as RunParams } from '../common/dealias';

export type EngineVariant = 'dense' | 'sparse' | 'heap' | 'fused';

/** The variants the addon implements ('parallel' = fused across the worker pool, done in main). */
export const ENGINE_VARIANTS: readonly EngineVariant[] = Object.freeze(['dense', 'sparse', 'heap', 'fused'] as const);

/**
 * The engine's parameters: the run parameters of common/dealias.ts (one definition of names, units and
 * meaning) minus what main resolves before a sweep reaches the engine — ray wrap-around is decided per
 * sweep (null and wrapFromGeometry become a boolean, see shouldWrapRays) and setLimits only concerns the
 * exported field's attributes.
 */
export type DealiasParams = Omit<RunParams, 'raysWrapAround' | 'setLimits' | 'wrapFromGeometry'> & {
  /** first and last ray are neighbours (PPI true, RHI false: the caller decides, see shouldWrapRays) */
  raysWrapAround: boolean;
};

export const DEFAULT_DEALIAS_PARAMS: Readonly<DealiasParams> = Object.freeze({
  intervalSplits: 3,
  intervalLimits: null,
  skipBetweenRays: 100,
  skipAlongRay: 100,
  centered: true,
  raysWrapAround: true,
  keepOriginal: false,
  fixOutOfRangeWidening: false,
  includeUpperBound: false,
  unfoldExcludedGates: false,
  memoryBudgetBytes: 2 * 1024 ** 3,
});

export interface SweepInput {
  /** m/s, row-major [ray][gate]; NaN/±inf = missing */
  velocity: Float32Array;
  rays: number;
  gates: number;
  /** m/s, > 0 and finite */
  nyquist: number;
  /** optional gate filter, 1 = excluded (length rays*gates) */
  excluded?: Uint8Array;
}

/** Allocated by the caller (worker), filled by the addon; each rays*gates long, no shared memory. */
export interface SweepOutput {
  /** m/s; NaN where excluded/missing (unless keepOriginal) */
  corrected: Float32Array;
  /** Nyquist intervals (2·Vn) added at each gate; 0 where excluded/missing */
  folds: Int8Array;
  /** region label per gate as the engine numbered them (scipy.ndimage.label order; 0 = none) */
  regions: Int32Array;
  /**
   * true promises that folds and regions hold only zeros, as freshly allocated typed arrays do. The
   * fused variant then skips storing zeros over the stretches of gates that take no part (most of a
   * NEXRAD volume). Never set it on reused arrays: their old values would remain. Default false.
   */
  zeroFilled?: boolean;
}

export interface StageTimings {
  labelMs: number;
  edgesMs: number;
  mergeMs: number;
  unwrapMs: number;
  totalMs: number;
}

export interface EngineWarning {
  code: 'out-of-nyquist' | 'upper-bound-gates' | 'unlabelled-gates' | 'fold-overflow' | string;
  message: string;
  gates?: number;
}

export interface SweepStats {
  variant: EngineVariant;
  regions: number;
  /** distinct pairs of regions in contact */
  edges: number;
  merges: number;
  /** valid gates whose fold is not 0 */
  gatesChanged: number;
  /** finite and not excluded */
  validGates: number;
  /** valid gates that got no region (Py-ART defects: exactly +Vn, one-sided out-of-range values) */
  unlabelledValidGates: number;
  /** gates given a fold from their neighbours by unfoldExcludedGates (0 when the option is off) */
  filledGates: number;
  /** m/s, the slice boundaries used */
  intervalLimits: number[];
  timings: StageTimings;
  /** exact peak bytes allocated by the engine during this call (beyond input/output) */
  engineBytesPeak: number;
  warnings: EngineWarning[];
}

export type DealiasErrorCode = 'invalid-input' | 'invalid-nyquist' | 'shape-mismatch' | 'memory-budget' | 'internal';

export class DealiasError extends Error {
  readonly code: DealiasErrorCode;
  constructor(code: DealiasErrorCode, message: string) {
    super(message);
    this.name = 'DealiasError';
    this.code = code;
  }
}

export interface NativeEngine {
  dealiasSweep(input: SweepInput, params: DealiasParams, variant: EngineVariant, output: SweepOutput): SweepStats;
  /** engine version string */
  version(): string;
  /** 'avx2' | 'sse4.2' | 'sse2' | 'neon' | 'scalar': what the CPU dispatch picks */
  simdLevel(): string;
  /** absolute path the addon was loaded from */
  readonly addonPath: string;
}
