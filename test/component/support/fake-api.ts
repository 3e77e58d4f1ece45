/**
 * A fake of the renderer's API module for store and panel tests: every contract method is a vi.fn with a
 * sensible default answer over a small synthetic volume; tests override answers per case and push events
 * with `emit`, as main would.
 */
import { vi } from 'vitest';
import type { ApiEvents, ApiResult, FolderListing, RunSweepData, SweepData, VolumeSummary } from '../../../common/api';
import { DEFAULT_PARAMS, type RunRecord, type Variant } from '../../../common/dealias';

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
export const fail = (code: string, message: string): ApiResult<never> =>
  ({ ok: false, error: { code, message } }) as ApiResult<never>;

export const VOLUME_PATH = '/data/KTST20200101_000000_V06';

/** Two PPI sweeps: 0 = surveillance (DBZH), 1 = Doppler (DBZH, VRADH, NCP), Nyquist 10 m/s. */
export function volumeSummary(id = 'vol1', path = VOLUME_PATH): VolumeSummary {
  const sweep = (index: number, moments: string[]) => ({
    index,
    number: index + 1,
    mode: 'azimuth_surveillance' as const,
    fixedAngle: 0.5 + index,
    rayCount: 8,
    startTime: 1577836800,
    nyquist: 10,
    moments,
  });
  return {
    id,
    name: path.split('/').pop()!,
    loading: false,
    header: {
      path,
      format: 'nexrad-level2-msg31',
      formatDetail: 'AR2V0006 (message 31)',
      site: { name: 'KTST', latitude: 30, longitude: -97, altitude: 10 },
      instrument: { name: 'WSR-88D' },
      scanType: 'ppi',
      startTime: 1577836800,
      endTime: 1577837100,
      sweeps: [sweep(0, ['DBZH']), sweep(1, ['DBZH', 'VRADH', 'NCP'])],
      moments: ['DBZH', 'VRADH', 'NCP'],
      attributes: {},
      warnings: [],
    },
  };
}

export const RAYS = 8;
export const GATES = 10;

export function sweepData(volumeId: string, sweep: number, moment: string): SweepData {
  const data = new Float32Array(RAYS * GATES).map((_, i) => (moment === 'VRADH' ? ((i % 20) - 10) * 0.9 : i));
  return {
    volumeId,
    sweep,
    moment,
    rays: RAYS,
    gates: GATES,
    range: Float32Array.from({ length: GATES }, (_, g) => 1000 + 1000 * g),
    azimuth: Float32Array.from({ length: RAYS }, (_, r) => r * 45 + 22.5),
    elevation: new Float32Array(RAYS).fill(1.5),
    data,
    units: moment === 'VRADH' ? 'm/s' : 'dBZ',
    nyquist: 10,
  };
}

export function runSweep(runId: string, sweep: number, fold = 1): RunSweepData {
  const folds = new Int8Array(RAYS * GATES).map((_, i) => (i % 3 === 0 ? fold : 0));
  return {
    runId,
    sweep,
    rays: RAYS,
    gates: GATES,
    corrected: new Float32Array(RAYS * GATES).map((_, i) => (i % 7 === 0 ? NaN : i * 0.5 + 20 * folds[i]!)),
    folds,
    regions: new Int32Array(RAYS * GATES).map((_, i) => 1 + (i % 4)),
  };
}

let counter = 0;
export function runRecord(overrides: Partial<RunRecord> = {}): RunRecord {
  counter++;
  const variant: Variant = overrides.variant ?? 'fused';
  return {
    id: `run${counter}`,
    startedAt: new Date(Date.UTC(2026, 10, 22, 1, counter)).toISOString(),
    status: 'done',
    file: VOLUME_PATH,
    fileName: 'KTST20200101_000000_V06',
    velocityMoment: 'VRADH',
    sweeps: [1],
    variant,
    params: { ...DEFAULT_PARAMS },
    nyquist: [10],
    gateFilter: null,
    timings: {
      readMs: 1,
      marshalInMs: 1,
      labelMs: 2,
      edgesMs: 3,
      mergeMs: 4,
      unwrapMs: 5,
      marshalOutMs: 1,
      totalMs: 20 + counter,
    },
    engineBytesPeak: 2 * 2 ** 20,
    processRssPeakBytes: 150 * 2 ** 20,
    regions: 12,
    gatesChanged: 30,
    validGates: 70,
    perSweep: [],
    warnings: [],
    appVersion: '0.1.0',
    engineVersion: '1.0.0',
    ...overrides,
  };
}

type Listener = (payload: never) => void;

export function createFakeApi() {
  const listeners = new Map<string, Set<Listener>>();
  const api = {
    appInfo: vi.fn(async () =>
      ok({
        name: 'Unfold',
        version: '0.1.0',
        mode: 'web' as const,
        engineVersion: '1.0.0',
        simdLevel: 'avx2',
        variants: ['dense', 'sparse', 'heap', 'fused', 'parallel'] as const,
        defaultParams: { ...DEFAULT_PARAMS },
        poolSize: 1,
        samplePath: VOLUME_PATH,
        initialFile: VOLUME_PATH as string | null,
      }),
    ),
    openFile: vi.fn(async (path: string) => ok(volumeSummary(`vol-${path.length}`, path))),
    chooseFile: vi.fn(async () => fail('unsupported', 'no dialogs') as ApiResult<string | null>),
    chooseFolder: vi.fn(async () => fail('unsupported', 'no dialogs') as ApiResult<string | null>),
    chooseSavePath: vi.fn(async () => fail('unsupported', 'no dialogs') as ApiResult<string | null>),
    listFolder: vi.fn(async (folder: string) => ok<FolderListing>({ folder, entries: [] })),
    recentFiles: vi.fn(async () => ok([VOLUME_PATH])),
    closeVolume: vi.fn(async () => ok(null)),
    getSweep: vi.fn(async (volumeId: string, sweep: number, moment: string) => ok(sweepData(volumeId, sweep, moment))),
    startDealias: vi.fn(async () => ok({ jobId: 'job1', runId: 'run-new' })),
    cancelJob: vi.fn(async () => ok(null)),
    listRuns: vi.fn(async () => ok([] as RunRecord[])),
    getRunSweep: vi.fn(async (runId: string, sweep: number) => ok(runSweep(runId, sweep))),
    clearRuns: vi.fn(async () => ok(null)),
    exportRuns: vi.fn(async (_format: string, path: string) => ok(path)),
    exportCorrected: vi.fn(async (_runId: string, path: string) => ok(path)),
    on: vi.fn(<E extends keyof ApiEvents>(event: E, listener: (payload: ApiEvents[E]) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as Listener);
      listeners.set(event, set);
      return () => set.delete(listener as Listener);
    }),
  };
  function emit<E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]): void {
    for (const l of listeners.get(event) ?? []) (l as (p: ApiEvents[E]) => void)(payload);
  }
  return { api, emit, listeners };
}

export type FakeApi = ReturnType<typeof createFakeApi>;
