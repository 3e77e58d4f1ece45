/**
 * Groups the rays of a UF file into sweeps (a sweep is a run of rays with the same sweep number in
 * the mandatory header) and works out, per sweep, its moments, gate count per field (the widest ray,
 * as Py-ART pads shorter rays with missing data) and Nyquist velocity.
 */
import { momentFromSourceName, type MomentName } from '../../../../common/moments';
import type { UfRay } from './ray-header';

export interface UfSweepField {
  moment: MomentName;
  /** the UF field name, e.g. 'VR' */
  name: string;
  /** the widest ray's gate count in this sweep */
  gates: number;
  /** metres: first gate centre and spacing, from the first ray that has the field */
  firstGate: number;
  spacing: number;
  /** stored value = physical value × scale, in the first ray that has the field */
  scale: number;
}

export interface UfSweep {
  rays: UfRay[];
  fields: UfSweepField[];
  /** m/s and where it came from, or null */
  nyquist: number | null;
  nyquistSource?: string;
  /** m/s per ray (NaN where a ray gives none), when the file gives any */
  nyquistPerRay?: Float32Array;
}

/** UF field name → moment name, the first field in file order taking the registry name on a clash. */
export function nameMoments(rays: UfRay[]): Map<string, MomentName> {
  const names = new Map<string, MomentName>();
  const taken = new Set<MomentName>();
  for (const ray of rays) {
    for (const f of ray.fields) {
      if (names.has(f.name)) continue;
      const preferred = momentFromSourceName('uf', f.name);
      const moment = taken.has(preferred) ? f.name : preferred;
      taken.add(moment);
      names.set(f.name, moment);
    }
  }
  return names;
}

/** Nyquist per ray from the first velocity field that states one; else λ/(4·PRT) of the first field. */
function sweepNyquist(rays: UfRay[]): Pick<UfSweep, 'nyquist' | 'nyquistSource' | 'nyquistPerRay'> {
  const perRay = new Float32Array(rays.length).fill(NaN);
  let any = false;
  rays.forEach((ray, i) => {
    const stated = ray.fields.find((f) => f.nyquist !== null)?.nyquist;
    if (stated !== undefined && stated !== null) {
      perRay[i] = stated;
      any = true;
    }
  });
  if (any) {
    const first = perRay.find((v) => !Number.isNaN(v))!;
    return { nyquist: first, nyquistSource: 'file', nyquistPerRay: perRay };
  }
  const field = rays[0]?.fields[0];
  if (field && field.prt > 0 && field.wavelength > 0) {
    return { nyquist: field.wavelength / (4 * field.prt * 1e-6), nyquistSource: 'prf+wavelength' };
  }
  return { nyquist: null };
}

function sweepFields(rays: UfRay[], names: Map<string, MomentName>, warnings: string[], index: number): UfSweepField[] {
  const fields = new Map<string, UfSweepField>();
  const warned = new Set<string>();
  for (const ray of rays) {
    for (const f of ray.fields) {
      const known = fields.get(f.name);
      if (!known) {
        const moment = names.get(f.name) ?? f.name;
        fields.set(f.name, {
          moment,
          name: f.name,
          gates: f.gates,
          firstGate: f.firstGate,
          spacing: f.spacing,
          scale: f.scale,
        });
        continue;
      }
      known.gates = Math.max(known.gates, f.gates);
      const moved = f.spacing !== known.spacing || f.firstGate !== known.firstGate;
      if (f.gates > 0 && moved && !warned.has(f.name)) {
        warned.add(f.name);
        warnings.push(`sweep ${index}: field ${f.name} changes gate geometry between rays; the first ray's is used`);
      }
    }
  }
  return [...fields.values()];
}

/** Split rays into sweeps at every change of sweep number. */
export function groupSweeps(rays: UfRay[], warnings: string[]): UfSweep[] {
  const names = nameMoments(rays);
  const groups: UfRay[][] = [];
  for (const ray of rays) {
    const current = groups[groups.length - 1];
    if (current && current[0]!.sweepNumber === ray.sweepNumber) current.push(ray);
    else groups.push([ray]);
  }
  return groups.map((group, index) => ({
    rays: group,
    fields: sweepFields(group, names, warnings, index),
    ...sweepNyquist(group),
  }));
}
