/**
 * History store: loading, sorting, filtering, selecting two runs and opening them side by side (opening
 * their file if needed), export and clear.
 */
import { fake, resetFake } from '../support/mock-api';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useFilesStore } from '../../../renderer/src/stores/files';
import { useHistoryStore } from '../../../renderer/src/stores/history';
import { useViewStore } from '../../../renderer/src/stores/view';
import { ok, runRecord, VOLUME_PATH } from '../support/fake-api';

beforeEach(() => {
  resetFake();
  setActivePinia(createPinia());
});

describe('history store', () => {
  const a = runRecord({ variant: 'fused', timings: { ...runRecord().timings, totalMs: 50 } });
  const b = runRecord({ variant: 'sparse', timings: { ...runRecord().timings, totalMs: 300 } });
  const c = runRecord({
    variant: 'dense',
    fileName: 'other.nc',
    file: '/data/other.nc',
    sweeps: [2],
    timings: { ...runRecord().timings, totalMs: 100 },
  });

  it('loads runs, newest first by default, and sorts by any column', async () => {
    fake.api.listRuns.mockResolvedValueOnce(ok([a, b, c]));
    const history = useHistoryStore();
    await history.load();
    expect(history.visible.map((r) => r.id)).toEqual([c.id, b.id, a.id]);
    history.sortBy('totalMs');
    expect(history.visible[0]!.id).toBe(a.id);
    history.sortBy('totalMs');
    expect(history.visible[0]!.id).toBe(b.id);
  });

  it('filters by file and by variant', async () => {
    fake.api.listRuns.mockResolvedValueOnce(ok([a, b, c]));
    const history = useHistoryStore();
    await history.load();
    expect(history.files).toEqual(['KTST20200101_000000_V06', 'other.nc']);
    history.fileFilter = 'other.nc';
    expect(history.visible.map((r) => r.id)).toEqual([c.id]);
    history.fileFilter = '';
    history.variantFilter = 'sparse';
    expect(history.visible.map((r) => r.id)).toEqual([b.id]);
  });

  it('keeps at most two runs selected', () => {
    const history = useHistoryStore();
    history.toggle('1');
    history.toggle('2');
    history.toggle('3');
    expect(history.selected).toEqual(['2', '3']);
    history.toggle('2');
    expect(history.selected).toEqual(['3']);
  });

  it('opens two selected runs side by side, opening their file first', async () => {
    fake.api.listRuns.mockResolvedValueOnce(ok([a, b]));
    const history = useHistoryStore();
    await history.load();
    history.toggle(a.id);
    history.toggle(b.id);
    expect(await history.compareSelected()).toBeNull();
    expect(fake.api.openFile).toHaveBeenCalledWith(VOLUME_PATH);
    const view = useViewStore();
    expect([view.runA, view.runB, view.layout, view.sweep]).toEqual([a.id, b.id, 'compare', 1]);
    expect(useFilesStore().volume?.header.path).toBe(VOLUME_PATH);
  });

  it('refuses to compare runs of different files', async () => {
    fake.api.listRuns.mockResolvedValueOnce(ok([a, c]));
    const history = useHistoryStore();
    await history.load();
    history.toggle(a.id);
    history.toggle(c.id);
    expect(await history.compareSelected()).toMatch(/different files/);
  });

  it('adds pushed records once, exports and clears', async () => {
    const history = useHistoryStore();
    history.add(a);
    history.add({ ...a, regions: 99 });
    expect(history.runs).toHaveLength(1);
    expect(history.runs[0]!.regions).toBe(99);
    expect(await history.exportTo('csv', '/tmp/runs.csv')).toBe('/tmp/runs.csv');
    expect(fake.api.exportRuns).toHaveBeenCalledWith('csv', '/tmp/runs.csv');
    history.toggle(a.id);
    await history.clear();
    expect(history.runs).toEqual([]);
    expect(history.selected).toEqual([]);
  });
});
