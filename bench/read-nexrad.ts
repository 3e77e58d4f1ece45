/**
 * Benchmark of the NEXRAD Level II reader on the real files, native (unfold_io addon) and TypeScript
 * side by side in one run:
 *  1. bzip2 alone on every LDM record: our TypeScript decoder, the native decoder on 1 thread and on its
 *     default thread count, and libbz2 (Python's bz2 module) as the native reference;
 *  2. the reader: open (records decompressed, radials indexed), first sweep (open + geometry + first
 *     moment of sweep 0, what the first PPI needs), full decode (every moment of every sweep) and peak
 *     memory against the decoded field bytes; the TypeScript rows come from a child process run with
 *     UNFOLD_IO_NATIVE=0, so that both paths are measured clean.
 * Prints figures only; it asserts nothing. Timings on a shared machine are noisy: CPU time (all threads)
 * is printed next to wall time, and the load average before and after.
 *
 *   npm run bench:read            (tsx --expose-gc bench/read-nexrad.ts [repeats])
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { gunzipSync } from 'node:zlib';
import type { OpenedVolume } from '../common/volume';
import { bunzip2, createBzip2Workspace } from '../main/io/compress/bzip2';
import { nativeIo, nativeIoUnavailable } from '../main/io/compress/native-io';
import { nexradLevel2Reader } from '../main/io/readers/nexrad/reader';
import { radarFile, type RadarFileName } from '../test/support/radar-data';

const FILES: RadarFileName[] = ['KLBB20160601_150025_V06', 'KCRP20200101_000431_V06', 'KLIX20050828_180149.gz'];
const REPEATS = Math.max(1, Number(process.argv[2] ?? 5));
const READER_JSON = process.argv.includes('--reader-json'); // child mode: reader rows as JSON
const MB = 1024 * 1024;
const MAX_RECORD = 64 * MB;

const gc = (globalThis as { gc?: () => void }).gc;
/** Bytes held by JS objects and typed-array buffers (what the reader allocates). */
const memory = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Wall and CPU (all threads) milliseconds of one call. */
async function timed<T>(f: () => Promise<T> | T): Promise<{ wall: number; cpu: number; value: T }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const d = process.cpuUsage(cpu0);
  return { wall: performance.now() - t0, cpu: (d.user + d.system) / 1000, value };
}

/** Median wall [min wall] (median CPU) of repeated timings. */
function cell(runs: Array<{ wall: number; cpu: number }>): string {
  const walls = runs.map((r) => r.wall);
  return `${median(walls).toFixed(0)} [${Math.min(...walls).toFixed(0)}] (${median(runs.map((r) => r.cpu)).toFixed(0)})`;
}

/** Content as the opener would hand it over (gzip wrapper removed). */
function content(path: string): Uint8Array {
  const raw = readFileSync(path);
  return path.endsWith('.gz') ? gunzipSync(raw) : raw;
}

function ldmRecords(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: Uint8Array[] = [];
  for (let pos = 24; pos + 4 <= bytes.length;) {
    const size = Math.abs(view.getInt32(pos));
    records.push(bytes.subarray(pos + 4, pos + 4 + size));
    pos += 4 + size;
  }
  return records;
}

/** libbz2 (Python's bz2 module) on the same records: median CPU ms of `repeats`, null without python3. */
function libbz2Reference(path: string, repeats: number): number | null {
  const script = [
    'import bz2, struct, sys, time',
    'b = open(sys.argv[1], "rb").read()',
    'runs = []',
    'for _ in range(int(sys.argv[2])):',
    '    pos, t = 24, time.process_time()',
    '    while pos + 4 <= len(b):',
    '        n = abs(struct.unpack(">i", b[pos:pos + 4])[0]); bz2.decompress(b[pos + 4:pos + 4 + n]); pos += 4 + n',
    '    runs.append(time.process_time() - t)',
    'print(sorted(runs)[len(runs) // 2] * 1000)',
  ].join('\n');
  const run = spawnSync('python3', ['-c', script, path, String(repeats)], { encoding: 'utf8' });
  return run.status === 0 ? Number(run.stdout.trim()) : null;
}

/** Table 1: bzip2 alone on every LDM record of each compressed file. */
async function bzip2Table(): Promise<void> {
  const io = nativeIo();
  const threads = io?.recordThreads(46) ?? 0;
  console.log(`\nbzip2 on every LDM record: median wall ms [min] (median CPU ms, all threads)`);
  console.log(
    `| file | records | MB out | TypeScript | native, 1 thread | native, ${threads} threads | libbz2 CPU ms |`,
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const name of FILES.filter((f) => !f.endsWith('.gz'))) {
    const path = await radarFile(name);
    const records = ldmRecords(content(path));
    type Timing = { wall: number; cpu: number };
    const typescript: Timing[] = [];
    const one: Timing[] = [];
    const many: Timing[] = [];
    let outBytes = 0;
    for (let i = 0; i <= REPEATS; i++) {
      const ts = await timed(() => {
        const workspace = createBzip2Workspace();
        return records.reduce((sum, r) => sum + bunzip2(r, MAX_RECORD, workspace).length, 0);
      });
      outBytes = ts.value;
      const n1 = io ? await timed(() => io.bunzip2Records(records, MAX_RECORD, { threads: 1 })) : null;
      const nN = io ? await timed(() => io.bunzip2Records(records, MAX_RECORD)) : null;
      if (i === 0) continue; // warm-up: JIT, first page faults
      typescript.push(ts);
      if (n1) one.push(n1);
      if (nN) many.push(nN);
    }
    const reference = libbz2Reference(path, REPEATS);
    const nativeCell = (runs: typeof one): string => (runs.length ? cell(runs) : 'n/a');
    console.log(
      `| ${name} | ${records.length} | ${(outBytes / MB).toFixed(1)} | ${cell(typescript)} | ${nativeCell(one)} | ` +
        `${nativeCell(many)} | ${reference === null ? 'n/a' : reference.toFixed(0)} |`,
    );
  }
}

interface ReaderRow {
  name: string;
  open: string;
  firstSweep: string;
  decode: string;
  total: string;
  fieldMb: number;
  peakMb: number;
}

interface Run {
  open: { wall: number; cpu: number };
  first: { wall: number; cpu: number };
  decode: { wall: number; cpu: number };
  peakBytes: number;
  fieldBytes: number;
}

/** Collect garbage until the freed typed-array memory is really gone (it is released after a GC). */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function measure(path: string, bytes: Uint8Array): Promise<Run> {
  await settle();
  const base = memory();
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, memory() - base);
  };
  const source = { path, head: bytes.subarray(0, 4096), wrapped: false, bytes: async () => bytes };
  const opened = await timed(() => nexradLevel2Reader.open(source, {}));
  const volume: OpenedVolume = opened.value;
  // the first PPI needs sweep 0's geometry and one moment on top of the open
  const first = await timed(async () => {
    const s = volume.header.sweeps[0]!;
    await volume.readGeometry(s.index);
    return volume.readField(s.index, s.moments[0]!);
  });
  sample();
  const kept = [first.value];
  let fieldBytes = first.value.data.byteLength + first.value.range.byteLength;
  const decode = await timed(async () => {
    for (const s of volume.header.sweeps) {
      for (const m of s.moments) {
        if (s.index === 0 && m === s.moments[0]) continue; // read above
        const field = await volume.readField(s.index, m);
        fieldBytes += field.data.byteLength + field.range.byteLength;
        kept.push(field); // a full decode keeps every field, as a viewer or the exporter would
        sample();
      }
    }
  });
  volume.close();
  const add = (a: { wall: number; cpu: number }, b: { wall: number; cpu: number }) => ({
    wall: a.wall + b.wall,
    cpu: a.cpu + b.cpu,
  });
  return { open: opened, first: add(opened, first), decode: add(first, decode), peakBytes: peak, fieldBytes };
}

async function readerRows(): Promise<ReaderRow[]> {
  const rows: ReaderRow[] = [];
  for (const name of FILES) {
    const path = await radarFile(name);
    const bytes = content(path);
    await measure(path, bytes); // warm-up: JIT
    const runs: Run[] = [];
    for (let i = 0; i < REPEATS; i++) runs.push(await measure(path, bytes));
    const total = runs.map((r) => ({ wall: r.open.wall + r.decode.wall, cpu: r.open.cpu + r.decode.cpu }));
    rows.push({
      name,
      open: cell(runs.map((r) => r.open)),
      firstSweep: cell(runs.map((r) => r.first)),
      decode: cell(runs.map((r) => r.decode)),
      total: cell(total),
      fieldMb: runs[0]!.fieldBytes / MB,
      peakMb: median(runs.map((r) => r.peakBytes)) / MB,
    });
  }
  return rows;
}

/** The TypeScript rows, from a child process without the addon. */
function typescriptReaderRows(): ReaderRow[] | null {
  const run = spawnSync(process.execPath, [...process.execArgv, __filename, String(REPEATS), '--reader-json'], {
    env: { ...process.env, UNFOLD_IO_NATIVE: '0' },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) {
    console.warn(`the TypeScript reader run failed: ${run.stderr}`);
    return null;
  }
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ReaderRow[];
}

async function readerTable(): Promise<void> {
  const native = nativeIo() ? await readerRows() : [];
  const typescript = typescriptReaderRows() ?? [];
  console.log(
    `\nReader: median wall ms [min] (median CPU ms); first sweep = open + sweep 0 geometry + its first moment`,
  );
  console.log(
    '| file | decoders | open | first sweep | full decode | open + full decode | fields MB | peak MB | peak / fields |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const [label, rows] of [
    ['native', native],
    ['TypeScript', typescript],
  ] as const) {
    for (const r of rows) {
      console.log(
        `| ${r.name} | ${label} | ${r.open} | ${r.firstSweep} | ${r.decode} | ${r.total} | ${r.fieldMb.toFixed(1)} | ` +
          `${r.peakMb.toFixed(1)} | ${(r.peakMb / r.fieldMb).toFixed(2)} |`,
      );
    }
  }
}

async function main(): Promise<void> {
  if (READER_JSON) {
    console.log(JSON.stringify(await readerRows()));
    return;
  }
  if (!gc) console.warn('run with --expose-gc for a clean memory baseline');
  const load = (): string =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(`NEXRAD Level II reader, ${REPEATS} runs after a warm-up; ${cpus().length} CPUs; load average ${load()}`);
  const unavailable = nativeIoUnavailable();
  if (unavailable) console.log(`native addon not in use: ${unavailable}`);
  await bzip2Table();
  await readerTable();
  console.log(`\nload average at the end: ${load()}`);
}

void main();
