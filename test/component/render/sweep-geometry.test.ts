/**
 * WebGL geometry, checked on the CPU: the wedge triangles cover each ray's wedge out past the last gate
 * (PPI) or follow the beams (RHI).
 */
import { describe, expect, it } from 'vitest';
import { groundRange } from '../../../renderer/src/render/geometry';
import { prepareField } from '../../../renderer/src/render/raster-field';
import { buildSweepGeometry, FLOATS_PER_VERTEX, RHI_SEGMENTS } from '../../../renderer/src/render/sweep-geometry';
import { syntheticField } from './fields';

describe('sweep geometry', () => {
  it('draws one triangle per PPI ray, from the radar past the last gate, along the wedge edges', () => {
    const field = syntheticField({ rays: 360, gates: 200, firstGate: 2125, gateStep: 250, elevation: 2.4 });
    const g = buildSweepGeometry(prepareField(field));
    expect(g.vertexCount).toBe(360 * 3);
    const v = g.vertices;
    const outer = groundRange(2000 + 250 * 200, 2.4) / 1000;
    for (let t = 0; t < 360; t++) {
      const at = (k: number) => [v[(t * 3 + k) * FLOATS_PER_VERTEX]!, v[(t * 3 + k) * FLOATS_PER_VERTEX + 1]!];
      const ray = v[t * 3 * FLOATS_PER_VERTEX + 2]!;
      expect(at(0)).toEqual([0, 0]);
      for (const [k, edge] of [
        [1, ray],
        [2, ray + 1],
      ] as const) {
        const [x, y] = at(k);
        const az = ((Math.atan2(x!, y!) * 180) / Math.PI + 360) % 360;
        expect(Math.min(Math.abs(az - edge), Math.abs(az + 360 - edge))).toBeLessThan(1e-3);
        // the chord between the corners lies beyond the last gate's arc
        expect(Math.hypot(x!, y!) * Math.cos((0.5 * Math.PI) / 180)).toBeGreaterThan(outer);
        expect(Math.hypot(x!, y!)).toBeLessThan(outer * 1.001);
      }
    }
  });

  it('follows RHI beams in segments of ground range and height', () => {
    const field = syntheticField({ geometry: 'rhi', rays: 90, angleStep: 1, gates: 100 });
    const g = buildSweepGeometry(prepareField(field));
    // 91 wedges: the lowest ray (0.5°) covers down to −0.25°, so its wedge is split at 0°
    expect(g.vertexCount).toBe(91 * RHI_SEGMENTS * 6);
    const v = g.vertices;
    let maxHeight = 0;
    for (let i = 0; i < g.vertexCount; i++) {
      const [x, y] = [v[i * FLOATS_PER_VERTEX]!, v[i * FLOATS_PER_VERTEX + 1]!];
      expect(x).toBeGreaterThan(-0.5); // the top wedge reaches 90.25°, just past vertical
      expect(y).toBeGreaterThan(-0.5);
      maxHeight = Math.max(maxHeight, y);
    }
    // the top ray (89.5° ± 0.5°) reaches about the full 100 km range straight up
    expect(maxHeight).toBeGreaterThan(99);
    expect(maxHeight).toBeLessThan(101);
  });
});
