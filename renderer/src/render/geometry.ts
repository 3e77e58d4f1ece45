/**
 * Beam geometry of the sweep views: the 4/3-effective-earth-radius model (Doviak & Zrnić 2.28; Py-ART's
 * `antenna_to_cartesian`) and its inverses, used by the canvas rasteriser, the readout and (the same
 * formulas in GLSL) the WebGL shader; plus great-circle positions for the latitude/longitude readout.
 *
 * Units: metres and degrees. Azimuth is clockwise from north; elevation above the horizon; x east, y north.
 */

export const EARTH_RADIUS_M = 6_371_000;
/** effective earth radius for standard refraction, metres */
export const EFFECTIVE_RADIUS_M = (4 / 3) * EARTH_RADIUS_M;

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

/** Height of the beam centre above the radar (metres) at slant range `rangeM` and elevation `elevationDeg`. */
export function beamHeight(rangeM: number, elevationDeg: number): number {
  const re = EFFECTIVE_RADIUS_M;
  const s = Math.sin(elevationDeg * RAD);
  return Math.sqrt(rangeM * rangeM + re * re + 2 * rangeM * re * s) - re;
}

/** Distance along the earth's surface (metres) below the beam at slant range `rangeM`. */
export function groundRange(rangeM: number, elevationDeg: number): number {
  const re = EFFECTIVE_RADIUS_M;
  const e = elevationDeg * RAD;
  return re * Math.atan2(rangeM * Math.cos(e), re + rangeM * Math.sin(e));
}

/** Inverse of groundRange for a fixed elevation: the slant range (metres) whose ground range is `groundM`. */
export function slantRangeFromGround(groundM: number, elevationDeg: number): number {
  const g = groundM / EFFECTIVE_RADIUS_M;
  return (EFFECTIVE_RADIUS_M * Math.sin(g)) / Math.cos(elevationDeg * RAD + g);
}

export interface PolarPoint {
  /** degrees: azimuth (PPI) or elevation (RHI), in [0, 360) */
  angle: number;
  /** slant range, metres */
  range: number;
}

/** Azimuth in [0, 360) of the point x east, y north (metres). */
export function azimuthOf(x: number, y: number): number {
  const a = Math.atan2(x, y) * DEG;
  return a < 0 ? a + 360 : a;
}

/** PPI: ground point (x east, y north, metres) → azimuth and slant range on a cone of `elevationDeg`. */
export function ppiPolar(x: number, y: number, elevationDeg: number): PolarPoint {
  return { angle: azimuthOf(x, y), range: slantRangeFromGround(Math.hypot(x, y), elevationDeg) };
}

/**
 * RHI: ground range and height above the radar (metres) → elevation in [0, 360) and slant range.
 * dy = (Re + h)·cos γ − Re is written as h·cos γ − 2·Re·sin²(γ/2) to avoid cancellation in float32.
 */
export function rhiPolar(groundM: number, heightM: number): PolarPoint {
  const re = EFFECTIVE_RADIUS_M;
  const g = groundM / re;
  const dx = (re + heightM) * Math.sin(g);
  const half = Math.sin(g / 2);
  const dy = heightM * Math.cos(g) - 2 * re * half * half;
  const a = Math.atan2(dy, dx) * DEG;
  return { angle: a < 0 ? a + 360 : a, range: Math.hypot(dx, dy) };
}

export interface LatLon {
  /** degrees north */
  lat: number;
  /** degrees east, in [−180, 180) */
  lon: number;
}

/** Great-circle destination from (lat, lon) along `azimuthDeg` for `distanceM` on a sphere of the earth's radius. */
export function destination(lat: number, lon: number, azimuthDeg: number, distanceM: number): LatLon {
  const d = distanceM / EARTH_RADIUS_M;
  const p1 = lat * RAD;
  const az = azimuthDeg * RAD;
  const sinP2 = Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(az);
  const p2 = Math.asin(Math.min(1, Math.max(-1, sinP2)));
  const l2 = lon * RAD + Math.atan2(Math.sin(az) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * sinP2);
  const lonDeg = ((((l2 * DEG + 180) % 360) + 360) % 360) - 180;
  return { lat: p2 * DEG, lon: lonDeg };
}

/** Angular distance a − b folded into (−180, 180]. */
export function angleDifference(a: number, b: number): number {
  let d = (a - b) % 360;
  if (d <= -180) d += 360;
  if (d > 180) d -= 360;
  return d;
}
