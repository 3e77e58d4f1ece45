/**
 * NEXRAD Level II reader (WSR-88D archives): message 31 (AR2V0002 and later, bzip2 LDM records) and
 * legacy message 1 (ARCHIVE2, AR2V0001, uncompressed). Opening decompresses the records (needed to know
 * which sweeps exist; in parallel with the native decoder) and indexes every radial as its record comes
 * out; fields are decoded from the kept records on demand, so a volume holds its decompressed records
 * (about a third of its decoded float32 size) and nothing else.
 */
import { momentFromSourceName, type MomentName } from '../../../../common/moments';
import type { OpenedVolume, SweepField, SweepGeometry, VolumeHeader } from '../../../../common/volume';
import type { RadarReader, ReaderOptions, ReaderSource } from '../../reader';
import { ReaderError } from '../../reader-error';
import { decodeField, sweepGeometry, sweepMomentNames } from './fields';
import { buildVolumeHeader } from './header';
import { decompressLdmRecords, frameLdmRecords, hasLdmRecords, splitRawMessages, type RecordSplit } from './records';
import { groupSweeps, isEndOfElevation, type SweepRays } from './sweeps';
import { FIXED_MESSAGE_BYTES } from './messages';
import { looksLikeNexrad, parseVolumeHeader, VOLUME_HEADER_BYTES, type VolumeHeaderRecord } from './volume-header';
import { indexVolume, VolumeIndexer, type VolumeIndex } from './volume-index';

class NexradVolume implements OpenedVolume {
  private chunks: Uint8Array[] | null;
  /** source moment names per sweep, found on the first read of the sweep (a walk over all its rays) */
  private readonly sourceNames = new Map<number, string[]>();

  constructor(
    readonly header: VolumeHeader,
    chunks: Uint8Array[],
    private readonly sweeps: SweepRays[],
  ) {
    this.chunks = chunks;
  }

  private sweep(index: number): { sweep: SweepRays; chunks: Uint8Array[] } {
    if (!this.chunks) throw new ReaderError('io', this.header.path, 'the volume was closed');
    const sweep = Number.isInteger(index) ? this.sweeps[index] : undefined;
    if (!sweep) {
      throw new ReaderError(
        'missing-moment',
        this.header.path,
        `no sweep ${index} (the volume has ${this.sweeps.length})`,
      );
    }
    return { sweep, chunks: this.chunks };
  }

  async readGeometry(index: number): Promise<SweepGeometry> {
    return sweepGeometry(this.sweep(index).sweep);
  }

  async readField(index: number, moment: MomentName): Promise<SweepField> {
    const { sweep, chunks } = this.sweep(index);
    let names = this.sourceNames.get(index);
    if (!names) this.sourceNames.set(index, (names = sweepMomentNames(sweep)));
    const sourceName = names.find((n) => momentFromSourceName('nexrad', n) === moment);
    const field = sourceName ? decodeField(chunks, sweep, sourceName) : null;
    if (!field) {
      const present = this.header.sweeps[index]!.moments.join(', ');
      throw new ReaderError('missing-moment', this.header.path, `sweep ${index} has no ${moment} (it has ${present})`);
    }
    return field;
  }

  close(): void {
    this.chunks = null;
  }
}

/**
 * Calls `onPreview` once, with a view of the volume read so far, as soon as the sweeps up to the first
 * one with Doppler velocity (the sweep a viewer shows first) are whole and more records remain, so that
 * they can be drawn while the rest of the volume decompresses.
 */
class EarlyPreview {
  private done: boolean;
  private scanned = 0;

  constructor(
    private readonly path: string,
    private readonly volumeHeader: VolumeHeaderRecord,
    private readonly options: ReaderOptions,
    private readonly chunks: Uint8Array[],
    private readonly chunkCount: number,
  ) {
    this.done = !options.onPreview;
  }

  /** After chunk `c` was indexed. */
  check(indexer: VolumeIndexer, c: number): void {
    if (this.done || c >= this.chunkCount - 1) return;
    const radials = indexer.radials;
    let ready = false;
    for (; this.scanned < radials.length && !ready; this.scanned++) {
      const r = radials[this.scanned]!;
      ready = isEndOfElevation(r) && r.moments.some((m) => m.name === 'VEL');
    }
    if (!ready) return;
    this.done = true;
    const index = indexer.snapshot();
    // groupSweeps leaves out the sweep still being read (its warning would be wrong: it is not kept)
    const grouping = groupSweeps(index.radials);
    const header = buildVolumeHeader({
      path: this.path,
      volumeHeader: this.volumeHeader,
      index,
      sweeps: grouping.sweeps,
      options: this.options,
      warnings: [...index.warnings],
    });
    this.options.onPreview!(new NexradVolume(header, this.chunks, grouping.sweeps));
  }
}

/**
 * Decompress and index the message streams. LDM records are indexed one by one as they come out of the
 * decompressor, so that indexing overlaps the decoding of the later records.
 */
async function readMessageStreams(
  bytes: Uint8Array,
  path: string,
  volumeHeader: VolumeHeaderRecord,
  options: ReaderOptions,
): Promise<{ split: RecordSplit; index: VolumeIndex }> {
  if (!hasLdmRecords(bytes)) {
    const split = splitRawMessages(bytes);
    return { split, index: indexVolume(split.chunks, path) };
  }
  const framing = frameLdmRecords(bytes, path);
  const indexer = new VolumeIndexer(path, framing.records.length);
  // the chunks as they arrive, shared with a preview volume (later chunks land in the same array)
  const chunks: Uint8Array[] = [];
  const preview = new EarlyPreview(path, volumeHeader, options, chunks, framing.records.length);
  const split = await decompressLdmRecords(framing, path, (chunk, c) => {
    chunks[c] = chunk;
    indexer.add(chunk, c);
    preview.check(indexer, c);
  });
  return { split, index: indexer.finish() };
}

async function openNexrad(source: ReaderSource, options: ReaderOptions): Promise<OpenedVolume> {
  const { path } = source;
  const bytes = await source.bytes();
  const volumeHeader = parseVolumeHeader(bytes, path);
  const { split, index } = await readMessageStreams(bytes, path, volumeHeader, options);
  if (index.radials.length === 0) {
    // shorter than one message after the header, or cut inside the first record: a truncated file
    const truncated = split.truncated || index.truncated || bytes.length < VOLUME_HEADER_BYTES + FIXED_MESSAGE_BYTES;
    const why = truncated ? 'the file is truncated before its first radial' : 'it holds no radial messages';
    throw new ReaderError(truncated ? 'truncated' : 'corrupt', path, `no radar data: ${why}`);
  }
  const grouping = groupSweeps(index.radials);
  if (grouping.sweeps.length === 0) {
    throw new ReaderError('truncated', path, `no complete sweep: ${grouping.warnings.join('; ')}`);
  }
  const warnings = [...split.warnings, ...index.warnings, ...grouping.warnings];
  const header = buildVolumeHeader({ path, volumeHeader, index, sweeps: grouping.sweeps, options, warnings });
  return new NexradVolume(header, split.chunks, grouping.sweeps);
}

export const nexradLevel2Reader: RadarReader = {
  name: 'NEXRAD Level II',
  sniff: (source) => looksLikeNexrad(source.head),
  open: openNexrad,
};
