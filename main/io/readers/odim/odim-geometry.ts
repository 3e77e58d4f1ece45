/**
 * Per-ray geometry of an ODIM_H5 sweep. Rays are kept in storage order (ray 0 points north, ODIM_H5
 * §5.1), as Py-ART keeps them. Azimuth: the circular mean of `how/startazA` and `how/stopazA` when the
 * file has them, else the centre of ray i, (i + 0.5) · 360 / nrays. Elevation: `how/elangles` per ray,
 * else `where/elangle`. Time: `how/startazT`/`stopazT` (epoch seconds) when present, else spread evenly
 * from start to end time beginning at ray `a1gate`, the first ray in time.
 */
import type { SweepGeometry } from '../../../../common/volume';
import { type H5Attributes, numberArrayAttr } from '../../hdf5/h5-attributes';
import type { OdimSweep } from './odim-structure';

/** Circular mean of two angles (degrees), in [0, 360) also after rounding to float32. */
export function meanAngle(a: number, b: number): number {
  const rad = Math.PI / 180;
  const x = Math.cos(a * rad) + Math.cos(b * rad);
  const y = Math.sin(a * rad) + Math.sin(b * rad);
  const deg = Math.atan2(y, x) / rad;
  const wrapped = deg < 0 ? deg + 360 : deg;
  // A hair below 0 wraps to a hair below 360, which float32 storage would round to 360.
  return Math.fround(wrapped) >= 360 ? 0 : wrapped;
}

const perRay = (values: number[] | undefined, n: number): number[] | undefined =>
  values && values.length === n ? values : undefined;

/** `rayHow`: the sweep's per-ray how attributes (`RAY_HOW`), when the file has them. */
export function odimGeometry(sweep: OdimSweep, rayHow: H5Attributes): SweepGeometry {
  const n = sweep.nrays;
  const startA = perRay(numberArrayAttr(rayHow, 'startazA'), n);
  const stopA = perRay(numberArrayAttr(rayHow, 'stopazA'), n);
  const azimuth = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    azimuth[i] = startA && stopA ? meanAngle(startA[i]!, stopA[i]!) : ((i + 0.5) * 360) / n;
  }
  const elangles = perRay(numberArrayAttr(rayHow, 'elangles'), n);
  const elevation = elangles ? Float32Array.from(elangles) : new Float32Array(n).fill(sweep.elangle);

  const startT = perRay(numberArrayAttr(rayHow, 'startazT'), n);
  const stopT = perRay(numberArrayAttr(rayHow, 'stopazT'), n);
  const time = new Float64Array(n);
  const t0 = sweep.startTime ?? sweep.endTime ?? NaN;
  const t1 = sweep.endTime ?? t0;
  const a1 = Number.isInteger(sweep.a1gate) && sweep.a1gate >= 0 && sweep.a1gate < n ? sweep.a1gate : 0;
  for (let i = 0; i < n; i++) {
    if (startT && stopT) time[i] = (startT[i]! + stopT[i]!) / 2;
    else time[i] = t0 + (((i - a1 + n) % n) * (t1 - t0)) / n;
  }
  return { azimuth, elevation, time };
}
