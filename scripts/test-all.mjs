#!/usr/bin/env node
// `npm test`: every check the project has, in dependency order, then one closing line
// `N passed, N failed` that counts individual tests (vitest cases, C++ test cases) and each
// non-test check (lint, typecheck, builds) as one. Exits non-zero if anything failed.
// Options: --skip=<step,...> to leave steps out while iterating (CI never passes it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const reportDir = join(root, 'test-results');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });
const skip = new Set((process.argv.find((a) => a.startsWith('--skip='))?.slice(7) ?? '').split(',').filter(Boolean));

let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args, options = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: options.capture ? 'pipe' : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '1', ...options.env },
  });
  if (options.capture) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
  }
  console.log(
    `=== ${label}: ${result.status === 0 ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return result;
}

/** A check that is not itself a test suite counts as one test. */
function check(label, command, args) {
  if (skip.has(label)) return console.log(`\n=== ${label}: skipped (--skip)`);
  const ok = run(label, command, args).status === 0;
  if (ok) passed++;
  else {
    failed++;
    failures.push(label);
  }
}

/** A vitest run: counts come from its JSON report. */
function vitest(label, vitestArgs) {
  if (skip.has(label)) return console.log(`\n=== ${label}: skipped (--skip)`);
  const report = join(reportDir, `${label}.json`);
  const result = run(label, 'npx', [
    'vitest',
    'run',
    ...vitestArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  if (!existsSync(report)) {
    failed++;
    failures.push(`${label} (no report, exit ${result.status})`);
    return;
  }
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  passed += summary.numPassedTests;
  failed += summary.numFailedTests;
  // A suite that fails to load has no failed tests but still fails the run.
  const brokenSuites = (summary.testResults ?? []).filter(
    (f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed'),
  ).length;
  failed += brokenSuites;
  if (summary.numFailedTests > 0 || brokenSuites > 0 || result.status !== 0) {
    failures.push(`${label}: ${summary.numFailedTests} failed tests, ${brokenSuites} suites that did not load`);
    if (summary.numFailedTests === 0 && brokenSuites === 0 && result.status !== 0) failed++;
  }
}

/** The C++ core tests print `CPP TESTS: N passed, M failed`. */
function cppTests(label) {
  if (skip.has(label)) return console.log(`\n=== ${label}: skipped (--skip)`);
  const result = run(label, 'npm', ['run', '--silent', 'native:test'], { capture: true });
  const match = /CPP TESTS: (\d+) passed, (\d+) failed/.exec(`${result.stdout}${result.stderr}`);
  if (!match) {
    failed++;
    failures.push(`${label}: no CPP TESTS line (exit ${result.status})`);
    return;
  }
  passed += Number(match[1]);
  failed += Number(match[2]);
  if (Number(match[2]) > 0 || result.status !== 0) {
    failures.push(`${label}: ${match[2]} failed`);
    if (Number(match[2]) === 0) failed++;
  }
}

check('lint', 'npm', ['run', '--silent', 'lint']);
check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
check('native-build', 'npm', ['run', '--silent', 'native:build']);
cppTests('native-tests');
check('app-build', 'npm', ['run', '--silent', 'build']);
vitest('unit', ['--project', 'unit']);
vitest('component', ['--project', 'component']);
vitest('e2e', ['--project', 'e2e']);
vitest('electron', ['--project', 'electron']);

console.log('');
if (failures.length > 0) console.log(`Failed: ${failures.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
