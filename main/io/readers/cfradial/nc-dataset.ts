/**
 * The netCDF data model as the CfRadial reader needs it: dimensions, variables with named dimensions,
 * attributes, and reads of whole variables or of row ranges along the first dimension.
 *
 * Two implementations: `main/io/hdf5/netcdf4-dataset.ts` (NetCDF-4 and NetCDF-4 classic model, over
 * h5wasm) and `main/io/netcdf3/netcdf3-dataset.ts` (CDF-1, CDF-2, CDF-5, our own reader). The
 * interface lives with its consumer so that the CfRadial mapping is written once for both containers.
 */

/** Storage types of netCDF variables (NC_BYTE ... NC_UINT64, NC_CHAR, NC_STRING). */
export type NcType = 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32' | 'i64' | 'u64' | 'f32' | 'f64' | 'char' | 'string';

/** An attribute value: text, one number, or several numbers. */
export type NcAttribute = string | number | number[];

export type NcAttributes = Readonly<Record<string, NcAttribute>>;

/** Numeric data as read; 64-bit integers arrive as Float64Array (exact up to 2^53). */
export type NcNumeric =
  Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

export interface NcVariable {
  name: string;
  type: NcType;
  /** dimension names, outermost first */
  dims: readonly string[];
  /** lengths of `dims` (a record dimension with its current length) */
  shape: readonly number[];
}

/** Rows [start, start + count) along a variable's first dimension. */
export interface NcRows {
  start: number;
  count: number;
}

export interface NcDataset {
  /** the path the user chose */
  readonly path: string;
  /** human-readable container, e.g. 'NetCDF-4 (HDF5)', 'NetCDF-3 classic (CDF-1)' */
  readonly formatDetail: string;
  readonly dimensions: ReadonlyMap<string, number>;
  readonly variables: ReadonlyMap<string, NcVariable>;
  readonly globalAttributes: NcAttributes;
  /** Attributes of one variable (read on first use and cached by the implementation). */
  attributes(variable: string): NcAttributes;
  /** Numeric values, row-major; all of the variable or `rows` along its first dimension. */
  readNumeric(variable: string, rows?: NcRows): Promise<NcNumeric>;
  /** A char variable as one string per row (last dimension = string length), or a string variable. */
  readText(variable: string): Promise<string[]>;
  close(): void;
}
