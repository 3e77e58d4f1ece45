/**
 * NetCDF-4 (and NetCDF-4 classic model) files seen through the netCDF data model, over `Hdf5File`.
 * Implements the `NcDataset` interface that the CfRadial reader consumes, so CfRadial-over-HDF5 and
 * CfRadial-over-NetCDF-3 share one mapping. Reads files written by netCDF-C and by h5wasm (following
 * the conventions in `netcdf4-conventions.ts`). Only the root group: CfRadial 1.x is flat.
 */
import type { NcAttributes, NcDataset, NcNumeric, NcRows, NcType, NcVariable } from '../readers/cfradial/nc-dataset';
import { ReaderError } from '../reader-error';
import type { Hdf5File } from './hdf5-file';
import { HIDDEN_ATTRIBUTES, isDimensionOnlyScale, ncTypeOf } from './netcdf4-conventions';

const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

export class Netcdf4Dataset implements NcDataset {
  readonly path: string;
  readonly formatDetail: string;
  readonly dimensions: ReadonlyMap<string, number>;
  readonly variables: ReadonlyMap<string, NcVariable>;
  readonly globalAttributes: NcAttributes;
  private readonly attributeCache = new Map<string, NcAttributes>();

  /** Build the netCDF view of an open HDF5 file (reads names, shapes and dimension scales only). */
  constructor(private readonly file: Hdf5File) {
    this.path = file.path;
    const root = file.attributes('/');
    this.formatDetail = '_nc3_strict' in root ? 'NetCDF-4 classic model (HDF5)' : 'NetCDF-4 (HDF5)';
    this.globalAttributes = Object.fromEntries(Object.entries(root).filter(([k]) => !HIDDEN_ATTRIBUTES.has(k)));
    const { dimensions, variables } = this.scan();
    this.dimensions = dimensions;
    this.variables = variables;
  }

  private scan(): { dimensions: Map<string, number>; variables: Map<string, NcVariable> } {
    const dimensions = new Map<string, number>();
    const variables = new Map<string, NcVariable>();
    const pending: Array<{ name: string; type: NcVariable['type']; shape: number[] }> = [];
    for (const [name, kind] of this.file.children('/')) {
      if (kind !== 'dataset') continue;
      const path = `/${name}`;
      const info = this.file.datasetInfo(path);
      const scale = this.file.scaleName(path);
      if (scale !== null) dimensions.set(name, info.shape[0] ?? 0);
      if (isDimensionOnlyScale(scale)) continue;
      const type = ncTypeOf({ ...info, vlen: info.metadata.vlen });
      if (type === null) continue; // compound, enum, opaque: not part of the classic netCDF model
      pending.push({ name, type, shape: info.shape });
    }
    for (const { name, type, shape } of pending) {
      const own = dimensions.has(name) && shape.length === 1 ? [name] : null;
      variables.set(name, new LazyDimsVariable(name, type, shape, own, () => this.resolveDims(name, shape)));
    }
    return { dimensions, variables };
  }

  /**
   * Dimension names of a variable from its attached dimension scales. Reading DIMENSION_LIST costs
   * ~0.5 ms per variable in wasm, so it is done only when a variable's dimensions are first asked for.
   */
  private resolveDims(name: string, shape: readonly number[]): string[] {
    const scales = this.file.attachedScales(`/${name}`, shape.length);
    // A dataset without scales (plain HDF5, or a writer that skipped attach_scale) gets netCDF-C's
    // phony dimension names so it can still be read.
    return scales.map((s, i) => (s ? basename(s) : `phony_dim_${name}_${i}`));
  }

  private variable(name: string): NcVariable {
    const v = this.variables.get(name);
    if (!v) throw new ReaderError('corrupt', this.path, `no variable ${name}`);
    return v;
  }

  attributes(variable: string): NcAttributes {
    let cached = this.attributeCache.get(variable);
    if (!cached) {
      this.variable(variable);
      cached = this.file.attributes(`/${variable}`, HIDDEN_ATTRIBUTES);
      this.attributeCache.set(variable, cached);
    }
    return cached;
  }

  async readNumeric(variable: string, rows?: NcRows): Promise<NcNumeric> {
    const v = this.variable(variable);
    if (v.type === 'char' || v.type === 'string') {
      throw new ReaderError('corrupt', this.path, `${variable} holds text, not numbers`);
    }
    const raw = this.file.readNumeric(`/${variable}`, rows);
    if (raw instanceof BigInt64Array || raw instanceof BigUint64Array) return Float64Array.from(raw, Number);
    return raw;
  }

  async readText(variable: string): Promise<string[]> {
    const v = this.variable(variable);
    if (v.type !== 'char' && v.type !== 'string') {
      throw new ReaderError('corrupt', this.path, `${variable} holds numbers, not text`);
    }
    return this.file.readStrings(`/${variable}`);
  }

  close(): void {
    this.file.close();
  }
}

/** A variable whose dimension names are resolved on first use (see `resolveDims`). */
class LazyDimsVariable implements NcVariable {
  private resolved: readonly string[] | null;

  constructor(
    readonly name: string,
    readonly type: NcType,
    readonly shape: readonly number[],
    dims: readonly string[] | null,
    private readonly resolve: () => readonly string[],
  ) {
    this.resolved = dims;
  }

  get dims(): readonly string[] {
    this.resolved ??= this.resolve();
    return this.resolved;
  }
}
