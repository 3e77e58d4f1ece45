/**
 * The contract every format reader implements. The opener (`open-volume.ts`) unwraps gzip/bzip2,
 * sniffs magic bytes and hands the reader the file's path and (decompressed) bytes.
 */
import type { FileFormat, OpenedVolume, Site } from '../../common/volume';

/** What the opener gives a reader. */
export interface ReaderSource {
  /** absolute path of the file the user chose (used in messages and in the volume header) */
  path: string;
  /** the first bytes of the (unwrapped) content, at least 4096 unless the content is shorter */
  head: Uint8Array;
  /**
   * The whole content, unwrapped from any gzip/bzip2 layer (read once, then cached). Readers that read
   * by offset from disk (HDF5 via h5wasm) may open `path` directly instead when `wrapped` is false.
   */
  bytes(): Promise<Uint8Array>;
  /** true when `bytes` came out of a gzip/bzip2 wrapper, so `path` is not the raw container */
  wrapped: boolean;
}

export interface ReaderOptions {
  /** used when the file carries no location (NEXRAD ARCHIVE2 headers without a site id) */
  siteOverride?: Partial<Site>;
  /**
   * Called at most once, before `open` resolves, with a view of the volume whose header lists only the
   * sweeps read so far. Readers that must read a whole file to know its sweeps (NEXRAD's bzip2 records)
   * call it as soon as the sweeps up to the first one with Doppler velocity are whole, so that a viewer
   * can show them while the rest decodes; the preview's sweeps read exactly as the final volume's.
   * Other readers, which index a file quickly, never call it.
   */
  onPreview?: (preview: OpenedVolume) => void;
}

export interface RadarReader {
  /** the format family this reader handles (a reader may produce several FileFormat values) */
  readonly name: string;
  /** true when `source.head` looks like this reader's format (magic bytes, never the extension) */
  sniff(source: ReaderSource): boolean;
  /** Parse headers and the sweep index; sweep data is decoded on demand by the returned volume. */
  open(source: ReaderSource, options: ReaderOptions): Promise<OpenedVolume>;
}

export type { FileFormat };
