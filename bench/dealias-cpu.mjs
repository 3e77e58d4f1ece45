// Builds native/tests/bench_driver.cc against the dealias core with the addon's optimisation flags
// (-O3, x86-64-v2; no sanitisers) into .cache/bench_dealias and runs it. It times thread CPU per
// volume, which other load on a shared machine barely disturbs, so engine changes can be compared
// across runs. `npm run bench:dealias-cpu -- [--variant fused] [--runs 7] [--only KLBB,DOW8] [--check]`
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const NATIVE = join(import.meta.dirname, '..', 'native');
const OUT_DIR = join(import.meta.dirname, '..', '.cache');
const BINARY = join(OUT_DIR, 'bench_dealias');

const core = readdirSync(join(NATIVE, 'core'))
  .filter((f) => f.endsWith('.cc'))
  .map((f) => join(NATIVE, 'core', f));
const flags = ['-std=c++17', '-O3', '-DNDEBUG'];
if (process.arch === 'x64') flags.push('-march=x86-64-v2');

mkdirSync(OUT_DIR, { recursive: true });
const sources = [...core, join(NATIVE, 'tests', 'npy.cc'), join(NATIVE, 'tests', 'bench_driver.cc')];
const build = spawnSync('g++', [...flags, ...sources, '-lz', '-o', BINARY], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(BINARY, process.argv.slice(2), { stdio: 'inherit' });
process.exit(run.status ?? 1);
