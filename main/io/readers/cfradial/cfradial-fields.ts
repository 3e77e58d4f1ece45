/**
 * CfRadial moment fields: which variables are fields (dimensions (time, range), or (n_points) in the
 * variable-gate layout, as Py-ART decides), what registry moment each maps to, and decoding one
 * sweep of one field into a Float32Array [ray][gate] with NaN for missing gates.
 *
 * Two file fields can map to the same registry moment (a file with both `DBZ` and `DBZHC`): the one
 * listed first in the CfRadial alias table wins the registry name and the other keeps its own name, so
 * no field is lost and the choice does not depend on the file's variable order.
 */
import { FORMAT_ALIASES, momentFromSourceName, type MomentName } from '../../../../common/moments';
import type { SweepField } from '../../../../common/volume';
import { ReaderError } from '../../reader-error';
import type { CfRadialIndex, CfSweep } from './cfradial-index';
import { decodeField, fieldCodec } from './field-codec';
import type { NcDataset, NcVariable } from './nc-dataset';

export interface CfField {
  moment: MomentName;
  /** variable name in the file */
  sourceName: string;
  variable: NcVariable;
}

const aliasRank = (name: string): number => {
  const keys = Object.keys(FORMAT_ALIASES['cfradial'] ?? {});
  const exact = keys.indexOf(name);
  if (exact >= 0) return exact;
  const lower = keys.findIndex((k) => k.toLowerCase() === name.toLowerCase());
  return lower >= 0 ? lower : keys.length;
};

const isNumeric = (v: NcVariable): boolean => v.type !== 'char' && v.type !== 'string';

/** The fields of a CfRadial dataset, in file order, with unique moment names. */
export function listFields(ds: NcDataset, ragged: boolean): CfField[] {
  // Shapes are checked before dimension names: resolving names can cost a call per variable.
  const nTime = ds.dimensions.get('time');
  const nRange = ds.dimensions.get('range');
  const nPoints = ds.dimensions.get('n_points');
  const candidates = [...ds.variables.values()].filter((v) => {
    if (!isNumeric(v)) return false;
    if (ragged) return v.shape.length === 1 && v.shape[0] === nPoints && v.dims[0] === 'n_points';
    return (
      v.shape[0] === nTime &&
      v.shape[1] === nRange &&
      v.shape.length === 2 &&
      v.dims[0] === 'time' &&
      v.dims[1] === 'range'
    );
  });
  const byRank = [...candidates].sort((a, b) => aliasRank(a.name) - aliasRank(b.name));
  const taken = new Map<string, MomentName>();
  const used = new Set<MomentName>();
  for (const v of byRank) {
    const moment = momentFromSourceName('cfradial', v.name);
    const unique = used.has(moment) ? v.name : moment;
    used.add(unique);
    taken.set(v.name, unique);
  }
  return candidates.map((v) => ({ moment: taken.get(v.name)!, sourceName: v.name, variable: v }));
}

/** Decode one sweep of one field. */
export async function readSweepField(
  ds: NcDataset,
  index: CfRadialIndex,
  sweep: CfSweep,
  field: CfField,
): Promise<SweepField> {
  const rays = sweep.end - sweep.start + 1;
  const attrs = ds.attributes(field.sourceName);
  const codec = fieldCodec(field.variable.type, attrs);
  const units = typeof attrs['units'] === 'string' ? attrs['units'] : '';
  let data: Float32Array;
  let gates: number;
  if (index.ragged) {
    ({ data, gates } = await readRagged(ds, index, sweep, field, codec));
  } else {
    gates = field.variable.shape[1] ?? 0;
    const raw = await ds.readNumeric(field.sourceName, { start: sweep.start, count: rays });
    data = decodeField(raw, codec);
  }
  return {
    moment: field.moment,
    sourceName: field.sourceName,
    rays,
    gates,
    range: index.range.slice(0, gates),
    data,
    ...(codec.packing ? { packing: codec.packing } : {}),
    units,
  };
}

/** Variable-gate storage: each ray's gates lie at ray_start_index in a flat n_points array. */
async function readRagged(
  ds: NcDataset,
  index: CfRadialIndex,
  sweep: CfSweep,
  field: CfField,
  codec: ReturnType<typeof fieldCodec>,
): Promise<{ data: Float32Array; gates: number }> {
  const { gates: nGates, start } = index.ragged!;
  let first = Infinity;
  let last = 0;
  let gates = 0;
  for (let r = sweep.start; r <= sweep.end; r++) {
    first = Math.min(first, start[r]!);
    last = Math.max(last, start[r]! + nGates[r]!);
    gates = Math.max(gates, nGates[r]!);
  }
  const total = field.variable.shape[0] ?? 0;
  if (!(first >= 0 && last <= total && gates <= index.range.length)) {
    throw new ReaderError(
      'corrupt',
      ds.path,
      `CfRadial: ray_start_index/ray_n_gates of sweep ${sweep.number} are out of range`,
    );
  }
  const raw = await ds.readNumeric(field.sourceName, { start: first, count: last - first });
  const flat = decodeField(raw, codec);
  const rays = sweep.end - sweep.start + 1;
  const data = new Float32Array(rays * gates).fill(NaN);
  for (let r = 0; r < rays; r++) {
    const from = start[sweep.start + r]! - first;
    data.set(flat.subarray(from, from + nGates[sweep.start + r]!), r * gates);
  }
  return { data, gates };
}
