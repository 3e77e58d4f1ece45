/**
 * Dealiasing vocabulary shared by the renderer, the main-process services, the CLI and the native facade:
 * variant names, Py-ART's parameters with their defaults, gate filters, and the per-run measurements
 * that feed the run history.
 */
import type { MomentName } from './moments';

/** Engine variants, in the order of their history (see the README). */
export const VARIANTS = ['dense', 'sparse', 'heap', 'fused', 'parallel'] as const;
export type Variant = (typeof VARIANTS)[number];

export const VARIANT_DESCRIPTIONS: Readonly<Record<Variant, string>> = {
  dense: '2015 design: dense region × region edge matrices (memory grows with regions²)',
  sparse: 'sparse edge list, linear scan for the heaviest edge per merge (Py-ART today)',
  heap: 'union-find + adjacency maps + lazy-deletion priority queue',
  fused: 'single pass labelling + edge collection, flat arrays, SIMD where it pays',
  parallel: 'fused, with the sweeps of a volume spread across the worker pool',
};

/** Parameters of one dealias run. Names follow Py-ART's `dealias_region_based`, in camelCase. */
export interface DealiasParams {
  /** slices the Nyquist interval is cut into (Py-ART interval_splits) */
  intervalSplits: number;
  /** explicit slice boundaries in m/s (Py-ART interval_limits); null = derive from the Nyquist */
  intervalLimits: number[] | null;
  /** gates the edge search may jump over between rays */
  skipBetweenRays: number;
  /** gates the edge search may jump over along a ray */
  skipAlongRay: number;
  /** shift each sweep so its mean fold rounds to 0 */
  centered: boolean;
  /** null = from the scan type (PPI true, otherwise false), as Py-ART does */
  raysWrapAround: boolean | null;
  /** excluded gates keep their original value instead of becoming missing */
  keepOriginal: boolean;
  /** add valid_min / valid_max to the exported corrected field */
  setLimits: boolean;
  /** opt-in: widen the slice range on the side the out-of-range values are (Py-ART swaps the sides) */
  fixOutOfRangeWidening: boolean;
  /** opt-in: gates exactly at +Nyquist get a region (Py-ART leaves them in none) */
  includeUpperBound: boolean;
  /** opt-in: unfold excluded-but-valid gates from their neighbours */
  unfoldExcludedGates: boolean;
  /** opt-in: decide ray wrap-around from azimuth coverage, so sector PPIs do not wrap */
  wrapFromGeometry: boolean;
  /** the dense variant refuses to allocate beyond this (bytes) */
  memoryBudgetBytes: number;
}

export const DEFAULT_PARAMS: Readonly<DealiasParams> = Object.freeze({
  intervalSplits: 3,
  intervalLimits: null,
  skipBetweenRays: 100,
  skipAlongRay: 100,
  centered: true,
  raysWrapAround: null,
  keepOriginal: false,
  setLimits: true,
  fixOutOfRangeWidening: false,
  includeUpperBound: false,
  unfoldExcludedGates: false,
  wrapFromGeometry: false,
  memoryBudgetBytes: 2 * 1024 ** 3,
});

/** One threshold of a gate filter: gates where `moment` is outside [min, max] (or missing) are excluded. */
export interface GateThreshold {
  moment: MomentName;
  /** in the moment's units; omitted = no lower bound */
  min?: number;
  /** in the moment's units; omitted = no upper bound */
  max?: number;
}

export interface GateFilterSpec {
  thresholds: GateThreshold[];
  /**
   * exclude gates whose velocity texture (standard deviation of the 3-gate neighbourhood along the ray,
   * m/s) exceeds this; omitted = off
   */
  maxVelocityTexture?: number;
}

/** Wall time per stage of a run, milliseconds. */
export interface StageTimings {
  /** decoding the sweep's moments from the file and building the gate filter */
  readMs: number;
  marshalInMs: number;
  labelMs: number;
  edgesMs: number;
  mergeMs: number;
  unwrapMs: number;
  marshalOutMs: number;
  totalMs: number;
}

export interface SweepRunStats {
  sweep: number;
  rays: number;
  gates: number;
  /** m/s */
  nyquist: number;
  validGates: number;
  regions: number;
  edges: number;
  merges: number;
  gatesChanged: number;
  unlabelledValidGates: number;
  timings: StageTimings;
  /** bytes the engine itself allocated at its peak for this sweep */
  engineBytesPeak: number;
  warnings: string[];
}

export type RunStatus = 'done' | 'failed' | 'cancelled';

/** One row of the run history (persisted). */
export interface RunRecord {
  id: string;
  /** ISO 8601, UTC */
  startedAt: string;
  status: RunStatus;
  /** absolute path of the input file */
  file: string;
  fileName: string;
  velocityMoment: MomentName;
  sweeps: number[];
  variant: Variant;
  params: DealiasParams;
  /** m/s per dealiased sweep, as used */
  nyquist: number[];
  gateFilter: GateFilterSpec | null;
  /** summed over sweeps (wall time for totalMs: parallel runs overlap sweeps) */
  timings: StageTimings;
  /** largest per-sweep engine peak (bytes) */
  engineBytesPeak: number;
  /** process resident set high-water mark during the run (bytes) */
  processRssPeakBytes: number;
  regions: number;
  gatesChanged: number;
  validGates: number;
  perSweep: SweepRunStats[];
  warnings: string[];
  error?: string;
  /** Unfold and engine versions that produced it */
  appVersion: string;
  engineVersion: string;
}
