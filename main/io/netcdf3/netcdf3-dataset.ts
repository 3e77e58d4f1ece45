/**
 * A NetCDF classic file (CDF-1, CDF-2, CDF-5) as an `NcDataset`, the interface the CfRadial reader
 * consumes. Opening reads only the header; each read fetches just the byte range of the rows asked for
 * (one positional read, or one span read across interleaved records) and decodes it big-endian.
 *
 * Our own reader because netcdfjs misreads types whose size is not a multiple of 4 (it reads the
 * padding as data), returns plain JS arrays and cannot read CDF-5 (see the platform guide).
 */
import type { NcAttributes, NcDataset, NcNumeric, NcRows, NcVariable } from '../readers/cfradial/nc-dataset';
import { ReaderError } from '../reader-error';
import type { ByteSource } from './byte-source';
import { decodeBigEndian, decodeText } from './decode';
import { type Nc3Header, Nc3HeaderError, NeedMoreBytes, parseHeader, TYPE_SIZE } from './header';
import { computeLayout, LayoutError, type VariableLayout } from './layout';

/** First guess at the header size; most radar files' headers fit in 64 KiB. */
const FIRST_HEADER_READ = 64 * 1024;
/** A span read across interleaved records is split above this size (bytes) to bound memory. */
const MAX_SPAN_READ = 64 * 1024 * 1024;

const VERSION_NAMES = { 1: 'CDF-1 classic', 2: 'CDF-2 64-bit offset', 5: 'CDF-5 64-bit data' } as const;

async function readHeader(path: string, source: ByteSource): Promise<Nc3Header> {
  let length = Math.min(FIRST_HEADER_READ, source.size);
  for (;;) {
    const prefix = await source.read(0, length);
    try {
      return parseHeader(prefix, source.size);
    } catch (err) {
      if (err instanceof NeedMoreBytes && length < source.size) {
        length = Math.min(Math.max(err.needed, length * 2), source.size);
        continue;
      }
      if (err instanceof NeedMoreBytes) throw new ReaderError('truncated', path, 'the NetCDF-3 header is truncated');
      if (err instanceof Nc3HeaderError) throw new ReaderError('corrupt', path, `bad NetCDF-3 header: ${err.message}`);
      throw err;
    }
  }
}

export class Netcdf3Dataset implements NcDataset {
  readonly formatDetail: string;
  readonly dimensions: ReadonlyMap<string, number>;
  readonly variables: ReadonlyMap<string, NcVariable>;
  readonly globalAttributes: NcAttributes;

  private constructor(
    readonly path: string,
    private readonly source: ByteSource,
    private readonly header: Nc3Header,
    private readonly layouts: Map<string, VariableLayout>,
  ) {
    this.formatDetail = `NetCDF-3 (${VERSION_NAMES[header.version]})`;
    const numrecs = [...layouts.values()].find((l) => l.variable.isRecord)?.rows ?? header.numrecs ?? 0;
    this.dimensions = new Map(header.dimensions.map((d) => [d.name, d.length === 0 ? numrecs : d.length]));
    this.variables = new Map(
      [...layouts.values()].map((l) => [
        l.variable.name,
        {
          name: l.variable.name,
          type: l.variable.type,
          dims: l.variable.dimIds.map((id) => header.dimensions[id]!.name),
          shape: l.shape,
        },
      ]),
    );
    this.globalAttributes = header.attributes;
  }

  /** Parse the header and check every variable's extent; rejects with a ReaderError. */
  static async open(path: string, source: ByteSource): Promise<Netcdf3Dataset> {
    try {
      const header = await readHeader(path, source);
      let layouts: Map<string, VariableLayout>;
      try {
        layouts = computeLayout(header, source.size);
      } catch (err) {
        if (err instanceof LayoutError) throw new ReaderError(err.kind, path, `NetCDF-3: ${err.message}`);
        throw err;
      }
      return new Netcdf3Dataset(path, source, header, layouts);
    } catch (err) {
      await source.close();
      throw err;
    }
  }

  private layout(name: string): VariableLayout {
    const l = this.layouts.get(name);
    if (!l) throw new ReaderError('corrupt', this.path, `no variable ${name}`);
    return l;
  }

  attributes(variable: string): NcAttributes {
    return this.layout(variable).variable.attributes;
  }

  /** Bytes of rows [start, start + count), packed contiguously (record padding removed). */
  private async readRows(l: VariableLayout, rows: NcRows): Promise<Uint8Array> {
    if (rows.start < 0 || rows.count < 0 || rows.start + rows.count > l.rows) {
      throw new ReaderError(
        'corrupt',
        this.path,
        `rows ${rows.start}+${rows.count} of ${l.variable.name} (it has ${l.rows})`,
      );
    }
    const first = l.variable.begin + rows.start * l.stride;
    if (l.stride === l.rowBytes) return this.exact(first, rows.count * l.rowBytes);
    const out = new Uint8Array(rows.count * l.rowBytes);
    const rowsPerSpan = Math.max(1, Math.floor(MAX_SPAN_READ / l.stride));
    for (let r = 0; r < rows.count; r += rowsPerSpan) {
      const n = Math.min(rowsPerSpan, rows.count - r);
      const span = await this.exact(first + r * l.stride, (n - 1) * l.stride + l.rowBytes);
      for (let i = 0; i < n; i++) out.set(span.subarray(i * l.stride, i * l.stride + l.rowBytes), (r + i) * l.rowBytes);
    }
    return out;
  }

  private async exact(offset: number, length: number): Promise<Uint8Array> {
    const bytes = await this.source.read(offset, length);
    if (bytes.length !== length)
      throw new ReaderError('truncated', this.path, `NetCDF-3 data ends at byte ${offset + bytes.length}`);
    return bytes;
  }

  async readNumeric(variable: string, rows?: NcRows): Promise<NcNumeric> {
    const l = this.layout(variable);
    const type = l.variable.type;
    if (type === 'char') throw new ReaderError('corrupt', this.path, `${variable} holds text, not numbers`);
    const range = rows ?? { start: 0, count: l.rows };
    const bytes = await this.readRows(l, range);
    return decodeBigEndian(bytes, type, bytes.length / TYPE_SIZE[type]);
  }

  async readText(variable: string): Promise<string[]> {
    const l = this.layout(variable);
    if (l.variable.type !== 'char') throw new ReaderError('corrupt', this.path, `${variable} holds numbers, not text`);
    const bytes = await this.readRows(l, { start: 0, count: l.rows });
    const rowLength = l.shape.length === 0 ? 1 : (l.shape[l.shape.length - 1] ?? 1);
    return decodeText(bytes, rowLength);
  }

  close(): void {
    void this.source.close();
  }
}
