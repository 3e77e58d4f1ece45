/**
 * Dealias jobs store: the request (scope, parameters, Nyquist override, gate filter on the sweep's own
 * moments), progress events, the end of a run (history, compare view), failures and cancel.
 */
import { fake, resetFake } from '../support/mock-api';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../../common/dealias';
import { useDealiasStore } from '../../../renderer/src/stores/dealias';
import { useFilesStore } from '../../../renderer/src/stores/files';
import { useHistoryStore } from '../../../renderer/src/stores/history';
import { useViewStore } from '../../../renderer/src/stores/view';
import { runRecord, VOLUME_PATH } from '../support/fake-api';

beforeEach(async () => {
  resetFake();
  setActivePinia(createPinia());
  await useFilesStore().open(VOLUME_PATH);
});

describe('dealias store', () => {
  it('builds the request for this sweep with Py-ART defaults', () => {
    const dealias = useDealiasStore();
    const request = dealias.request()!;
    expect(request.sweeps).toEqual([1]);
    expect(request.variant).toBe('fused');
    expect(request.params).toEqual({ ...DEFAULT_PARAMS });
    expect(request.nyquist).toBeUndefined();
    expect(request.gateFilter).toBeUndefined();
  });

  it('adds the Nyquist override, the whole-volume scope and the enabled filters the sweep has', () => {
    const dealias = useDealiasStore();
    dealias.scope = 'volume';
    dealias.nyquistOverride = 12.5;
    expect(dealias.filterMoments).toEqual(['DBZH', 'NCP']);
    dealias.filters['NCP']!.enabled = true;
    dealias.textureEnabled = true;
    dealias.textureMax = 3;
    const request = dealias.request()!;
    expect(request.sweeps).toEqual([]);
    expect(request.nyquist).toEqual([12.5]);
    expect(request.gateFilter).toEqual({ thresholds: [{ moment: 'NCP', min: 0.3 }], maxVelocityTexture: 3 });
  });

  it('resets changed parameters to the defaults', () => {
    const dealias = useDealiasStore();
    dealias.params.intervalSplits = 7;
    dealias.nyquistOverride = 5;
    expect(dealias.paramsChanged).toBe(true);
    dealias.resetParams();
    expect(dealias.paramsChanged).toBe(false);
    expect(dealias.params.intervalSplits).toBe(3);
    expect(dealias.nyquistOverride).toBeNull();
  });

  it('tracks a job through its progress events; the record joins the history and the compare view', async () => {
    const dealias = useDealiasStore();
    dealias.subscribe();
    await dealias.start();
    expect(fake.api.startDealias).toHaveBeenCalledOnce();
    expect(dealias.active).toMatchObject({ jobId: 'job1', sweepsTotal: 1, sweepsDone: 0 });
    await dealias.start(); // one job at a time
    expect(fake.api.startDealias).toHaveBeenCalledOnce();
    fake.emit('job-progress', { jobId: 'job1', runId: 'run-new', state: 'running', sweepsDone: 0, sweepsTotal: 1 });
    const record = runRecord({ id: 'run-new' });
    fake.emit('job-progress', {
      jobId: 'job1',
      runId: 'run-new',
      state: 'done',
      sweepsDone: 1,
      sweepsTotal: 1,
      record,
    });
    expect(dealias.active).toBeNull();
    expect(useHistoryStore().runs.map((r) => r.id)).toEqual(['run-new']);
    expect(useViewStore().runA).toBe('run-new');
    expect(useViewStore().layout).toBe('compare');
  });

  it('does not revive a job whose end arrived before startDealias answered', async () => {
    const dealias = useDealiasStore();
    dealias.subscribe();
    fake.api.startDealias.mockImplementationOnce(async () => {
      fake.emit('job-progress', {
        jobId: 'job9',
        runId: 'r9',
        state: 'done',
        sweepsDone: 1,
        sweepsTotal: 1,
        record: runRecord({ id: 'r9' }),
      });
      return { ok: true, value: { jobId: 'job9', runId: 'r9' } };
    });
    await dealias.start();
    expect(dealias.active).toBeNull();
  });

  it('shows why a run failed, and a refused request', async () => {
    const dealias = useDealiasStore();
    dealias.subscribe();
    fake.emit('job-progress', {
      jobId: 'j',
      runId: 'r',
      state: 'failed',
      sweepsDone: 0,
      sweepsTotal: 1,
      message: 'sweep 1: no Nyquist velocity (give one)',
    });
    expect(dealias.error).toBe('sweep 1: no Nyquist velocity (give one)');
    fake.api.startDealias.mockResolvedValueOnce({
      ok: false,
      error: { code: 'dealias', message: 'native addon missing' },
    });
    await dealias.start();
    expect(dealias.error).toBe('native addon missing');
    expect(dealias.active).toBeNull();
  });

  it('cancels the running job', async () => {
    const dealias = useDealiasStore();
    await dealias.start();
    await dealias.cancel();
    expect(fake.api.cancelJob).toHaveBeenCalledWith('job1');
  });
});
