/**
 * Dealias jobs: the form (variant, Py-ART parameters with a reset to the defaults, Nyquist override, gate
 * filter on the moments the file has, scope), the job in progress (updated by pushed 'job-progress'
 * events), cancel, and what happens when a run ends: its record joins the history, and a run of the open
 * file joins the compare view.
 */
import { defineStore } from 'pinia';
import { computed, reactive, ref, watch } from 'vue';
import type { DealiasRequest, JobProgress } from '../../../common/api';
import { DEFAULT_PARAMS, type DealiasParams, type GateFilterSpec, type Variant } from '../../../common/dealias';
import type { MomentName } from '../../../common/moments';
import { api, errorMessage, unwrap } from '../api';
import { useFilesStore } from './files';
import { useHistoryStore } from './history';
import { useViewStore } from './view';

export type Scope = 'sweep' | 'volume';

/** A gate-filter row: exclude gates whose moment is outside [min, max]. */
export interface FilterRow {
  enabled: boolean;
  min: number | null;
  max: number | null;
}

/** Moments a gate filter is usually built on, with sensible starting thresholds (units of the moment). */
export const FILTER_DEFAULTS: Readonly<Record<MomentName, { min: number | null; max: number | null }>> = {
  DBZH: { min: 0, max: null },
  NCP: { min: 0.3, max: null },
  SQIH: { min: 0.3, max: null },
  SNRH: { min: 3, max: null },
  RHOHV: { min: 0.7, max: null },
};

/** Default threshold of the velocity-texture filter, m/s. */
export const DEFAULT_TEXTURE_MAX = 4;

export const useDealiasStore = defineStore('dealias', () => {
  const files = useFilesStore();
  const view = useViewStore();
  const history = useHistoryStore();

  const variant = ref<Variant>('fused');
  const params = reactive<DealiasParams>({ ...DEFAULT_PARAMS });
  /** m/s; null = from the file */
  const nyquistOverride = ref<number | null>(null);
  const filters = reactive<Record<MomentName, FilterRow>>({});
  const textureEnabled = ref(false);
  const textureMax = ref(DEFAULT_TEXTURE_MAX);
  const scope = ref<Scope>('sweep');
  const active = ref<JobProgress | null>(null);
  const error = ref<string | null>(null);
  let subscribed = false;
  /** jobs whose end was announced, so a late startDealias answer does not revive them */
  const ended = new Set<string>();

  /** Moments of the current sweep a filter can use. */
  const filterMoments = computed(() =>
    Object.keys(FILTER_DEFAULTS).filter((m) => view.sweepHeader?.moments.includes(m)),
  );

  const paramsChanged = computed(() =>
    (Object.keys(DEFAULT_PARAMS) as (keyof DealiasParams)[]).some(
      (k) => JSON.stringify(params[k]) !== JSON.stringify(DEFAULT_PARAMS[k]),
    ),
  );

  // one row per filterable moment, created when a sweep first offers it (never during a render)
  watch(
    filterMoments,
    (moments) => {
      for (const m of moments) filters[m] ??= { enabled: false, ...FILTER_DEFAULTS[m]! };
    },
    { immediate: true },
  );

  function filterRow(moment: MomentName): FilterRow {
    return filters[moment] ?? { enabled: false, min: null, max: null };
  }

  function resetParams(): void {
    Object.assign(params, DEFAULT_PARAMS);
    nyquistOverride.value = null;
  }

  function gateFilter(): GateFilterSpec | undefined {
    const thresholds = filterMoments.value
      .map((moment) => ({ moment, row: filters[moment] }))
      .filter(({ row }) => row?.enabled)
      .map(({ moment, row }) => ({
        moment,
        ...(row!.min !== null ? { min: row!.min } : {}),
        ...(row!.max !== null ? { max: row!.max } : {}),
      }));
    if (thresholds.length === 0 && !textureEnabled.value) return undefined;
    return { thresholds, ...(textureEnabled.value ? { maxVelocityTexture: textureMax.value } : {}) };
  }

  /** The request for the open volume, or null when nothing is open. */
  function request(): DealiasRequest | null {
    const volume = files.volume;
    if (!volume) return null;
    const filter = gateFilter();
    return {
      volumeId: volume.id,
      sweeps: scope.value === 'sweep' ? [view.sweep] : [],
      variant: variant.value,
      params: { ...params },
      ...(nyquistOverride.value !== null && nyquistOverride.value > 0 ? { nyquist: [nyquistOverride.value] } : {}),
      ...(filter ? { gateFilter: filter } : {}),
    };
  }

  function onProgress(progress: JobProgress): void {
    if (active.value && progress.jobId !== active.value.jobId && active.value.state === 'running') {
      // another window's job: only its record matters here
      if (progress.record) history.add(progress.record);
      return;
    }
    if (progress.state !== 'running') ended.add(progress.jobId);
    active.value = progress.state === 'running' ? progress : null;
    if (progress.record) {
      history.add(progress.record);
      const open = files.volume?.header.path;
      if (progress.record.status === 'done' && progress.record.file === open) view.assignRun(progress.record.id);
    }
    if (progress.state === 'failed') error.value = progress.message ?? progress.record?.error ?? 'the run failed';
  }

  function subscribe(): void {
    if (subscribed) return;
    api.on('job-progress', onProgress);
    subscribed = true;
  }

  async function start(): Promise<void> {
    const req = request();
    if (!req || active.value) return;
    subscribe();
    error.value = null;
    try {
      const { jobId, runId } = unwrap(await api.startDealias(req));
      // the first progress event may already have arrived; keep it if so
      // (an event may have set `active` while we awaited; read it afresh)
      const current = active.value as JobProgress | null;
      if (!ended.has(jobId) && current?.jobId !== jobId) {
        const total = req.sweeps.length || (files.volume?.header.sweeps.length ?? 0);
        active.value = { jobId, runId, state: 'running', sweepsDone: 0, sweepsTotal: total };
      }
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  async function cancel(): Promise<void> {
    if (!active.value) return;
    const result = await api.cancelJob(active.value.jobId);
    if (!result.ok) error.value = result.error.message;
  }

  return {
    variant,
    params,
    nyquistOverride,
    filters,
    textureEnabled,
    textureMax,
    scope,
    active,
    error,
    filterMoments,
    paramsChanged,
    filterRow,
    resetParams,
    gateFilter,
    request,
    subscribe,
    onProgress,
    start,
    cancel,
  };
});
