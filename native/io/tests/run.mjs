// Builds the bzip2 core's command-line driver (tests/bzip2_driver.cc) with AddressSanitizer +
// UndefinedBehaviorSanitizer into .cache/native-io-tests and fuzzes it: mutated copies of real NEXRAD
// LDM records and of synthetic streams from Debian's bzip2 must decode or fail cleanly, never crash.
//   npm run fuzz:bzip2 [-- --cases N --seed S] [-- --build-only]
// The vitest suite (test/unit/io/bzip2-native-fuzz.test.ts) runs a short fuzz through this script and
// uses the sanitized driver's `decode` mode. Prints `FUZZ: N cases, ...`; exits non-zero on a finding.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const IO = join(import.meta.dirname, '..');
const ROOT = join(IO, '..', '..');
const BUILD = join(ROOT, '.cache', 'native-io-tests');
export const DRIVER = join(BUILD, 'bzip2_driver');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};

/** Rebuild the sanitized driver when any core or driver source is newer than it. */
function build() {
  const sources = [
    ...readdirSync(join(IO, 'core'))
      .filter((f) => f.endsWith('.cc'))
      .map((f) => join(IO, 'core', f)),
    join(IO, 'tests', 'bzip2_driver.cc'),
  ];
  const headers = readdirSync(join(IO, 'core'))
    .filter((f) => f.endsWith('.h'))
    .map((f) => join(IO, 'core', f));
  const newest = Math.max(...[...sources, ...headers].map((f) => statSync(f).mtimeMs));
  if (existsSync(DRIVER) && statSync(DRIVER).mtimeMs > newest) return;
  mkdirSync(BUILD, { recursive: true });
  const flags = ['-std=c++17', '-O1', '-g', '-Wall', '-Wextra', '-Werror', '-pthread'];
  const sanitize = ['-fsanitize=address,undefined', '-fno-sanitize-recover=all', '-fno-omit-frame-pointer'];
  const arch = process.arch === 'x64' ? ['-march=x86-64-v2'] : [];
  execFileSync('g++', [...flags, ...sanitize, ...arch, ...sources, '-o', DRIVER], { stdio: 'inherit' });
}

/** Fuzz seeds: a few real LDM records (the first file that is there) and synthetic streams. */
function seeds() {
  const dir = join(BUILD, 'seeds');
  mkdirSync(dir, { recursive: true });
  const files = [];
  const nexrad = [join(ROOT, '..', 'shared', 'data', 'radar', 'KLBB20160601_150025_V06')].find((p) => existsSync(p));
  if (nexrad) {
    const bytes = readFileSync(nexrad);
    const records = [];
    for (let pos = 24; pos + 4 <= bytes.length && records.length < 4;) {
      const size = Math.abs(bytes.readInt32BE(pos));
      records.push(bytes.subarray(pos + 4, pos + 4 + size));
      pos += 4 + size;
    }
    // the metadata record and a small radial record keep the cases quick under the sanitizers
    for (const i of [0, 3]) {
      const path = join(dir, `ldm-record-${i}.bz2`);
      writeFileSync(path, records[i]);
      files.push(path);
    }
  }
  const synthetic = [
    ['runs-level1-multiblock', 1, Buffer.from(Array.from({ length: 250_000 }, (_, i) => (i >> 9) & 0xff))],
    ['text-level9', 9, Buffer.from('Unfold reads NEXRAD Level II. '.repeat(2000))],
    ['all-bytes-level2', 2, Buffer.from(Array.from({ length: 40_000 }, (_, i) => (i * 7919) & 0xff))],
  ];
  for (const [name, level, data] of synthetic) {
    const path = join(dir, `${name}.bz2`);
    writeFileSync(path, execFileSync('bzip2', [`-${level}`, '-c'], { input: data }));
    files.push(path);
  }
  return files;
}

const isMain = process.argv[1] && import.meta.filename === process.argv[1];
if (isMain) {
  build();
  if (args.includes('--build-only')) process.exit(0);
  const cases = option('--cases', '3000');
  const seed = option('--seed', String(Date.now() % 1_000_000));
  const env = { ...process.env, ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1', UBSAN_OPTIONS: 'print_stacktrace=1' };
  const run = spawnSync(DRIVER, ['fuzz', cases, seed, ...seeds()], { env, encoding: 'utf8', stdio: 'pipe' });
  process.stdout.write(run.stdout ?? '');
  process.stderr.write(run.stderr ?? '');
  if (run.status !== 0) console.log(`FUZZ FAILED: exit ${run.status ?? run.signal} (seed ${seed})`);
  process.exit(run.status === 0 ? 0 : 1);
}
