/**
 * Run-history chart options: medians per variant in the engine's order, memory peaks in MiB, stacked
 * stage times of the recent runs; failed runs are left out.
 */
import { describe, expect, it } from 'vitest';
import {
  median,
  memoryByVariantOption,
  runtimeByVariantOption,
  stageBreakdownOption,
  STAGES,
} from '../../../renderer/src/charts/run-charts';
import { runRecord } from '../support/fake-api';

const t = (totalMs: number) => ({
  readMs: 0.5,
  marshalInMs: 1,
  labelMs: 2,
  edgesMs: 3,
  mergeMs: 4,
  unwrapMs: 5,
  marshalOutMs: 6,
  totalMs,
});

describe('run charts', () => {
  const runs = [
    runRecord({ variant: 'sparse', timings: t(300), engineBytesPeak: 4 * 2 ** 20 }),
    runRecord({ variant: 'fused', timings: t(100), processRssPeakBytes: 200 * 2 ** 20 }),
    runRecord({ variant: 'fused', timings: t(140) }),
    runRecord({ variant: 'fused', timings: t(120) }),
    runRecord({ variant: 'dense', timings: t(999), status: 'failed' }),
  ];

  it('computes medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('plots the median runtime per variant and every run', () => {
    const o = runtimeByVariantOption(runs);
    expect(o.xAxis.data).toEqual(['sparse', 'fused']);
    expect(o.series[0]!.data).toEqual([300, 120]);
    expect(o.series[1]!.data).toHaveLength(4);
  });

  it('plots engine and process peaks in MiB', () => {
    const o = memoryByVariantOption(runs);
    expect(o.series.map((s) => s.name)).toEqual(['engine', 'process']);
    expect(o.series[0]!.data).toEqual([4, 2]);
    expect(o.series[1]!.data).toEqual([150, 200]);
  });

  it('stacks the stages of the most recent runs', () => {
    const o = stageBreakdownOption(runs, 2);
    expect(o.series).toHaveLength(STAGES.length);
    expect(o.xAxis.data).toEqual(['fused #1', 'fused #2']);
    expect(o.series.map((s) => s.data[0])).toEqual([0.5, 1, 2, 3, 4, 5, 6]);
  });
});
