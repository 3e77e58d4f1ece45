/**
 * View store: sweep and field choice (with fall-back when a sweep lacks the field), stepping, zoom and pan
 * through the primary panel, the compare slots A and B.
 */
import { resetFake } from '../support/mock-api';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { fitPpi, toWorld } from '../../../renderer/src/render/view-transform';
import { useFilesStore } from '../../../renderer/src/stores/files';
import { effectiveMoment, useViewStore } from '../../../renderer/src/stores/view';
import { volumeSummary } from '../support/fake-api';

beforeEach(async () => {
  resetFake();
  setActivePinia(createPinia());
  await useFilesStore().open('/data/x');
});

describe('view store', () => {
  it('keeps the preferred field where the sweep has it, falls back where not', () => {
    const view = useViewStore();
    expect(view.sweep).toBe(1);
    expect(view.moment).toBe('VRADH');
    view.stepSweep(-1);
    expect(view.sweep).toBe(0);
    expect(view.moment).toBe('DBZH'); // the surveillance cut has no velocity
    view.stepSweep(1);
    expect(view.moment).toBe('VRADH'); // the preference survived
    view.stepSweep(5);
    expect(view.sweep).toBe(1); // clamped
  });

  it('picks another velocity moment when the preferred one is missing', () => {
    const sweep = { ...volumeSummary().header.sweeps[1]!, moments: ['DBZH', 'VRADV'] };
    expect(effectiveMoment(sweep, 'VRADH')).toBe('VRADV');
    expect(effectiveMoment(sweep, 'ZDR')).toBe('DBZH');
    expect(effectiveMoment(undefined, 'VRADH')).toBeNull();
  });

  it('cycles through the fields of the sweep', () => {
    const view = useViewStore();
    view.cycleMoment(1);
    expect(view.moment).toBe('NCP');
    view.cycleMoment(1);
    expect(view.moment).toBe('DBZH');
    view.cycleMoment(-1);
    expect(view.moment).toBe('NCP');
  });

  it('zooms about the panel centre and pans by a fraction of the panel', () => {
    const view = useViewStore();
    const fitted = fitPpi(100, 400, 400);
    view.zoomCentre(2); // no panel reported yet: nothing happens
    expect(view.transform).toBeNull();
    view.reportPanel(400, 400, fitted);
    view.zoomCentre(2);
    expect(view.transform!.scale).toBeCloseTo(fitted.scale * 2, 12);
    view.panFraction(0.1, 0);
    // the view moved right: the world point at the centre is now 40 px further east
    const centre = toWorld(view.transform!, 200, 200, 400, 400);
    expect(centre.x).toBeCloseTo(40 / view.transform!.scale, 9);
    view.resetView();
    expect(view.transform).toBeNull();
  });

  it('fills compare slots A, then B, then keeps the newest two', () => {
    const view = useViewStore();
    view.assignRun('r1');
    expect([view.runA, view.runB, view.layout]).toEqual(['r1', null, 'compare']);
    view.assignRun('r2');
    expect([view.runA, view.runB]).toEqual(['r1', 'r2']);
    view.assignRun('r3');
    expect([view.runA, view.runB]).toEqual(['r2', 'r3']);
    view.swapRuns();
    expect([view.runA, view.runB]).toEqual(['r3', 'r2']);
  });

  it('resets sweep, zoom and compare when another file opens', async () => {
    const view = useViewStore();
    view.assignRun('r1');
    view.reportPanel(100, 100, fitPpi(10, 100, 100));
    view.zoomCentre(3);
    await useFilesStore().open('/data/other');
    expect(view.layout).toBe('single');
    expect(view.runA).toBeNull();
    expect(view.transform).toBeNull();
  });
});
