/**
 * Exports store: the default run and target path, the export call with the fold option, the confirmation
 * naming the written file, errors, and reopening the export.
 */
import { fake, resetFake } from '../support/mock-api';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultExportPath, useExportsStore } from '../../../renderer/src/stores/exports';
import { useFilesStore } from '../../../renderer/src/stores/files';
import { useHistoryStore } from '../../../renderer/src/stores/history';
import { useSettingsStore } from '../../../renderer/src/stores/settings';
import { useViewStore } from '../../../renderer/src/stores/view';
import { fail, runRecord, VOLUME_PATH } from '../support/fake-api';

beforeEach(async () => {
  resetFake();
  localStorage.clear();
  setActivePinia(createPinia());
  await useFilesStore().open(VOLUME_PATH);
});

describe('exports store', () => {
  it('names the export after the input and the variant', () => {
    expect(defaultExportPath(runRecord({ variant: 'heap' }))).toBe('/data/KTST20200101_000000_V06.heap.unfold.nc');
    expect(defaultExportPath(runRecord({ file: '/x/MC3E.uf.gz', fileName: 'MC3E.uf.gz' }))).toBe(
      '/x/MC3E.fused.unfold.nc',
    );
  });

  it('exports run B of the compare view by default and confirms the written file', async () => {
    const history = useHistoryStore();
    history.add(runRecord({ id: 'ra' }));
    history.add(runRecord({ id: 'rb', variant: 'sparse' }));
    useViewStore().compare('ra', 'rb');
    const exports = useExportsStore();
    exports.open();
    expect(exports.runId).toBe('rb');
    expect(exports.path).toBe('/data/KTST20200101_000000_V06.sparse.unfold.nc');
    exports.path = '/tmp/out.nc';
    useSettingsStore().settings.exportIncludesFolds = false;
    await exports.start();
    expect(fake.api.exportCorrected).toHaveBeenCalledWith('rb', '/tmp/out.nc', { includeFolds: false });
    expect(exports.written).toBe('/tmp/out.nc');
    expect(exports.busy).toBeNull();
    await exports.reopen();
    expect(fake.api.openFile).toHaveBeenLastCalledWith('/tmp/out.nc');
    expect(exports.dialogOpen).toBe(false);
  });

  it('falls back to the newest run of the open file and shows export errors', async () => {
    const history = useHistoryStore();
    history.add(runRecord({ id: 'old', startedAt: '2026-01-01T00:00:00Z' }));
    history.add(runRecord({ id: 'new', startedAt: '2026-02-01T00:00:00Z' }));
    history.add(runRecord({ id: 'elsewhere', file: '/other', startedAt: '2026-03-01T00:00:00Z' }));
    const exports = useExportsStore();
    exports.open();
    expect(exports.runId).toBe('new');
    expect(exports.candidates.map((r) => r.id).sort()).toEqual(['new', 'old']);
    fake.api.exportCorrected.mockResolvedValueOnce(fail('export', '/ro/x.nc: permission denied'));
    exports.path = '/ro/x.nc';
    await exports.start();
    expect(exports.error).toBe('/ro/x.nc: permission denied');
    expect(exports.written).toBeNull();
  });
});

describe('export progress', () => {
  it('follows the progress main pushes for this export only', async () => {
    resetFake();
    setActivePinia(createPinia());
    await useFilesStore().open(VOLUME_PATH);
    useHistoryStore().add(runRecord({ id: 'ra' }));
    const exports = useExportsStore();
    exports.open();
    exports.path = '/tmp/p.nc';
    let finish: (v: { ok: true; value: string }) => void = () => undefined;
    fake.api.exportCorrected.mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)));
    const started = exports.start();
    fake.emit('export-progress', { runId: 'other', path: '/tmp/p.nc', fraction: 0.9, stage: 'x' });
    expect(exports.progress).toBeNull();
    fake.emit('export-progress', { runId: 'ra', path: '/tmp/p.nc', fraction: 0.4, stage: 'writing fields' });
    expect(exports.progress).toEqual({ fraction: 0.4, stage: 'writing fields' });
    finish({ ok: true, value: '/tmp/p.nc' });
    await started;
    expect(exports.busy).toBeNull();
    expect(exports.written).toBe('/tmp/p.nc');
  });
});
