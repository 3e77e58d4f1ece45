/**
 * History panel: rows with runtime and memory, sorting, selecting two to compare, export through a typed
 * path in browser mode, clear with confirmation. Charts are stubbed (no canvas in happy-dom).
 */
import { fake, resetFake } from '../support/mock-api';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import HistoryPanel from '../../../renderer/src/components/history/HistoryPanel.vue';
import { useHistoryStore } from '../../../renderer/src/stores/history';
import { useViewStore } from '../../../renderer/src/stores/view';
import { ok, runRecord } from '../support/fake-api';

let pinia: ReturnType<typeof createPinia>;
const fused = runRecord({ id: 'r-fused', variant: 'fused', engineBytesPeak: 3 * 2 ** 20 });
const sparse = runRecord({ id: 'r-sparse', variant: 'sparse' });

beforeEach(async () => {
  resetFake();
  pinia = createPinia();
  setActivePinia(pinia);
  fake.api.listRuns.mockResolvedValue(ok([fused, sparse]));
  await useHistoryStore().load();
});

const mountPanel = () => mount(HistoryPanel, { global: { plugins: [pinia], stubs: { RunCharts: true } } });

describe('HistoryPanel', () => {
  it('lists every run with file, variant, runtime and memory', () => {
    const rows = mountPanel().findAll('[data-test="history-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.text()).toContain('KTST20200101_000000_V06');
    expect(rows[1]!.text()).toContain('fused');
    expect(rows[1]!.get('[data-test="run-engine-memory"]').text()).toBe('3.0 MiB');
    expect(rows[1]!.get('[data-test="run-total"]').text()).toMatch(/ms$/);
  });

  it('sorts by a column header and shows details of a run', async () => {
    const w = mountPanel();
    const header = w.findAll('th').find((th) => th.text().startsWith('variant'))!;
    await header.trigger('click');
    expect(w.findAll('[data-test="history-row"]').map((r) => r.attributes('data-run-id'))).toEqual([
      'r-fused',
      'r-sparse',
    ]);
    await w.findAll('[data-test="history-row"]')[0]!.trigger('click');
    expect(w.get('[data-test="history-details"]').text()).toContain('Py-ART defaults');
  });

  it('compares two selected runs', async () => {
    const w = mountPanel();
    const compare = w.get('[data-test="compare-selected"]');
    expect(compare.attributes('disabled')).toBeDefined();
    for (const box of w.findAll('[data-test="history-select"]')) await box.setValue(true);
    expect(compare.attributes('disabled')).toBeUndefined();
    await compare.trigger('click');
    await flushPromises();
    const view = useViewStore();
    expect(view.layout).toBe('compare');
    expect([view.runA, view.runB].sort()).toEqual(['r-fused', 'r-sparse']);
  });

  it('exports to a typed path where there is no save dialog', async () => {
    const w = mountPanel();
    await w.get('[data-test="export-csv"]').trigger('click');
    await flushPromises();
    const input = w.get('[data-test="path-input"]');
    expect((input.element as HTMLInputElement).value).toMatch(/unfold-runs\.csv$/);
    await input.setValue('/tmp/runs.csv');
    await w.get('[data-test="path-prompt"]').trigger('submit');
    await flushPromises();
    expect(fake.api.exportRuns).toHaveBeenCalledWith('csv', '/tmp/runs.csv');
    expect(w.find('[data-test="path-prompt"]').exists()).toBe(false);
  });

  it('clears only after confirmation', async () => {
    const w = mountPanel();
    await w.get('[data-test="clear-history"]').trigger('click');
    expect(fake.api.clearRuns).not.toHaveBeenCalled();
    expect(w.get('[data-test="clear-confirm"]').text()).toContain('Clear all 2 runs?');
    await w.get('[data-test="clear-yes"]').trigger('click');
    await flushPromises();
    expect(fake.api.clearRuns).toHaveBeenCalledOnce();
    expect(w.findAll('[data-test="history-row"]')).toHaveLength(0);
  });
});
