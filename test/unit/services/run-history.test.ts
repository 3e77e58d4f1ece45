/**
 * The run history survives restarts and crashes: one flushed line per run, a torn last line is skipped
 * on load and does not corrupt the next append; clear and export are atomic.
 */
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type RunRecord } from '../../../common/dealias';
import { RunHistory } from '../../../main/services/run-history';

function record(id: string, variant: RunRecord['variant'] = 'fused'): RunRecord {
  const timings = {
    readMs: 2,
    marshalInMs: 0.1,
    labelMs: 1,
    edgesMs: 2,
    mergeMs: 3,
    unwrapMs: 0.5,
    marshalOutMs: 0.1,
    totalMs: 7,
  };
  return {
    id,
    startedAt: '2026-11-22T01:00:00.000Z',
    status: 'done',
    file: '/data/KCRP20200101_000431_V06',
    fileName: 'KCRP20200101_000431_V06',
    velocityMoment: 'VRADH',
    sweeps: [6],
    variant,
    params: { ...DEFAULT_PARAMS },
    nyquist: [29.2],
    gateFilter: null,
    timings,
    engineBytesPeak: 123456,
    processRssPeakBytes: 98765432,
    regions: 42,
    gatesChanged: 1000,
    validGates: 50000,
    perSweep: [],
    warnings: ['a "quoted", comma warning'],
    appVersion: '0.1.0',
    engineVersion: 'test',
  };
}

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'unfold-history-'));

describe('RunHistory', () => {
  it('persists runs across instances (restarts)', async () => {
    const dir = tempDir();
    const first = new RunHistory(dir);
    await first.append(record('a'));
    await first.append(record('b', 'heap'));
    const second = new RunHistory(dir);
    expect((await second.list()).map((r) => [r.id, r.variant])).toEqual([
      ['a', 'fused'],
      ['b', 'heap'],
    ]);
  });

  it('skips a torn last line left by a crash and keeps appending on a fresh line', async () => {
    const dir = tempDir();
    const history = new RunHistory(dir);
    await history.append(record('a'));
    appendFileSync(history.file, JSON.stringify(record('torn')).slice(0, 40)); // crash mid-write
    const reloaded = new RunHistory(dir);
    const load = await reloaded.load();
    expect(load.runs.map((r) => r.id)).toEqual(['a']);
    expect(load.skippedLines).toBe(1);
    await reloaded.append(record('c'));
    const again = new RunHistory(dir);
    expect((await again.list()).map((r) => r.id)).toEqual(['a', 'c']);
  });

  it('serialises concurrent appends into whole lines', async () => {
    const dir = tempDir();
    const history = new RunHistory(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => history.append(record(`r${i}`))));
    const lines = readFileSync(history.file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(20);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('clears the history atomically', async () => {
    const dir = tempDir();
    const history = new RunHistory(dir);
    await history.append(record('a'));
    await history.clear();
    expect(await history.list()).toEqual([]);
    expect(await new RunHistory(dir).list()).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('exports CSV with RFC 4180 quoting and JSON that parses back', async () => {
    const dir = tempDir();
    const history = new RunHistory(dir);
    await history.append(record('a'));
    const csvPath = await history.exportTo('csv', join(dir, 'runs.csv'));
    const csv = readFileSync(csvPath, 'utf8').split('\r\n');
    expect(csv[0]).toContain('variant,sweeps');
    expect(csv[1]).toContain('"a ""quoted"", comma warning"');
    const jsonPath = await history.exportTo('json', join(dir, 'runs.json'));
    expect(JSON.parse(readFileSync(jsonPath, 'utf8'))[0].id).toBe('a');
  });

  it('names the file when an export cannot be written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const history = new RunHistory(dir);
    await expect(history.exportTo('csv', join(dir, 'not-a-folder', 'runs.csv'))).rejects.toThrow(
      /not-a-folder\/runs\.csv: the folder does not exist/,
    );
  });
});
