/**
 * Dealias panel: run enabled only with a Doppler sweep open, run/cancel/progress, variant and scope,
 * parameters with reset, gate filter rows for the sweep's moments.
 */
import { fake, resetFake } from '../support/mock-api';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import DealiasPanel from '../../../renderer/src/components/dealias/DealiasPanel.vue';
import { useDealiasStore } from '../../../renderer/src/stores/dealias';
import { useFilesStore } from '../../../renderer/src/stores/files';
import { useViewStore } from '../../../renderer/src/stores/view';
import { VOLUME_PATH } from '../support/fake-api';

let pinia: ReturnType<typeof createPinia>;
beforeEach(() => {
  resetFake();
  pinia = createPinia();
  setActivePinia(pinia);
});

const mountPanel = () => mount(DealiasPanel, { global: { plugins: [pinia] } });

describe('DealiasPanel', () => {
  it('disables the run button until a file is open', async () => {
    const w = mountPanel();
    expect(w.get('[data-test="run"]').attributes('disabled')).toBeDefined();
    await useFilesStore().open(VOLUME_PATH);
    await flushPromises();
    expect(w.get('[data-test="run"]').attributes('disabled')).toBeUndefined();
  });

  it('says so on a sweep without velocity', async () => {
    await useFilesStore().open(VOLUME_PATH);
    useViewStore().setSweep(0);
    const w = mountPanel();
    await flushPromises();
    expect(w.get('[data-test="run"]').attributes('disabled')).toBeDefined();
    expect(w.text()).toContain('This sweep has no velocity');
  });

  it('runs the chosen variant on this sweep, shows progress and cancels', async () => {
    await useFilesStore().open(VOLUME_PATH);
    const w = mountPanel();
    await w.get('[data-test="variant"]').setValue('heap');
    await w.get('[data-test="run"]').trigger('click');
    await flushPromises();
    expect(fake.api.startDealias).toHaveBeenCalledWith(expect.objectContaining({ variant: 'heap', sweeps: [1] }));
    expect(w.get('[data-test="job-progress"]').text()).toContain('0 / 1 sweeps');
    await w.get('[data-test="cancel"]').trigger('click');
    expect(fake.api.cancelJob).toHaveBeenCalledWith('job1');
  });

  it('edits parameters and resets them to Py-ART defaults', async () => {
    await useFilesStore().open(VOLUME_PATH);
    const w = mountPanel();
    const dealias = useDealiasStore();
    expect(w.get('[data-test="reset-params"]').attributes('disabled')).toBeDefined();
    await w.get('[data-test="param-intervalSplits"]').setValue(5);
    expect(dealias.params.intervalSplits).toBe(5);
    expect(w.get('[data-test="params-section"] summary').text()).toContain('(changed)');
    await w.get('[data-test="reset-params"]').trigger('click');
    expect(dealias.params.intervalSplits).toBe(3);
  });

  it('offers filter rows for the moments of the sweep', async () => {
    await useFilesStore().open(VOLUME_PATH);
    const w = mountPanel();
    await flushPromises();
    expect(w.find('[data-test="filter-NCP"]').exists()).toBe(true);
    expect(w.find('[data-test="filter-SNRH"]').exists()).toBe(false);
    await w.get('[data-test="filter-NCP"]').setValue(true);
    expect(useDealiasStore().gateFilter()).toEqual({ thresholds: [{ moment: 'NCP', min: 0.3 }] });
    expect(w.get('[data-test="filter-section"] summary').text()).toContain('(on)');
  });
});
