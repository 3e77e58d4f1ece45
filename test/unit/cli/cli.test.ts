/**
 * The `unfold` command, run as a user runs it (node bin/unfold.js → the built out/main/cli.js) on real
 * files. Expected figures come from Py-ART's reference runs (reference.json), not from our own output.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { workerScript } from '../../support/built-app';
import { radarFile } from '../../support/radar-data';
import { referenceRuns } from '../../support/reference';

const ROOT = resolve(__dirname, '../../..');
const BIN = join(ROOT, 'bin/unfold.js');
const SAMPLE = join(ROOT, 'resources/sample/KCRP20200101_000431_V06');

function unfold(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const reference = (name: string) => referenceRuns().find((r) => r.name === name)!.meta;
const unfoldedGates = (name: string): number =>
  reference(name).per_sweep.reduce((sum, s) => sum + ((s['gates_unfolded'] as number | undefined) ?? 0), 0);

beforeAll(() => {
  workerScript(); // the CLI is a build product: fail clearly if `npm run build` did not run
});

describe('unfold CLI', () => {
  it('prints help for the tool and for every command', () => {
    const top = unfold('--help');
    expect(top.code).toBe(0);
    for (const command of ['info', 'dealias', 'compare', 'batch']) {
      expect(top.stdout).toContain(command);
      const help = unfold(command, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`usage: unfold ${command}`);
    }
  });

  it('info --json reports the sweeps and Nyquist Py-ART reads', () => {
    const { code, stdout } = unfold('info', SAMPLE, '--json');
    expect(code).toBe(0);
    const header = JSON.parse(stdout);
    const ref = reference('KCRP20200101_000431_V06');
    expect(header.sweeps).toHaveLength(ref.nsweeps);
    expect(header.sweeps.map((s: { nyquist: number }) => s.nyquist.toFixed(2))).toEqual(
      ref.nyquist_per_sweep.map((n) => n.toFixed(2)),
    );
    expect(header.site.name).toBe('KCRP');
  });

  it('dealias changes exactly the gates Py-ART unfolds and writes a CfRadial that ncdump reads', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'unfold-cli-')), 'kcrp.nc');
    const { code, stdout, stderr } = unfold('dealias', SAMPLE, '--variant', 'heap', '--out', out, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const run = JSON.parse(stdout);
    expect(run.gatesChanged).toBe(unfoldedGates('KCRP20200101_000431_V06'));
    expect(run.timings.labelMs).toBeGreaterThan(0);
    expect(run.engineBytesPeak).toBeGreaterThan(0);
    expect(run.output).toBe(out);
    const ncdump = spawnSync('ncdump', ['-h', out], { encoding: 'utf8' });
    if (ncdump.error) throw new Error('ncdump (Debian netcdf-bin) is needed for this test');
    expect(ncdump.stdout).toContain('float corrected_velocity(time, range)');
  });

  it('compare puts variants side by side with full fold agreement', () => {
    const file = SAMPLE;
    const { code, stdout } = unfold(
      'compare',
      file,
      '--variants',
      'sparse,heap,fused,parallel',
      '--sweeps',
      '1,7',
      '--json',
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.variants.map((v: { variant: string }) => v.variant)).toEqual(['sparse', 'heap', 'fused', 'parallel']);
    for (const v of result.variants) {
      expect(v.ok).toBe(true);
      expect(v.differingGates).toBe(0);
      expect(v.totalMs).toBeGreaterThan(0);
    }
  });

  it('batch processes every file, reports the broken one by name and exits non-zero', async () => {
    const input = mkdtempSync(join(tmpdir(), 'unfold-batch-in-'));
    const output = join(mkdtempSync(join(tmpdir(), 'unfold-batch-out-')), 'corrected');
    copyFileSync(await radarFile('SUR210819000227.RAWKPJV'), join(input, 'SUR210819000227.RAWKPJV'));
    copyFileSync(await radarFile('MLL2217907250U.003.nc'), join(input, 'MLL2217907250U.003.nc'));
    // A truncated NEXRAD volume: recognised by its magic bytes, but broken.
    writeFileSync(join(input, 'KBAD20200101_000000_V06'), Buffer.from('AR2V0006.001\0\0\0\0\0\0\0\0\0\0\0\0'));
    const { code, stdout } = unfold('batch', input, '--out', output, '--jobs', '2');
    expect(code).toBe(1);
    expect(stdout).toMatch(/ok\s+SUR210819000227\.RAWKPJV/);
    expect(stdout).toMatch(/ok\s+MLL2217907250U\.003\.nc/);
    expect(stdout).toMatch(/FAILED\s+KBAD20200101_000000_V06: KBAD20200101_000000_V06: /);
    expect(stdout).toContain('2 of 3 files dealiased');
    expect(readdirSync(output).sort()).toEqual(['MLL2217907250U.003.unfold.nc', 'SUR210819000227.RAWKPJV.unfold.nc']);
  });

  it('reports errors on stderr with a non-zero exit: missing file, bad option, unknown command', () => {
    const missing = unfold('info', '/nonexistent/radar.nc');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('radar.nc: no such file');
    const badVariant = unfold('dealias', SAMPLE, '--variant', 'quantum');
    expect(badVariant.code).toBe(2);
    expect(badVariant.stderr).toContain('--variant must be one of');
    const badParam = unfold('dealias', SAMPLE, '--param', 'interval_splits=0');
    expect(badParam.code).toBe(2);
    expect(badParam.stderr).toContain('intervalSplits');
    expect(unfold('frobnicate', SAMPLE).code).toBe(2);
    expect(existsSync(SAMPLE)).toBe(true);
  });
});
