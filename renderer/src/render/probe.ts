/**
 * The cursor readout as a pure function: from a world point (km) over a field to what the scientist
 * reads: azimuth, elevation, slant and ground range, beam height, latitude/longitude, the gate's value
 * with units, and on dealiased results its fold number and region id.
 */
import type { Site } from '../../../common/volume';
import { gateIndexAt } from './rasterize';
import { azimuthOf, beamHeight, destination, rhiPolar, slantRangeFromGround } from './geometry';
import type { PreparedField } from './raster-field';
import type { WorldPoint } from './view-transform';

export interface ProbePosition {
  /** degrees clockwise from north */
  azimuth: number;
  /** degrees above the horizon */
  elevation: number;
  /** slant range, km */
  rangeKm: number;
  /** ground range, km */
  groundKm: number;
  /** beam height above the radar, km */
  heightKm: number;
  /** degrees north / east */
  lat: number;
  lon: number;
}

export interface ProbeValue {
  /** value of the gate in the field's units; null where the gate is missing or outside the sweep */
  value: number | null;
  unitsLabel: string;
  ray: number | null;
  gate: number | null;
  fold?: number;
  region?: number;
  foldDifference?: number;
}

/**
 * Position of a world point. PPI: the point lies on the cone of the sweep; RHI: x is ground range along
 * the RHI's azimuth (`fixedAngle`), y the height above the radar.
 */
export function probePosition(p: PreparedField, point: WorldPoint, site: Site, fixedAngle: number): ProbePosition {
  if (p.field.geometry === 'ppi') {
    const groundM = Math.hypot(point.x, point.y) * 1000;
    const azimuth = azimuthOf(point.x, point.y);
    const rangeM = slantRangeFromGround(groundM, p.coneElevation);
    const where = destination(site.latitude, site.longitude, azimuth, groundM);
    return {
      azimuth,
      elevation: p.coneElevation,
      rangeKm: rangeM / 1000,
      groundKm: groundM / 1000,
      heightKm: beamHeight(rangeM, p.coneElevation) / 1000,
      lat: where.lat,
      lon: where.lon,
    };
  }
  const polar = rhiPolar(point.x * 1000, point.y * 1000);
  const elevation = polar.angle > 180 ? polar.angle - 360 : polar.angle;
  const groundM = point.x * 1000;
  const azimuth = groundM >= 0 ? fixedAngle : (fixedAngle + 180) % 360;
  const where = destination(site.latitude, site.longitude, azimuth, Math.abs(groundM));
  return {
    azimuth,
    elevation,
    rangeKm: polar.range / 1000,
    groundKm: groundM / 1000,
    heightKm: point.y,
    lat: where.lat,
    lon: where.lon,
  };
}

/** Value (and fold, region) of the gate under a world point. */
export function probeValue(p: PreparedField, point: WorldPoint): ProbeValue {
  const { field } = p;
  const index = gateIndexAt(p, point);
  if (index < 0) return { value: null, unitsLabel: field.scale.unitsLabel, ray: null, gate: null };
  const raw = field.data[index]!;
  const result: ProbeValue = {
    value: Number.isNaN(raw) ? null : raw,
    unitsLabel: field.scale.unitsLabel,
    ray: Math.floor(index / field.gates),
    gate: index % field.gates,
  };
  if (field.folds) result.fold = field.folds[index]!;
  if (field.regions) result.region = field.regions[index]!;
  if (field.foldDifference) result.foldDifference = field.foldDifference[index]!;
  return result;
}

/** "12.3 m/s", "—" for missing; fold scale values print as integers. */
export function formatValue(value: number | null, unitsLabel: string): string {
  if (value === null) return '—';
  const digits = unitsLabel === 'folds' ? 0 : Math.abs(value) >= 100 ? 1 : 2;
  return `${value.toFixed(digits)}${unitsLabel ? ` ${unitsLabel}` : ''}`;
}

/** "35.1234° N, 97.5123° W" */
export function formatLatLon(lat: number, lon: number): string {
  return `${Math.abs(lat).toFixed(4)}° ${lat >= 0 ? 'N' : 'S'}, ${Math.abs(lon).toFixed(4)}° ${lon >= 0 ? 'E' : 'W'}`;
}
