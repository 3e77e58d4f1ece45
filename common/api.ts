/**
 * The one typed contract between the renderer and the main-process services.
 *
 * Both transports implement it: the Electron preload (contextBridge → ipcRenderer.invoke) and the browser
 * mode's loopback HTTP adapter. Every method resolves to an ApiResult (errors never throw across the
 * boundary, because a thrown Error loses its class and code there). `API_ARGUMENTS` holds the runtime
 * validators main applies to every call before a service sees it.
 */
import type { DealiasParams, GateFilterSpec, RunRecord, Variant } from './dealias';
import { DEFAULT_PARAMS, VARIANTS } from './dealias';
import type { MomentName } from './moments';
import { v, type Validator } from './validate';
import type { VolumeHeader } from './volume';

export type ApiErrorCode =
  | 'invalid-argument'
  | 'not-found'
  | 'reader'
  | 'dealias'
  | 'cancelled'
  | 'export'
  | 'unsupported'
  | 'forbidden'
  | 'internal';

export interface ApiError {
  code: ApiErrorCode;
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface AppInfo {
  name: string;
  version: string;
  /** how the renderer reaches main */
  mode: 'electron' | 'web';
  engineVersion: string;
  /** instruction set the engine dispatched to, e.g. 'avx2' */
  simdLevel: string;
  variants: readonly Variant[];
  defaultParams: DealiasParams;
  /** worker threads in the dealias pool */
  poolSize: number;
  /** absolute path of the bundled sample, if present */
  samplePath: string | null;
  /** file to open at start (command line argument, else the sample on first launch) */
  initialFile: string | null;
}

export interface VolumeSummary {
  /** handle for later calls; valid until closeVolume */
  id: string;
  /** file name without folder */
  name: string;
  header: VolumeHeader;
  /**
   * true while the rest of the volume is still being read: the header lists the sweeps read so far (the
   * first ones), and a 'volume-updated' event brings the whole header when reading ends
   */
  loading: boolean;
}

/** One moment of one sweep with its geometry, ready to draw. Arrays are row-major [ray][gate]. */
export interface SweepData {
  volumeId: string;
  sweep: number;
  moment: MomentName;
  rays: number;
  gates: number;
  /** metres, length gates */
  range: Float32Array;
  /** degrees, length rays */
  azimuth: Float32Array;
  /** degrees, length rays */
  elevation: Float32Array;
  /** length rays*gates, NaN = missing */
  data: Float32Array;
  units: string;
  /** m/s, null when unknown */
  nyquist: number | null;
}

export interface FolderEntry {
  path: string;
  name: string;
  /** reader family that recognised it, e.g. 'NEXRAD Level II' */
  format: string;
  /** seconds since epoch, from the file name or header; null when neither says */
  time: number | null;
  sizeBytes: number;
}

export interface FolderListing {
  folder: string;
  /** radar files only, sorted by time then name */
  entries: FolderEntry[];
}

export interface DealiasRequest {
  volumeId: string;
  /** sweep indexes to dealias; empty = every sweep that has the velocity moment */
  sweeps: number[];
  variant: Variant;
  /** partial: missing keys take DEFAULT_PARAMS */
  params: Partial<DealiasParams>;
  /** m/s: one value for all sweeps, or one per requested sweep; omitted = from the file */
  nyquist?: number[];
  gateFilter?: GateFilterSpec;
  /** velocity moment to dealias; omitted = the first velocity moment of the volume */
  moment?: MomentName;
}

export interface JobStarted {
  jobId: string;
  runId: string;
}

export interface JobProgress {
  jobId: string;
  runId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  sweepsDone: number;
  sweepsTotal: number;
  /** the history record, once the job has ended */
  record?: RunRecord;
  message?: string;
}

/** The dealiased result of one sweep of a run. */
export interface RunSweepData {
  runId: string;
  sweep: number;
  rays: number;
  gates: number;
  /** m/s, NaN where excluded or missing */
  corrected: Float32Array;
  /** Nyquist intervals added per gate */
  folds: Int8Array;
  /** engine region label per gate, 0 = none */
  regions: Int32Array;
}

export interface ExportOptions {
  /** also write an integer fold-number field */
  includeFolds: boolean;
}

/** Progress of an exportCorrected call, pushed while main writes the file. */
export interface ExportProgress {
  runId: string;
  /** the path being written, as requested */
  path: string;
  /** 0 … 1 */
  fraction: number;
  /** what the writer is doing, e.g. 'sweep 3 of 12' */
  stage: string;
}

/** Events main pushes to the renderer. */
export interface ApiEvents {
  'job-progress': JobProgress;
  /** a file to open, from the menu, the command line or the OS */
  'open-file': string;
  /** a menu command the renderer carries out */
  'menu-command': MenuCommand;
  /** an export in progress */
  'export-progress': ExportProgress;
  /** a volume opened with `loading` true was read to its end (or to the first unreadable part) */
  'volume-updated': VolumeSummary;
}

export type MenuCommand = 'open-file' | 'open-folder' | 'export' | 'toggle-help' | 'run-dealias' | 'reset-view';

/** Request/response methods. */
export interface UnfoldApi {
  appInfo(): Promise<ApiResult<AppInfo>>;
  openFile(path: string): Promise<ApiResult<VolumeSummary>>;
  /** native open dialog (Electron only; browser mode answers 'unsupported') */
  chooseFile(): Promise<ApiResult<string | null>>;
  /** native folder dialog (Electron only) */
  chooseFolder(): Promise<ApiResult<string | null>>;
  /** native save dialog (Electron only) */
  chooseSavePath(defaultName: string): Promise<ApiResult<string | null>>;
  listFolder(path: string): Promise<ApiResult<FolderListing>>;
  recentFiles(): Promise<ApiResult<string[]>>;
  closeVolume(volumeId: string): Promise<ApiResult<null>>;
  getSweep(volumeId: string, sweep: number, moment: MomentName): Promise<ApiResult<SweepData>>;
  startDealias(request: DealiasRequest): Promise<ApiResult<JobStarted>>;
  cancelJob(jobId: string): Promise<ApiResult<null>>;
  listRuns(): Promise<ApiResult<RunRecord[]>>;
  getRunSweep(runId: string, sweep: number): Promise<ApiResult<RunSweepData>>;
  clearRuns(): Promise<ApiResult<null>>;
  exportRuns(format: 'csv' | 'json', path: string): Promise<ApiResult<string>>;
  exportCorrected(runId: string, path: string, options: ExportOptions): Promise<ApiResult<string>>;
}

export type ApiMethod = keyof UnfoldApi;
export type ApiArgs<M extends ApiMethod> = Parameters<UnfoldApi[M]>;
export type ApiValue<M extends ApiMethod> = Awaited<ReturnType<UnfoldApi[M]>> extends ApiResult<infer T> ? T : never;

/** What the preload exposes as `window.unfold`: the methods plus event subscription. */
export interface UnfoldBridge extends UnfoldApi {
  on<E extends keyof ApiEvents>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

// ---- runtime validators, one tuple per method ----

const id = v.string({ minLength: 1, maxLength: 64, pattern: /^[A-Za-z0-9_-]+$/ });
const path = v.string({ minLength: 1, maxLength: 4096 });
const sweepIndex = v.number({ integer: true, min: 0, max: 10_000 });
const moment = v.string({ minLength: 1, maxLength: 64 });
const metresPerSecond = v.number({ min: 0, max: 1000, exclusiveMin: true });

export const paramsValidator: Validator<Partial<DealiasParams>> = v.object({
  intervalSplits: v.optional(v.number({ integer: true, min: 1, max: 100 })),
  intervalLimits: v.optional(
    v.nullable(v.array(v.number({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 200 })),
  ),
  skipBetweenRays: v.optional(v.number({ integer: true, min: 0, max: 100_000 })),
  skipAlongRay: v.optional(v.number({ integer: true, min: 0, max: 100_000 })),
  centered: v.optional(v.boolean()),
  raysWrapAround: v.optional(v.nullable(v.boolean())),
  keepOriginal: v.optional(v.boolean()),
  setLimits: v.optional(v.boolean()),
  fixOutOfRangeWidening: v.optional(v.boolean()),
  includeUpperBound: v.optional(v.boolean()),
  unfoldExcludedGates: v.optional(v.boolean()),
  wrapFromGeometry: v.optional(v.boolean()),
  memoryBudgetBytes: v.optional(v.number({ integer: true, min: 1, max: 2 ** 50 })),
}) as Validator<Partial<DealiasParams>>;

export const gateFilterValidator: Validator<GateFilterSpec> = v.object({
  thresholds: v.array(
    v.object({
      moment,
      min: v.optional(v.number()),
      max: v.optional(v.number()),
    }),
    { maxLength: 16 },
  ),
  maxVelocityTexture: v.optional(v.number({ min: 0, exclusiveMin: true })),
}) as Validator<GateFilterSpec>;

const dealiasRequest: Validator<DealiasRequest> = v.object({
  volumeId: id,
  sweeps: v.array(sweepIndex, { maxLength: 1000 }),
  variant: v.literal(VARIANTS),
  params: paramsValidator,
  nyquist: v.optional(v.array(metresPerSecond, { minLength: 1, maxLength: 1000 })),
  gateFilter: v.optional(gateFilterValidator),
  moment: v.optional(moment),
}) as Validator<DealiasRequest>;

/** Argument validators per method; main rejects any call that does not pass them. */
type ValidatorTuple<T extends unknown[]> = { [K in keyof T]: Validator<T[K]> };

export const API_ARGUMENTS: { [M in ApiMethod]: ValidatorTuple<ApiArgs<M>> } = {
  appInfo: [],
  openFile: [path],
  chooseFile: [],
  chooseFolder: [],
  chooseSavePath: [v.string({ minLength: 1, maxLength: 255 })],
  listFolder: [path],
  recentFiles: [],
  closeVolume: [id],
  getSweep: [id, sweepIndex, moment],
  startDealias: [dealiasRequest],
  cancelJob: [id],
  listRuns: [],
  getRunSweep: [id, sweepIndex],
  clearRuns: [],
  exportRuns: [v.literal(['csv', 'json'] as const), path],
  exportCorrected: [id, path, v.object({ includeFolds: v.boolean() })],
};

export const API_METHODS = Object.keys(API_ARGUMENTS) as ApiMethod[];

export const API_EVENTS: readonly (keyof ApiEvents)[] = [
  'job-progress',
  'open-file',
  'menu-command',
  'export-progress',
  'volume-updated',
];

/** Fill a partial parameter set with Py-ART's defaults. */
export function withDefaults(params: Partial<DealiasParams>): DealiasParams {
  return { ...DEFAULT_PARAMS, ...params };
}

/** IPC channel name of a method: one channel per method, so the allow-list is the method list. */
export const ipcChannel = (method: ApiMethod): string => `unfold:${method}`;
export const ipcEventChannel = (event: keyof ApiEvents): string => `unfold-event:${event}`;
