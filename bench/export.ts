/**
 * Benchmark of the CfRadial NetCDF-4 export on real files: a NEXRAD message-31 volume (6 moments,
 * ~12 M gates each on the common grid), a NEXRAD message-1 volume (1 km reflectivity resampled onto the
 * 250 m velocity grid) and a CfRadial RHI. Each is exported with a synthetic all-zero-fold "dealias
 * result" on its velocity so the corrected and fold fields are written too. Prints wall and CPU time,
 * output size against input size, and the memory the export adds (JS heap + buffers, wasm heap growth,
 * RSS). Asserts nothing: timings on a shared machine are noisy, CPU time is printed for that reason.
 *
 *   npm run bench:export            (tsx --expose-gc bench/export.ts [repeats])
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenedVolume } from '../common/volume';
import { loadH5wasm } from '../main/io/hdf5/h5wasm-runtime';
import { openVolume } from '../main/io/open-volume';
import { type CorrectedVelocityExport, writeCfRadial } from '../main/io/writers/cfradial-writer';
import { radarFile, type RadarFileName } from '../test/support/radar-data';

const FILES: RadarFileName[] = [
  'KCRP20200101_000431_V06',
  'KLIX20050828_180149.gz',
  'cfrad.20211011_201733.023_to_20211011_201745.299_DOW8_RHI.nc',
];
const REPEATS = Math.max(1, Number(process.argv[2] ?? 3));
const MB = 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;
const jsBytes = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Zero folds on every sweep with velocity: the export writes corrected_velocity and fold numbers. */
async function zeroFoldRun(volume: OpenedVolume): Promise<CorrectedVelocityExport | undefined> {
  const moment = volume.header.moments.find((m) => m === 'VRADH');
  if (!moment) return undefined;
  const sweeps = new Map<number, { corrected: Float32Array; folds: Int8Array }>();
  const nyquist = new Map<number, number>();
  for (const sweep of volume.header.sweeps) {
    if (!sweep.moments.includes(moment) || !(sweep.nyquist && sweep.nyquist > 0)) continue;
    const field = await volume.readField(sweep.index, moment);
    sweeps.set(sweep.index, { corrected: field.data.slice(), folds: new Int8Array(field.data.length) });
    nyquist.set(sweep.index, sweep.nyquist);
  }
  return { sourceMoment: moment, sweeps, nyquist, setLimits: true, includeFolds: true, historyLine: 'bench' };
}

async function main(): Promise<void> {
  const { module } = await loadH5wasm();
  const dir = mkdtempSync(join(tmpdir(), 'unfold-bench-export-'));
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; ${REPEATS} repeats, median shown`,
  );
  try {
    for (const name of FILES) {
      const input = await radarFile(name);
      const volume = await openVolume(input);
      const corrected = await zeroFoldRun(volume);
      const out = join(dir, `${name}.nc`);
      const wall: number[] = [];
      const cpu: number[] = [];
      let jsPeak = 0;
      let rssPeak = 0;
      const heapBefore = module.HEAPU8.length;
      for (let i = 0; i < REPEATS; i++) {
        gc?.();
        const base = jsBytes();
        const rssBase = process.memoryUsage().rss;
        const cpuStart = process.cpuUsage();
        const start = performance.now();
        await writeCfRadial(volume, out, corrected, () => {
          jsPeak = Math.max(jsPeak, jsBytes() - base);
          rssPeak = Math.max(rssPeak, process.memoryUsage().rss - rssBase);
        });
        wall.push(performance.now() - start);
        const used = process.cpuUsage(cpuStart);
        cpu.push((used.user + used.system) / 1000);
      }
      const h = volume.header;
      const rays = h.sweeps.reduce((n, s) => n + s.rayCount, 0);
      console.log(
        `${name}: ${h.sweeps.length} sweeps, ${rays} rays, ${h.moments.length} moments` +
          `${corrected ? ` + corrected_velocity + folds (${corrected.sweeps.size} sweeps)` : ''}\n` +
          `  export ${median(wall).toFixed(0)} ms wall, ${median(cpu).toFixed(0)} ms CPU;` +
          ` ${(statSync(out).size / MB).toFixed(2)} MB written (input ${(statSync(input).size / MB).toFixed(2)} MB)\n` +
          `  memory added: JS heap+buffers peak ${(jsPeak / MB).toFixed(0)} MB (seen at progress events),` +
          ` RSS peak +${(rssPeak / MB).toFixed(0)} MB, wasm heap ${(heapBefore / MB).toFixed(0)} -> ${(module.HEAPU8.length / MB).toFixed(0)} MB`,
      );
      volume.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
