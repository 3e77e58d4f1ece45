/**
 * ECharts options of the run-history charts, built by pure functions from run records: runtime by variant
 * (median and each run), peak memory by variant (engine and process), and the stage breakdown of the most
 * recent runs. Milliseconds and MiB throughout.
 */
import type { RunRecord, StageTimings, Variant } from '../../../common/dealias';
import { VARIANTS } from '../../../common/dealias';

export const STAGES: readonly { key: keyof StageTimings; label: string }[] = [
  { key: 'readMs', label: 'read' },
  { key: 'marshalInMs', label: 'marshal in' },
  { key: 'labelMs', label: 'label' },
  { key: 'edgesMs', label: 'edges' },
  { key: 'mergeMs', label: 'merge' },
  { key: 'unwrapMs', label: 'unwrap' },
  { key: 'marshalOutMs', label: 'marshal out' },
];

const MIB = 2 ** 20;
const TEXT = '#c8ced8';
const AXIS = { axisLabel: { color: TEXT }, axisLine: { lineStyle: { color: '#4a5261' } } };
const SPLIT = { splitLine: { lineStyle: { color: '#2c323c' } } };

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Variants present in the runs, in the engine's order. */
export function variantsOf(runs: readonly RunRecord[]): Variant[] {
  return VARIANTS.filter((v) => runs.some((r) => r.variant === v));
}

const done = (runs: readonly RunRecord[]): RunRecord[] => runs.filter((r) => r.status === 'done');

/** Median total runtime per variant (bars) and every run (points), ms. */
export function runtimeByVariantOption(runs: readonly RunRecord[]) {
  const ok = done(runs);
  const variants = variantsOf(ok);
  return {
    title: { text: 'Runtime by variant (ms)', textStyle: { color: TEXT, fontSize: 12 } },
    tooltip: { trigger: 'item' },
    grid: { left: 48, right: 12, top: 30, bottom: 24 },
    xAxis: { type: 'category', data: variants, ...AXIS },
    yAxis: { type: 'value', ...AXIS, ...SPLIT },
    series: [
      {
        name: 'median',
        type: 'bar',
        data: variants.map((v) =>
          Number(median(ok.filter((r) => r.variant === v).map((r) => r.timings.totalMs)).toFixed(2)),
        ),
        itemStyle: { color: '#4fa3ff' },
      },
      {
        name: 'runs',
        type: 'scatter',
        data: ok.map((r) => [r.variant, Number(r.timings.totalMs.toFixed(2))]),
        itemStyle: { color: '#ffd166' },
        symbolSize: 6,
      },
    ],
  };
}

/** Largest engine peak and process RSS peak per variant, MiB. */
export function memoryByVariantOption(runs: readonly RunRecord[]) {
  const ok = done(runs);
  const variants = variantsOf(ok);
  const peak = (v: Variant, get: (r: RunRecord) => number): number =>
    Number((Math.max(0, ...ok.filter((r) => r.variant === v).map(get)) / MIB).toFixed(2));
  return {
    title: { text: 'Peak memory by variant (MiB)', textStyle: { color: TEXT, fontSize: 12 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, textStyle: { color: TEXT } },
    grid: { left: 48, right: 12, top: 30, bottom: 48 },
    xAxis: { type: 'category', data: variants, ...AXIS },
    yAxis: { type: 'value', ...AXIS, ...SPLIT },
    series: [
      {
        name: 'engine',
        type: 'bar',
        data: variants.map((v) => peak(v, (r) => r.engineBytesPeak)),
        itemStyle: { color: '#06d6a0' },
      },
      {
        name: 'process',
        type: 'bar',
        data: variants.map((v) => peak(v, (r) => r.processRssPeakBytes)),
        itemStyle: { color: '#ef476f' },
      },
    ],
  };
}

/** Stacked stage times of the most recent runs (up to `limit`), ms, labelled "variant #n". */
export function stageBreakdownOption(runs: readonly RunRecord[], limit = 12) {
  const recent = done(runs)
    .sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1))
    .slice(-limit);
  const colours = ['#5c677d', '#8d99ae', '#4fa3ff', '#06d6a0', '#ffd166', '#ef476f', '#b388eb'];
  return {
    title: { text: 'Stage breakdown (ms)', textStyle: { color: TEXT, fontSize: 12 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, textStyle: { color: TEXT }, itemWidth: 10, itemGap: 6 },
    grid: { left: 48, right: 12, top: 30, bottom: 70 },
    xAxis: { type: 'category', data: recent.map((r, i) => `${r.variant} #${i + 1}`), ...AXIS },
    yAxis: { type: 'value', ...AXIS, ...SPLIT },
    series: STAGES.map((s, i) => ({
      name: s.label,
      type: 'bar',
      stack: 'stages',
      data: recent.map((r) => Number((r.timings[s.key] ?? 0).toFixed(2))),
      itemStyle: { color: colours[i] },
    })),
  };
}
