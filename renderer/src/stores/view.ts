/**
 * What the sweep views show and how: the sweep, the field (moment), zoom and pan shared by all linked
 * panels, the linked cursor, and the layout — one panel, or the compare view of up to two runs (A, B)
 * next to the original and a difference panel.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { VolumeSummary } from '../../../common/api';
import { momentInfo, type MomentName } from '../../../common/moments';
import type { SweepHeader } from '../../../common/volume';
import type { ScanGeometry } from '../render/raster-field';
import { panBy, zoomAt, type ViewTransform, type WorldPoint } from '../render/view-transform';
import { useFilesStore } from './files';

export type Layout = 'single' | 'compare';

/** Keyboard zoom step and pan step (fraction of the panel). */
export const ZOOM_STEP = 1.25;
export const PAN_FRACTION = 0.1;

export function isRhi(sweep: SweepHeader | undefined): boolean {
  return sweep?.mode === 'rhi' || sweep?.mode === 'manual_rhi';
}

/** The moment to show in a sweep: the preferred one if the sweep has it, else another velocity, else the first. */
export function effectiveMoment(sweep: SweepHeader | undefined, preferred: MomentName | null): MomentName | null {
  if (!sweep || sweep.moments.length === 0) return null;
  if (preferred && sweep.moments.includes(preferred)) return preferred;
  if (preferred && momentInfo(preferred).isVelocity) {
    const velocity = sweep.moments.find((m) => momentInfo(m).isVelocity);
    if (velocity) return velocity;
  }
  return sweep.moments[0]!;
}

export const useViewStore = defineStore('view', () => {
  const files = useFilesStore();
  const sweep = ref(0);
  const preferredMoment = ref<MomentName | null>(null);
  /** null = fit the sweep to the panel */
  const transform = shallowRef<ViewTransform | null>(null);
  const cursor = shallowRef<WorldPoint | null>(null);
  const layout = ref<Layout>('single');
  const runA = ref<string | null>(null);
  const runB = ref<string | null>(null);
  /** size (CSS px) and fit of the first panel, for keyboard zoom and pan */
  const primary = shallowRef<{ w: number; h: number; fitted: ViewTransform } | null>(null);

  const sweeps = computed(() => files.volume?.header.sweeps ?? []);
  const sweepHeader = computed(() => sweeps.value[sweep.value]);
  const moment = computed(() => effectiveMoment(sweepHeader.value, preferredMoment.value));
  const geometry = computed<ScanGeometry>(() => (isRhi(sweepHeader.value) ? 'rhi' : 'ppi'));

  function onVolumeOpened(summary: VolumeSummary): void {
    const withVelocity = summary.header.sweeps.findIndex((s) => s.moments.some((m) => momentInfo(m).isVelocity));
    sweep.value = Math.max(0, withVelocity);
    const first = summary.header.sweeps[sweep.value];
    preferredMoment.value = first?.moments.find((m) => momentInfo(m).isVelocity) ?? first?.moments[0] ?? null;
    transform.value = null;
    cursor.value = null;
    runA.value = null;
    runB.value = null;
    layout.value = 'single';
  }
  files.onOpened(onVolumeOpened);
  if (files.volume) onVolumeOpened(files.volume);

  function setSweep(index: number): void {
    const n = sweeps.value.length;
    if (n === 0) return;
    const next = Math.min(n - 1, Math.max(0, index));
    if (isRhi(sweeps.value[next]) !== isRhi(sweepHeader.value)) transform.value = null;
    sweep.value = next;
  }

  const stepSweep = (delta: number): void => setSweep(sweep.value + delta);

  function setMoment(name: MomentName): void {
    preferredMoment.value = name;
  }

  /** Cycle through the moments of the sweep. */
  function cycleMoment(delta: number): void {
    const list = sweepHeader.value?.moments ?? [];
    if (list.length === 0) return;
    const at = moment.value ? list.indexOf(moment.value) : -1;
    setMoment(list[(at + delta + list.length) % list.length]!);
  }

  function setTransform(next: ViewTransform | null): void {
    transform.value = next;
  }

  /** Zoom about a screen point of a panel of size w × h; `fitted` is the panel's fit when nothing is set yet. */
  function zoom(factor: number, px: number, py: number, w: number, h: number, fitted: ViewTransform): void {
    transform.value = zoomAt(transform.value ?? fitted, factor, px, py, w, h);
  }

  function pan(dx: number, dy: number, fitted: ViewTransform): void {
    transform.value = panBy(transform.value ?? fitted, dx, dy);
  }

  function reportPanel(w: number, h: number, fitted: ViewTransform): void {
    primary.value = { w, h, fitted };
  }

  /** Keyboard zoom about the panel centre. */
  function zoomCentre(factor: number): void {
    const p = primary.value;
    if (p) zoom(factor, p.w / 2, p.h / 2, p.w, p.h, p.fitted);
  }

  /** Keyboard pan by a fraction of the panel (positive dx moves the view right, dy down). */
  function panFraction(fx: number, fy: number): void {
    const p = primary.value;
    if (p) pan(-fx * p.w, -fy * p.h, p.fitted);
  }

  function resetView(): void {
    transform.value = null;
  }

  function setCursor(point: WorldPoint | null): void {
    cursor.value = point;
  }

  /** A finished run of the open file joins the compare view: A first, then B, then the newest two. */
  function assignRun(runId: string): void {
    if (runA.value === null || runA.value === runId) runA.value = runId;
    else if (runB.value === null) runB.value = runId;
    else {
      runA.value = runB.value;
      runB.value = runId;
    }
    layout.value = 'compare';
  }

  function compare(a: string, b: string | null): void {
    runA.value = a;
    runB.value = b;
    layout.value = 'compare';
  }

  function swapRuns(): void {
    [runA.value, runB.value] = [runB.value, runA.value];
  }

  function setLayout(next: Layout): void {
    layout.value = next;
  }

  return {
    sweep,
    preferredMoment,
    transform,
    cursor,
    layout,
    runA,
    runB,
    sweeps,
    sweepHeader,
    moment,
    geometry,
    onVolumeOpened,
    setSweep,
    stepSweep,
    setMoment,
    cycleMoment,
    setTransform,
    zoom,
    pan,
    reportPanel,
    zoomCentre,
    panFraction,
    resetView,
    setCursor,
    assignRun,
    compare,
    swapRuns,
    setLayout,
  };
});
