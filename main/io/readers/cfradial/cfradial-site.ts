/**
 * Site, instrument and Nyquist metadata of a CfRadial dataset: location (first valid value, since
 * mobile radars store latitude/longitude/altitude per ray and some rays carry fill values), instrument
 * name, wavelength from `frequency`, beam widths, and a Nyquist velocity derived from a fixed PRT when
 * the file has no `nyquist_velocity`.
 */
import type { Instrument, Site } from '../../../../common/volume';
import { readValues } from './cfradial-index';
import type { NcDataset } from './nc-dataset';

/** m/s */
const SPEED_OF_LIGHT = 299_792_458;

const firstFinite = (values: Float64Array | null): number | undefined => values?.find((v) => Number.isFinite(v));

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

async function textVariable(ds: NcDataset, name: string): Promise<string | undefined> {
  const v = ds.variables.get(name);
  if (!v || (v.type !== 'char' && v.type !== 'string')) return undefined;
  return text((await ds.readText(name)).join(' '));
}

export async function readSite(ds: NcDataset, warnings: string[]): Promise<Site> {
  const g = ds.globalAttributes;
  const name =
    text(g['instrument_name']) ??
    (await textVariable(ds, 'instrument_name')) ??
    text(g['site_name']) ??
    text(g['site_id']) ??
    '';
  const latitude = firstFinite(await readValues(ds, 'latitude'));
  const longitude = firstFinite(await readValues(ds, 'longitude'));
  const altitude = firstFinite(await readValues(ds, 'altitude'));
  const site: Site = { name, latitude: latitude ?? 0, longitude: longitude ?? 0, altitude: altitude ?? 0 };
  if (latitude === undefined || longitude === undefined) {
    warnings.push('the file has no valid latitude/longitude: location set to 0, 0');
    site.locationAssumed = true;
  }
  return site;
}

export async function readInstrument(ds: NcDataset, siteName: string): Promise<Instrument> {
  const frequency = firstFinite(await readValues(ds, 'frequency'));
  const beamH = firstFinite(await readValues(ds, 'radar_beam_width_h'));
  const beamV = firstFinite(await readValues(ds, 'radar_beam_width_v'));
  return {
    name: siteName,
    ...(frequency && frequency > 0 ? { wavelength: SPEED_OF_LIGHT / frequency } : {}),
    ...(beamH !== undefined ? { beamWidthH: beamH } : {}),
    ...(beamV !== undefined ? { beamWidthV: beamV } : {}),
  };
}

/**
 * Nyquist velocity per ray from a fixed pulse repetition time, λ / (4 · PRT), when the file has
 * `prt(time)` and `frequency` but no `nyquist_velocity`. Null for staggered/dual PRT (prt_mode not
 * 'fixed'), where one PRT does not determine the Nyquist interval.
 */
export async function nyquistFromPrt(ds: NcDataset, wavelength: number | undefined): Promise<Float32Array | null> {
  if (!wavelength || !ds.variables.has('prt')) return null;
  if (ds.variables.has('prt_mode')) {
    const modes = await ds.readText('prt_mode');
    if (modes.some((m) => m.trim() !== '' && m.trim().toLowerCase() !== 'fixed')) return null;
  }
  const prt = await readValues(ds, 'prt');
  if (!prt || prt.length !== ds.dimensions.get('time')) return null;
  return Float32Array.from(prt, (t) => (t > 0 ? wavelength / (4 * t) : NaN));
}
