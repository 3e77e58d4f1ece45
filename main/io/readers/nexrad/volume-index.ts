/**
 * Builds the index of a NEXRAD volume from its message streams: every radial (geometry, time, Nyquist,
 * where its moments are), the coverage pattern (message 5) and the site block of message 31. Radar data
 * stays packed in the chunks; only headers are read here. VolumeIndexer takes the chunks one at a time
 * (the reader feeds it each LDM record as it is decompressed).
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

/**
 * Builds the index chunk by chunk, so that the reader can index each LDM record as soon as it is
 * decompressed while the others are still being decoded. Chunks must be added in order.
 */
export class VolumeIndexer {
  private readonly index: VolumeIndex = {
    radials: [],
    messageType: 31,
    vcp: null,
    vcpNumber: null,
    site: null,
    radialIcao: null,
    truncated: false,
    warnings: [],
  };
  private msg1Count = 0;
  private oddResolution: number | null = null;
  private next = 0;

  /** `chunkCount`: how many chunks the volume has (the last one may end inside a message). */
  constructor(
    private readonly path: string,
    private readonly chunkCount: number,
  ) {}

  /** Index chunk `c` (0, 1, 2, ... in order). Throws a ReaderError for an impossible message. */
  add(chunk: Uint8Array, c: number): void {
    if (c !== this.next) throw new Error(`chunk ${c} indexed out of order (expected ${this.next})`);
    this.next++;
    const { path, chunkCount, index } = this;
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const scan = scanMessages(chunk);
    if (scan.badSizeAt !== null) {
      throw new ReaderError(
        'corrupt',
        path,
        `a message has an impossible size (${where(c, chunkCount, scan.badSizeAt)})`,
      );
    }
    if (scan.truncated) {
      if (c < chunkCount - 1) {
        throw new ReaderError('corrupt', path, `LDM record ${c + 1} ends inside a message (wrong record length?)`);
      }
      index.truncated = true;
      index.warnings.push('the file is truncated: its last message is cut short and was ignored');
    }
    for (const m of scan.messages) {
      try {
        this.addMessage(view, m.type, m.offset, m.length, c);
      } catch (err) {
        if (!(err instanceof MessageFormatError)) throw err;
        throw new ReaderError('corrupt', path, `${err.message} (${where(c, chunkCount, m.offset)})`, { cause: err });
      }
    }
  }

  private addMessage(view: DataView, type: number, offset: number, length: number, c: number): void {
    const index = this.index;
    if (type === 31) {
      const parsed = parseMsg31(view, offset, length, c, index.site === null || index.radialIcao === null);
      index.radials.push(parsed.radial);
      index.radialIcao ??= parsed.icao;
      if (!index.site && parsed.site) {
        index.site = parsed.site;
        index.vcpNumber = parsed.site.vcp;
      }
    } else if (type === 1) {
      const parsed = parseMsg1(view, offset, length, c);
      index.radials.push(parsed.radial);
      index.vcpNumber ??= parsed.vcp;
      this.oddResolution ??= parsed.oddResolution;
      this.msg1Count++;
    } else if (type === 5 && !index.vcp) {
      index.vcp = parseVcp(view, offset, length);
    }
  }

  /** Radials indexed so far (read-only: the indexer keeps appending to it). */
  get radials(): readonly Radial[] {
    return this.index.radials;
  }

  /** A copy of the index so far, for a preview of a volume still being read; the indexer goes on. */
  snapshot(): VolumeIndex {
    const index = this.index;
    return { ...index, radials: index.radials.slice(), warnings: [...index.warnings], messageType: this.messageType() };
  }

  private messageType(): 1 | 31 {
    if (this.msg1Count === 0) return this.index.messageType;
    return this.msg1Count === this.index.radials.length ? 1 : 31;
  }

  /** The index of every chunk added so far. */
  finish(): VolumeIndex {
    const index = this.index;
    index.messageType = this.messageType();
    if (this.oddResolution !== null) {
      index.warnings.push(`unknown velocity resolution code ${this.oddResolution}; assumed 0.5 m/s steps`);
    }
    return index;
  }
}

/** The index of all chunks at once. */
export function indexVolume(chunks: Uint8Array[], path: string): VolumeIndex {
  const indexer = new VolumeIndexer(path, chunks.length);
  chunks.forEach((chunk, c) => indexer.add(chunk, c));
  return indexer.finish();
}
