// Builds the C++ core tests and the fuzz harness with ASan + UBSan (cmake, into .cache/native-tests)
// and runs them. `npm run native:test`: all C++ tests plus a short fuzz run; prints the runner's
// `CPP TESTS: N passed, M failed` line (the fuzz run counts as one test). `npm run fuzz:dealias`:
// the fuzz harness only (`-- --long` for a long run, `-- --cases N --seed S` to choose).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const NATIVE = join(import.meta.dirname, '..');
// Outside native/: CMake writes files named *.ts (compiler_depend.ts) that the typecheck would pick up.
const BUILD = join(NATIVE, '..', '.cache', 'native-tests');
const args = process.argv.slice(2);
const fuzzOnly = args.includes('--fuzz');
const long = args.includes('--long');
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, {
    stdio: options.capture ? 'pipe' : 'inherit',
    encoding: 'utf8',
    ...options,
  });
  if (result.error) throw result.error;
  return result;
}

mkdirSync(BUILD, { recursive: true });
const configure = run('cmake', ['-S', NATIVE, '-B', BUILD, '-DCMAKE_BUILD_TYPE=RelWithDebInfo'], { capture: true });
if (configure.status !== 0) {
  process.stderr.write(configure.stdout + configure.stderr);
  console.log('CPP TESTS: 0 passed, 1 failed');
  process.exit(1);
}
const build = run('cmake', ['--build', BUILD, '--parallel', '2']);
if (build.status !== 0) {
  console.log('CPP TESTS: 0 passed, 1 failed');
  process.exit(1);
}

const env = { ...process.env, ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1', UBSAN_OPTIONS: 'print_stacktrace=1' };
const cases = option('--cases', long ? '20000' : fuzzOnly ? '2000' : '300');
const seed = option('--seed', String(fuzzOnly ? Date.now() % 1_000_000 : 1));
const fuzz = () => run(join(BUILD, 'fuzz_dealias'), [cases, seed], { env, capture: true });

if (fuzzOnly) {
  const result = fuzz();
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exit(result.status ?? 1);
}

const tests = run(join(BUILD, 'native_tests'), [], { env, capture: true });
process.stderr.write(tests.stderr);
const lines = tests.stdout.split('\n');
const summary = /CPP TESTS: (\d+) passed, (\d+) failed/.exec(tests.stdout);
process.stdout.write(lines.filter((l) => !l.startsWith('CPP TESTS')).join('\n'));
let passed = summary ? Number(summary[1]) : 0;
let failed = summary ? Number(summary[2]) : 1;
if (tests.status !== 0 && failed === 0) failed = 1; // a sanitizer abort ends the runner early
const fuzzResult = fuzz();
process.stdout.write(fuzzResult.stdout);
process.stderr.write(fuzzResult.stderr);
if (fuzzResult.status === 0) passed++;
else failed++;
console.log(`CPP TESTS: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
