/**
 * View panels: toolbar (fields, sweep stepping), sweep list, colour bar, cursor readout (position, value
 * with units, fold and region on dealiased panels), help overlay, path prompt, export dialog.
 * The canvas component is stubbed: happy-dom has no 2D or WebGL context (drawing is tested in render/).
 */
import { fake, resetFake } from '../support/mock-api';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import ExportDialog from '../../../renderer/src/components/ExportDialog.vue';
import PathPrompt from '../../../renderer/src/components/files/PathPrompt.vue';
import SweepList from '../../../renderer/src/components/files/SweepList.vue';
import HelpOverlay from '../../../renderer/src/components/HelpOverlay.vue';
import ColourBar from '../../../renderer/src/components/view/ColourBar.vue';
import CursorReadout from '../../../renderer/src/components/view/CursorReadout.vue';
import ViewGrid from '../../../renderer/src/components/view/ViewGrid.vue';
import ViewToolbar from '../../../renderer/src/components/view/ViewToolbar.vue';
import { SHORTCUTS } from '../../../renderer/src/composables/shortcuts';
import { useExportsStore } from '../../../renderer/src/stores/exports';
import { useFilesStore } from '../../../renderer/src/stores/files';
import { useHistoryStore } from '../../../renderer/src/stores/history';
import { usePanelsStore } from '../../../renderer/src/stores/panels';
import { useViewStore } from '../../../renderer/src/stores/view';
import { runRecord, VOLUME_PATH } from '../support/fake-api';

let pinia: ReturnType<typeof createPinia>;
const settle = async () => {
  for (let i = 0; i < 5; i++) await flushPromises();
};
const opts = () => ({ global: { plugins: [pinia], stubs: { SweepCanvas: true } } });

beforeEach(async () => {
  resetFake();
  localStorage.clear();
  pinia = createPinia();
  setActivePinia(pinia);
  usePanelsStore();
  await useFilesStore().open(VOLUME_PATH);
  await settle();
});

describe('view panels', () => {
  it('toolbar: field buttons of the sweep and sweep stepping', async () => {
    const w = mount(ViewToolbar, opts());
    expect(w.findAll('[data-test="field-selector"] button').map((b) => b.text())).toEqual(['DBZH', 'VRADH', 'NCP']);
    expect(w.get('[data-test="field-VRADH"]').attributes('aria-checked')).toBe('true');
    await w.get('[data-test="field-DBZH"]').trigger('click');
    expect(useViewStore().moment).toBe('DBZH');
    expect(w.get('[data-test="sweep-label"]').text()).toBe('sweep 1 / 1 · el 1.50°');
    expect(w.get('[data-test="next-sweep"]').attributes('disabled')).toBeDefined();
  });

  it('sweep list: one row per sweep, click to show it', async () => {
    const w = mount(SweepList, opts());
    const rows = w.findAll('[data-test="sweep-list"] li');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.text()).toContain('10.0 m/s');
    await rows[0]!.trigger('click');
    expect(useViewStore().sweep).toBe(0);
  });

  it('sweep list: says so while the rest of a volume is still being read', async () => {
    const files = useFilesStore();
    const w = mount(SweepList, opts());
    expect(w.find('[data-test="sweeps-loading"]').exists()).toBe(false);
    files.volume = { ...files.volume!, loading: true };
    await settle();
    expect(w.get('[data-test="sweeps-loading"]').text()).toBe('reading the other sweeps…');
  });

  it('grid: one panel per field with its colour bar', async () => {
    const w = mount(ViewGrid, { ...opts(), props: { measure: false } });
    expect(w.findAll('section[data-test^="panel-"]').map((p) => p.attributes('data-test'))).toEqual(['panel-original']);
    expect(w.get('[data-test="colour-bar-units"]').text()).toBe('m/s');
  });

  it('colour bar: ticks within the scale and units', () => {
    const w = mount(ColourBar, { props: { scale: { table: 'reflectivity', min: -20, max: 75, unitsLabel: 'dBZ' } } });
    expect(w.findAll('.tick').map((t) => t.text())).toEqual(['-20', '0', '20', '40', '60']);
    expect(w.text()).toContain('dBZ');
  });

  it('readout: position and the value of each panel under the cursor, with fold and region', async () => {
    useHistoryStore().add(runRecord({ id: 'ra' }));
    useViewStore().assignRun('ra');
    await settle();
    const w = mount(CursorReadout, opts());
    expect(w.text()).toContain('Move the pointer');
    // 3 km out at azimuth 67.5°: ray 1 (67.5° ± 22.5°), gate 2 (3 km ± 0.5 km)
    const a = (67.5 * Math.PI) / 180;
    useViewStore().setCursor({ x: 3 * Math.sin(a), y: 3 * Math.cos(a) });
    await flushPromises();
    expect(w.get('[data-test="readout-azimuth"]').text()).toBe('az 67.5°');
    expect(w.get('[data-test="readout-range"]').text()).toBe('range 3.00 km');
    expect(w.get('[data-test="readout-value-original"]').text()).toBe('VRADH 1.80 m/s');
    // gate index 12: fold 1 (12 % 3 === 0), corrected 12 × 0.5 + 20 = 26, region 1 + 12 % 4 = 1
    expect(w.get('[data-test="readout-value-A"]').text()).toBe('A 26.00 m/s (fold +1, region 1)');
  });

  it('help overlay lists every shortcut', () => {
    const w = mount(HelpOverlay);
    expect(w.findAll('tr')).toHaveLength(SHORTCUTS.length);
    expect(w.text()).toContain('Next sweep');
  });

  it('path prompt: confirm with the typed path or a suggestion, cancel with Escape', async () => {
    const w = mount(PathPrompt, { props: { title: 'Open', suggestions: ['/a/b.nc'] } });
    expect(w.get('[data-test="path-confirm"]').attributes('disabled')).toBeDefined();
    await w.get('.suggestions li').trigger('click');
    await w.get('form').trigger('submit');
    expect(w.emitted('confirm')).toEqual([['/a/b.nc']]);
    await w.get('form').trigger('keydown', { key: 'Escape' });
    expect(w.emitted('cancel')).toHaveLength(1);
  });

  it('export dialog: exports the chosen run and names the written file', async () => {
    useHistoryStore().add(runRecord({ id: 'ra' }));
    const exports = useExportsStore();
    exports.open();
    const w = mount(ExportDialog, opts());
    await flushPromises();
    expect((w.get('[data-test="export-path"]').element as HTMLInputElement).value).toBe(
      '/data/KTST20200101_000000_V06.fused.unfold.nc',
    );
    await w.get('[data-test="export-path"]').setValue('/tmp/e.nc');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(fake.api.exportCorrected).toHaveBeenCalledWith('ra', '/tmp/e.nc', { includeFolds: true });
    expect(w.get('[data-test="export-done"]').text()).toContain('Wrote /tmp/e.nc');
  });
});
