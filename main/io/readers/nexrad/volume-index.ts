/**
 * Builds the index of a NEXRAD volume from its message streams: every radial (geometry, time, Nyquist,
 * where its moments are), the coverage pattern (message 5) and the site block of message 31. Radar data
 * stays packed in the chunks; only headers are read here.
 */
import { ReaderError } from '../../reader-error';
import { scanMessages } from './messages';
import { parseMsg1 } from './msg1';
import { MessageFormatError, parseMsg31, type SiteBlock } from './msg31';
import type { Radial } from './radial';
import { parseVcp, type CoveragePattern } from './vcp';

export interface VolumeIndex {
  radials: Radial[];
  /** 31 for Build 10+ data, 1 for legacy data */
  messageType: 1 | 31;
  vcp: CoveragePattern | null;
  /** VCP number from the radials (message 31 VOL block or message 1 header) */
  vcpNumber: number | null;
  /** message 31 VOL block of the first radial that has one */
  site: SiteBlock | null;
  /** ICAO id from the message 31 radial headers */
  radialIcao: string | null;
  /** the last chunk ends inside a message */
  truncated: boolean;
  warnings: string[];
}

const where = (chunk: number, chunks: number, offset: number): string =>
  chunks > 1 ? `LDM record ${chunk + 1}, byte ${offset}` : `byte ${offset + 24}`;

export function indexVolume(chunks: Uint8Array[], path: string): VolumeIndex {
  const index: VolumeIndex = {
    radials: [],
    messageType: 31,
    vcp: null,
    vcpNumber: null,
    site: null,
    radialIcao: null,
    truncated: false,
    warnings: [],
  };
  let msg1Count = 0;
  let oddResolution: number | null = null;
  chunks.forEach((chunk, c) => {
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const scan = scanMessages(chunk);
    if (scan.badSizeAt !== null) {
      throw new ReaderError(
        'corrupt',
        path,
        `a message has an impossible size (${where(c, chunks.length, scan.badSizeAt)})`,
      );
    }
    if (scan.truncated) {
      if (c < chunks.length - 1) {
        throw new ReaderError('corrupt', path, `LDM record ${c + 1} ends inside a message (wrong record length?)`);
      }
      index.truncated = true;
      index.warnings.push('the file is truncated: its last message is cut short and was ignored');
    }
    for (const m of scan.messages) {
      try {
        if (m.type === 31) {
          const parsed = parseMsg31(view, m.offset, m.length, c);
          index.radials.push(parsed.radial);
          index.radialIcao ??= parsed.icao;
          if (!index.site && parsed.site) {
            index.site = parsed.site;
            index.vcpNumber = parsed.site.vcp;
          }
        } else if (m.type === 1) {
          const parsed = parseMsg1(view, m.offset, m.length, c);
          index.radials.push(parsed.radial);
          index.vcpNumber ??= parsed.vcp;
          oddResolution ??= parsed.oddResolution;
          msg1Count++;
        } else if (m.type === 5 && !index.vcp) {
          index.vcp = parseVcp(view, m.offset, m.length);
        }
      } catch (err) {
        if (!(err instanceof MessageFormatError)) throw err;
        throw new ReaderError('corrupt', path, `${err.message} (${where(c, chunks.length, m.offset)})`, { cause: err });
      }
    }
  });
  if (msg1Count > 0) index.messageType = msg1Count === index.radials.length ? 1 : 31;
  if (oddResolution !== null) {
    index.warnings.push(`unknown velocity resolution code ${oddResolution}; assumed 0.5 m/s steps`);
  }
  return index;
}
