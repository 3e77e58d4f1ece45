/**
 * The 24-byte NEXRAD Level II volume header ("tape header") that starts every archive file:
 * 9-byte tape name ('AR2V0006.' or the legacy 'ARCHIVE2.'), 3-byte extension number, volume date
 * (modified Julian: day 1 = 1970-01-01) and time (ms after midnight UTC), 4-character ICAO site id.
 * Legacy ARCHIVE2 headers may leave the site id blank.
 */
import { ReaderError } from '../../reader-error';

export const VOLUME_HEADER_BYTES = 24;

export interface VolumeHeaderRecord {
  /** 'AR2V0006', 'AR2V0001', 'ARCHIVE2', ... (the tape name without its dot) */
  tape: string;
  /** archive version number from 'AR2Vnnnn', 0 for 'ARCHIVE2' */
  version: number;
  extension: string;
  /** seconds since 1970-01-01T00:00:00Z; NaN when the header leaves the date blank */
  time: number;
  /** 4-character ICAO site id, or null when blank or not printable */
  icao: string | null;
}

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(start, start + length));

/** True when `head` starts like a NEXRAD Level II archive. */
export function looksLikeNexrad(head: Uint8Array): boolean {
  if (head.length < 8) return false;
  const magic = ascii(head, 0, 8);
  return magic.startsWith('AR2V') || magic === 'ARCHIVE2';
}

export function parseVolumeHeader(bytes: Uint8Array, path: string): VolumeHeaderRecord {
  if (bytes.length < VOLUME_HEADER_BYTES) {
    throw new ReaderError('truncated', path, `the NEXRAD volume header is cut short (${bytes.length} of 24 bytes)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tape = ascii(bytes, 0, 8);
  const versionText = tape.startsWith('AR2V') ? tape.slice(4) : '';
  const version = /^\d{4}$/.test(versionText) ? Number(versionText) : 0;
  const julian = view.getUint32(12);
  const ms = view.getUint32(16);
  // day 1 is 1970-01-01; a zero date is a blank header, not 1969-12-31
  const time = julian > 0 && ms < 86_400_000 ? (julian - 1) * 86_400 + ms / 1000 : NaN;
  const site = ascii(bytes, 20, 4);
  return {
    tape,
    version,
    extension: ascii(bytes, 9, 3).replace(/[^\x20-\x7e]/g, ''),
    time,
    icao: /^[A-Z0-9]{4}$/.test(site) ? site : null,
  };
}
