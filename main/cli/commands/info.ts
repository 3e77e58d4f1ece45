/**
 * `unfold info FILE [--json]`: what a radar file holds, without decoding its gate data.
 */
import { openVolume } from '../../io/open-volume';
import { isoTime, table } from '../format';

export const INFO_HELP = `usage: unfold info FILE [--json]

Print the format, site, scan time, sweeps (angle, rays, gates, Nyquist) and moments of a radar file.
  --json    machine-readable output`;

export async function infoCommand(file: string, json: boolean): Promise<void> {
  const volume = await openVolume(file);
  try {
    const h = volume.header;
    if (json) {
      console.log(JSON.stringify(h, null, 2));
      return;
    }
    const site = h.site;
    console.log(`file        ${h.path}`);
    console.log(`format      ${h.formatDetail} (${h.format})`);
    const lat = `${Math.abs(site.latitude).toFixed(4)}° ${site.latitude < 0 ? 'S' : 'N'}`;
    const lon = `${Math.abs(site.longitude).toFixed(4)}° ${site.longitude < 0 ? 'W' : 'E'}`;
    const assumed = site.locationAssumed ? '  (location assumed: not in the file)' : '';
    console.log(`site        ${site.name}  ${lat}  ${lon}  ${site.altitude.toFixed(0)} m${assumed}`);
    console.log(
      `instrument  ${h.instrument.name}${h.instrument.wavelength ? `  λ ${(h.instrument.wavelength * 100).toFixed(2)} cm` : ''}`,
    );
    console.log(`scan        ${h.scanType}, ${isoTime(h.startTime)} – ${isoTime(h.endTime)}`);
    console.log(`moments     ${h.moments.join(' ')}`);
    console.log('');
    const rows = h.sweeps.map((s) => [
      s.index,
      s.mode,
      s.fixedAngle.toFixed(2),
      s.rayCount,
      s.nyquist === null ? '—' : s.nyquist.toFixed(2),
      s.nyquistSource ?? '',
      s.moments.join(' '),
    ]);
    console.log(table(['sweep', 'mode', 'angle °', 'rays', 'Nyquist m/s', 'Nyquist from', 'moments'], rows));
    for (const w of h.warnings) console.log(`warning: ${w}`);
  } finally {
    volume.close();
  }
}
