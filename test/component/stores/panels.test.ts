/**
 * Panels store: the single view of the selected field, and the compare view — original, A, B and the
 * difference panel — with agreement statistics and clear messages where a run cannot be shown.
 */
import { fake, resetFake } from '../support/mock-api';
import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useFilesStore } from '../../../renderer/src/stores/files';
import { useHistoryStore } from '../../../renderer/src/stores/history';
import { usePanelsStore } from '../../../renderer/src/stores/panels';
import { useSettingsStore } from '../../../renderer/src/stores/settings';
import { useViewStore } from '../../../renderer/src/stores/view';
import { runRecord, runSweep, VOLUME_PATH } from '../support/fake-api';

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await flushPromises();
}

beforeEach(async () => {
  resetFake();
  localStorage.clear();
  setActivePinia(createPinia());
  usePanelsStore();
  await useFilesStore().open(VOLUME_PATH);
  await settle();
});

describe('panels store', () => {
  it('shows the velocity of the first Doppler sweep, scaled to ±Nyquist', () => {
    const panels = usePanelsStore();
    expect(panels.panels).toHaveLength(1);
    const field = panels.panels[0]!.field!;
    expect(field.quantity).toBe('VRADH');
    expect(field.scale).toMatchObject({ table: 'velocity', min: -10, max: 10, unitsLabel: 'm/s' });
    expect(panels.panels[0]!.title).toContain('sweep 1');
  });

  it('follows the field selector and reuses fields it already built', async () => {
    const panels = usePanelsStore();
    const view = useViewStore();
    const velocity = panels.panels[0]!.field;
    view.setMoment('DBZH');
    await settle();
    expect(panels.panels[0]!.field!.scale.table).toBe('reflectivity');
    view.setMoment('VRADH');
    await settle();
    expect(panels.panels[0]!.field).toBe(velocity);
    expect(fake.api.getSweep).toHaveBeenCalledTimes(2);
  });

  it('builds original, A, B and the fold difference, with agreement statistics', async () => {
    const history = useHistoryStore();
    const a = runRecord({ id: 'ra' });
    const b = runRecord({
      id: 'rb',
      variant: 'sparse',
      perSweep: [{ ...stats(), warnings: ['12 gates outside ±Nyquist'] }],
    });
    history.add(a);
    history.add(b);
    fake.api.getRunSweep.mockImplementation(async (runId: string, sweep: number) => ({
      ok: true,
      value: runSweep(runId, sweep, runId === 'ra' ? 1 : 2),
    }));
    useViewStore().compare('ra', 'rb');
    await settle();
    const panels = usePanelsStore();
    expect(panels.panels.map((p) => p.role)).toEqual(['original', 'A', 'B', 'difference']);
    expect(panels.panels[1]!.title).toBe('A · fused');
    expect(panels.panels[2]!.warnings).toEqual(['12 gates outside ±Nyquist']);
    // corrected velocity is scaled to ±(1 + max |fold|) × Nyquist, the same for A and B
    expect(panels.panels[1]!.field!.scale.max).toBe(30);
    expect(panels.panels[2]!.field!.scale.max).toBe(30);
    expect(panels.panels[1]!.field!.folds).toBeInstanceOf(Int8Array);
    expect(panels.panels[3]!.field!.scale.table).toBe('fold');
    const s = panels.stats!;
    expect(s.differ).toBeGreaterThan(0);
    expect(s.byFoldDifference).toEqual([{ difference: -1, gates: s.differ }]);
  });

  it('switches the fourth panel to A − B in m/s and can hide the original', async () => {
    const history = useHistoryStore();
    history.add(runRecord({ id: 'ra' }));
    history.add(runRecord({ id: 'rb' }));
    useViewStore().compare('ra', 'rb');
    const { settings } = useSettingsStore();
    settings.differenceMode = 'velocity-difference';
    settings.compareShowsOriginal = false;
    await settle();
    const panels = usePanelsStore();
    expect(panels.panels.map((p) => p.role)).toEqual(['A', 'B', 'difference']);
    expect(panels.panels[2]!.field!.scale).toMatchObject({ table: 'velocity', min: -20, max: 20 });
  });

  it('shows the fold map of A when only A is set', async () => {
    useHistoryStore().add(runRecord({ id: 'ra' }));
    useViewStore().assignRun('ra');
    await settle();
    const panels = usePanelsStore();
    expect(panels.panels.map((p) => p.title)).toEqual([expect.stringContaining('VRADH'), 'A · fused', 'Folds of A']);
    expect(panels.stats).toBeNull();
  });

  it('says so when a run did not dealias the shown sweep', async () => {
    useHistoryStore().add(runRecord({ id: 'ra', sweeps: [0] }));
    useViewStore().assignRun('ra');
    await settle();
    const a = usePanelsStore().panels[1]!;
    expect(a.field).toBeNull();
    expect(a.message).toBe('A · fused did not dealias sweep 1 (it has 0)');
  });
});

function stats() {
  return {
    sweep: 1,
    rays: 8,
    gates: 10,
    nyquist: 10,
    validGates: 70,
    regions: 4,
    edges: 5,
    merges: 3,
    gatesChanged: 20,
    unlabelledValidGates: 0,
    timings: {
      readMs: 1,
      marshalInMs: 1,
      labelMs: 1,
      edgesMs: 1,
      mergeMs: 1,
      unwrapMs: 1,
      marshalOutMs: 1,
      totalMs: 6,
    },
    engineBytesPeak: 1000,
    warnings: [] as string[],
  };
}
