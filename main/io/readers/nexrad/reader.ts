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
import { groupSweeps, type SweepRays } from './sweeps';
import { FIXED_MESSAGE_BYTES } from './messages';
import { looksLikeNexrad, parseVolumeHeader, VOLUME_HEADER_BYTES } from './volume-header';
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
 * Decompress and index the message streams. LDM records are indexed one by one as they come out of the
 * decompressor, so that indexing overlaps the decoding of the later records.
 */
async function readMessageStreams(
  bytes: Uint8Array,
  path: string,
): Promise<{ split: RecordSplit; index: VolumeIndex }> {
  if (!hasLdmRecords(bytes)) {
    const split = splitRawMessages(bytes);
    return { split, index: indexVolume(split.chunks, path) };
  }
  const framing = frameLdmRecords(bytes, path);
  const indexer = new VolumeIndexer(path, framing.records.length);
  const split = await decompressLdmRecords(framing, path, (chunk, c) => indexer.add(chunk, c));
  return { split, index: indexer.finish() };
}

async function openNexrad(source: ReaderSource, options: ReaderOptions): Promise<OpenedVolume> {
  const { path } = source;
  const bytes = await source.bytes();
  const volumeHeader = parseVolumeHeader(bytes, path);
  const { split, index } = await readMessageStreams(bytes, path);
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
