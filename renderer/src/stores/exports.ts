/**
 * "Export corrected NetCDF…": which run to export (B, else A, else the newest run of the open file), the
 * target path (save dialog in the desktop app, typed in browser mode), progress while main writes (its
 * 'export-progress' events), and a
 * confirmation naming the written file, which can be reopened in Unfold.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { RunRecord } from '../../../common/dealias';
import { api, errorMessage, isDesktop, unwrap } from '../api';
import { useFilesStore } from './files';
import { useHistoryStore } from './history';
import { useSettingsStore } from './settings';
import { useViewStore } from './view';

/** `<folder of input>/<input name without extension>.<variant>.unfold.nc` */
export function defaultExportPath(record: RunRecord): string {
  const slash = record.file.lastIndexOf('/');
  const folder = slash >= 0 ? record.file.slice(0, slash) : '.';
  const base = record.fileName.replace(/\.(gz|bz2)$/i, '').replace(/\.(nc|h5|hdf5|uf|raw\w*)$/i, '');
  return `${folder}/${base}.${record.variant}.unfold.nc`;
}

export const useExportsStore = defineStore('exports', () => {
  const files = useFilesStore();
  const view = useViewStore();
  const history = useHistoryStore();
  const { settings } = useSettingsStore();

  const dialogOpen = ref(false);
  const runId = ref<string | null>(null);
  const path = ref('');
  const busy = ref<{ startedAt: number } | null>(null);
  /** pushed by main while it writes ('export-progress'); null before the first report */
  const progress = ref<{ fraction: number; stage: string } | null>(null);
  let subscribed = false;

  function subscribe(): void {
    if (subscribed) return;
    subscribed = true;
    api.on('export-progress', (p) => {
      if (busy.value && p.runId === runId.value && p.path === path.value.trim()) {
        progress.value = { fraction: p.fraction, stage: p.stage };
      }
    });
  }
  const written = ref<string | null>(null);
  const error = ref<string | null>(null);

  const candidates = computed(() =>
    history.runs.filter((r) => r.status === 'done' && r.file === files.volume?.header.path),
  );
  const run = computed(() => history.byId(runId.value));

  function open(): void {
    const newest = [...candidates.value].sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))[0];
    runId.value = view.runB ?? view.runA ?? newest?.id ?? null;
    const record = history.byId(runId.value);
    path.value = record ? defaultExportPath(record) : '';
    written.value = null;
    error.value = null;
    dialogOpen.value = true;
  }

  function close(): void {
    if (!busy.value) dialogOpen.value = false;
  }

  function selectRun(id: string): void {
    runId.value = id;
    const record = history.byId(id);
    if (record) path.value = defaultExportPath(record);
  }

  /** Desktop: the save dialog; browser mode keeps the typed path. */
  async function browse(): Promise<void> {
    if (!isDesktop()) return;
    const name = path.value.split('/').pop() || 'corrected.nc';
    const chosen = await api.chooseSavePath(name);
    if (chosen.ok && chosen.value) path.value = chosen.value;
  }

  async function start(): Promise<void> {
    if (!runId.value || !path.value.trim() || busy.value) return;
    subscribe();
    busy.value = { startedAt: performance.now() };
    progress.value = null;
    error.value = null;
    written.value = null;
    try {
      written.value = unwrap(
        await api.exportCorrected(runId.value, path.value.trim(), { includeFolds: settings.exportIncludesFolds }),
      );
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = null;
    }
  }

  /** Open the written file in the workbench. */
  async function reopen(): Promise<void> {
    if (!written.value) return;
    const target = written.value;
    dialogOpen.value = false;
    await files.open(target);
  }

  return {
    dialogOpen,
    runId,
    path,
    busy,
    progress,
    written,
    error,
    candidates,
    run,
    open,
    close,
    selectRun,
    browse,
    start,
    reopen,
  };
});
