/**
 * The structure of an ODIM_H5 polar volume (PVOL) or scan (SCAN): root what/where/how, and per sweep
 * (`datasetN`) its where/what/how and data groups (`dataN`) with quantity, gain, offset, nodata and
 * undetect. Attribute inheritance follows the ODIM_H5 specification: a `how`/`what` attribute given at a
 * lower level overrides the same attribute higher up (data < dataset < root).
 */
import type { Hdf5File } from '../../hdf5/hdf5-file';
import { type H5Attributes, numberAttr, stringAttr } from '../../hdf5/h5-attributes';
import { ReaderError } from '../../reader-error';

export interface OdimQuantity {
  /** ODIM quantity name, e.g. 'VRADH' */
  quantity: string;
  /** path of the data array, e.g. '/dataset1/data2/data' */
  path: string;
  /** path of the data group's what, where gain/offset/nodata/undetect live (read when decoding) */
  whatPath: string;
  /** the dataset-level what, whose attributes the data group inherits */
  datasetWhat: H5Attributes;
}

/** How raw values of one quantity decode: value = raw · gain + offset; nodata/undetect → no value. */
export interface OdimCoding {
  gain: number;
  offset: number;
  nodata?: number;
  undetect?: number;
}

export interface OdimSweep {
  /** N of `datasetN` */
  number: number;
  group: string;
  /** degrees */
  elangle: number;
  nbins: number;
  nrays: number;
  /** metres to the start of the first bin (ODIM stores km) */
  rstart: number;
  /** metres per bin */
  rscale: number;
  /** index of the first ray in time */
  a1gate: number;
  /** seconds since epoch */
  startTime: number | null;
  endTime: number | null;
  /** the Nyquist-related how attributes (`SWEEP_HOW`), root then dataset (dataset wins) */
  how: H5Attributes;
  quantities: OdimQuantity[];
}

export interface OdimStructure {
  object: string;
  version: string;
  conventions: string;
  rootWhat: H5Attributes;
  rootWhere: H5Attributes;
  rootHow: H5Attributes;
  sweeps: OdimSweep[];
}

/** More rays or bins than any radar sweep has (0.01° rays: 36,000; 10 m bins over 500 km: 50,000). */
const MAX_COUNT = 1_000_000;

/** Dataset-level how attributes read at open (the rest, e.g. per-ray arrays, only when needed). */
const SWEEP_HOW = ['NI', 'highprf', 'lowprf', 'prf', 'wavelength'] as const;

/** Per-ray how attributes, read with a sweep's geometry. */
export const RAY_HOW = ['startazA', 'stopazA', 'elangles', 'startazT', 'stopazT'] as const;

/** "YYYYMMDD" + "HHMMSS" → seconds since epoch (UTC), or null. */
export function odimDateTime(date: string | undefined, time: string | undefined): number | null {
  const d = /^(\d{4})(\d{2})(\d{2})$/.exec(date?.trim() ?? '');
  const t = /^(\d{2})(\d{2})(\d{2})/.exec(time?.trim() ?? '');
  if (!d || !t) return null;
  const ms = Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +t[1]!, +t[2]!, +t[3]!);
  return Number.isFinite(ms) ? ms / 1000 : null;
}

/** Groups named `<prefix>N`, in numeric order (dataset10 after dataset9). */
const numberedChildren = (
  members: Map<string, 'group' | 'dataset' | 'other'>,
  prefix: string,
): Array<{ n: number; name: string }> =>
  [...members]
    .map(([name, kind]) => ({ name, kind, m: new RegExp(`^${prefix}(\\d+)$`).exec(name) }))
    .filter((x) => x.m && x.kind === 'group')
    .map((x) => ({ n: Number(x.m![1]), name: x.name }))
    .sort((a, b) => a.n - b.n);

function readQuantities(file: Hdf5File, group: string, datasetWhat: H5Attributes): OdimQuantity[] {
  const out: OdimQuantity[] = [];
  const members = file.children(group);
  for (const { name } of numberedChildren(members, 'data')) {
    const path = `${group}/${name}/data`;
    if (file.typeOf(path) !== 'dataset') continue;
    const whatPath = `${group}/${name}/what`;
    // Only the quantity is needed to list moments; the coding is read when a field is decoded.
    const quantity = file.attribute(whatPath, 'quantity') ?? datasetWhat['quantity'];
    if (typeof quantity !== 'string') continue;
    out.push({ quantity: quantity.trim(), path, whatPath, datasetWhat });
  }
  return out;
}

/** The coding of a quantity: its data group's what over the dataset's what (ODIM inheritance). */
export function readCoding(file: Hdf5File, q: OdimQuantity): OdimCoding {
  const what = { ...q.datasetWhat, ...file.attributes(q.whatPath) };
  const nodata = numberAttr(what, 'nodata');
  const undetect = numberAttr(what, 'undetect');
  return {
    gain: numberAttr(what, 'gain') ?? 1,
    offset: numberAttr(what, 'offset') ?? 0,
    ...(nodata !== undefined ? { nodata } : {}),
    ...(undetect !== undefined ? { undetect } : {}),
  };
}

function readSweep(file: Hdf5File, n: number, name: string, root: Omit<OdimStructure, 'sweeps'>): OdimSweep {
  const group = `/${name}`;
  const where = file.attributes(`${group}/where`);
  const what = file.attributes(`${group}/what`);
  const how = { ...root.rootHow, ...file.attributesNamed(`${group}/how`, SWEEP_HOW) };
  const nbins = numberAttr(where, 'nbins');
  const nrays = numberAttr(where, 'nrays');
  const rscale = numberAttr(where, 'rscale');
  if (!nbins || !nrays || !rscale) {
    throw new ReaderError('corrupt', file.path, `ODIM ${name}/where lacks nbins, nrays or rscale`);
  }
  // Counts size the geometry arrays before any data is read: refuse damaged ones here.
  for (const [key, count] of [
    ['nbins', nbins],
    ['nrays', nrays],
  ] as const) {
    if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
      throw new ReaderError('corrupt', file.path, `ODIM ${name}/where ${key} is ${count}, not a count of bins or rays`);
    }
  }
  // Only where/what attributes that describe the data (gain...) inherit; date/time are per dataset.
  const { startdate, starttime, enddate, endtime, ...datasetWhat } = what;
  return {
    number: n,
    group,
    elangle: numberAttr(where, 'elangle') ?? NaN,
    nbins,
    nrays,
    rstart: (numberAttr(where, 'rstart') ?? 0) * 1000,
    rscale,
    a1gate: numberAttr(where, 'a1gate') ?? 0,
    startTime: odimDateTime(startdate as string | undefined, starttime as string | undefined),
    endTime: odimDateTime(enddate as string | undefined, endtime as string | undefined),
    how,
    quantities: readQuantities(file, group, datasetWhat),
  };
}

export function readOdimStructure(file: Hdf5File): OdimStructure {
  const rootWhat = file.attributes('/what');
  const root = {
    object: (stringAttr(rootWhat, 'object') ?? '').trim(),
    version: (stringAttr(rootWhat, 'version') ?? '').trim(),
    conventions: stringAttr(file.attributes('/'), 'Conventions') ?? 'ODIM_H5',
    rootWhat,
    rootWhere: file.attributes('/where'),
    rootHow: file.attributes('/how'),
  };
  if (root.object && !['PVOL', 'SCAN', 'ELEV'].includes(root.object)) {
    throw new ReaderError(
      'unsupported',
      file.path,
      `ODIM_H5 object ${root.object}: only polar volumes and scans (PVOL, SCAN) are read`,
    );
  }
  const sweeps = numberedChildren(file.children('/'), 'dataset').map(({ n, name }) => readSweep(file, n, name, root));
  if (sweeps.length === 0) throw new ReaderError('corrupt', file.path, 'ODIM_H5 file without datasets');
  return { ...root, sweeps };
}
