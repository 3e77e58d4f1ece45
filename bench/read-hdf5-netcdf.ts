/**
 * Benchmark of the HDF5/NetCDF readers (CfRadial NetCDF-4 and NetCDF-3, ODIM_H5, GAMIC) on the real
 * files: h5wasm start-up, open (metadata + sweep index), and full read (geometry and every moment of
 * every sweep). Prints medians of wall and CPU time; asserts nothing (the machine is shared, so
 * timings are noisy: compare CPU time with wall time).
 *
 *   npm run bench:read-hdf5 -- [repeats]      (tsx bench/read-hdf5-netcdf.ts [repeats])
 */
import { loadavg } from 'node:os';
import type { OpenedVolume } from '../common/volume';
import { loadH5wasm } from '../main/io/hdf5/h5wasm-runtime';
import { openVolume } from '../main/io/open-volume';
import { radarFile, type RadarFileName } from '../test/support/radar-data';

const FILES: RadarFileName[] = [
  '40_20181220_060630.pvol.h5',
  'selul_pvol_201503300845.h5',
  '2014-08-10--182000.ppi.mvol',
  'cfrad.20211011_223602.712_to_20211011_223612.091_DOW8_RHI.nc',
  'cfrad.20211011_201733.023_to_20211011_201745.299_DOW8_RHI.nc',
  'MLL2217907250U.003.nc',
  'houkasacrcfrM1.a1.20210922.150006.nc',
  'houkasacrcfrM1.a1.20210922.150006.classic.nc',
  'example_plot_ppi_single_sweep.nc',
];
const REPEATS = Math.max(1, Number(process.argv[2] ?? 5));

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

async function readEverything(volume: OpenedVolume): Promise<number> {
  let bytes = 0;
  for (let s = 0; s < volume.header.sweeps.length; s++) {
    await volume.readGeometry(s);
    for (const m of volume.header.sweeps[s]!.moments) bytes += (await volume.readField(s, m)).data.byteLength;
  }
  return bytes;
}

async function measure(
  path: string,
): Promise<{ open: number; openCpu: number; full: number; fullCpu: number; mb: number }> {
  const open: number[] = [];
  const openCpu: number[] = [];
  const full: number[] = [];
  const fullCpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < REPEATS; i++) {
    let cpu = process.cpuUsage();
    let t = performance.now();
    const volume = await openVolume(path);
    open.push(performance.now() - t);
    openCpu.push(cpuMs(cpu));
    cpu = process.cpuUsage();
    t = performance.now();
    bytes = await readEverything(volume);
    full.push(performance.now() - t);
    fullCpu.push(cpuMs(cpu));
    volume.close();
  }
  return {
    open: median(open),
    openCpu: median(openCpu),
    full: median(full),
    fullCpu: median(fullCpu),
    mb: bytes / 2 ** 20,
  };
}

async function main(): Promise<void> {
  const t = performance.now();
  await loadH5wasm();
  console.log(`h5wasm start-up (once per thread): ${(performance.now() - t).toFixed(1)} ms`);
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; medians of ${REPEATS} runs\n`,
  );
  console.log(
    'file'.padEnd(64),
    'open ms (cpu)'.padStart(16),
    'full read ms (cpu)'.padStart(20),
    'decoded MiB'.padStart(12),
  );
  for (const name of FILES) {
    const path = await radarFile(name);
    await measure(path); // warm-up: JIT and the OS page cache
    const r = await measure(path);
    console.log(
      name.slice(0, 63).padEnd(64),
      `${r.open.toFixed(1)} (${r.openCpu.toFixed(0)})`.padStart(16),
      `${r.full.toFixed(1)} (${r.fullCpu.toFixed(0)})`.padStart(20),
      r.mb.toFixed(1).padStart(12),
    );
  }
}

void main();
