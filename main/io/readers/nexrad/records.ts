/**
 * Splits a NEXRAD Level II archive (after its 24-byte volume header) into message streams ("chunks").
 *
 * Build 10+ archives (AR2V0002 and later) hold LDM records: a 4-byte big-endian signed control word
 * giving the compressed size (negative on the volume's last record, so its absolute value is the size),
 * then a bzip2 stream. Legacy archives (ARCHIVE2, AR2V0001) are uncompressed 2432-byte records
 * straight after the header. A file cut short keeps its complete records, and the caller drops the
 * incomplete sweep; a record that is complete but does not decode is an error naming the record.
 */
import { isBzip2Header } from '../../compress/bzip2';
import { decompressRecords, RecordDecompressError } from '../../compress/decompress-records';
import { ReaderError } from '../../reader-error';
import { VOLUME_HEADER_BYTES } from './volume-header';

/** One decompressed record of 120 radials is ~0.8 MB; anything near this cap is not a NEXRAD record. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export interface RecordSplit {
  /** message streams: decompressed LDM records, or the uncompressed remainder of the file */
  chunks: Uint8Array[];
  compressed: boolean;
  /** true when the file ends inside a record (the last chunk is then incomplete or missing) */
  truncated: boolean;
  warnings: string[];
}

/** True when the archive holds bzip2 LDM records rather than raw messages. */
export function hasLdmRecords(bytes: Uint8Array): boolean {
  return isBzip2Header(bytes, VOLUME_HEADER_BYTES + 4);
}

export interface LdmFraming {
  /** the bzip2 stream of each complete record */
  records: Uint8Array[];
  /** byte offset of each record's control word in the file */
  offsets: number[];
  truncated: boolean;
  warnings: string[];
  /** a control word that cannot be right, after the records listed (reported after theirs decode) */
  badRecord: ReaderError | null;
}

/** Walk the control words: where each record's bzip2 stream is, without decompressing anything. */
export function frameLdmRecords(bytes: Uint8Array, path: string): LdmFraming {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const framing: LdmFraming = { records: [], offsets: [], truncated: false, warnings: [], badRecord: null };
  let pos = VOLUME_HEADER_BYTES;
  while (pos < bytes.length) {
    const index = framing.records.length;
    if (pos + 4 > bytes.length) {
      framing.truncated = true;
      framing.warnings.push(
        `the file ends inside the control word of LDM record ${index}; ignored its last ${bytes.length - pos} bytes`,
      );
      break;
    }
    const size = Math.abs(view.getInt32(pos));
    if (size === 0 || !isBzip2Header(bytes, pos + 4)) {
      framing.badRecord = new ReaderError(
        'corrupt',
        path,
        `LDM record ${index} at byte ${pos} has a wrong length or is not bzip2 data (control word ${view.getInt32(pos)})`,
      );
      break;
    }
    if (pos + 4 + size > bytes.length) {
      framing.truncated = true;
      framing.warnings.push(
        `the file is truncated: LDM record ${index} needs ${size} bytes but only ${bytes.length - pos - 4} remain; ` +
          'it was skipped',
      );
      break;
    }
    framing.records.push(bytes.subarray(pos + 4, pos + 4 + size));
    framing.offsets.push(pos);
    pos += 4 + size;
  }
  return framing;
}

/** Hands records to `onChunk` in file order, whatever order they are decompressed in. */
class InOrderFeed {
  private next = 0;
  /** the first error onChunk threw; later records are not handed over */
  error: unknown = null;

  constructor(
    private readonly chunks: Uint8Array[],
    private readonly onChunk: (chunk: Uint8Array, index: number) => void,
  ) {}

  deliver(index: number, bytes: Uint8Array): void {
    this.chunks[index] = bytes;
    while (this.error === null && this.next < this.chunks.length && this.chunks[this.next]) {
      try {
        this.onChunk(this.chunks[this.next]!, this.next);
      } catch (err) {
        this.error = err;
      }
      this.next++;
    }
  }
}

/**
 * Decompress the framed LDM records: all at once on the native decoder's threads when the addon is
 * there, else one by one in TypeScript, yielding to the event loop every `yieldEvery` records so that
 * opening a volume on the main thread does not freeze it. `onChunk` gets each record in file order as
 * soon as it and all before it are decompressed (the reader indexes it while the rest decode). Errors,
 * in this order: the first record (in file order) that does not decompress, a wrong control word after
 * the framed records, the first error onChunk threw.
 */
export async function decompressLdmRecords(
  framing: LdmFraming,
  path: string,
  onChunk: (chunk: Uint8Array, index: number) => void = () => {},
  yieldEvery = 2,
): Promise<RecordSplit> {
  const chunks = new Array<Uint8Array>(framing.records.length);
  const feed = new InOrderFeed(chunks, onChunk);
  try {
    await decompressRecords(framing.records, MAX_RECORD_BYTES, {
      yieldEvery,
      onRecord: (index, bytes) => feed.deliver(index, bytes),
    });
  } catch (err) {
    if (!(err instanceof RecordDecompressError)) throw err;
    const index = err.recordIndex;
    const code = err.kind === 'too-large' ? 'too-large' : 'corrupt';
    const where = `LDM record ${index} (byte ${framing.offsets[index]})`;
    throw new ReaderError(code, path, `${where} does not decompress: ${err.message}`, { cause: err });
  }
  if (framing.badRecord) throw framing.badRecord;
  if (feed.error !== null) throw feed.error;
  return { chunks, compressed: true, truncated: framing.truncated, warnings: framing.warnings };
}

/** Legacy archives: one chunk with every message after the volume header. */
export function splitRawMessages(bytes: Uint8Array): RecordSplit {
  return { chunks: [bytes.subarray(VOLUME_HEADER_BYTES)], compressed: false, truncated: false, warnings: [] };
}
