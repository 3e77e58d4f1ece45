/**
 * Independent readers of NetCDF files for tests: Debian's `ncdump -h` (netCDF-C), netCDF4-python and
 * xarray (through /usr/bin/python3, which sees Debian's Python packages). Each returns plain facts
 * parsed from what that tool says, so tests compare our writer against tools we did not write.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PYTHON = '/usr/bin/python3';

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (result.error) throw new Error(`${command} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.slice(0, 1).join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

export interface CdlVariable {
  type: string;
  dims: string[];
  /** attribute name → value text as ncdump prints it (strings unquoted and joined) */
  attributes: Record<string, string>;
}

export interface CdlHeader {
  /** netcdf-C's format name (`ncdump -k`), e.g. 'netCDF-4' */
  kind: string;
  dimensions: Record<string, number>;
  variables: Record<string, CdlVariable>;
  globals: Record<string, string>;
}

/** ncdump prints a string attribute as "a\n", "b" pieces: join them; numbers keep their CDL text. */
function cdlValue(text: string): string {
  const pieces = [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
  if (pieces.length === 0) return text.trim();
  return pieces.join('').replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
}

/** `ncdump -h` of `path`, parsed. */
export function ncdumpHeader(path: string): CdlHeader {
  const kind = run('ncdump', ['-k', path]).trim();
  const lines = run('ncdump', ['-h', path]).split('\n');
  const header: CdlHeader = { kind, dimensions: {}, variables: {}, globals: {} };
  let section = '';
  let pending = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line === 'dimensions:' || line === 'variables:') {
      section = line;
      continue;
    }
    if (line.startsWith('// global attributes:')) {
      section = 'globals';
      continue;
    }
    if (line === '' || line === '}' || line.startsWith('netcdf ')) continue;
    pending = pending ? `${pending} ${line}` : line;
    if (!pending.endsWith(';')) continue; // attribute values may span lines
    const statement = pending.slice(0, -1).trim();
    pending = '';
    if (section === 'dimensions:') {
      const m = /^(\S+) = (?:UNLIMITED ; \/\/ \((\d+) currently\)|(\d+))/.exec(`${statement} ;`);
      if (m) header.dimensions[m[1]!] = Number(m[2] ?? m[3]);
      continue;
    }
    const attr = /^(\S*):(\S+) = ([\s\S]*)$/.exec(statement);
    if (attr) {
      const [, owner, name, value] = attr;
      if (owner === '') header.globals[name!] = cdlValue(value!);
      else if (header.variables[owner!]) header.variables[owner!]!.attributes[name!] = cdlValue(value!);
      continue;
    }
    const variable = /^(\S+) (\S+?)(?:\((.*)\))?$/.exec(statement);
    if (variable) {
      const dims = variable[3] ? variable[3].split(',').map((d) => d.trim()) : [];
      header.variables[variable[2]!] = { type: variable[1]!, dims, attributes: {} };
    }
  }
  return header;
}

export type PyValue = string | number | boolean | null | PyValue[];

export interface Netcdf4Variable {
  dtype: string;
  dims: string[];
  shape: number[];
  attributes: Record<string, PyValue>;
}

export interface Netcdf4Facts {
  dataModel: string;
  dimensions: Record<string, number>;
  variables: Record<string, Netcdf4Variable>;
  globals: Record<string, PyValue>;
  /** values of the requested variables as netCDF4-python returns them (mask and scale applied), NaN = masked */
  data: Record<string, Float64Array>;
  /** char variables as strings (one per row) */
  text: Record<string, string[]>;
}

const NETCDF4_SCRIPT = `
import json, sys, numpy as np, netCDF4
path, out, wanted = sys.argv[1], sys.argv[2], sys.argv[3].split(',') if sys.argv[3] else []
def py(v):
    if isinstance(v, bytes): return v.decode('utf-8', 'replace')
    if isinstance(v, np.ndarray): return [py(x) for x in v.tolist()] if v.ndim else py(v.item())
    if isinstance(v, np.generic): return py(v.item())
    if isinstance(v, float) and not np.isfinite(v): return str(v)
    return v
ds = netCDF4.Dataset(path)
facts = {'dataModel': ds.data_model, 'dimensions': {k: len(d) for k, d in ds.dimensions.items()},
         'globals': {k: py(ds.getncattr(k)) for k in ds.ncattrs()}, 'variables': {}, 'text': {}}
for name, v in ds.variables.items():
    facts['variables'][name] = {'dtype': str(v.dtype), 'dims': list(v.dimensions), 'shape': list(v.shape),
                                'attributes': {k: py(v.getncattr(k)) for k in v.ncattrs()}}
    if v.dtype == np.dtype('S1'):
        chars = v[:]
        facts['text'][name] = [str(s) for s in np.atleast_1d(netCDF4.chartostring(chars)).ravel().tolist()]
for name in wanted:
    values = ds.variables[name][:]
    data = np.ma.filled(np.ma.asarray(values).astype(np.float64), np.nan)
    data.astype('<f8').tofile(out + '/' + name + '.f64')
print(json.dumps(facts))
`;

/** What netCDF4-python reads from `path`; `dataOf` lists variables whose values to return. */
export function netcdf4Facts(path: string, dataOf: readonly string[] = []): Netcdf4Facts {
  const dir = mkdtempSync(join(tmpdir(), 'unfold-nc4-'));
  try {
    const facts = JSON.parse(run(PYTHON, ['-c', NETCDF4_SCRIPT, path, dir, dataOf.join(',')])) as Omit<
      Netcdf4Facts,
      'data'
    >;
    const data: Record<string, Float64Array> = {};
    for (const name of dataOf) {
      const bytes = readFileSync(join(dir, `${name}.f64`));
      data[name] = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8).slice();
    }
    return { ...facts, data };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface XarrayFacts {
  sizes: Record<string, number>;
  coords: string[];
  variables: Record<string, { dims: string[]; dtype: string }>;
  /** first and last `time` as ISO strings (xarray decodes CF time units) */
  timeRange: [string, string] | null;
}

const XARRAY_SCRIPT = `
import json, sys, xarray as xr, numpy as np
ds = xr.open_dataset(sys.argv[1])
t = ds['time'].values if 'time' in ds.variables else None
out = {'sizes': {k: int(v) for k, v in ds.sizes.items()}, 'coords': list(ds.coords),
       'variables': {k: {'dims': list(v.dims), 'dtype': str(v.dtype)} for k, v in ds.variables.items()},
       'timeRange': [np.datetime_as_string(t[0], unit='ms'), np.datetime_as_string(t[-1], unit='ms')] if t is not None and len(t) and np.issubdtype(t.dtype, np.datetime64) else None}
print(json.dumps(out))
`;

/** What `xarray.open_dataset` makes of `path`. */
export function xarrayFacts(path: string): XarrayFacts {
  return JSON.parse(run(PYTHON, ['-c', XARRAY_SCRIPT, path])) as XarrayFacts;
}
