/**
 * The panels of the view grid, derived from the other stores: one panel of the selected field, or the
 * compare view — original, run A, run B and a difference panel (fold map, fold difference or A − B in
 * m/s) — with the agreement statistics of A and B. Loads the arrays through the sweep cache; a newer
 * request supersedes an older one still loading.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { RunSweepData, SweepData } from '../../../common/api';
import type { RunRecord } from '../../../common/dealias';
import { errorMessage } from '../api';
import { correctedVelocityScale, maxAbsFold, scaleForMoment } from '../render/colour-scale';
import {
  agreementStats,
  foldDifferenceField,
  foldMapField,
  sameShape,
  velocityDifferenceField,
  type AgreementStats,
} from '../render/compare';
import { fieldFromRun, fieldFromSweep, type RasterField, type ScanGeometry } from '../render/raster-field';
import { useFilesStore } from './files';
import { useHistoryStore } from './history';
import { useSettingsStore, type DifferenceMode } from './settings';
import { LruCache, SweepCache } from './sweep-cache';
import { useViewStore } from './view';

export type PanelRole = 'original' | 'A' | 'B' | 'difference';

export interface Panel {
  role: PanelRole;
  title: string;
  field: RasterField | null;
  /** why there is no field */
  message: string | null;
  run?: RunRecord;
  /** engine warnings for this sweep of the run */
  warnings: string[];
}

interface LoadedRun {
  record: RunRecord;
  data: RunSweepData;
  velocity: SweepData;
}

const DIFFERENCE_TITLES: Record<Exclude<DifferenceMode, 'none'>, string> = {
  'fold-difference': 'Fold difference A − B',
  'velocity-difference': 'Velocity difference A − B (m/s)',
  'folds-a': 'Folds of A',
  'folds-b': 'Folds of B',
};

export const usePanelsStore = defineStore('panels', () => {
  const files = useFilesStore();
  const view = useViewStore();
  const history = useHistoryStore();
  const { settings } = useSettingsStore();
  const cache = new SweepCache();

  const panels = shallowRef<Panel[]>([]);
  const stats = shallowRef<AgreementStats | null>(null);
  const loading = ref(false);
  /** ms from a request to its fields being ready (API + decoding), for the status bar */
  const lastLoadMs = ref<number | null>(null);
  let generation = 0;
  /** fields by key: an unchanged panel keeps its field object, so renderers do not upload it again */
  const fields = new LruCache<RasterField>(16);

  function stable(panel: Panel): Panel {
    if (!panel.field) return panel;
    const hit = fields.get(panel.field.key);
    if (hit) return { ...panel, field: hit };
    fields.set(panel.field.key, panel.field);
    return panel;
  }

  async function loadRun(runId: string | null, label: 'A' | 'B', sweep: number): Promise<LoadedRun | Panel | null> {
    if (!runId) return null;
    const record = history.byId(runId);
    const panel = (message: string): Panel => ({ role: label, title: `${label}`, field: null, message, warnings: [] });
    if (!record) return panel(`run ${runId} is not in the history`);
    const volume = files.volume!;
    const name = `${label} · ${record.variant}`;
    if (record.file !== volume.header.path) return { ...panel(`${name} is a run of ${record.fileName}`), run: record };
    if (!record.sweeps.includes(sweep)) {
      return { ...panel(`${name} did not dealias sweep ${sweep} (it has ${record.sweeps.join(', ')})`), run: record };
    }
    const [data, velocity] = await Promise.all([
      cache.runSweep(runId, sweep),
      cache.sweep(volume.id, sweep, record.velocityMoment),
    ]);
    return { record, data, velocity };
  }

  function runPanel(label: 'A' | 'B', run: LoadedRun, geometry: ScanGeometry, maxFold: number): Panel {
    const nyquist = run.velocity.nyquist ?? run.record.nyquist[run.record.sweeps.indexOf(run.data.sweep)] ?? 15;
    const title = `${label} · ${run.record.variant}`;
    const sweepStats = run.record.perSweep.find((s) => s.sweep === run.data.sweep);
    return {
      role: label,
      title,
      field: fieldFromRun(run.data, run.velocity, geometry, correctedVelocityScale(nyquist, maxFold), title),
      message: null,
      run: run.record,
      warnings: sweepStats?.warnings ?? run.record.warnings,
    };
  }

  function differencePanel(
    a: LoadedRun | null,
    b: LoadedRun | null,
    mode: DifferenceMode,
    geometry: ScanGeometry,
  ): Panel | null {
    if (mode === 'none' || !a) return null;
    const base = {
      geometry,
      range: a.velocity.range,
      azimuth: a.velocity.azimuth,
      elevation: a.velocity.elevation,
      nyquist: a.velocity.nyquist,
    };
    const effective: DifferenceMode = b ? mode : 'folds-a';
    const title = DIFFERENCE_TITLES[effective as Exclude<DifferenceMode, 'none'>];
    const panel = (field: RasterField | null, message: string | null = null): Panel => ({
      role: 'difference',
      title,
      field,
      message,
      warnings: [],
    });
    if (effective === 'folds-a') return panel(foldMapField(a.data, base, title));
    if (!b) return null;
    if (effective === 'folds-b') return panel(foldMapField(b.data, base, title));
    if (!sameShape(a.data, b.data)) return panel(null, 'A and B have different gate grids');
    return panel(
      effective === 'fold-difference'
        ? foldDifferenceField(a.data, b.data, base, title)
        : velocityDifferenceField(a.data, b.data, base, title),
    );
  }

  async function rebuild(): Promise<void> {
    const volume = files.volume;
    const id = ++generation;
    if (!volume) {
      panels.value = [];
      stats.value = null;
      return;
    }
    const started = performance.now();
    const sweep = view.sweep;
    const moment = view.moment;
    const geometry = view.geometry;
    const compare = view.layout === 'compare' && (view.runA !== null || view.runB !== null);
    loading.value = true;
    const next: Panel[] = [];
    let nextStats: AgreementStats | null = null;
    try {
      if (!compare || settings.compareShowsOriginal) {
        if (moment) {
          const data = await cache.sweep(volume.id, sweep, moment);
          const title = `${moment} · sweep ${sweep} · ${view.sweepHeader?.fixedAngle.toFixed(1) ?? '?'}°`;
          next.push({
            role: 'original',
            title,
            field: fieldFromSweep(data, geometry, scaleForMoment(moment, data.nyquist), title),
            message: null,
            warnings: [],
          });
        } else
          next.push({
            role: 'original',
            title: `sweep ${sweep}`,
            field: null,
            message: 'this sweep has no moments',
            warnings: [],
          });
      }
      if (compare) {
        const results = await Promise.all([loadRun(view.runA, 'A', sweep), loadRun(view.runB, 'B', sweep)]);
        const loaded = results.map((r) => (r && 'data' in r ? r : null));
        const maxFold = Math.max(0, ...loaded.map((r) => (r ? maxAbsFold(r.data.folds) : 0)));
        results.forEach((r, i) => {
          if (!r) return;
          next.push('data' in r ? runPanel(i === 0 ? 'A' : 'B', r, geometry, maxFold) : r);
        });
        const diff = differencePanel(loaded[0] ?? null, loaded[1] ?? null, settings.differenceMode, geometry);
        if (diff) next.push(diff);
        if (loaded[0] && loaded[1] && sameShape(loaded[0].data, loaded[1].data))
          nextStats = agreementStats(loaded[0].data, loaded[1].data);
      }
    } catch (err) {
      next.push({ role: 'original', title: 'error', field: null, message: errorMessage(err), warnings: [] });
    }
    if (id !== generation) return;
    panels.value = next.map(stable);
    stats.value = nextStats;
    loading.value = false;
    lastLoadMs.value = performance.now() - started;
  }

  watch(
    () => [
      files.volume,
      view.sweep,
      view.moment,
      view.geometry,
      view.layout,
      view.runA,
      view.runB,
      settings.differenceMode,
      settings.compareShowsOriginal,
      history.runs,
    ],
    () => void rebuild(),
    { immediate: true },
  );

  return { panels, stats, loading, lastLoadMs, rebuild, cache };
});
