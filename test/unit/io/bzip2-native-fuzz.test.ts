/**
 * The bzip2 core under AddressSanitizer + UndefinedBehaviorSanitizer: `native/io/tests/run.mjs` builds
 * the command-line driver with both sanitizers and fuzzes it with mutated real LDM records and synthetic
 * streams (bit flips, truncations, splices, byte stores, small output caps). Any out-of-bounds access,
 * overflow or leak aborts the driver and fails this test. The sanitized driver's decode mode must also
 * agree with Debian's bzip2 on a multi-block stream. Longer runs: `npm run fuzz:bzip2 -- --cases N`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
const SCRIPT = join(ROOT, 'native', 'io', 'tests', 'run.mjs');
const DRIVER = join(ROOT, '.cache', 'native-io-tests', 'bzip2_driver');
const SANITIZER_ENV = { ...process.env, ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1' };

describe('bzip2 core under ASan + UBSan', () => {
  it('survives 2000 mutated streams: each decodes or is rejected, no sanitizer report', () => {
    const run = spawnSync('node', [SCRIPT, '--cases', '2000', '--seed', '20261122'], { encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/AddressSanitizer|runtime error|LeakSanitizer/);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const summary = /FUZZ: (\d+) cases, (\d+) decoded, (\d+) rejected/.exec(run.stdout);
    expect(summary).not.toBeNull();
    expect(Number(summary![2]) + Number(summary![3])).toBe(2000);
    expect(Number(summary![3])).toBeGreaterThan(1500); // nearly every mutation must be detected
  }, 180_000);

  it('the folding (PCLMULQDQ) CRC equals the table CRC on every length 0..4096 at several alignments', () => {
    const run = spawnSync(DRIVER, ['crc'], { encoding: 'utf8', env: SANITIZER_ENV });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^CRC: 40970 lengths agree \((pclmul|tables)\)/);
  });

  it('the sanitized driver decodes a multi-block stream exactly as bzip2 -d, and reports errors', () => {
    const data = Buffer.from(Array.from({ length: 350_000 }, (_, i) => ((i * 2654435761) >>> 13) & 0x3f));
    const compressed = spawnSync('bzip2', ['-1', '-c'], { input: data }).stdout;
    const decoded = spawnSync(DRIVER, ['decode'], { input: compressed, env: SANITIZER_ENV, maxBuffer: 1 << 26 });
    expect(decoded.status, decoded.stderr.toString()).toBe(0);
    expect(Buffer.compare(decoded.stdout, data)).toBe(0);
    const capped = spawnSync(DRIVER, ['decode', '1000'], { input: compressed, env: SANITIZER_ENV });
    expect(capped.status).toBe(2);
    expect(capped.stderr.toString()).toMatch(/^too-large: bzip2 output exceeds the limit of 1000 bytes/);
    const cut = spawnSync(DRIVER, ['decode'], {
      input: compressed.subarray(0, compressed.length >> 1),
      env: SANITIZER_ENV,
    });
    expect(cut.status).toBe(2);
    expect(cut.stderr.toString()).toMatch(/^truncated: /);
  });
});
