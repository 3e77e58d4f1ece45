/**
 * Splits a NEXRAD Level II archive (after its 24-byte volume header) into message streams ("chunks").
 *
 * Build 10+ archives (AR2V0002 and later) hold LDM records: a 4-byte big-endian signed control word
 * giving the compressed size (negative on the volume's last record, so its absolute value is the size),
 * then a bzip2 stream. Legacy archives (ARCHIVE2, AR2V0001) are uncompressed 2432-byte records
 * straight after the header. A file cut short keeps its complete records, and the caller drops the
 * incomplete sweep; a record that is complete but does not decode is an error naming the record.
 */
import { bunzip2, Bzip2Error, createBzip2Workspace, isBzip2Header, type Bzip2Workspace } from '../../compress/bzip2';
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

function decompressRecord(
  record: Uint8Array,
  where: { index: number; offset: number; path: string },
  workspace: Bzip2Workspace,
): Uint8Array {
  const { index, offset, path } = where;
  try {
    return bunzip2(record, MAX_RECORD_BYTES, workspace);
  } catch (err) {
    if (!(err instanceof Bzip2Error)) throw err;
    const code = err.kind === 'too-large' ? 'too-large' : 'corrupt';
    throw new ReaderError(code, path, `LDM record ${index} (byte ${offset}) does not decompress: ${err.message}`, {
      cause: err,
    });
  }
}

/**
 * Decompress the LDM records one by one. `yieldEvery` records the function awaits a macrotask, so that
 * opening a volume on the main thread does not freeze it for the whole decompression.
 */
export async function splitLdmRecords(bytes: Uint8Array, path: string, yieldEvery = 2): Promise<RecordSplit> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Uint8Array[] = [];
  const warnings: string[] = [];
  let pos = VOLUME_HEADER_BYTES;
  let truncated = false;
  const workspace = createBzip2Workspace();
  while (pos < bytes.length) {
    const index = chunks.length;
    if (pos + 4 > bytes.length) {
      truncated = true;
      warnings.push(
        `the file ends inside the control word of LDM record ${index}; ignored its last ${bytes.length - pos} bytes`,
      );
      break;
    }
    const size = Math.abs(view.getInt32(pos));
    if (size === 0 || !isBzip2Header(bytes, pos + 4)) {
      throw new ReaderError(
        'corrupt',
        path,
        `LDM record ${index} at byte ${pos} has a wrong length or is not bzip2 data (control word ${view.getInt32(pos)})`,
      );
    }
    if (pos + 4 + size > bytes.length) {
      truncated = true;
      warnings.push(
        `the file is truncated: LDM record ${index} needs ${size} bytes but only ${bytes.length - pos - 4} remain; ` +
          'it was skipped',
      );
      break;
    }
    chunks.push(decompressRecord(bytes.subarray(pos + 4, pos + 4 + size), { index, offset: pos, path }, workspace));
    pos += 4 + size;
    if (chunks.length % yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return { chunks, compressed: true, truncated, warnings };
}

/** Legacy archives: one chunk with every message after the volume header. */
export function splitRawMessages(bytes: Uint8Array): RecordSplit {
  return { chunks: [bytes.subarray(VOLUME_HEADER_BYTES)], compressed: false, truncated: false, warnings: [] };
}
