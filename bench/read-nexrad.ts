/**
 * Benchmark of the NEXRAD Level II reader on the real files: bzip2 alone, open (records decompressed,
 * radials indexed), full decode (every moment of every sweep), and peak memory against the decoded
 * field bytes. Prints figures only; it asserts nothing (timings on a shared machine are noisy: CPU time
 * is printed next to wall time for that reason).
 *
 *   npm run bench:read            (tsx --expose-gc bench/read-nexrad.ts [repeats])
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { gunzipSync } from 'node:zlib';
import type { OpenedVolume } from '../common/volume';
import { bunzip2 } from '../main/io/compress/bzip2';
import { nexradLevel2Reader } from '../main/io/readers/nexrad/reader';
import { radarFile, type RadarFileName } from '../test/support/radar-data';

const FILES: RadarFileName[] = ['KLBB20160601_150025_V06', 'KCRP20200101_000431_V06', 'KLIX20050828_180149.gz'];
const REPEATS = Math.max(1, Number(process.argv[2] ?? 5));
const MB = 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;
/** Bytes held by JS objects and typed-array buffers (what the reader allocates). */
const memory = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Content as the opener would hand it over (gzip wrapper removed). */
function content(path: string): Uint8Array {
  const raw = readFileSync(path);
  return path.endsWith('.gz') ? gunzipSync(raw) : raw;
}

/**
 * The same records through libbz2 (Python's bz2 module), median CPU ms of `repeats`: the native speed
 * on this machine right now, to read our figures against. null when python3 is not there.
 */
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

/** Our decoder on every LDM record: [wall ms, CPU ms]. */
function bzip2Only(bytes: Uint8Array): [number, number] {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let pos = 24; pos + 4 <= bytes.length;) {
    const size = Math.abs(view.getInt32(pos));
    bunzip2(bytes.subarray(pos + 4, pos + 4 + size), 64 * MB);
    pos += 4 + size;
  }
  return [performance.now() - start, cpuMs(cpu)];
}

interface Run {
  openMs: number;
  openCpuMs: number;
  decodeMs: number;
  decodeCpuMs: number;
  peakBytes: number;
  fieldBytes: number;
}

async function measure(path: string, bytes: Uint8Array): Promise<Run> {
  gc?.();
  const base = memory();
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, memory() - base);
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const source = { path, head: bytes.subarray(0, 4096), wrapped: false, bytes: async () => bytes };
  const volume: OpenedVolume = await nexradLevel2Reader.open(source, {});
  const openMs = performance.now() - t0;
  const openCpuMs = cpuMs(cpu0);
  sample();
  const cpu1 = process.cpuUsage();
  const t1 = performance.now();
  const kept = [];
  let fieldBytes = 0;
  for (const s of volume.header.sweeps) {
    for (const m of s.moments) {
      const field = await volume.readField(s.index, m);
      fieldBytes += field.data.byteLength + field.range.byteLength;
      kept.push(field); // a full decode keeps every field, as a viewer or the exporter would
      sample();
    }
  }
  const decodeMs = performance.now() - t1;
  const decodeCpuMs = cpuMs(cpu1);
  sample();
  volume.close();
  return { openMs, openCpuMs, decodeMs, decodeCpuMs, peakBytes: peak, fieldBytes: kept.length ? fieldBytes : 0 };
}

async function main(): Promise<void> {
  if (!gc) console.warn('run with --expose-gc for a clean memory baseline');
  console.log(
    `NEXRAD Level II reader, median of ${REPEATS} runs (min in brackets); load average ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    '| file | our bzip2 ms (cpu) | libbz2 cpu ms | open ms (cpu) | full decode ms (cpu) | open+decode ms | decoded fields MB | peak MB | peak / fields |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const name of FILES) {
    const path = await radarFile(name);
    const bytes = content(path);
    const compressed = bytes[28] === 0x42 && bytes[29] === 0x5a; // 'BZ' after the first control word
    await measure(path, bytes); // warm-up: JIT
    const runs: Run[] = [];
    const bz: number[] = [];
    const bzCpu: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      if (compressed) {
        const [wall, cpu] = bzip2Only(bytes);
        bz.push(wall);
        bzCpu.push(cpu);
      }
      runs.push(await measure(path, bytes));
    }
    const pick = (f: (r: Run) => number): string =>
      `${median(runs.map(f)).toFixed(0)} [${Math.min(...runs.map(f)).toFixed(0)}]`;
    const fields = runs[0]!.fieldBytes / MB;
    const peak = median(runs.map((r) => r.peakBytes)) / MB;
    const native = compressed ? libbz2Reference(path, REPEATS) : null;
    console.log(
      `| ${name} | ${compressed ? `${median(bz).toFixed(0)} [${Math.min(...bz).toFixed(0)}] (${median(bzCpu).toFixed(0)})` : 'n/a'} | ` +
        `${native === null ? 'n/a' : native.toFixed(0)} | ` +
        `${pick((r) => r.openMs)} (${median(runs.map((r) => r.openCpuMs)).toFixed(0)}) | ` +
        `${pick((r) => r.decodeMs)} (${median(runs.map((r) => r.decodeCpuMs)).toFixed(0)}) | ` +
        `${pick((r) => r.openMs + r.decodeMs)} | ${fields.toFixed(1)} | ${peak.toFixed(1)} | ${(peak / fields).toFixed(2)} |`,
    );
  }
}

void main();
