/**
 * Run history: the persisted runs (fetched once, then extended by the records that job events push),
 * sorted and filtered for the table and charts, a selection of two runs for the compare view, export to
 * CSV/JSON and clearing.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { RunRecord, Variant } from '../../../common/dealias';
import { api, errorMessage, unwrap } from '../api';
import { useFilesStore } from './files';
import { useViewStore } from './view';

export type SortKey =
  | 'startedAt'
  | 'fileName'
  | 'variant'
  | 'totalMs'
  | 'engineBytesPeak'
  | 'processRssPeakBytes'
  | 'regions'
  | 'gatesChanged';

export const SORT_VALUE: Readonly<Record<SortKey, (r: RunRecord) => number | string>> = {
  startedAt: (r) => r.startedAt,
  fileName: (r) => r.fileName,
  variant: (r) => r.variant,
  totalMs: (r) => r.timings.totalMs,
  engineBytesPeak: (r) => r.engineBytesPeak,
  processRssPeakBytes: (r) => r.processRssPeakBytes,
  regions: (r) => r.regions,
  gatesChanged: (r) => r.gatesChanged,
};

export const useHistoryStore = defineStore('history', () => {
  const runs = shallowRef<RunRecord[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const sortKey = ref<SortKey>('startedAt');
  const descending = ref(true);
  const fileFilter = ref('');
  const variantFilter = ref<Variant | ''>('');
  /** ids of selected runs, at most two, oldest selection first */
  const selected = ref<string[]>([]);

  const files = computed(() => [...new Set(runs.value.map((r) => r.fileName))].sort());

  const visible = computed(() => {
    const key = SORT_VALUE[sortKey.value];
    const sign = descending.value ? -1 : 1;
    return runs.value
      .filter(
        (r) =>
          (!fileFilter.value || r.fileName === fileFilter.value) &&
          (!variantFilter.value || r.variant === variantFilter.value),
      )
      .sort((a, b) => {
        const va = key(a);
        const vb = key(b);
        return sign * (va < vb ? -1 : va > vb ? 1 : 0);
      });
  });

  const byId = (id: string | null): RunRecord | undefined => (id ? runs.value.find((r) => r.id === id) : undefined);

  async function load(): Promise<void> {
    try {
      runs.value = unwrap(await api.listRuns());
      loaded.value = true;
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  /** A record pushed by a job event; replaces an earlier copy with the same id. */
  function add(record: RunRecord): void {
    runs.value = [...runs.value.filter((r) => r.id !== record.id), record];
  }

  function sortBy(key: SortKey): void {
    if (sortKey.value === key) descending.value = !descending.value;
    else {
      sortKey.value = key;
      descending.value = key === 'startedAt';
    }
  }

  /** Select or unselect a run; selecting a third drops the oldest selection. */
  function toggle(id: string): void {
    if (selected.value.includes(id)) selected.value = selected.value.filter((s) => s !== id);
    else selected.value = [...selected.value, id].slice(-2);
  }

  /**
   * Open the two selected runs side by side: opens their file if another one is shown, and picks a sweep
   * both dealiased (the current one if it can). Resolves to an error message, or null.
   */
  async function compareSelected(): Promise<string | null> {
    const [a, b] = selected.value.map((id) => byId(id));
    if (!a || !b) return 'select two runs';
    if (a.file !== b.file) return `the runs are of different files (${a.fileName}, ${b.fileName})`;
    const files = useFilesStore();
    const view = useViewStore();
    if (files.volume?.header.path !== a.file && !(await files.open(a.file))) return files.error;
    const common = a.sweeps.filter((s) => b.sweeps.includes(s));
    const sweep = common.includes(view.sweep) ? view.sweep : (common[0] ?? a.sweeps[0] ?? 0);
    view.setSweep(sweep);
    view.compare(a.id, b.id);
    return common.length ? null : 'the runs share no sweep';
  }

  async function exportTo(format: 'csv' | 'json', path: string): Promise<string> {
    return unwrap(await api.exportRuns(format, path));
  }

  async function clear(): Promise<void> {
    unwrap(await api.clearRuns());
    runs.value = [];
    selected.value = [];
  }

  return {
    runs,
    loaded,
    error,
    sortKey,
    descending,
    fileFilter,
    variantFilter,
    selected,
    files,
    visible,
    byId,
    load,
    add,
    sortBy,
    toggle,
    compareSelected,
    exportTo,
    clear,
  };
});
