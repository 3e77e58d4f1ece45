/**
 * Dealias runs: the persisted history (fetched once, then updated by pushed job events) and the job in
 * progress.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DealiasRequest, JobProgress } from '../../../common/api';
import type { RunRecord } from '../../../common/dealias';
import { api, unwrap } from '../api';

export const useRunsStore = defineStore('runs', () => {
  const runs = ref<RunRecord[]>([]);
  const active = ref<JobProgress | null>(null);
  const error = ref<string | null>(null);
  let subscribed = false;

  function onProgress(progress: JobProgress): void {
    active.value = progress.state === 'running' ? progress : null;
    if (progress.record) runs.value = [...runs.value, progress.record];
    if (progress.state === 'failed') error.value = progress.message ?? 'the run failed';
  }

  async function load(): Promise<void> {
    if (!subscribed) {
      api.on('job-progress', onProgress);
      subscribed = true;
    }
    runs.value = unwrap(await api.listRuns());
  }

  async function start(request: DealiasRequest): Promise<void> {
    error.value = null;
    try {
      const { jobId, runId } = unwrap(await api.startDealias(request));
      active.value ??= { jobId, runId, state: 'running', sweepsDone: 0, sweepsTotal: request.sweeps.length };
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    }
  }

  async function cancel(): Promise<void> {
    if (active.value) await api.cancelJob(active.value.jobId);
  }

  return { runs, active, error, load, start, cancel };
});
